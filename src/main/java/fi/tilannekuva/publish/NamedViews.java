package fi.tilannekuva.publish;

import fi.tilannekuva.gold.AreasTable;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.MeasureCatalogue;
import fi.tilannekuva.picture.Freshness;
import fi.tilannekuva.picture.LabelsTable;
import fi.tilannekuva.picture.SituationalPicture;
import fi.tilannekuva.source.traffic.TrayUsefulness;
import fi.tilannekuva.warehouse.Warehouse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The views for BI tools, {@code <table>_named}: a gold table's rows with area and measure names beside the codes,
 * every coded value's label in Finnish, Swedish and English (from {@code labels}), and figures rounded to the
 * measure's decimals in {@code <column>_display} beside the exact ones. Which column holds which code list is
 * decided here, once; the labels test holds the gold tables to it.
 */
public final class NamedViews {

    public static final String SUFFIX = "_named";
    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");
    /** Figure columns shown rounded to the measure's decimals, by table. */
    private static final Map<String, List<String>> FIGURES = Map.of(
            ComparisonTable.TABLE, List.of("value", "standardised_value", "lower_95", "upper_95", "national_value",
                    "year_ago_value", "change_year"),
            SituationalPicture.ATTENTION, List.of("value", "national_value", "change_year"));
    private static final Set<String> OWN_NAMES = Set.of(AreasTable.TABLE, MeasureCatalogue.TABLE, LabelsTable.TABLE);
    private static final Set<String> MEASURE_SOURCES = Set.of(ComparisonTable.TABLE, MeasureCatalogue.TABLE, Freshness.TABLE);

    private NamedViews() {
    }

    /** The code list of {@code labels} that a column's values belong to, if it holds codes. */
    public static Optional<String> codeList(String table, String column) {
        if (table.equals(TrayUsefulness.TABLE) && column.equals("category_code")) {
            return Optional.empty(); // its own label_* columns; its list is the row's dimension
        }
        if (table.equals(SituationalPicture.TABLE) && column.endsWith("_trend")) {
            return Optional.of("trend_assessment");
        }
        if (column.endsWith("significance")) {
            return Optional.of("significance");
        }
        if (column.equals("trend_assessment")) {
            return Optional.of("trend_assessment");
        }
        if (column.endsWith("assessment")) {
            return Optional.of("assessment");
        }
        return Optional.ofNullable(switch (column) {
            case "trend" -> "trend";
            case ComparisonTable.NO_DATA_CODE -> "no_data";
            case "data_status", "platform", "dimension", "gender", "sector", "reconciliation", "polarity", "method",
                 "interval_method", "needs_adjustment", "update_cycle" -> column;
            // The measures' four sources; the run log's source column names input tables instead.
            case "source" -> MEASURE_SOURCES.contains(table) ? "source" : null;
            case "basis" -> table.equals(SituationalPicture.ATTENTION) ? "attention_basis" : null;
            case "kind" -> table.equals(AreasTable.TABLE) ? "area_kind" : null;
            default -> null;
        });
    }

    /** Each measure's decimals from a {@code measure_catalogue} (1 where a catalogue predates the column's value). */
    public static Map<String, Integer> decimals(Dataset<Row> catalogue) {
        Map<String, Integer> decimals = new LinkedHashMap<>();
        catalogue.select("measure_id", "decimals").collectAsList()
                .forEach(r -> decimals.put(r.getString(0), r.isNullAt(1) ? 1 : r.getInt(1)));
        return decimals;
    }

    /** Whether {@code table} gets a named view. */
    public static boolean named(String table) {
        return !OWN_NAMES.contains(table) && GoldTables.description(table).isPresent()
                && !table.equals(Publications.TABLE) && !table.startsWith("run") && !table.equals("checks");
    }

    /**
     * The {@code SELECT} of {@code <table>_named} over the views of database {@code db}, and the comment of each
     * column it adds; {@code columns} are the table's own, in order.
     */
    public static Query query(String db, String table, List<String> columns, Map<String, Integer> decimalsByMeasure) {
        List<String> select = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        Map<String, String> comments = new LinkedHashMap<>();
        columns.forEach(c -> select.add("t.`" + c + "`"));
        if (columns.contains("area_code") && !columns.contains("area_name_fi")) {
            joins.add("LEFT JOIN " + db + ".`" + AreasTable.TABLE + "` a ON a.area_code = t.area_code");
            for (String l : LANGUAGES) {
                select.add("a.name_" + l + " AS `area_name_" + l + "`");
                comments.put("area_name_" + l, "Area name (" + language(l) + ").");
            }
        }
        if (columns.contains("measure_id")) {
            joins.add("LEFT JOIN " + db + ".`" + MeasureCatalogue.TABLE + "` m ON m.measure_id = t.measure_id");
            for (String l : LANGUAGES) {
                select.add("m.name_" + l + " AS `measure_name_" + l + "`");
                comments.put("measure_name_" + l, "Measure name (" + language(l) + ").");
            }
            for (String l : LANGUAGES) {
                select.add("m.unit_" + l + " AS `unit_" + l + "`");
                comments.put("unit_" + l, "Unit of the figures (" + language(l) + ").");
            }
            select.add("m.decimals AS `decimals`");
            comments.put("decimals", "Decimals the _display columns are rounded to (measure_catalogue).");
            for (String f : FIGURES.getOrDefault(table, List.of())) {
                if (columns.contains(f)) {
                    select.add(rounded("t.`" + f + "`", "m.decimals") + " AS `" + f + "_display`");
                    comments.put(f + "_display", f + " rounded to the measure's decimals, for display; compute with " + f + ".");
                }
            }
        }
        if (table.equals(SituationalPicture.TABLE)) {
            decimalsByMeasure.forEach((measure, decimals) -> {
                String value = measure + "_value";
                if (columns.contains(value)) {
                    select.add("round(t.`" + value + "`, " + decimals + ") AS `" + value + "_display`");
                    comments.put(value + "_display", value + " rounded to " + decimals + " decimals, for display.");
                }
            });
        }
        int n = 0;
        for (String c : columns) {
            Optional<String> list = codeList(table, c);
            if (list.isEmpty()) {
                continue;
            }
            String alias = "l" + (++n);
            joins.add("LEFT JOIN " + db + ".`" + LabelsTable.TABLE + "` " + alias + " ON " + alias + ".code_list = "
                    + Warehouse.literal(list.get()) + " AND " + alias + ".code = t.`" + c + "`");
            for (String l : LANGUAGES) {
                select.add(alias + ".label_" + l + " AS `" + c + "_" + l + "`");
                comments.put(c + "_" + l, c + " in words (" + language(l) + "), labels " + list.get() + ".");
            }
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + db + ".`" + table + "` t"
                + (joins.isEmpty() ? "" : " " + String.join(" ", joins));
        return new Query(sql, comments);
    }

    /** Rounding to a per-row number of decimals: Spark's round takes only a constant scale. */
    private static String rounded(String column, String decimals) {
        StringBuilder s = new StringBuilder("CASE " + decimals);
        for (int d = 0; d <= 6; d++) {
            s.append(" WHEN ").append(d).append(" THEN round(").append(column).append(", ").append(d).append(")");
        }
        return s.append(" ELSE ").append(column).append(" END").toString();
    }

    static String language(String l) {
        return switch (l) {
            case "fi" -> "Finnish";
            case "sv" -> "Swedish";
            default -> "English";
        };
    }

    /** A named view's query and the comments of the columns it adds. */
    public record Query(String sql, Map<String, String> comments) {
    }
}
