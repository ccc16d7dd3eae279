package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.method.ConfidenceLevel;
import fi.tilannekuva.method.CrudeRate;
import fi.tilannekuva.method.DirectStandardisation;
import fi.tilannekuva.method.SmallNumberSuppression;
import fi.tilannekuva.source.population.Denominators;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

/**
 * Gold {@code comparison}: one row per period × area × measure, what BI tools and the situational picture
 * read. Every area has a row for every measure of a refreshed period; a count of zero is published as zero.
 * Each source writes its {@link #BASE} columns; {@link ComparisonMeasures} adds the rest in one place.
 */
public final class ComparisonTable {

    public static final String TABLE = "comparison";
    /** A figure that covers less than its period (METHODS.md §7, partial periods). */
    public static final String PARTIAL = "partial_period";
    /** What a figure covers, in words, when it is partial or a sum of some areas. */
    public static final String COVERAGE_NOTE = "coverage_note";
    /** Why a figure is missing, as a code of the labels' code list {@code no_data}. */
    public static final String NO_DATA_CODE = "no_data_code";

    private static final String FIGURE = " Of the standardised value where the measure is standardised, else of value.";

    /** What a source computes: the figure, its count and base, and for standardised rates their limits. */
    public static final TableSchema BASE = new TableSchema()
            .column("period", DataTypes.StringType, "Period of the figure: a quarter (2025Q4) or a year (2024).")
            .column("area_code", DataTypes.StringType,
                    "Statistics Finland area code: 01-21 wellbeing services counties, 90 Helsinki, 91 Åland, SSS whole country; names in areas.")
            .column("measure_id", DataTypes.StringType, "Measure id; names, definitions and units in measure_catalogue.")
            .column("numerator", DataTypes.DoubleType, "The count behind the value (contacts, clients, ...); null when suppressed.")
            .column("denominator", DataTypes.DoubleType,
                    "The base of the value: residents on 31 December of denominator_period, or the answers a share is of.")
            .column("value", DataTypes.DoubleType,
                    "The figure: a crude rate for counts (per 1,000 residents), a share, or the source's own figure; null when suppressed or without data.")
            .column("standardised_value", DataTypes.DoubleType,
                    "Age- and sex-standardised rate (direct method, see measure_catalogue.method); null below 10 events or where not standardised.")
            .column("lower_95", DataTypes.DoubleType, "Lower limit of the 95 % confidence interval." + FIGURE)
            .column("upper_95", DataTypes.DoubleType, "Upper limit of the 95 % confidence interval." + FIGURE)
            .column("lower_998", DataTypes.DoubleType, "Lower limit of the 99.8 % confidence interval." + FIGURE)
            .column("upper_998", DataTypes.DoubleType, "Upper limit of the 99.8 % confidence interval." + FIGURE)
            .column("suppressed", DataTypes.BooleanType,
                    "True when the count and everything derived from it are withheld: a count of 1-4, or one that would let such a count be worked out from a published total.")
            .column("partial_period", DataTypes.BooleanType,
                    "True when the figure covers less than its period (e.g. 2 of 3 months): it is not compared, ranked, change-tested, in attention or summed into the country.")
            .column("coverage_note", DataTypes.StringType,
                    "What the figure covers when that is not simply every area and the whole period: a partial quarter's months, or the areas a country sum covers.")
            .column("no_data_reason", DataTypes.StringType,
                    "Why the figure is null when it is not suppressed: no data is not zero (e.g. the tray was not yet launched).")
            .column(NO_DATA_CODE, DataTypes.StringType,
                    "Why the figure is missing, as a code with labels in Finnish, Swedish and English (labels, code_list = no_data): "
                    + "suppressed, no_population, too_few_events, not_recorded_yet, no_tray, not_launched, no_data, not_in_source; null when there is a figure.")
            .column("data_period", DataTypes.StringType, "Period of the data behind the figure (for yearly sources, the year used).")
            .column("denominator_period", DataTypes.StringType, "Year whose end-of-year population is the denominator.")
            .column("source", DataTypes.StringType, "Source of the figure: avohilmo, sotkanet, funding, traffic.")
            .column("run_id", DataTypes.StringType, "The run that computed the figure (see runs).");

