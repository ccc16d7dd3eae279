package fi.tilannekuva.picture;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.MeasureKinds;
import fi.tilannekuva.gold.ComparisonMeasures;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.method.Significance;
import fi.tilannekuva.method.TrendTest;
import fi.tilannekuva.period.Periods;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

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
     * The period the picture of {@code quarter} shows per measure: the quarter for quarterly measures, the latest
     * year with a figure for yearly ones (see {@link Freshness#notAfter}); a yearly measure without one is left out.
     *
     * @param cycleOf      each measure's update cycle (quarterly or yearly)
     * @param standardised the standardised measures (their figure is the standardised value)
     * @param cells        comparison rows with at least {@code measure_id, period, source, value,
     *                     standardised_value}, by name
     */
    public static Map<String, String> chosenPeriods(Map<String, MeasureKinds.UpdateCycle> cycleOf,
                                                    Set<String> standardised, List<Row> cells, Quarter quarter) {
        Map<String, String> chosen = new HashMap<>();
        cycleOf.forEach((measure, cycle) -> {
            if (cycle == MeasureKinds.UpdateCycle.QUARTERLY) {
                chosen.put(measure, quarter.toString());
            }
        });
        for (Row r : cells) {
            String measure = r.getAs("measure_id");
            String period = r.getAs("period");
            if (cycleOf.get(measure) == MeasureKinds.UpdateCycle.YEARLY && !Periods.isQuarter(period)
                    && r.getAs(ComparisonMeasures.figureColumn(standardised.contains(measure))) != null
                    && Freshness.notAfter(period, r.getAs("source"), quarter)) {
                chosen.merge(measure, period, (a, b) -> Integer.parseInt(b) > Integer.parseInt(a) ? b : a);
            }
        }
        return chosen;
    }

    /**
     * Rows of the comparison that the picture of {@code quarter} shows ({@link #chosenPeriods}), for readers of the
     * table such as the export; {@code catalogue} is {@code measure_catalogue}.
     */
    public static Dataset<Row> chosenRows(Dataset<Row> comparison, Dataset<Row> catalogue, Quarter quarter) {
        Map<String, MeasureKinds.UpdateCycle> cycleOf = new HashMap<>();
        Set<String> standardised = new HashSet<>();
        for (Row r : catalogue.select("measure_id", "update_cycle", "method").collectAsList()) {
            cycleOf.put(r.getString(0), MeasureKinds.UpdateCycle.of(r.getString(1)));
            if (MeasureKinds.Method.STANDARDISED_RATE.code().equals(r.getString(2))) {
                standardised.add(r.getString(0));
            }
        }
        List<Row> cells = comparison.select("measure_id", "period", "source", "value", "standardised_value").collectAsList();
        return comparison.where(shown(chosenPeriods(cycleOf, standardised, cells, quarter)));
    }

    /** The comparison rows of the chosen periods ({@link #chosenPeriods}): measure → period. */
    public static Column shown(Map<String, String> chosenPeriods) {
        Column shown = lit(false);
        for (Map.Entry<String, String> e : chosenPeriods.entrySet()) {
            shown = shown.or(col("measure_id").equalTo(e.getKey()).and(col("period").equalTo(e.getValue())));
        }
        return shown;
    }

    /**
     * @param chosen    the comparison rows the picture shows ({@link #chosenPeriods}), by column name
     * @param freshness this quarter's {@link Freshness} rows
     * @param attention this quarter's attention rows ({@link #attention})
     */
    public static List<Row> compute(List<Row> chosen, List<Area> areas, List<Row> freshness, List<Row> attention,
                                    List<AppConfig.Measure> headline, Quarter quarter, String runId) {
        TableSchema schema = schema(headline);
        Map<String, Row> chosenOf = new HashMap<>();
        chosen.forEach(r -> chosenOf.put(r.getAs("measure_id") + "|" + r.getAs("area_code"), r));
        Map<String, Boolean> staleOf = new HashMap<>();
        freshness.forEach(r -> staleOf.put(r.getAs("measure_id") + "|" + r.getAs("area_code"), r.getAs("stale")));
        Set<String> headlineIds = headline.stream().map(AppConfig.Measure::id).collect(Collectors.toSet());
        Map<String, List<String>> flagged = new HashMap<>();
        for (Row r : attention) {
            if (headlineIds.contains(r.<String>getAs("measure_id"))) {
                flagged.computeIfAbsent(r.getAs("area_code"), a -> new ArrayList<>()).add(r.getAs("measure_id"));
            }
        }
        List<Row> out = new ArrayList<>();
        for (Area area : areas) {
            TableSchema.RowBuilder row = schema.row().set("quarter", quarter.toString()).set("area_code", area.code())
                    .set("area_name_fi", area.nameFi()).set("area_name_sv", area.nameSv())
                    .set("area_name_en", area.nameEn());
            for (AppConfig.Measure m : headline) {
                group(row, chosenOf.get(m.id() + "|" + area.code()), m, staleOf.get(m.id() + "|" + area.code()));
            }
            List<String> attentionOf = new ArrayList<>(flagged.getOrDefault(area.code(), List.of()));
            Collections.sort(attentionOf);
            out.add(row.set("attention", attentionOf).set("run_id", runId).build());
        }
        return out;
    }

    /** One measure's column group of an area ({@code r} null: the comparison has no row), with the reasons for its nulls. */
    private static void group(TableSchema.RowBuilder row, Row r, AppConfig.Measure m, Boolean stale) {
        String id = m.id();
        boolean adjusted = m.needsAdjustment() != MeasureKinds.NeedsAdjustment.NONE;
        Double figure = r == null ? null : ComparisonMeasures.figure(r, m);
        Double index = r == null ? null : r.getAs(adjusted ? "needs_adjusted_index" : "index");
        Double change = r == null ? null : r.getAs("change_year");
        String period = r == null ? null : r.getAs("period");
        String note = null;
        if (r != null) {
            boolean partial = Boolean.TRUE.equals(r.getAs(ComparisonTable.PARTIAL));
            List<String> reasons = new ArrayList<>();
            if (partial) {
                String coverage = r.getAs(ComparisonTable.COVERAGE_NOTE);
                reasons.add("partial period, not compared: " + (coverage == null ? "less than the whole period" : coverage));
            }
            if (figure == null) {
                String noData = r.getAs("no_data_reason");
                reasons.add(Boolean.TRUE.equals(r.getAs("suppressed")) ? "suppressed (small numbers)"
                        : noData == null ? "no data" : noData);
            }
            if (figure != null && index == null && !partial) {
                reasons.add(adjusted && r.getAs("need_coefficient") == null
                        ? "no THL need coefficient for the area (areas outside the funding act, such as Åland, have none)"
                        : "no national figure to index against");
            }
            String yearAgo = r.getAs("year_ago_period");
            if (figure != null && change == null && !partial && yearAgo != null) {
                reasons.add("no figure for " + yearAgo + " to compare with");
            }
            note = reasons.isEmpty() ? null : String.join("; ", reasons);
        }
        boolean incomplete = figure == null || index == null || change == null || period == null;
        row.set(id + "_period", period).set(id + "_value", figure).set(id + "_index", index)
                .set(id + "_significance", orElse(r, "significance", Significance.NOT_COMPARED))
                .set(id + "_assessment", orElse(r, "assessment", Significance.NOT_COMPARED))
                .set(id + "_change", change)
                .set(id + "_change_significance", orElse(r, "change_year_significance", Significance.NOT_COMPARED))
                .set(id + "_trend", orElse(r, "trend_assessment", TrendTest.NOT_COMPUTED))
                .set(id + "_stale", stale == null || stale)
                .set(id + "_note", !incomplete ? null : note != null ? note : "no figure for the area in comparison");
    }

    private static String orElse(Row r, String column, String otherwise) {
        String value = r == null ? null : r.getAs(column);
        return value == null ? otherwise : value;
    }

    /**
     * Areas significantly worse than the country by the measure's polarity and getting worse: a worsening trend,
     * or — where no five-period trend can be computed yet — a significant worsening against a year earlier.
     *
     * @param chosen the comparison rows the picture shows, by column name
     */
    public static List<Row> attention(List<Row> chosen, List<AppConfig.Measure> catalogue, Quarter quarter, String runId) {
        Map<String, AppConfig.Measure> measures = new HashMap<>();
        catalogue.forEach(m -> measures.putIfAbsent(m.id(), m));
        List<Row> out = new ArrayList<>();
        for (Row r : chosen) {
            AppConfig.Measure m = measures.get(r.<String>getAs("measure_id"));
            if (Area.COUNTRY.equals(r.getAs("area_code")) || m == null) {
                continue;
            }
            String trend = r.getAs("trend_assessment");
            String changeAssessment = Significance.assessment(r.<String>getAs("change_year_significance"), m.higherIsBetter());
            boolean byTrend = TrendTest.WORSENING.equals(trend);
            boolean byChange = TrendTest.NOT_COMPUTED.equals(trend) && Significance.isWorse(changeAssessment);
            if (!Significance.isWorse(r.<String>getAs("assessment")) || !(byTrend || byChange)) {
                continue;
            }
            out.add(ATTENTION_SCHEMA.row().set("quarter", quarter.toString()).set("area_code", r.getAs("area_code"))
                    .set("measure_id", m.id()).set("period", r.getAs("period")).set("value", ComparisonMeasures.figure(r, m))
                    .set("national_value", r.getAs("national_value")).set("assessment", r.getAs("assessment"))
                    .set("trend_assessment", trend).set("change_year", r.getAs("change_year"))
                    .set("basis", byTrend ? "trend" : "change_year").set("run_id", runId).build());
        }
        return out;
    }

    /** The headline measures, in catalogue order. */
    public static List<AppConfig.Measure> headline(List<AppConfig.Measure> measures) {
        List<AppConfig.Measure> out = new ArrayList<>();
        measures.stream().filter(AppConfig.Measure::headline).forEach(out::add);
        return out;
    }
}
