package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.MeasureKinds;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.method.Significance;
import fi.tilannekuva.method.TrendTest;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.when;

/**
 * Gold {@code situational_picture} (one row per quarter × area, the headline measures side by side) and
 * {@code attention} (areas significantly worse than the country and getting worse, per measure). Quarterly
 * measures show the quarter; yearly ones the latest year with figures (not after the year following the quarter's:
 * funding is set in advance), and say which. Every null has its reason in the measure's {@code _note}.
 */
public final class SituationalPicture {

    public static final String TABLE = "situational_picture";
    public static final String ATTENTION = "attention";

    public static final TableSchema ATTENTION_SCHEMA = new TableSchema()
            .column("quarter", DataTypes.StringType, "The situational picture's quarter.")
            .column("area_code", DataTypes.StringType, "Area code (areas).")
            .column("measure_id", DataTypes.StringType, "Measure id (measure_catalogue).")
            .column("period", DataTypes.StringType, "Period of the figure (the quarter, or the year used).")
            .column("value", DataTypes.DoubleType, "The area's figure (standardised where the measure is).")
            .column("national_value", DataTypes.DoubleType, "The country's figure.")
            .column("assessment", DataTypes.StringType, "worse or much_worse than the country, by the measure's polarity.")
            .column("trend_assessment", DataTypes.StringType, "worsening, or not_computed when the change basis applies.")
            .column("change_year", DataTypes.DoubleType, "Change against the same period a year earlier.")
            .column("basis", DataTypes.StringType,
                    "trend: a significant worsening five-period trend; change_year: no trend computable, but significantly worse than a year earlier.")
            .column("run_id", DataTypes.StringType, "The run that computed the row.");

    private SituationalPicture() {
    }

    /** The picture's columns: quarter and area, then per headline measure its group, then the attention list. */
    public static TableSchema schema(List<AppConfig.Measure> headline) {
        TableSchema s = new TableSchema()
                .column("quarter", DataTypes.StringType, "The quarter of the picture.")
                .column("area_code", DataTypes.StringType, "Area code; SSS the whole country.")
                .column("area_name_fi", DataTypes.StringType, "Area name in Finnish.")
                .column("area_name_sv", DataTypes.StringType, "Area name in Swedish.")
                .column("area_name_en", DataTypes.StringType, "Area name in English.");
        for (AppConfig.Measure m : headline) {
            String n = m.name().en() + ": ";
            String id = m.id();
            s.column(id + "_period", DataTypes.StringType, n + "period of the figure (the quarter, or the latest year used).")
                    .column(id + "_value", DataTypes.DoubleType, n + "the figure, " + m.unit().en()
                            + (m.method() == MeasureKinds.Method.STANDARDISED_RATE ? " (age- and sex-standardised)." : "."))
                    .column(id + "_index", DataTypes.DoubleType, n + (m.needsAdjustment() == MeasureKinds.NeedsAdjustment.NONE
                            ? "index, country = 100." : "needs-adjusted index (the crude rate's index / need coefficient), country = 100."))
                    .column(id + "_significance", DataTypes.StringType, n + "against the country: much_higher, higher, similar, lower, much_lower, not_compared.")
                    .column(id + "_assessment", DataTypes.StringType, n + "significance by polarity: much_better, better, similar, worse, much_worse, not_compared, not_assessed.")
                    .column(id + "_change", DataTypes.DoubleType, n + "change against the same period a year earlier.")
                    .column(id + "_change_significance", DataTypes.StringType, n + "z test of the change with both figures' standard errors: much_higher, higher, similar, lower, much_lower, not_compared.")
                    .column(id + "_trend", DataTypes.StringType, n + "five-period trend by polarity: improving, worsening, stable, not_computed.")
                    .column(id + "_stale", DataTypes.BooleanType, n + "true when the figure is older than the catalogue's freshness limit, or the area has none.")
                    .column(id + "_note", DataTypes.StringType, n + "why any of the group's figures is null (suppression, no data, a partial period), else null.");
        }
        return s.column("attention", DataTypes.createArrayType(DataTypes.StringType),
                        "Headline measures on which the area is significantly worse than the country and getting worse (see attention).")
                .column("run_id", DataTypes.StringType, "The run that computed the row.");
    }

