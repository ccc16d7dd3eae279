package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.method.CrudeRate;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Date;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

/**
 * Gold {@code tray_traffic}: per quarter and area, the service tray's front-page visits, page loads and wellbeing
 * surveys, and visits per 1,000 residents. An area whose tray was not yet launched, or that sent no data, has
 * null figures and a status saying which: no data is never zero. The country row sums the areas that reported.
 */
public final class TrayTraffic {

    public static final String TABLE = "tray_traffic";
    public static final String SOURCE = "traffic";
    public static final String COMPLETE = "complete";
    public static final String PARTIAL = "partial";
    public static final String NO_DATA = "no_data";
    public static final String NOT_LAUNCHED = "not_launched";
    public static final String NO_TRAY = "no_tray";
    public static final String NATIONAL = "national_sum";

    public static final TableSchema SCHEMA = new TableSchema()
            .column("period", DataTypes.StringType, "Quarter, e.g. 2025Q4.")
            .column("area_code", DataTypes.StringType, "Statistics Finland area code; SSS = the areas that reported the whole quarter, summed.")
            .column("tray_id", DataTypes.StringType, "The area's service tray in the quarter (traffic/trays.csv).")
            .column("platform", DataTypes.StringType, "tarmoa (the national tray) or own (the county's own tray); all for the country.")
            .column("launched_on", DataTypes.DateType, "When the tray was launched; null while piloting.")
            .column("data_status", DataTypes.StringType,
                    "complete (3 months), partial (1-2 months), no_data (launched, nothing sent), not_launched, no_tray, national_sum.")
            .column("months_reported", DataTypes.LongType, "How many months of the quarter the figures cover.")
            .column("front_page_visits", DataTypes.LongType, "Visits to the tray's front page; null when no data or suppressed.")
            .column("page_loads", DataTypes.LongType, "Page loads on the tray; null when no data or suppressed.")
            .column("wellbeing_surveys", DataTypes.LongType, "Wellbeing surveys completed (Tarmoa only; own trays' analytics do not count them).")
            .column("population", DataTypes.LongType, "Residents on 31 December of population_year (for the country: of the areas summed).")
            .column("population_year", DataTypes.IntegerType, "Year of the population.")
            .column("visits_per_1000", DataTypes.DoubleType, "front_page_visits per 1,000 residents.")
            .column("areas_reporting", DataTypes.LongType, "Country row: how many areas' figures are summed (those with all three months; a partial quarter is not summed).")
            .column("suppressed", DataTypes.BooleanType, "True when the row's counts are withheld: one is 1-4, or would let such a count be worked out from the country's sum.")
            .column("no_data_reason", DataTypes.StringType, "Why the figures are null when not suppressed.")
            .column("run_id", DataTypes.StringType, "The run that computed the row.");

    private TrayTraffic() {
    }

    /** Per area, the tray in use at the end of {@code quarter} (the latest launched by then), else its planned tray. */
    public static Dataset<Row> traysOf(Dataset<Row> trays, Quarter quarter) {
        Column launched = coalesce(col("launched_on").leq(lit(Date.valueOf(quarter.lastDay()))), lit(false));
        return trays.withColumn("launched", launched)
                .withColumn("_n", row_number().over(Window.partitionBy("area_code")
                        .orderBy(col("launched").desc(), col("launched_on").desc_nulls_last(), col("tray_id"))))
                .where(col("_n").equalTo(1))
                .select("area_code", "tray_id", "platform", "launched_on", "launched");
    }