    /** The published table: {@link #BASE} plus the comparisons {@link ComparisonMeasures} derives. */
    public static final TableSchema SCHEMA = BASE.copy()
            .column("national_value", DataTypes.DoubleType, "The country's figure of the same period and measure." + FIGURE)
            .column("index", DataTypes.DoubleType, "100 x figure / national_value (country = 100); null for a partial figure.")
            .column("need_coefficient", DataTypes.DoubleType,
                    "The need coefficient behind needs_adjusted_index: health-care for visit rates, total for costs.")
            .column("need_coefficient_year", DataTypes.IntegerType,
                    "Year of that coefficient: the latest THL need-coefficient year not after the figure's year.")
            .column("needs_adjusted_index", DataTypes.DoubleType,
                    "The crude figure's index / need_coefficient (country = 100): above 100 is more than the area's need predicts.")
            .column("significance", DataTypes.StringType,
                    "Against national_value: much_higher / higher (99.8 % / 95 % interval above it), similar, lower, much_lower, not_compared.")
            .column("assessment", DataTypes.StringType,
                    "significance read by the measure's polarity: much_better, better, similar, worse, much_worse, not_compared, not_assessed (no polarity).")
            .column("rank", DataTypes.IntegerType, "Rank among the areas, 1 = best by polarity (highest first when neutral); ties share a rank.")
            .column("areas_ranked", DataTypes.LongType, "Number of areas ranked.")
            .column("year_ago_period", DataTypes.StringType, "The same period a year earlier.")
            .column("year_ago_value", DataTypes.DoubleType, "The area's figure of year_ago_period.")
            .column("change_year", DataTypes.DoubleType, "Figure minus year_ago_value.")
            .column("change_year_significance", DataTypes.StringType,
                    "z test of change_year with both figures' standard errors from their 95 % intervals: much_higher / higher (|z| > 3.09 / 1.96), similar, lower, much_lower; not_compared without both intervals or for a partial figure.")
            .column("previous_period", DataTypes.StringType, "The previous period (the previous quarter, or year).")
            .column("previous_value", DataTypes.DoubleType, "The area's figure of previous_period.")
            .column("change_previous", DataTypes.DoubleType, "Figure minus previous_value.")
            .column("change_previous_significance", DataTypes.StringType, "z test of change_previous, as change_year_significance.")
            .column("trend", DataTypes.StringType,
                    "Five-period trend: increasing, decreasing, no_significant_change, or not_computed (fewer than five consecutive valid periods).")
            .column("trend_assessment", DataTypes.StringType, "trend read by polarity: improving, worsening, stable, not_computed.");

    private ComparisonTable() {
    }

    /** {@code rows} with the {@link #BASE} columns; standardised values and limits a source does not make are null. */
    public static Dataset<Row> base(Dataset<Row> rows) {
        List<String> have = Arrays.asList(rows.columns());
        Dataset<Row> out = rows;
        // One column says why a figure is missing: suppression first, else the source's code, else "no_data".
        Column code = have.contains(NO_DATA_CODE) ? col(NO_DATA_CODE) : lit(null).cast("string");
        out = out.withColumn(NO_DATA_CODE, when(coalesce(col(SmallNumberSuppression.SUPPRESSED), lit(false)), lit("suppressed"))
                .when(col("no_data_reason").isNotNull(), coalesce(code, lit("no_data"))));
        if (!have.contains(COVERAGE_NOTE)) {
            out = out.withColumn(COVERAGE_NOTE, lit(null).cast("string"));
        }
        out = out.withColumn(PARTIAL, have.contains(PARTIAL) ? coalesce(col(PARTIAL), lit(false)) : lit(false));
        for (String optional : List.of(DirectStandardisation.RATE, ConfidenceLevel.P95.lower(), ConfidenceLevel.P95.upper(),
                ConfidenceLevel.P998.lower(), ConfidenceLevel.P998.upper())) {
            if (!have.contains(optional)) {
                out = out.withColumn(optional, lit(null).cast("double"));
            }
        }
        return BASE.conform(out);
    }