    /**
     * Rows of the comparison that the picture of {@code quarter} shows: the quarter for quarterly measures, the
     * latest year with any figure for yearly ones (see {@link Freshness#notAfter}). Adds {@code figure}.
     */
    public static Dataset<Row> chosenRows(Dataset<Row> comparison, Dataset<Row> catalogue, Quarter quarter) {
        Dataset<Row> rows = comparison.join(broadcast(catalogue.select("measure_id", "method", "higher_is_better",
                        "needs_adjustment", "update_cycle")), "measure_id")
                .withColumn("figure", ComparisonMeasures.figure(col("method")));
        Dataset<Row> yearly = rows.where(col("update_cycle").equalTo("yearly").and(col("figure").isNotNull())
                        .and(Freshness.notAfter(col("period"), col("source"), quarter)))
                .groupBy("measure_id").agg(max_by(col("period"), col("period").cast("int")).as("_chosen"));
        return rows.join(yearly, new String[]{"measure_id"}, "left")
                .where(when(col("update_cycle").equalTo("quarterly"), col("period").equalTo(quarter.toString()))
                        .otherwise(col("period").equalTo(col("_chosen"))))
                .drop("_chosen");
    }

    /**
     * @param chosen    the quarter's {@link #chosenRows}
     * @param freshness this quarter's {@link Freshness} rows
     * @param attention this quarter's attention rows ({@link #attention})
     */
    public static Dataset<Row> compute(Dataset<Row> chosen, Dataset<Row> areas, Dataset<Row> freshness,
                                       Dataset<Row> attention, List<AppConfig.Measure> headline, Quarter quarter,
                                       String runId) {
        Dataset<Row> picture = areas.select(col("area_code"), col("name_fi").as("area_name_fi"),
                col("name_sv").as("area_name_sv"), col("name_en").as("area_name_en"));
        for (AppConfig.Measure m : headline) {
            picture = picture.join(group(chosen, freshness, m), new String[]{"area_code"}, "left");
            // An area the comparison has no row for (e.g. the country of a measure without a national figure).
            picture = picture.withColumn(m.id() + "_significance", coalesce(col(m.id() + "_significance"), lit(Significance.NOT_COMPARED)))
                    .withColumn(m.id() + "_assessment", coalesce(col(m.id() + "_assessment"), lit(Significance.NOT_COMPARED)))
                    .withColumn(m.id() + "_change_significance", coalesce(col(m.id() + "_change_significance"), lit(Significance.NOT_COMPARED)))
                    .withColumn(m.id() + "_trend", coalesce(col(m.id() + "_trend"), lit(TrendTest.NOT_COMPUTED)))
                    .withColumn(m.id() + "_stale", coalesce(col(m.id() + "_stale"), lit(true)))
                    .withColumn(m.id() + "_note", when(col(m.id() + "_value").isNull().or(col(m.id() + "_index").isNull())
                                    .or(col(m.id() + "_change").isNull()).or(col(m.id() + "_period").isNull()),
                            coalesce(col(m.id() + "_note"), lit("no figure for the area in comparison"))));
        }
        Dataset<Row> flagged = attention.groupBy("area_code")
                .agg(sort_array(collect_list("measure_id")).as("attention"));
        List<String> headlineIds = headline.stream().map(AppConfig.Measure::id).toList();
        Dataset<Row> out = picture.join(flagged, new String[]{"area_code"}, "left")
                .withColumn("attention", coalesce(filter(col("attention"),
                        x -> x.isin(headlineIds.toArray())), array().cast("array<string>")))
                .withColumn("quarter", lit(quarter.toString()))
                .withColumn("run_id", lit(runId));
        return schema(headline).conform(out);
    }

