package fi.tilannekuva.method;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Index against the country (country = 100) and the needs-adjusted index (METHODS.md §4):
 * {@code index = 100 · value / national value}; {@code needs_adjusted_index = index / need coefficient} — the
 * health-care coefficient for visit rates, the total coefficient for costs.
 */
public final class ComparisonIndex {

    private ComparisonIndex() {
    }

    /** 100 · (value / national): in this order the country's own index is exactly 100 (100 · x / x need not be). */
    public static double of(double value, double national) {
        return 100.0 * (value / national);
    }

    public static double needsAdjusted(double index, double coefficient) {
        return index / coefficient;
    }

    /** Null when either is null or the national value is 0. */
    public static Column of(Column value, Column national) {
        return when(national.notEqual(0), lit(100.0).multiply(value.divide(national)));
    }

    /** Null when either is null or the coefficient is 0. */
    public static Column needsAdjusted(Column index, Column coefficient) {
        return when(coefficient.notEqual(0), index.divide(coefficient));
    }
}
