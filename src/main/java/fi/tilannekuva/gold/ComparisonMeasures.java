package fi.tilannekuva.gold;

import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.MeasureKinds.Interval;
import fi.tilannekuva.config.MeasureKinds.Method;
import fi.tilannekuva.config.MeasureKinds.NeedsAdjustment;
import fi.tilannekuva.method.ComparisonIndex;
import fi.tilannekuva.method.ConfidenceLevel;
import fi.tilannekuva.method.PoissonInterval;
import fi.tilannekuva.method.Ranking;
import fi.tilannekuva.method.Significance;
import fi.tilannekuva.method.TrendTest;
import fi.tilannekuva.method.WilsonInterval;
import fi.tilannekuva.period.Periods;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

/**
 * Everything {@code comparison} derives from a source's figures, in one place and the same for every source:
 * confidence limits by the catalogue's interval method, national value, index, needs-adjusted index,
 * significance, rank, change against a year earlier and the previous period, and the five-period trend.
 * The figure compared is the standardised value for standardised measures, else the value.
 */
public final class ComparisonMeasures {

    private ComparisonMeasures() {
    }

    /**
     * Completes {@code slice} (rows in {@link ComparisonTable#BASE}) to {@link ComparisonTable#SCHEMA}.
     *
     * @param slice        the rows being written
     * @param history      other periods' rows of the same measures (for changes and trends), {@code BASE} columns
     * @param catalogue    {@link MeasureCatalogue#rows} — every measure of {@code slice} must be in it
     * @param coefficients {@code year, area_code, health, total} from {@code need_coefficients}; may be empty
     */
    public static Dataset<Row> complete(Dataset<Row> slice, Dataset<Row> history, Dataset<Row> catalogue,
                                        Dataset<Row> coefficients) {
        Dataset<Row> all = ComparisonTable.base(slice).withColumn("_new", lit(true))
                .unionByName(ComparisonTable.base(history).withColumn("_new", lit(false)))
                .join(broadcast(catalogue.select(col("measure_id"), col("higher_is_better").as("_higher"),
                        col("method").as("_method"), col("interval_method").as("_interval"),
                        col("multiplier").as("_multiplier"), col("needs_adjustment").as("_adjustment"))),
                        new String[]{"measure_id"}, "left");
        // Materialised once: the national value and the changes join these rows with themselves, and the
        // history behind them is read from the comparison table.
        all = intervals(all.withColumn("_figure", figure(col("_method")))).localCheckpoint();

        Dataset<Row> national = all.where(col("area_code").equalTo(Area.COUNTRY))
                .select(col("period"), col("measure_id"), col("_figure").as("national_value"),
                        col("value").as("_national_crude"));
        // A partial figure (METHODS.md §7) is published, but not set against the country, ranked or tested.
        Column complete = col(ComparisonTable.PARTIAL).unary_$bang();
        all = all.join(national, new String[]{"period", "measure_id"}, "left")
                .withColumn("index", when(complete, ComparisonIndex.of(col("_figure"), col("national_value"))))
                .withColumn("_crude_index", when(complete, ComparisonIndex.of(col("value"), col("_national_crude"))));
        all = needsAdjusted(all, coefficients);

        Column isArea = col("area_code").notEqual(Area.COUNTRY);
        all = all.withColumn("significance", when(isArea.and(complete), Significance.against(col("national_value"),
                        col("lower_95"), col("upper_95"), col("lower_998"), col("upper_998")))
                        .otherwise(lit(Significance.NOT_COMPARED)))
                .withColumn("assessment", Significance.assessment(col("significance"), col("_higher")));
        all = Ranking.among(all, List.of("period", "measure_id"), col("_figure"),
                coalesce(col("_higher"), lit(true)), isArea.and(complete));

        all = changes(all.localCheckpoint());
        all = all.withColumn("trend", TrendTest.of(collect_list(when(valid(), struct(
                        col("_ordinal").as("x"), col("_figure").as("value"), col("lower_95").as("lower"),
                        col("upper_95").as("upper")))).over(Window.partitionBy("area_code", "measure_id", "_quarterly")
                        .orderBy("_ordinal").rangeBetween(-(TrendTest.POINTS - 1), 0))))
                .withColumn("trend_assessment", TrendTest.assessment(col("trend"), col("_higher")));
        return ComparisonTable.SCHEMA.conform(all.where(col("_new")));
    }

    /** The figure compared: the standardised value of a standardised measure, else the value. */
    public static Column figure(Column method) {
        return when(method.equalTo(Method.STANDARDISED_RATE.code()), col("standardised_value")).otherwise(col("value"));
    }

    /** A period that can take part in a trend: a published figure with an interval, covering the whole period. */
    private static Column valid() {
        return col("_figure").isNotNull().and(col("lower_95").isNotNull()).and(col("upper_95").isNotNull())
                .and(col(ComparisonTable.PARTIAL).unary_$bang());
    }