    /** One measure's column group per area, with the reasons for its nulls. */
    private static Dataset<Row> group(Dataset<Row> chosen, Dataset<Row> freshness, AppConfig.Measure m) {
        String id = m.id();
        boolean adjusted = m.needsAdjustment() != MeasureKinds.NeedsAdjustment.NONE;
        Column index = adjusted ? col("needs_adjusted_index") : col("index");
        Column noIndex = col("figure").isNotNull().and(index.isNull()).and(col(ComparisonTable.PARTIAL).unary_$bang());
        Column indexReason = adjusted
                ? when(noIndex.and(col("need_coefficient").isNull()),
                        lit("no THL need coefficient for the area (areas outside the funding act, such as Åland, have none)"))
                .when(noIndex, lit("no national figure to index against"))
                : when(noIndex, lit("no national figure to index against"));
        Column valueReason = when(col("figure").isNull(), when(col("suppressed"), lit("suppressed (small numbers)"))
                .otherwise(coalesce(col("no_data_reason"), lit("no data"))));
        Column partialReason = when(col(ComparisonTable.PARTIAL), concat(lit("partial period, not compared: "),
                coalesce(col(ComparisonTable.COVERAGE_NOTE), lit("less than the whole period"))));
        Column changeReason = when(col("figure").isNotNull().and(col("change_year").isNull())
                        .and(col(ComparisonTable.PARTIAL).unary_$bang()),
                concat(lit("no figure for "), col("year_ago_period"), lit(" to compare with")));
        Dataset<Row> stale = freshness.where(col("measure_id").equalTo(id)).select(col("area_code"), col("stale").as(id + "_stale"));
        return chosen.where(col("measure_id").equalTo(id))
                .select(col("area_code"),
                        col("period").as(id + "_period"),
                        col("figure").as(id + "_value"),
                        index.as(id + "_index"),
                        col("significance").as(id + "_significance"),
                        col("assessment").as(id + "_assessment"),
                        col("change_year").as(id + "_change"),
                        col("change_year_significance").as(id + "_change_significance"),
                        col("trend_assessment").as(id + "_trend"),
                        array_compact(array(partialReason, valueReason, indexReason, changeReason)).as("_reasons"))
                .withColumn(id + "_note", when(size(col("_reasons")).gt(0),
                        concat_ws("; ", col("_reasons"))))
                .drop("_reasons")
                .join(stale, new String[]{"area_code"}, "left");
    }

    /**
     * Areas significantly worse than the country by the measure's polarity and getting worse: a worsening trend,
     * or — where no five-period trend can be computed yet — a significant worsening against a year earlier.
     */
    public static Dataset<Row> attention(Dataset<Row> chosenRows, Quarter quarter, String runId) {
        Dataset<Row> chosen = chosenRows
                .where(col("area_code").notEqual(Area.COUNTRY))
                .withColumn("_change_assessment", Significance.assessment(col("change_year_significance"), col("higher_is_better")));
        Column worse = Significance.isWorse(col("assessment"));
        Column byTrend = col("trend_assessment").equalTo(TrendTest.WORSENING);
        Column byChange = col("trend_assessment").equalTo(TrendTest.NOT_COMPUTED)
                .and(Significance.isWorse(col("_change_assessment")));
        return ATTENTION_SCHEMA.conform(chosen.where(worse.and(byTrend.or(byChange)))
                .withColumn("value", col("figure"))
                .withColumn("basis", when(byTrend, lit("trend")).otherwise(lit("change_year")))
                .withColumn("quarter", lit(quarter.toString()))
                .withColumn("run_id", lit(runId)));
    }

    /** The headline measures, in catalogue order. */
    public static List<AppConfig.Measure> headline(List<AppConfig.Measure> measures) {
        List<AppConfig.Measure> out = new ArrayList<>();
        measures.stream().filter(AppConfig.Measure::headline).forEach(out::add);
        return out;
    }
}
