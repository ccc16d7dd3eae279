package fi.tilannekuva.source.traffic;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.Disclosure;
import fi.tilannekuva.method.CrudeRate;
import fi.tilannekuva.method.SqlArithmetic;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.warehouse.Cells;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
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
        // Spark sums what the trays sent (rows per day and page); the table is worked out from the sums per area.
        Map<String, Row> perArea = new HashMap<>();
        if (reported != null) {
            // An area that changed platform within the quarter has rows of both: they add up.
            reported.groupBy("area_code").agg(sum("front_page_visits").as("front_page_visits"),
                            sum("page_loads").as("page_loads"), sum("wellbeing_surveys").as("wellbeing_surveys"),
                            max("months_reported").as("months_reported"))
                    .collectAsList().forEach(r -> perArea.put(r.getString(0), r));
        }
        Map<String, Row> trayOf = new HashMap<>();
        traysOfQuarter.collectAsList().forEach(t -> trayOf.put(t.getAs("area_code"), t));
        Map<String, Long> population = new HashMap<>();
        populationTotals.where(col("year").equalTo(populationYear).and(col("population").isNotNull()))
                .select("area_code", "population").collectAsList()
                .forEach(r -> population.put(r.getString(0), Cells.longOf(r, 1)));

        List<Traffic> rows = new ArrayList<>();
        for (String area : areaCodes) {
            Row tray = trayOf.get(area);
            Row sent = perArea.get(area);
            long months = sent == null || sent.isNullAt(4) ? 0 : sent.getLong(4);
            String status = months >= 3 ? COMPLETE : months > 0 ? PARTIAL : tray == null ? NO_TRAY
                    : !tray.<Boolean>getAs("launched") ? NOT_LAUNCHED : NO_DATA;
            Date launchedOn = tray == null ? null : tray.getAs("launched_on");
            String reason = switch (status) {
                case NO_TRAY -> "the area has no service tray in traffic/trays.csv";
                case NOT_LAUNCHED -> launchedOn == null ? "the tray has no launch date yet (piloting)"
                        : "the tray was launched on " + launchedOn + ", after the quarter";
                case NO_DATA -> "the tray sent no traffic data for " + period;
                default -> null;
            };
            rows.add(new Traffic(area, tray == null ? null : tray.getAs("tray_id"), tray == null ? null : tray.getAs("platform"),
                    launchedOn, status, months, Cells.longOrNull(sent, 1), Cells.longOrNull(sent, 2), Cells.longOrNull(sent, 3),
                    population.get(area), null, reason));
        }
        // A partial quarter is published for its area but not summed: the country covers the complete areas only.
        List<Traffic> complete = rows.stream().filter(t -> COMPLETE.equals(t.status())).toList();
        if (!complete.isEmpty()) {
            rows.add(new Traffic(Area.COUNTRY, null, "all", null, NATIONAL,
                    complete.stream().mapToLong(Traffic::months).max().orElse(0),
                    sumOf(complete, Traffic::frontPageVisits), sumOf(complete, Traffic::pageLoads),
                    sumOf(complete, Traffic::wellbeingSurveys), sumOf(complete, Traffic::population),
                    (long) complete.size(), null));
        }
        // Each count has the country's sum over the complete areas as its total; a row is withheld as a whole.
        Map<String, Function<Traffic, Long>> counts = new LinkedHashMap<>();
        counts.put("front_page_visits", Traffic::frontPageVisits);
        counts.put("page_loads", Traffic::pageLoads);
        counts.put("wellbeing_surveys", Traffic::wellbeingSurveys);
        Set<Traffic> withheld = Disclosure.withheld(rows, rule, t -> List.of(period, t.area()), counts,
                List.of(new Disclosure.Sum<>(t -> List.of(period), t -> Area.COUNTRY.equals(t.area()),
                        t -> COMPLETE.equals(t.status()) || NATIONAL.equals(t.status()))));
        List<Row> out = new ArrayList<>();
        for (Traffic t : rows) {
            boolean hidden = withheld.contains(t);
            TableSchema.RowBuilder row = SCHEMA.row().set("period", period).set("area_code", t.area())
                    .set("tray_id", t.trayId()).set("platform", t.platform()).set("launched_on", t.launchedOn())
                    .set("data_status", t.status()).set("months_reported", t.months()).set("population", t.population())
                    .set("population_year", populationYear).set("areas_reporting", t.areasReporting())
                    .set("suppressed", hidden).set("no_data_reason", t.reason()).set("run_id", runId);
            if (!hidden) {
                row.set("front_page_visits", t.frontPageVisits()).set("page_loads", t.pageLoads())
                        .set("wellbeing_surveys", t.wellbeingSurveys())
                        .set("visits_per_1000", t.frontPageVisits() == null ? null
                                : CrudeRate.per1000(t.frontPageVisits(), t.population()));
            }
            out.add(row.build());
        }
        return SCHEMA.frame(spark, out);
    }

    /** One row of the table before protection. */
    private record Traffic(String area, String trayId, String platform, Date launchedOn, String status, long months,
                           Long frontPageVisits, Long pageLoads, Long wellbeingSurveys, Long population,
                           Long areasReporting, String reason) {
    }


    private static Long sumOf(List<Traffic> rows, Function<Traffic, Long> value) {
        Long sum = null;
        for (Traffic t : rows) {
            sum = SqlArithmetic.plus(sum, value.apply(t));
        }
        return sum;
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
