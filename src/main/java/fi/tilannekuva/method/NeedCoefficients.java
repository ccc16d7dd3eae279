package fi.tilannekuva.method;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * THL's need coefficients (tarvekertoimet), METHODS.md §4. For sector s (health, social, elderly):
 * {@code need_s(area) = β_s0 + Σ_i β_si · x_i(area)} (β from the need model, the intercept being the
 * {@code Vakiotermi} row; x the factor shares; a factor missing from a sector's model contributes nothing);
 * {@code health = need_health(area) / need_health(SSS)}, social likewise,
 * {@code elderly = need_elderly(area) / need_elderly(SSS) · share65(area) / share65(SSS)} (the elderly model is per
 * resident aged 65 or more), and {@code total = w_h · health + w_s · social + w_e · elderly}.
 */
public final class NeedCoefficients {

    private static final List<String> OLD_BANDS = StandardPopulation.AGE_GROUPS.subList(13, 18);

    private NeedCoefficients() {
    }

    /**
     * Needs per year and area.
     *
     * @param model   {@code year, row, beta_health, beta_social, beta_elderly, is_intercept}
     * @param factors {@code year, row, area_code, value}
     * @return {@code year, area_code, need_health, need_social, need_elderly}
     */
    public static Dataset<Row> needs(Dataset<Row> model, Dataset<Row> factors) {
        Dataset<Row> slopes = factors.join(model.where(col("is_intercept").unary_$bang()), new String[]{"year", "row"})
                .groupBy("year", "area_code")
                .agg(term("beta_health").as("_h"), term("beta_social").as("_s"), term("beta_elderly").as("_e"));
        Dataset<Row> intercepts = model.where(col("is_intercept")).groupBy("year")
                .agg(sum(coalesce(col("beta_health"), lit(0.0))).as("_h0"),
                        sum(coalesce(col("beta_social"), lit(0.0))).as("_s0"),
                        sum(coalesce(col("beta_elderly"), lit(0.0))).as("_e0"));
        return slopes.join(intercepts, new String[]{"year"}, "left")
                .select(col("year"), col("area_code"),
                        col("_h").plus(coalesce(col("_h0"), lit(0.0))).as("need_health"),
                        col("_s").plus(coalesce(col("_s0"), lit(0.0))).as("need_social"),
                        col("_e").plus(coalesce(col("_e0"), lit(0.0))).as("need_elderly"));
    }

    private static Column term(String beta) {
        return sum(coalesce(col(beta), lit(0.0)).multiply(col("value")));
    }

    /**
     * The share of residents aged 65 or more per year and area from population rows ({@code year, area_code,
     * age_group, population}); the country's share over {@code funded} areas (the need model's country).
     */
    public static Dataset<Row> share65(Dataset<Row> population, List<String> funded) {
        Column old = when(col("age_group").isin(OLD_BANDS.toArray()), col("population")).otherwise(lit(0L));
        Dataset<Row> areas = population.where(col("area_code").notEqual(Area.COUNTRY))
                .groupBy("year", "area_code").agg(sum(old).as("_old"), sum("population").as("_all"));
        Dataset<Row> country = areas.where(col("area_code").isin(funded.toArray())).groupBy("year")
                .agg(sum("_old").as("_old"), sum("_all").as("_all")).withColumn("area_code", lit(Area.COUNTRY));
        return areas.unionByName(country).select(col("year"), col("area_code"),
                col("_old").cast("double").divide(col("_all").cast("double")).as("share_65_plus"));
    }

    /**
     * Coefficients per year and area (the country's are 1).
     *
     * @param needs  from {@link #needs}
     * @param share65 from {@link #share65}; elderly and total are null for a year or area without it
     */
    public static Dataset<Row> coefficients(Dataset<Row> needs, Dataset<Row> share65, AppConfig.FundingSettings w) {
        Dataset<Row> nat = needs.where(col("area_code").equalTo(Area.COUNTRY)).select(col("year"),
                col("need_health").as("_nh"), col("need_social").as("_ns"), col("need_elderly").as("_ne"));
        Dataset<Row> natShare = share65.where(col("area_code").equalTo(Area.COUNTRY))
                .select(col("year"), col("share_65_plus").as("_n65"));
        Column health = col("need_health").divide(col("_nh"));
        Column social = col("need_social").divide(col("_ns"));
        Column elderly = col("need_elderly").divide(col("_ne")).multiply(col("share_65_plus")).divide(col("_n65"));
        return needs.join(nat, new String[]{"year"})
                .join(share65, new String[]{"year", "area_code"}, "left")
                .join(natShare, new String[]{"year"}, "left")
                .withColumn("health", health)
                .withColumn("social", social)
                .withColumn("elderly", elderly)
                .withColumn("total", lit(w.healthWeight()).multiply(col("health"))
                        .plus(lit(w.socialWeight()).multiply(col("social")))
                        .plus(lit(w.elderlyWeight()).multiply(col("elderly"))))
                .drop("_nh", "_ns", "_ne", "_n65");
    }

    /**
     * Where a year's model and factors do not fit together: every model row must have a factor share for every
     * area of that year, the country included. Returns one message per year that does not fit, naming the rows.
     */
    public static List<String> misfits(Dataset<Row> model, Dataset<Row> factors) {
        Dataset<Row> areas = factors.select("year", "area_code").distinct()
                .unionByName(model.select("year").distinct().withColumn("area_code", lit(Area.COUNTRY)))
                .distinct();
        Dataset<Row> expected = model.where(col("is_intercept").unary_$bang()).select("year", "row").distinct()
                .join(areas, "year");
        Dataset<Row> missing = expected.join(factors.select("year", "row", "area_code"),
                new String[]{"year", "row", "area_code"}, "left_anti");
        List<String> out = new ArrayList<>();
        for (Row r : missing.groupBy("year").agg(
                        org.apache.spark.sql.functions.sort_array(org.apache.spark.sql.functions.collect_set("row")).as("rows"),
                        org.apache.spark.sql.functions.sort_array(org.apache.spark.sql.functions.collect_set("area_code")).as("areas"))
                .orderBy("year").collectAsList()) {
            List<Integer> rows = r.getList(1);
            List<String> areaList = r.getList(2);
            out.add("need model and factors of " + r.getInt(0) + " do not fit: rows "
                    + rows.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "))
                    + (rows.size() > 10 ? " (" + rows.size() + " rows)" : "")
                    + " of need_model_" + r.getInt(0) + ".csv have no share in need_factors_" + r.getInt(0)
                    + ".csv for areas " + String.join(", ", areaList));
        }
        return out;
    }
}
