package fi.tilannekuva.job;

import fi.tilannekuva.SampleRun;
import fi.tilannekuva.TestSpark;
import fi.tilannekuva.method.Intruder;
import fi.tilannekuva.method.SmallNumberSuppression;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample run's published tables read as an intruder reads them (METHODS.md §6): every total a reader sees is
 * rebuilt from the gold tables alone, and no suppressed cell may be pinned to one value by the published cells and
 * totals. Nor may a published table say why a cell was suppressed.
 */
@Tag("slow")
class SampleDisclosureTest {

    private static Path gold;

    @BeforeAll
    static void sample() {
        gold = SampleRun.get().warehouse().resolve("gold");
    }

    private static List<Row> read(String table) {
        return TestSpark.session().read().format("delta").load(gold.resolve(table).toString()).collectAsList();
    }

    /** A table's cells (published value, or null when suppressed) and the totals a reader knows over them. */
    private static final class Table {
        final Map<String, Long> cells = new LinkedHashMap<>();
        final Set<String> hidden = new HashSet<>();
        final Map<String, List<String>> members = new TreeMap<>();
        final Map<String, String> totalCell = new TreeMap<>();

        void cell(String key, Row r, String count) {
            boolean suppressed = r.getAs("suppressed");
            if (suppressed) {
                hidden.add(key);
                cells.put(key, 0L);
            } else if (!r.isNullAt(r.fieldIndex(count))) {
                cells.put(key, ((Number) r.getAs(count)).longValue());
            }
        }

        /** {@code key} is a member (or, when {@code isTotal}, the total) of the total named {@code total}. */
        void in(String total, String key, boolean isTotal) {
            if (!cells.containsKey(key)) {
                return;
            }
            if (isTotal) {
                totalCell.put(total, key);
            } else {
                members.computeIfAbsent(total, t -> new ArrayList<>()).add(key);
            }
        }

        List<String> pinned() {
            List<SmallNumberSuppression.Total> totals = new ArrayList<>();
            totalCell.forEach((name, cell) -> totals.add(new SmallNumberSuppression.Total(cell,
                    members.getOrDefault(name, List.of()))));
            return Intruder.pinned(cells, totals, hidden);
        }
    }

    private static void assertNothingPinned(String table, Table t) {
        assertEquals(List.of(), t.pinned(), table + ": suppressed cells a reader can work out");
        System.out.println("disclosure: " + table + " " + t.hidden.size() + " suppressed cells, "
                + t.totalCell.size() + " totals, none pinned");
    }

    @Test
    void noPublishedTableSaysWhyACellWasSuppressed() {
        for (String table : List.of("comparison", "tray_usefulness", "tray_traffic", "indicator_values")) {
            Row any = TestSpark.session().read().format("delta").load(gold.resolve(table).toString()).first();
            assertFalse(Arrays.asList(any.schema().fieldNames()).contains("suppression_reason"), table);
        }
    }

    @Test
    void theContactCountsOfComparison() {
        Table t = new Table();
        for (Row r : read("comparison")) {
            String measure = r.getAs("measure_id");
            if (!measure.endsWith("_contacts")) {
                continue;
            }
            String total = r.getAs("period") + "|" + measure;
            String key = total + "|" + r.getAs("area_code");
            t.cell(key, r, "numerator");
            t.in(total, key, "SSS".equals(r.getAs("area_code")));
        }
        assertTrue(t.totalCell.size() >= 5);
        assertNothingPinned("comparison", t);
    }

    @Test
    void trayTraffic() {
        for (String count : List.of("front_page_visits", "page_loads")) {
            Table t = new Table();
            for (Row r : read("tray_traffic")) {
                String status = r.getAs("data_status");
                String key = r.getAs("period") + "|" + r.getAs("area_code");
                t.cell(key, r, count);
                // The country sums the areas that reported the whole quarter, as its data_status says.
                if (status.equals("complete") || status.equals("national_sum")) {
                    t.in((String) r.getAs("period"), key, "SSS".equals(r.getAs("area_code")));
                }
            }
            assertNothingPinned("tray_traffic " + count, t);
        }
    }

    @Test
    void trayUsefulness() {
        Table t = new Table();
        Function<Row, String> scope = r -> r.getAs("period") + "|" + r.getAs("area_code") + "|" + r.getAs("platform");
        for (Row r : read("tray_usefulness")) {
            String dimension = r.getAs("dimension");
            String category = r.getAs("category_code");
            if (category.equals("useful_of_opinions")) {
                continue;   // the same count as useful_of_all, over another base
            }
            String area = r.getAs("area_code");
            String platform = r.getAs("platform");
            String key = scope.apply(r) + "|" + dimension + "|" + category;
            t.cell(key, r, "count");
            // Within a scope the answers (and the groups) add up to category all, the same number in both.
            if (!dimension.equals("useful")) {
                t.in(scope.apply(r) + "|" + dimension, key, category.equals("all"));
            }
            if (category.equals("all")) {
                t.in(scope.apply(r) + "|all", key, dimension.equals("answer"));
            }
            // The headline share's count is the useful answers' sum.
            if (category.equals("useful_of_all") || dimension.equals("answer")
                    && (category.equals("very_useful") || category.equals("useful"))) {
                t.in(scope.apply(r) + "|useful answers", key, category.equals("useful_of_all"));
            }
            // The areas add up to the country, and the areas of a platform to the country's row of that platform.
            String period = r.getAs("period");
            if (!area.equals("SSS") || platform.equals("all")) {
                t.in(period + "|country|" + dimension + "|" + category, key, area.equals("SSS"));
            }
            if (!platform.equals("all")) {
                t.in(period + "|" + platform + "|" + dimension + "|" + category, key, area.equals("SSS"));
            }
        }
        assertNothingPinned("tray_usefulness", t);
    }

    /**
     * Sotkanet's country figure is its own, not exactly the sum of the areas (nor is a total exactly male + female):
     * an intruder subtracts approximately, one total at a time. In no such total may one cell be suppressed alone.
     */
    @Test
    void indicatorValues() {
        Table t = new Table();
        for (Row r : read("indicator_values")) {
            String base = r.getAs("indicator_id") + "|" + r.getAs("year");
            String area = r.getAs("area_code");
            String gender = r.getAs("gender");
            String key = base + "|" + area + "|" + gender;
            t.cell(key, r, "absolute_value");
            t.in(base + "|" + gender, key, area.equals("SSS"));
            t.in(base + "|" + area, key, gender.equals("total"));
        }
        int checked = 0;
        for (Map.Entry<String, String> e : t.totalCell.entrySet()) {
            if (t.hidden.contains(e.getValue())) {
                continue;
            }
            long hidden = t.members.getOrDefault(e.getKey(), List.of()).stream().filter(t.hidden::contains).count();
            assertTrue(hidden != 1, "indicator_values: one suppressed cell alone in total " + e.getKey());
            checked++;
        }
        assertTrue(checked > 50, checked + " totals");
        System.out.println("disclosure: indicator_values " + t.hidden.size() + " suppressed cells, " + checked
                + " totals, none with a lone suppressed cell");
    }
}