    /**
     * @param traysOfQuarter    the tray in use per area at the end of the quarter ({@link #traysOf})
     * @param areaCodes         every area but the country
     * @param populationTotals  {@code year, area_code, population}
     */
    public static Dataset<Row> compute(SparkSession spark, Dataset<Row> traysOfQuarter, Optional<Dataset<Row>> tarmoa,
                                       Optional<Dataset<Row>> analytics, Quarter quarter, List<String> areaCodes,
                                       Dataset<Row> populationTotals, int populationYear,
                                       AppConfig.SuppressionRule rule, String runId) {
        String period = quarter.toString();
        Dataset<Row> reported = null;
        if (tarmoa.isPresent()) {
            reported = tarmoa.get().where(col("period").equalTo(period)).groupBy("area_code").agg(
                    sum("front_page_visits").as("front_page_visits"), sum("page_loads").as("page_loads"),
                    sum("wellbeing_surveys").as("wellbeing_surveys"), countDistinct("month_start").as("months_reported"));
        }
        if (analytics.isPresent()) {
            Dataset<Row> own = analytics.get().where(col("period").equalTo(period)).groupBy("area_code").agg(
                    sum(when(col("page").equalTo("/"), col("visits")).otherwise(0)).as("front_page_visits"),
                    sum("pageviews").as("page_loads"), lit(null).cast("long").as("wellbeing_surveys"),
                    countDistinct(trunc(col("date"), "month")).as("months_reported"));
            reported = reported == null ? own : reported.unionByName(own);
        }
        Dataset<Row> areas = spark.createDataset(areaCodes, Encoders.STRING()).toDF("area_code");
        Dataset<Row> rows = areas.join(broadcast(traysOfQuarter), new String[]{"area_code"}, "left");
        if (reported != null) {
            // An area that changed platform within the quarter has rows of both: they add up.
            Dataset<Row> perArea = reported.groupBy("area_code").agg(sum("front_page_visits").as("front_page_visits"),
                    sum("page_loads").as("page_loads"), sum("wellbeing_surveys").as("wellbeing_surveys"),
                    max("months_reported").as("months_reported"));
            rows = rows.join(perArea, new String[]{"area_code"}, "left");
        } else {
            rows = rows.withColumn("front_page_visits", lit(null).cast("long"))
                    .withColumn("page_loads", lit(null).cast("long"))
                    .withColumn("wellbeing_surveys", lit(null).cast("long"))
                    .withColumn("months_reported", lit(null).cast("long"));
        }
        Dataset<Row> population = populationTotals.where(col("year").equalTo(populationYear))
                .select(col("area_code"), col("population"));
        rows = rows.withColumn("months_reported", coalesce(col("months_reported"), lit(0L)))
                .withColumn("data_status", when(col("months_reported").geq(3), lit(COMPLETE))
                        .when(col("months_reported").gt(0), lit(PARTIAL))
                        .when(col("tray_id").isNull(), lit(NO_TRAY))
                        .when(col("launched").unary_$bang(), lit(NOT_LAUNCHED))
                        .otherwise(lit(NO_DATA)))
                .withColumn("no_data_reason", when(col("data_status").equalTo(NO_TRAY),
                                lit("the area has no service tray in traffic/trays.csv"))
                        .when(col("data_status").equalTo(NOT_LAUNCHED), when(col("launched_on").isNull(),
                                        lit("the tray has no launch date yet (piloting)"))
                                .otherwise(concat(lit("the tray was launched on "), col("launched_on").cast("string"),
                                        lit(", after the quarter"))))
                        .when(col("data_status").equalTo(NO_DATA), lit("the tray sent no traffic data for " + period)))
                .join(population, new String[]{"area_code"}, "left")
                .withColumn("areas_reporting", lit(null).cast("long"));
        // A partial quarter is published for its area but not summed: the country covers the complete areas only.
        Dataset<Row> withData = rows.where(col("data_status").equalTo(COMPLETE));
        Dataset<Row> national = withData.agg(sum("front_page_visits").as("front_page_visits"),
                        sum("page_loads").as("page_loads"), sum("wellbeing_surveys").as("wellbeing_surveys"),
                        sum("population").as("population"), max("months_reported").as("months_reported"),
                        count(lit(1)).as("areas_reporting"))
                .where(col("areas_reporting").gt(0))
                .withColumn("area_code", lit(Area.COUNTRY))
                .withColumn("tray_id", lit(null).cast("string"))
                .withColumn("platform", lit("all"))
                .withColumn("launched_on", lit(null).cast("date"))
                .withColumn("data_status", lit(NATIONAL))
                .withColumn("no_data_reason", lit(null).cast("string"));
        Dataset<Row> all = rows.drop("launched").unionByName(national)
                .withColumn("period", lit(period))
                .withColumn("population_year", lit(populationYear))
                .withColumn("visits_per_1000", CrudeRate.per1000(col("front_page_visits"), col("population")));
        // Each count has the country's sum over the complete areas as its total; a row is withheld as a whole.
        Column inSum = col("data_status").isin(COMPLETE, NATIONAL);
        Dataset<Row> suppressed = Disclosure.protect(all, rule, List.of("period", "area_code"),
                        List.of("front_page_visits", "page_loads", "wellbeing_surveys"),
                        List.of(new Disclosure.Totals(List.of("period"), "area_code", Area.COUNTRY, inSum)),
                        List.of("visits_per_1000"))
                .withColumn("run_id", lit(runId));
        return SCHEMA.conform(suppressed);
    }

    /**
     * The {@code comparison} rows: tray_visits_per_1000 per area and for the country; a partial quarter says what
     * it covers.
     */
    public static Dataset<Row> comparisonRows(Dataset<Row> traffic, String runId) {
        return ComparisonTable.base(traffic
                .withColumn(ComparisonTable.PARTIAL, col("data_status").equalTo(PARTIAL))
                .withColumn(ComparisonTable.COVERAGE_NOTE, when(col("data_status").equalTo(PARTIAL),
                        concat(col("months_reported").cast("string"), lit(" of 3 months of tray traffic reported")))
                        .when(col("data_status").equalTo(NATIONAL),
                                concat(lit("areas summed: "), col("areas_reporting").cast("string"),
                                        lit(" (those that reported the whole quarter)"))))
                .withColumn("measure_id", lit("tray_visits_per_1000"))
                .withColumn("numerator", col("front_page_visits"))
                .withColumn("denominator", col("population"))
                .withColumn("value", col("visits_per_1000"))
                .withColumn("no_data_reason", when(col("value").isNull().and(col("suppressed").unary_$bang()),
                        coalesce(col("no_data_reason"), lit("no population for the area"))))
                .withColumn(ComparisonTable.NO_DATA_CODE, when(col("no_data_reason").isNotNull(),
                        when(col("data_status").isin(NO_TRAY, NOT_LAUNCHED, NO_DATA), col("data_status")).otherwise(lit("no_population"))))
                .withColumn("data_period", col("period"))
                .withColumn("denominator_period", col("population_year").cast("string"))
                .withColumn("source", lit(SOURCE))
                .withColumn("run_id", lit(runId)));
    }
}
