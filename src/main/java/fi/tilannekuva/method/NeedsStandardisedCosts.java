package fi.tilannekuva.method;

import fi.tilannekuva.config.Area;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Needs-standardised expenditure (tarvevakioidut menot, METHODS.md §4): {@code cost_pc = net operating cost /
 * population}, {@code index = 100 · cost_pc(area) / cost_pc(SSS)}, and for the sectors the need coefficients
 * describe {@code needs_adjusted_index = index / coefficient(area)}: health by the health-care coefficient, social by
 * the social-welfare one, elderly by the elderly-care one, and their sum ({@value #SOCIAL_AND_HEALTH}) by the total
 * coefficient. Rescue services, other costs and the sum of every sector ({@value #TOTAL}) are shown as they are,
 * indexed but not needs-adjusted. The country is the sum of the funded areas and is 100 on every index.
 */
public final class NeedsStandardisedCosts {

    /** Every sector, rescue and other included: shown as it is. */
    public static final String TOTAL = "total";
    /** Health, social and elderly care: the costs the need coefficients describe. */
    public static final String SOCIAL_AND_HEALTH = "social_and_health";
    /** The sectors in {@link #SOCIAL_AND_HEALTH}, each with the coefficient column that adjusts it. */
    public static final Map<String, String> ADJUSTED = Map.of("health", "health", "social", "social",
            "elderly", "elderly", SOCIAL_AND_HEALTH, "total");

    private NeedsStandardisedCosts() {
    }

    /**
     * @param costs        {@code area_code, sector, net_operating_cost_eur} of one year (country rows are ignored)
     * @param population   {@code area_code, population}
     * @param coefficients {@code area_code, health, social, elderly, total}
     * @param funded       the funded areas: the country's cost and population are their sums
     * @return {@code area_code, sector, net_operating_cost_eur, population, cost_per_resident_eur, index,
     *         need_coefficient, needs_adjusted_index}: the sectors, {@code social_and_health} and {@code total}
     */
    public static Dataset<Row> compute(Dataset<Row> costs, Dataset<Row> population, Dataset<Row> coefficients,
                                       List<String> funded) {
        Dataset<Row> bySector = costs.where(col("area_code").isin(funded.toArray()))
                .groupBy("area_code", "sector").agg(sum("net_operating_cost_eur").as("net_operating_cost_eur"));
        List<String> careSectors = ADJUSTED.keySet().stream().filter(k -> !k.equals(SOCIAL_AND_HEALTH)).toList();
        Dataset<Row> withTotals = bySector
                .unionByName(bySector.where(col("sector").isin(careSectors.toArray())).groupBy("area_code")
                        .agg(sum("net_operating_cost_eur").as("net_operating_cost_eur"))
                        .withColumn("sector", lit(SOCIAL_AND_HEALTH)))
                .unionByName(bySector.groupBy("area_code")
                        .agg(sum("net_operating_cost_eur").as("net_operating_cost_eur")).withColumn("sector", lit(TOTAL)));
        Dataset<Row> pop = population.where(col("area_code").isin(funded.toArray()))
                .select("area_code", "population");
        Dataset<Row> areas = withTotals.join(pop, "area_code");
        Dataset<Row> country = areas.groupBy("sector")
                .agg(sum("net_operating_cost_eur").as("net_operating_cost_eur"), sum("population").as("population"))
                .withColumn("area_code", lit(Area.COUNTRY));
        Dataset<Row> all = areas.unionByName(country)
                .withColumn("cost_per_resident_eur", col("net_operating_cost_eur").divide(col("population")));
        Dataset<Row> national = all.where(col("area_code").equalTo(Area.COUNTRY))
                .select(col("sector"), col("cost_per_resident_eur").as("_national"));
        Column coefficient = lit(null).cast("double");
        for (Map.Entry<String, String> e : ADJUSTED.entrySet()) {
            coefficient = when(col("sector").equalTo(e.getKey()), col("_c_" + e.getValue())).otherwise(coefficient);
        }
        Dataset<Row> coef = coefficients.select(col("area_code"), col("health").as("_c_health"),
                col("social").as("_c_social"), col("elderly").as("_c_elderly"), col("total").as("_c_total"));
        // The country's coefficient is 1 by construction: its needs-adjusted index is its index, 100.
        return all.join(national, "sector")
                .withColumn("index", ComparisonIndex.of(col("cost_per_resident_eur"), col("_national")))
                .join(coef, new String[]{"area_code"}, "left")
                .withColumn("need_coefficient", coefficient)
                .withColumn("needs_adjusted_index", ComparisonIndex.needsAdjusted(col("index"), col("need_coefficient")))
                .drop("_national", "_c_health", "_c_social", "_c_elderly", "_c_total");
    }
}