    /** Poisson limits for counts and rates, Wilson limits for shares; Dobson's come with the rows. */
    private static Dataset<Row> intervals(Dataset<Row> rows) {
        Column published = col("_figure").isNotNull().and(col("numerator").isNotNull());
        Column poisson = published.and(col("_interval").equalTo(Interval.POISSON.code()));
        // A share published without its base (Sotkanet gives the count and the share) has the base worked back.
        Column base = coalesce(col("denominator"), when(col("_figure").gt(0),
                col("numerator").multiply(col("_multiplier")).divide(col("_figure"))));
        Column wilson = published.and(col("_interval").equalTo(Interval.WILSON.code())).and(base.gt(0));
        // A rate's limits are the count's limits scaled like the rate: by figure/count, or when the count is 0
        // by multiplier/denominator (a rate of 0 has an upper limit too).
        Column scale = when(col("numerator").gt(0), col("_figure").divide(col("numerator")))
                .otherwise(col("_multiplier").divide(col("denominator")));
        Dataset<Row> out = rows;
        for (ConfidenceLevel level : ConfidenceLevel.values()) {
            out = out
                    .withColumn(level.lower(), when(poisson, PoissonInterval.lower(col("numerator"), level).multiply(scale))
                            .when(wilson, WilsonInterval.lower(col("numerator"), base, level.z())
                                    .multiply(col("_multiplier")))
                            .when(col("_interval").equalTo(Interval.DOBSON.code()).and(col("_figure").isNotNull()), col(level.lower())))
                    .withColumn(level.upper(), when(poisson, PoissonInterval.upper(col("numerator"), level).multiply(scale))
                            .when(wilson, WilsonInterval.upper(col("numerator"), base, level.z())
                                    .multiply(col("_multiplier")))
                            .when(col("_interval").equalTo(Interval.DOBSON.code()).and(col("_figure").isNotNull()), col(level.upper())));
        }
        return out;
    }

    /**
     * The need coefficient of the latest year not after the figure's year: health-care for visit rates, total for
     * costs. Åland and areas without THL's coefficients get none. The index divided is the crude rate's
     * (METHODS.md §4): the coefficient already reflects age and sex, so a standardised rate would be adjusted twice.
     */
    private static Dataset<Row> needsAdjusted(Dataset<Row> rows, Dataset<Row> coefficients) {
        Dataset<Row> c = coefficients.select(col("year").as("need_coefficient_year"), col("area_code").as("_c_area"),
                col("health").as("_health"), col("total").as("_total"));
        Column dataYear = substring(col("data_period"), 1, 4).cast("int");
        Column adjusted = col("_adjustment").isin(NeedsAdjustment.HEALTH.code(), NeedsAdjustment.TOTAL.code());
        Dataset<Row> joined = rows
                .join(c, adjusted.and(col("area_code").equalTo(col("_c_area")))
                        .and(col("need_coefficient_year").leq(dataYear))
                        .and(when(col("_adjustment").equalTo(NeedsAdjustment.HEALTH.code()), col("_health")).otherwise(col("_total")).isNotNull()),
                        "left")
                .withColumn("_latest", row_number().over(Window.partitionBy("period", "area_code", "measure_id")
                        .orderBy(col("need_coefficient_year").desc_nulls_last())))
                .where(col("_latest").equalTo(1));
        return joined
                .withColumn("need_coefficient", when(col("_adjustment").equalTo(NeedsAdjustment.HEALTH.code()), col("_health"))
                        .when(col("_adjustment").equalTo(NeedsAdjustment.TOTAL.code()), col("_total")))
                .withColumn("needs_adjusted_index", ComparisonIndex.needsAdjusted(col("_crude_index"), col("need_coefficient")))
                .drop("_latest", "_c_area", "_health", "_total", "_crude_index", "_national_crude");
    }

    /**
     * The same area's figure a year earlier and in the previous period, and whether the change is significant by
     * the z test with both figures' standard errors (METHODS.md §7). A partial figure, either side, is not compared.
     */
    private static Dataset<Row> changes(Dataset<Row> rows) {
        Dataset<Row> earlier = rows.where(col(ComparisonTable.PARTIAL).unary_$bang())
                .select(col("area_code"), col("measure_id"), col("period").as("_p"), col("_figure").as("_v"),
                        col("lower_95").as("_l"), col("upper_95").as("_u"));
        Dataset<Row> out = rows
                .withColumn("year_ago_period", Periods.yearAgo(col("period")))
                .withColumn("previous_period", Periods.previous(col("period")))
                .withColumn("_ordinal", Periods.ordinal(col("period")))
                .withColumn("_quarterly", Periods.isQuarter(col("period")));
        out = out.join(earlier.withColumnRenamed("_p", "year_ago_period").withColumnRenamed("_v", "year_ago_value")
                                .withColumnRenamed("_l", "_year_ago_l").withColumnRenamed("_u", "_year_ago_u"),
                        new String[]{"area_code", "measure_id", "year_ago_period"}, "left")
                .join(earlier.withColumnRenamed("_p", "previous_period").withColumnRenamed("_v", "previous_value")
                                .withColumnRenamed("_l", "_previous_l").withColumnRenamed("_u", "_previous_u"),
                        new String[]{"area_code", "measure_id", "previous_period"}, "left");
        Column complete = col(ComparisonTable.PARTIAL).unary_$bang();
        return out
                .withColumn("change_year", when(complete, col("_figure").minus(col("year_ago_value"))))
                .withColumn("change_year_significance", when(complete, Significance.ofChange(col("_figure"),
                        col("lower_95"), col("upper_95"), col("year_ago_value"), col("_year_ago_l"), col("_year_ago_u")))
                        .otherwise(lit(Significance.NOT_COMPARED)))
                .withColumn("change_previous", when(complete, col("_figure").minus(col("previous_value"))))
                .withColumn("change_previous_significance", when(complete, Significance.ofChange(col("_figure"),
                        col("lower_95"), col("upper_95"), col("previous_value"), col("_previous_l"), col("_previous_u")))
                        .otherwise(lit(Significance.NOT_COMPARED)))
                .drop("_year_ago_l", "_year_ago_u", "_previous_l", "_previous_u");
    }
}
