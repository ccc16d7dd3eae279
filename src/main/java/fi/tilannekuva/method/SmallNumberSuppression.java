package fi.tilannekuva.method;

import fi.tilannekuva.config.AppConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Small-number disclosure control (METHODS.md §6). Primary: counts from 1 to {@code min-count − 1} are
 * suppressed, with everything derived from them; zero is published. Secondary: when exactly one cell under a
 * published total is suppressed, the total minus the other cells would reveal it, so the next smallest non-zero
 * cell is suppressed too (ties broken by cell key, so the choice is reproducible). Cells already suppressed by an
 * earlier pass over another total (rows that carry {@code suppressed}) count as suppressed here, so passes over the
 * totals of a two-way table can be chained until no cell is recoverable ({@link #untilStable}).
 */
public final class SmallNumberSuppression {

    public static final String SUPPRESSED = "suppressed";
    public static final String REASON = "suppression_reason";
    /** A count of 1 to min-count − 1. */
    public static final String SMALL_COUNT = "small_count";
    /** Suppressed so that a small count cannot be worked out from the total by subtraction. */
    public static final String SECONDARY = "secondary";

    private SmallNumberSuppression() {
    }

    /**
     * @param rows       one row per cell, with a {@code numerator} count
     * @param groups     columns identifying one table (e.g. period and measure): a total and its cells
     * @param cell       the column telling cells apart (e.g. area_code)
     * @param totalKey   the value of {@code cell} that marks the total (e.g. SSS)
     * @param derived    columns derived from the count that are nulled with it (the numerator always is)
     */
    public static Dataset<Row> apply(Dataset<Row> rows, AppConfig.SuppressionRule rule, List<String> groups,
                                     String cell, String totalKey, List<String> derived) {
        Column n = col("numerator");
        boolean earlier = Arrays.asList(rows.columns()).contains(SUPPRESSED);
        Column small = coalesce(n.geq(1).and(n.lt(rule.minCount())), lit(false));
        Column before = earlier ? coalesce(col(SUPPRESSED), lit(false)) : lit(false);
        Column primary = small.or(before);
        Column isTotal = col(cell).equalTo(totalKey);
        Column eligible = isTotal.unary_$bang().and(primary.unary_$bang()).and(n.gt(0));
        Column[] groupCols = groups.stream().map(c -> col(c)).toArray(Column[]::new);
        WindowSpec table = Window.partitionBy(groupCols);
        WindowSpec smallestFirst = Window.partitionBy(groupCols)
                .orderBy(when(eligible, 0).otherwise(1), n, col(cell));
        Dataset<Row> marked = rows
                .withColumn("_primary", primary)
                .withColumn("_primary_cells", sum(when(isTotal.unary_$bang().and(primary), 1).otherwise(0)).over(table))
                .withColumn("_total_published", max(when(isTotal.and(primary.unary_$bang()), 1).otherwise(0)).over(table))
                .withColumn("_rank", row_number().over(smallestFirst))
                .withColumn("_secondary", coalesce(lit(rule.secondary())
                        .and(col("_primary_cells").equalTo(1))
                        .and(col("_total_published").equalTo(1))
                        .and(eligible).and(col("_rank").equalTo(1)), lit(false)))
                .withColumn("_reason", earlier ? col(REASON) : lit(null).cast("string"))
                .withColumn(SUPPRESSED, col("_primary").or(col("_secondary")))
                .withColumn(REASON, when(col("_reason").isNotNull(), col("_reason"))
                        .when(col("_primary"), lit(SMALL_COUNT)).when(col("_secondary"), lit(SECONDARY)));
        marked = marked.withColumn("numerator", when(col(SUPPRESSED), lit(null)).otherwise(n));
        for (String d : derived) {
            marked = marked.withColumn(d, when(col(SUPPRESSED), lit(null)).otherwise(col(d)));
        }
        return marked.drop("_primary", "_primary_cells", "_total_published", "_rank", "_secondary", "_reason");
    }

    /**
     * Applies {@code passes} in turn, again and again, until a round suppresses nothing new: for tables with more
     * than one published total over the same cells (answers within an area, areas within the country).
     * Each pass must keep the rows' columns and the {@code suppressed} flag of earlier passes.
     */
    public static Dataset<Row> untilStable(Dataset<Row> rows, List<UnaryOperator<Dataset<Row>>> passes,
                                           int maxRounds) {
        // A pass may read its input more than once (a table and the rows outside it): computed once, not per read.
        Dataset<Row> current = rows.localCheckpoint();
        long suppressed = -1;
        for (int round = 0; round < maxRounds; round++) {
            for (UnaryOperator<Dataset<Row>> pass : passes) {
                current = pass.apply(current);
            }
            // Checkpointing each round keeps the plan from growing with every pass.
            current = current.localCheckpoint();
            long now = current.where(col(SUPPRESSED)).count();
            if (now == suppressed) {
                return current;
            }
            suppressed = now;
        }
        return current;
    }
}
