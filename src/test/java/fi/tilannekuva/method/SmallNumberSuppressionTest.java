package fi.tilannekuva.method;

import fi.tilannekuva.config.AppConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * METHODS.md §6 on tables small enough to check by hand, and an intruder who knows every published cell and total
 * and the rule (a suppressed cell is at least 1) on thousands of random tables.
 */
class SmallNumberSuppressionTest {

    private static final AppConfig.SuppressionRule RULE = new AppConfig.SuppressionRule(5, true);

    /** Areas 01, 02, … with the given counts and the country SSS as their sum. */
    private static Map<String, Long> areas(long... counts) {
        Map<String, Long> cells = new LinkedHashMap<>();
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            cells.put(String.format("%02d", i + 1), counts[i]);
            sum += counts[i];
        }
        cells.put("SSS", sum);
        return cells;
    }

    private static List<SmallNumberSuppression.Total> countryOver(Map<String, Long> cells) {
        return List.of(new SmallNumberSuppression.Total("SSS",
                cells.keySet().stream().filter(c -> !c.equals("SSS")).toList()));
    }

    private static Set<String> suppress(Map<String, Long> cells, AppConfig.SuppressionRule rule) {
        return SmallNumberSuppression.suppress(cells, countryOver(cells), List.of(), rule);
    }

    @Test
    void oneSmallCellTakesTheNextSmallestWithIt() {
        // 3 + 7 + 0 + 12 = 22: with 01 hidden, 22 − 7 − 0 − 12 would give it away, so 02 (7, the smallest non-zero
        // cell left) goes too: 3 + 7 = 10 ≥ 5 in two cells. The zero cell is published and protects nothing.
        assertEquals(Set.of("01", "02"), suppress(areas(3, 7, 0, 12), RULE));
    }

    @Test
    void twoSuppressedCellsThatSumToLessThanFiveTakeAThird() {
        // Area 02 of tray_usefulness, 2025Q4: 12 + 5 + 33 published of 52 leaves 2 for two suppressed cells: both
        // are 1. 1 + 1 = 2 < 5, so the next smallest published cell (5) goes too: 1 + 1 + 5 = 7 ≥ 5 and a reader
        // knows only that the three hold 7 (each 1–5).
        assertEquals(Set.of("01", "02", "04"), suppress(areas(1, 1, 12, 5, 33), RULE));
    }

    @Test
    void twoSmallCellsHoldingFiveNeedNothingMore() {
        // 2 + 4 + 9 = 15: the total gives only 01 + 02 = 6 ≥ 5, not either cell.
        assertEquals(Set.of("01", "02"), suppress(areas(2, 4, 9), RULE));
    }

    @Test
    void fiveOnesAreNotProtectedByTheirSumAlone() {
        // 1 + 1 + 1 + 1 + 1 + 20 = 25: the five hidden ones hold 5, but 5 cells of at least 1 holding 5 are all 1.
        // The sum must exceed the number of hidden cells, so 20 goes too: 25 over six cells.
        assertEquals(Set.of("01", "02", "03", "04", "05", "06"), suppress(areas(1, 1, 1, 1, 1, 20), RULE));
    }

    @Test
    void aTotalWithNothingLeftToHideIsHiddenItself() {
        // 3 + 0 = 3: the country is small too. 1 + 0 + 8 = 9: only 03 can go with 01, and does (1 + 8 = 9).
        assertEquals(Set.of("01", "SSS"), suppress(areas(3, 0), RULE));
        assertEquals(Set.of("01", "03"), suppress(areas(1, 0, 8), RULE));
        // 4 + 6 = 10 with the 6 in the country's other total only: hiding 6 as well leaves the sum 10 in two cells.
        assertEquals(Set.of("01", "02"), suppress(areas(4, 6), RULE));
    }

    @Test
    void tiesAreBrokenByCellKey() {
        assertEquals(Set.of("01", "02"), suppress(areas(2, 5, 5), RULE));
    }

    @Test
    void thresholdAndSecondaryAreConfigurable() {
        // min-count 3: 3 and 4 are published; without the secondary rule only the small cell goes.
        assertEquals(Set.of("01"), suppress(areas(2, 3), new AppConfig.SuppressionRule(3, false)));
    }

    @Test
    void aRowIsWithheldWhole() {
        // Tray traffic: visits and page loads of one row go together. 02's 3 page loads take its 40 visits; the
        // visits' total then needs a second cell (01, 10), whose page loads go with it; page loads hold 3 + 50 = 53.
        Map<String, Long> cells = new LinkedHashMap<>();
        cells.put("01 visits", 10L);
        cells.put("02 visits", 40L);
        cells.put("03 visits", 70L);
        cells.put("SSS visits", 120L);
        cells.put("01 loads", 50L);
        cells.put("02 loads", 3L);
        cells.put("03 loads", 90L);
        cells.put("SSS loads", 143L);
        List<SmallNumberSuppression.Total> totals = List.of(
                new SmallNumberSuppression.Total("SSS visits", List.of("01 visits", "02 visits", "03 visits")),
                new SmallNumberSuppression.Total("SSS loads", List.of("01 loads", "02 loads", "03 loads")));
        List<List<String>> rows = List.of(List.of("01 visits", "01 loads"), List.of("02 visits", "02 loads"),
                List.of("03 visits", "03 loads"));
        assertEquals(Set.of("01 visits", "01 loads", "02 visits", "02 loads"),
                SmallNumberSuppression.suppress(cells, totals, rows, RULE));
        // A count without data in a withheld row (an own tray counts no surveys) stays null, not suppressed.
        cells.put("02 surveys", null);
        cells.put("03 surveys", 8L);
        cells.put("SSS surveys", 8L);
        List<SmallNumberSuppression.Total> withSurveys = new java.util.ArrayList<>(totals);
        withSurveys.add(new SmallNumberSuppression.Total("SSS surveys", List.of("02 surveys", "03 surveys")));
        assertEquals(Set.of("01 visits", "01 loads", "02 visits", "02 loads"),
                SmallNumberSuppression.suppress(cells, withSurveys, List.of(List.of("01 visits", "01 loads"),
                        List.of("02 visits", "02 loads", "02 surveys"), List.of("03 visits", "03 loads", "03 surveys")),
                        RULE));
    }

    @Test
    void theAuditCatchesWhatTwoTotalsPinTogether() {
        // A 2 × 2 table with row and column totals: a = 1, b = 4 (row 5), c = 1, d = 9 (row 10); columns a + c = 2,
        // b + d = 13. Every suppressed total must hold two cells and five, and nothing is pinned at the end.
        Map<String, Long> cells = new LinkedHashMap<>();
        cells.put("a", 1L);
        cells.put("b", 4L);
        cells.put("c", 1L);
        cells.put("d", 9L);
        cells.put("r1", 5L);
        cells.put("r2", 10L);
        cells.put("c1", 2L);
        cells.put("c2", 13L);
        List<SmallNumberSuppression.Total> totals = List.of(
                new SmallNumberSuppression.Total("r1", List.of("a", "b")),
                new SmallNumberSuppression.Total("r2", List.of("c", "d")),
                new SmallNumberSuppression.Total("c1", List.of("a", "c")),
                new SmallNumberSuppression.Total("c2", List.of("b", "d")));
        Set<String> hidden = SmallNumberSuppression.suppress(cells, totals, List.of(), RULE);
        // a and c are small; c1 = 2 holds both and only 2, so c1 itself goes (no other cell in it).
        assertTrue(hidden.containsAll(Set.of("a", "c", "c1")), hidden.toString());
        assertEquals(List.of(), Intruder.pinned(cells, totals, hidden));
    }

    /**
     * The intruder below can find what it looks for: row 01 = 3, 02 = 7, SSS = 10 with only 01 hidden pins it
     * (10 − 7 = 3) both ways; with 02 hidden too, 01 + 02 = 10 leaves 01 anywhere in 1…9.
     */
    @Test
    void theIntruderPinsACellTheTotalGivesAway() {
        Map<String, Long> cells = areas(3, 7);
        List<SmallNumberSuppression.Total> totals = countryOver(cells);
        assertEquals(List.of("01"), Intruder.pinned(cells, totals, Set.of("01")));
        assertEquals(List.of("01"), Intruder.exhaustive(cells, totals, Set.of("01"), 1_000));
        assertEquals(List.of(), Intruder.pinned(cells, totals, Set.of("01", "02")));
        // The search visits 1 + 40 + 10 × 40 = 441 nodes (01 above 10 exceeds the total and is cut before 02 is
        // tried): a budget of 441 is enough, one of 440 runs out.
        assertEquals(List.of(), Intruder.exhaustive(cells, totals, Set.of("01", "02"), 441));
        assertEquals(null, Intruder.exhaustive(cells, totals, Set.of("01", "02"), 440));
    }

    /** Thousands of random one- and two-way tables: no suppressed cell is ever pinned to one value. */
    @Test
    void anIntruderPinsNoCellOfRandomTables() {
        Random random = new Random(2025);
        int tables = 0;
        int protectedCells = 0;
        int searched = 0;
        for (int t = 0; t < 3000; t++) {
            int rows = 1 + random.nextInt(2);
            int cols = 2 + random.nextInt(3);
            Map<String, Long> cells = new LinkedHashMap<>();
            List<SmallNumberSuppression.Total> totals = new ArrayList<>();
            long[] colSums = new long[cols];
            long grand = 0;
            for (int r = 0; r < rows; r++) {
                long rowSum = 0;
                List<String> members = new ArrayList<>();
                for (int c = 0; c < cols; c++) {
                    // Mostly small counts, some zeros, a few large ones.
                    long n = random.nextInt(10) < 2 ? 0 : random.nextInt(10) < 7 ? 1 + random.nextInt(6) : random.nextInt(20);
                    cells.put("r" + r + "c" + c, n);
                    members.add("r" + r + "c" + c);
                    rowSum += n;
                    colSums[c] += n;
                }
                cells.put("r" + r + "all", rowSum);
                totals.add(new SmallNumberSuppression.Total("r" + r + "all", members));
                grand += rowSum;
            }
            if (rows > 1) {
                List<String> rowTotals = new ArrayList<>();
                for (int c = 0; c < cols; c++) {
                    List<String> members = new ArrayList<>();
                    for (int r = 0; r < rows; r++) {
                        members.add("r" + r + "c" + c);
                    }
                    cells.put("all" + "c" + c, colSums[c]);
                    totals.add(new SmallNumberSuppression.Total("allc" + c, members));
                }
                for (int r = 0; r < rows; r++) {
                    rowTotals.add("r" + r + "all");
                }
                cells.put("allall", grand);
                totals.add(new SmallNumberSuppression.Total("allall", rowTotals));
            }
            Set<String> hidden = SmallNumberSuppression.suppress(cells, totals, List.of(), RULE);
            for (Map.Entry<String, Long> e : cells.entrySet()) {
                if (e.getValue() >= 1 && e.getValue() < 5) {
                    assertTrue(hidden.contains(e.getKey()), "a small count is always suppressed");
                }
            }
            List<String> pinned = Intruder.pinned(cells, totals, hidden);
            assertEquals(List.of(), pinned, "table " + t + " " + cells + " hidden " + hidden);
            List<String> overIntegers = Intruder.exhaustive(cells, totals, hidden, 200_000);
            if (overIntegers != null) {
                assertEquals(List.of(), overIntegers, "over the integers: table " + t + " " + cells + " hidden " + hidden);
                searched++;
            }
            tables++;
            protectedCells += hidden.size();
        }
        assertEquals(3000, tables);
        assertTrue(searched > 500, searched + " tables small enough to search over the integers");
        assertTrue(protectedCells > 3000, protectedCells + " suppressed cells over the tables");
        // Two-way tables whose margins and grand total pin a suppressed cell occur in this sample: the audit is tested.
    }
}
