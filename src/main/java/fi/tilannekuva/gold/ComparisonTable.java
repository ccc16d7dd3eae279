package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.method.ConfidenceLevel;
import fi.tilannekuva.method.CrudeRate;
import fi.tilannekuva.method.DirectStandardisation;
import fi.tilannekuva.method.SmallNumberSuppression;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
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
     * Complete comparison rows of one period from counts: every area × measure, crude rates per 1,000 on the
     * chosen population year, standardised rates where given, suppression applied to all of them. The rows have
     * the {@link #BASE} columns but for {@link #NO_DATA_CODE}'s last word, which {@link #base} gives.
     *
     * @param counts       {@code area|measure} → count; a cell without one is a count of zero
     * @param standardised {@code area|measure} → the standardised rate, or null where the measures are not
     *                     standardised
     * @param population   the residents per area on 31 December of {@code choice}'s year
     * @param summed       the measures whose country count is the sum of the areas' (contacts; not distinct
     *                     clients, who may count in several areas): a total a reader can subtract from
     */
    public static List<Row> fromCounts(Map<String, Long> counts, Map<String, DirectStandardisation.Rate> standardised,
                                       List<String> areaCodes, List<String> measureIds, String period,
                                       Map<String, Long> population, Denominators.Choice choice,
                                       Predicate<String> summed, AppConfig.SuppressionRule rule, String source,
                                       String runId) {
        record Cell(String area, String measure, long count) {
        }
        List<Cell> cells = new ArrayList<>();
        for (String area : areaCodes) {
            for (String measure : measureIds) {
                cells.add(new Cell(area, measure, counts.getOrDefault(area + "|" + measure, 0L)));
            }
        }
        Set<Cell> withheld = Disclosure.withheld(cells, rule, c -> List.of(period, c.measure(), c.area()),
                Map.of("numerator", Cell::count),
                List.of(new Disclosure.Sum<>(c -> List.of(period, c.measure()), c -> Area.COUNTRY.equals(c.area()),
                        c -> summed.test(c.measure()))));
        List<Row> out = new ArrayList<>();
        for (Cell c : cells) {
            boolean suppressed = withheld.contains(c);
            Double value = CrudeRate.per1000(c.count(), population.get(c.area()));
            TableSchema.RowBuilder row = BASE.row().set("period", period).set("area_code", c.area())
                    .set("measure_id", c.measure()).set("denominator", population.get(c.area()))
                    .set(SmallNumberSuppression.SUPPRESSED, suppressed).set(PARTIAL, false)
                    .set("data_period", period).set("denominator_period", String.valueOf(choice.year()))
                    .set("source", source).set("run_id", runId);
            String reason = null;
            String code = null;
            if (value == null && !suppressed) {
                reason = "no population for the area on 31 December " + choice.year();
                code = "no_population";
            }
            if (!suppressed) {
                row.set("numerator", c.count()).set("value", value);
            }
            if (standardised != null) {
                DirectStandardisation.Rate rate = standardised.get(c.area() + "|" + c.measure());
                Double dsr = rate == null ? null : rate.rate();
                if (!suppressed && dsr != null) {
                    row.set(DirectStandardisation.RATE, dsr);
                    for (ConfidenceLevel level : ConfidenceLevel.values()) {
                        row.set(level.lower(), rate.lower(level)).set(level.upper(), rate.upper(level));
                    }
                }
                if (reason == null && dsr == null && !suppressed) {
                    reason = "fewer than " + DirectStandardisation.MIN_OBSERVED
                            + " events with a known age and sex: too few for a standardised rate";
                    code = "too_few_events";
                }
            }
            out.add(row.set("no_data_reason", reason).set(NO_DATA_CODE, code).build());
        }
        return out;
    }
}