    /**
     * Complete comparison rows of one period from counts ({@code area_code, measure_id, numerator}, non-zero
     * only): every area × measure, crude rates per 1,000 on the chosen population year, standardised rates where
     * given, suppression applied to all of them.
     *
     * @param populationTotals {@code year, area_code, population}
     * @param standardised     {@code area_code, measure_id, standardised_value} and its limits, or null
     * @param summed           the rows whose country count is the sum of the areas' (contacts; not distinct
     *                         clients, who may count in several areas): a total a reader can subtract from
     */
    public static Dataset<Row> fromCounts(SparkSession spark, Dataset<Row> counts, Dataset<Row> standardised,
                                          List<String> areaCodes, List<String> measureIds, String period,
                                          Dataset<Row> populationTotals, Denominators.Choice population,
                                          Column summed, AppConfig.SuppressionRule rule, String source, String runId) {
        List<String> cells = new ArrayList<>();
        for (String a : areaCodes) {
            for (String m : measureIds) {
                cells.add(a + "|" + m);
            }
        }
        Dataset<Row> grid = spark.createDataset(cells, Encoders.STRING()).toDF("cell")
                .select(split(col("cell"), "\\|").getItem(0).as("area_code"),
                        split(col("cell"), "\\|").getItem(1).as("measure_id"));
        Dataset<Row> denominators = populationTotals.where(col("year").equalTo(population.year()))
                .select(col("area_code"), col("population").as("denominator"));
        Dataset<Row> rows = grid.join(counts, new String[]{"area_code", "measure_id"}, "left")
                .withColumn("numerator", coalesce(col("numerator"), lit(0L)))
                .join(denominators, new String[]{"area_code"}, "left")
                .withColumn("value", CrudeRate.per1000(col("numerator"), col("denominator")))
                .withColumn("period", lit(period));
        List<String> derived = new ArrayList<>(List.of("value"));
        if (standardised != null) {
            rows = rows.join(standardised.drop(DirectStandardisation.OBSERVED, DirectStandardisation.VARIANCE),
                    new String[]{"area_code", "measure_id"}, "left");
            derived.addAll(List.of(DirectStandardisation.RATE, ConfidenceLevel.P95.lower(), ConfidenceLevel.P95.upper(),
                    ConfidenceLevel.P998.lower(), ConfidenceLevel.P998.upper()));
        }
        rows = Disclosure.protect(rows, rule, List.of("period", "measure_id", "area_code"), List.of("numerator"),
                List.of(new Disclosure.Totals(List.of("period", "measure_id"), "area_code", Area.COUNTRY, summed)), derived);
        Dataset<Row> out = rows
                .withColumn("no_data_reason", when(col("value").isNull().and(col(SmallNumberSuppression.SUPPRESSED).unary_$bang()),
                        lit("no population for the area on 31 December " + population.year())))
                .withColumn(NO_DATA_CODE, when(col("no_data_reason").isNotNull(), lit("no_population")))
                .withColumn("data_period", lit(period))
                .withColumn("denominator_period", lit(String.valueOf(population.year())))
                .withColumn("source", lit(source))
                .withColumn("run_id", lit(runId));
        if (standardised != null) {
            out = out.withColumn("no_data_reason", coalesce(col("no_data_reason"),
                    when(col(DirectStandardisation.RATE).isNull().and(col(SmallNumberSuppression.SUPPRESSED).unary_$bang()),
                            lit("fewer than " + DirectStandardisation.MIN_OBSERVED
                                    + " events with a known age and sex: too few for a standardised rate"))))
                    .withColumn(NO_DATA_CODE, when(col("no_data_reason").isNotNull(),
                            coalesce(col(NO_DATA_CODE), lit("too_few_events"))));
        }
        return base(out);
    }
}
