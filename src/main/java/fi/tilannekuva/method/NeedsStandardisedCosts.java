package fi.tilannekuva.method;

import fi.tilannekuva.area.Area;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Needs-standardised expenditure (tarvevakioidut menot, METHODS.md §4): {@code cost_pc = net operating cost /
 * population}, {@code index = 100 · cost_pc(area) / cost_pc(SSS)}, {@code needs_adjusted_index = index / tk(area)}
 * with the area's total need coefficient; the country is the sum of the funded areas and is 100 on both.
 */
public final class NeedsStandardisedCosts {

    public static final String TOTAL = "total";

    private NeedsStandardisedCosts() {
    }

    /**
     * @param costs        {@code area_code, sector, net_operating_cost_eur} of one year (country rows are ignored)
     * @param population   {@code area_code, population}
     * @param coefficients {@code area_code, total}
     * @param funded       the funded areas: the country's cost and population are their sums
     * @return {@code area_code, sector, net_operating_cost_eur, population, cost_per_resident_eur, index,
     *         need_coefficient, needs_adjusted_index}, sectors and {@code total}
     */
    public static Dataset<Row> compute(Dataset<Row> costs, Dataset<Row> population, Dataset<Row> coefficients,
                                       List<String> funded) {
        Dataset<Row> bySector = costs.where(col("area_code").isin(funded.toArray()))
                .groupBy("area_code", "sector").agg(sum("net_operating_cost_eur").as("net_operating_cost_eur"));
        Dataset<Row> withTotal = bySector.unionByName(bySector.groupBy("area_code")
                .agg(sum("net_operating_cost_eur").as("net_operating_cost_eur")).withColumn("sector", lit(TOTAL)));
        Dataset<Row> pop = population.where(col("area_code").isin(funded.toArray()))
                .select("area_code", "population");
        Dataset<Row> areas = withTotal.join(pop, "area_code");
        Dataset<Row> country = areas.groupBy("sector")
                .agg(sum("net_operating_cost_eur").as("net_operating_cost_eur"), sum("population").as("population"))
                .withColumn("area_code", lit(Area.COUNTRY));
        Dataset<Row> all = areas.unionByName(country)
                .withColumn("cost_per_resident_eur", col("net_operating_cost_eur").divide(col("population")));
        Dataset<Row> national = all.where(col("area_code").equalTo(Area.COUNTRY))
                .select(col("sector"), col("cost_per_resident_eur").as("_national"));
        Dataset<Row> coef = coefficients.select(col("area_code"), col("total").as("need_coefficient"));
        return all.join(national, "sector")
                .withColumn("index", ComparisonIndex.of(col("cost_per_resident_eur"), col("_national")))
                .join(coef, new String[]{"area_code"}, "left")
                .withColumn("needs_adjusted_index", ComparisonIndex.needsAdjusted(col("index"), col("need_coefficient")))
                .drop("_national");
    }
}
