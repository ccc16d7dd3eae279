package fi.tilannekuva.method;

import fi.tilannekuva.config.Area;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.Map;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The calculated funding of a funding year (laskennallinen rahoitus, METHODS.md §5). For criterion k with share
 * {@code share_k} of the national total {@code T}: {@code unit_price_k = share_k · T / Σ_funded base_k · coefficient_k}
 * and {@code amount_k(area) = unit_price_k · base_k(area) · coefficient_k(area)}, so that each criterion distributes
 * exactly its share. For the three need criteria the base is the population and the coefficient the area's need
 * coefficient re-normalised to a population-weighted mean of 1 over the funded areas. Beside the unit price it
 * publishes the act's per-resident basic price {@code basic_price_k = share_k · T / population(funded)} and the
 * area's relative coefficient {@code (base_k · coefficient_k / population)(area) / (the same, funded areas)}, so that
 * {@code amount = basic_price · population · relative_coefficient} reconciles with the Ministry of Finance's figures
 * (for the population and need criteria the two prices are equal).
 */
public final class FundingCalculation {

    private FundingCalculation() {
    }

    /**
     * @param criteria     {@code criterion, share_percent, national_total_eur} of the funding year
     * @param bases        {@code area_code, criterion, base, coefficient} of the criteria that are not need-based
     * @param coefficients {@code area_code, health, social, elderly}: the need coefficients the year uses (funded areas)
     * @param population   {@code area_code, population}: the funded areas' residents
     * @param needCriteria need criterion → coefficient column ({@code need_health → health}, …)
     * @return one row per area and criterion: {@code area_code, criterion, share_percent, national_total_eur,
     *         criterion_total_eur, base, coefficient_raw, coefficient, unit_price_eur, basic_price_eur,
     *         relative_coefficient, amount_eur, population, amount_per_resident_eur}
     */
    public static Dataset<Row> allocate(Dataset<Row> criteria, Dataset<Row> bases, Dataset<Row> coefficients,
                                        Dataset<Row> population, Map<String, String> needCriteria) {
        Dataset<Row> need = null;
        // One need criterion's rows are all the funded areas: the weighted mean is taken over them.
        WindowSpec all = Window.partitionBy("criterion");
        for (Map.Entry<String, String> e : needCriteria.entrySet()) {
            Column raw = col(e.getValue());
            Dataset<Row> rows = coefficients.join(population, "area_code")
                    .select(col("area_code"), lit(e.getKey()).as("criterion"),
                            col("population").cast("double").as("base"), raw.as("coefficient_raw"))
                    // Re-normalised so that the population-weighted mean over the funded areas is 1.
                    .withColumn("coefficient", col("coefficient_raw").multiply(sum("base").over(all))
                            .divide(sum(col("base").multiply(col("coefficient_raw"))).over(all)));
            need = need == null ? rows : need.unionByName(rows);
        }
        Dataset<Row> other = bases.where(col("criterion").isin(needCriteria.keySet().toArray()).unary_$bang())
                .select(col("area_code"), col("criterion"), col("base").cast("double").as("base"),
                        lit(null).cast("double").as("coefficient_raw"), col("coefficient").cast("double").as("coefficient"));
        Dataset<Row> cells = need == null ? other : need.unionByName(other);
        WindowSpec perCriterion = Window.partitionBy("criterion");
        return cells.join(criteria, "criterion")
                .withColumn("criterion_total_eur", col("share_percent").divide(100).multiply(col("national_total_eur")))
                .withColumn("_weighted_base", sum(col("base").multiply(col("coefficient"))).over(perCriterion))
                .withColumn("unit_price_eur", col("criterion_total_eur").divide(col("_weighted_base")))
                .withColumn("amount_eur", col("unit_price_eur").multiply(col("base")).multiply(col("coefficient")))
                .join(population, "area_code")
                .withColumn("_residents", sum("population").over(perCriterion))
                .withColumn("basic_price_eur", col("criterion_total_eur").divide(col("_residents")))
                .withColumn("relative_coefficient", col("base").multiply(col("coefficient")).divide(col("population"))
                        .divide(col("_weighted_base").divide(col("_residents"))))
                .withColumn("amount_per_resident_eur", col("amount_eur").divide(col("population")))
                .drop("_weighted_base", "_residents");
    }

    /**
     * Each area's total over its criteria, as a row with criterion {@code total}, and the country's (SSS): the
     * funded areas' amounts and residents summed.
     */
    public static Dataset<Row> totals(Dataset<Row> allocation) {
        Dataset<Row> areas = allocation.groupBy("area_code", "population").agg(sum("amount_eur").as("amount_eur"));
        Dataset<Row> country = areas.agg(sum("amount_eur").as("amount_eur"), sum("population").as("population"))
                .withColumn("area_code", lit(Area.COUNTRY));
        return areas.unionByName(country)
                .withColumn("criterion", lit("total"))
                .withColumn("amount_per_resident_eur", col("amount_eur").divide(col("population")));
    }

    /**
     * The difference from the official calculation ({@code area_code, criterion, amount_eur}) where one is given:
     * {@code official_amount_eur, difference_eur, reconciliation} ({@code reconciled} within {@code toleranceEur},
     * {@code differs}, or {@code no official figure}).
     */
    public static Dataset<Row> reconcile(Dataset<Row> allocation, Dataset<Row> official, double toleranceEur) {
        Dataset<Row> off = official.select(col("area_code"), col("criterion"), col("amount_eur").as("official_amount_eur"));
        Column diff = col("amount_eur").minus(col("official_amount_eur"));
        return allocation.join(off, new String[]{"area_code", "criterion"}, "left")
                .withColumn("difference_eur", diff)
                .withColumn("reconciliation", when(col("official_amount_eur").isNull(), lit("no official figure"))
                        .when(abs(diff).leq(toleranceEur), lit("reconciled")).otherwise(lit("differs")));
    }
}
