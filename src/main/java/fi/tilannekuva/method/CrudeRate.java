package fi.tilannekuva.method;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/** Crude rate per 1,000 residents: {@code 1000 · count / population} (METHODS.md §2). */
public final class CrudeRate {

    private CrudeRate() {
    }

    /** Null when the population is missing or not positive: a rate needs a denominator. */
    public static Column per1000(Column count, Column population) {
        return when(population.gt(0), lit(1000.0).multiply(count.cast("double")).divide(population.cast("double")));
    }
}
