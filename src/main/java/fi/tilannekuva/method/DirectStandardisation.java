package fi.tilannekuva.method;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Directly age–sex standardised rates (METHODS.md §2) with Dobson's intervals (§3):
 * {@code DSR = m · Σ w_i O_i/n_i / Σ w_i} over the standard's strata, {@code var = m² · Σ O_i w_i²/n_i² / (Σ w_i)²}.
 * A stratum without residents adds nothing to the sum (its weight still counts in Σ w_i). The rate and its
 * limits are withheld below {@link #MIN_OBSERVED} events: too few to standardise.
 */
public final class DirectStandardisation {

    /** A DSR is not published when the total count is below this (METHODS.md §3). */
    public static final int MIN_OBSERVED = 10;

    public static final String OBSERVED = "observed";
    public static final String RATE = "standardised_value";
    public static final String VARIANCE = "standardised_variance";

    private DirectStandardisation() {
    }

    /**
     * @param counts     the groups (including {@code areaColumn}), the strata and {@code observed}; strata
     *                   without events may be absent
     * @param population {@code areaColumn}, the strata and {@code population}
     * @param standard   the strata and {@code weight} (see {@link StandardPopulation})
     * @param multiplier 1,000 for a rate per 1,000
     * @return the groups, {@code observed} (Σ O_i), {@code standardised_value}, {@code standardised_variance} and
     *         the limits of both {@link ConfidenceLevel}s; the rate and limits null below {@link #MIN_OBSERVED}
     */
    public static Dataset<Row> rates(Dataset<Row> counts, Dataset<Row> population, Dataset<Row> standard,
                                     List<String> groups, String areaColumn, List<String> strata, double multiplier) {
        List<String> keys = new ArrayList<>(groups);
        keys.addAll(strata);
        List<String> areaAndStrata = new ArrayList<>(strata);
        areaAndStrata.add(0, areaColumn);
        Dataset<Row> grid = counts.select(groups.stream().map(c -> col(c)).toArray(Column[]::new)).distinct()
                .crossJoin(broadcast(standard.select(strataAndWeight(strata))));
        Dataset<Row> cells = grid
                .join(counts.select(keyAndObserved(keys)), keys.toArray(String[]::new), "left")
                .join(population.select(areaAndStrataAndPopulation(areaAndStrata)), areaAndStrata.toArray(String[]::new), "left")
                .withColumn(OBSERVED, coalesce(col(OBSERVED), lit(0L)));
        Column n = col("population").cast("double");
        Column o = col(OBSERVED).cast("double");
        Column w = col("weight").cast("double");
        Column populated = n.gt(0);
        Dataset<Row> sums = cells.groupBy(groups.stream().map(c -> col(c)).toArray(Column[]::new)).agg(
                sum(o).as("_o"),
                sum(w).as("_w"),
                sum(when(populated, w.multiply(o).divide(n)).otherwise(0.0)).as("_wr"),
                sum(when(populated, o.multiply(pow(w, 2)).divide(pow(n, 2))).otherwise(0.0)).as("_wv"));
        Column enough = col("_o").geq(MIN_OBSERVED);
        Dataset<Row> rates = sums
                .withColumn(OBSERVED, col("_o").cast("long"))
                .withColumn(RATE, when(enough, lit(multiplier).multiply(col("_wr")).divide(col("_w"))))
                .withColumn(VARIANCE, when(enough, lit(multiplier * multiplier).multiply(col("_wv"))
                        .divide(pow(col("_w"), 2))));
        for (ConfidenceLevel level : ConfidenceLevel.values()) {
            rates = rates
                    .withColumn(level.lower(), DobsonInterval.lower(col(RATE), col(VARIANCE), col("_o"), level))
                    .withColumn(level.upper(), DobsonInterval.upper(col(RATE), col(VARIANCE), col("_o"), level));
        }
        return rates.drop("_o", "_w", "_wr", "_wv");
    }

    private static Column[] strataAndWeight(List<String> strata) {
        List<Column> c = new ArrayList<>(strata.stream().map(s -> col(s)).toList());
        c.add(col("weight"));
        return c.toArray(Column[]::new);
    }

    private static Column[] keyAndObserved(List<String> keys) {
        List<Column> c = new ArrayList<>(keys.stream().map(s -> col(s)).toList());
        c.add(col(OBSERVED));
        return c.toArray(Column[]::new);
    }

    private static Column[] areaAndStrataAndPopulation(List<String> keys) {
        List<Column> c = new ArrayList<>(keys.stream().map(s -> col(s)).toList());
        c.add(col("population"));
        return c.toArray(Column[]::new);
    }
}
