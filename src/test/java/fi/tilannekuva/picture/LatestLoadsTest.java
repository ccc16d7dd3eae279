package fi.tilannekuva.picture;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.quality.IngestionLog;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatestLoadsTest {

    private static final Timestamp T1 = Timestamp.valueOf("2025-04-02 06:00:00");
    private static final Timestamp T2 = Timestamp.valueOf("2025-07-02 06:00:00");
    private static final Timestamp T3 = Timestamp.valueOf("2025-10-02 06:00:00.123456");
    private static final Timestamp T4 = Timestamp.valueOf("2025-10-03 06:00:00");

    private static Dataset<Row> withArea(Row... rows) {
        return TestSpark.frame("area_code STRING, loaded_at TIMESTAMP", rows);
    }

    @Test
    void anAreaInTheNewestLoadHasItAndTheOthersTheirOwnLatest() {
        List<PictureRefresh.SilverTable> tables = List.of(
                new PictureRefresh.SilverTable("avohilmo", withArea(
                        // The newest load (T3, with microseconds) has 01 and 02.
                        RowFactory.create("01", T3), RowFactory.create("02", T3),
                        // 01 also earlier; 03 only in two older loads, its latest T2; 99 is no configured area; a
                        // row without an area counts for the whole source only.
                        RowFactory.create("01", T1), RowFactory.create("03", T1), RowFactory.create("03", T2),
                        RowFactory.create("99", T2), RowFactory.create(null, T2)), true),
                // A table of the same source without areas, loaded later: the source's latest load, no area's.
                new PictureRefresh.SilverTable("avohilmo", TestSpark.frame("code STRING, loaded_at TIMESTAMP",
                        RowFactory.create("OAB61", T4)), false),
                // A table whose rows have no load time: no load at all.
                new PictureRefresh.SilverTable("traffic", withArea(RowFactory.create("01", null)), true));

        Map<String, Timestamp> latest = new TreeMap<>();
        PictureRefresh.latestLoads(tables, List.of("01", "02", "03", "04", "SSS")).stream()
                .filter(l -> l.loadedAt() != null)
                .forEach(l -> latest.merge(l.source() + "|" + (l.area() == null ? "*" : l.area()), l.loadedAt(),
                        (a, b) -> a.after(b) ? a : b));

        // As the maximum over every row per source and area would give, for the configured areas (04 and SSS have
        // no rows: the freshness falls back to the source's latest load for them).
        assertEquals(Map.of("avohilmo|*", T4, "avohilmo|01", T3, "avohilmo|02", T3, "avohilmo|03", T2), latest);
    }

    @Test
    void theLogGivesWhatTheRowsGiveWithoutReadingThem() {
        List<IngestionLog.Entry> entries = List.of(
                entry("b.csv", T1, 5, 1, List.of("03", "99")),
                entry("a.csv", T2, 10, 0, List.of("01", "03")),
                // a.csv delivered again, corrected: its rows replace those of T2, and 03 is no longer among them, so
                // 03's latest load is b.csv's (T1), not a.csv's first (T2).
                entry("a.csv", T3, 10, 0, List.of("01")),
                // Every row quarantined: no rows in the table, so no load.
                entry("c.csv", T4, 4, 4, List.of()),
                // Evaluated again at T4 (the same content; the source it is checked against changed): its rows keep
                // the time they were first loaded, T1, so 02's latest load is T1 and T4 is no load of the table's.
                new IngestionLog.Entry("avohilmo_contacts", "d.csv", "d", 3, 0, T1, List.of("02")),
                new IngestionLog.Entry("avohilmo_contacts", "d.csv", "d", 3, 0, T4, List.of("02")));
        Map<String, Timestamp> expected = Map.of("avohilmo|*", T3, "avohilmo|01", T3, "avohilmo|02", T1,
                "avohilmo|03", T1);
        assertEquals(expected, byKey(PictureRefresh.loggedLoads("avohilmo", entries, true, AREAS).orElseThrow()));
        // The rows those loads left in the table, read: the same.
        assertEquals(expected, byKey(PictureRefresh.latestLoads(List.of(new PictureRefresh.SilverTable("avohilmo",
                withArea(RowFactory.create("01", T3), RowFactory.create("02", T1), RowFactory.create("03", T1),
                        RowFactory.create("99", T1)), true)),
                AREAS)));
        // A table without areas: the source's latest load only.
        assertEquals(Map.of("avohilmo|*", T3), byKey(PictureRefresh.loggedLoads("avohilmo",
                List.of(entry("a.csv", T3, 1, 0, null), entry("b.csv", T2, 1, 0, null)), false, AREAS).orElseThrow()));
    }

    @Test
    void theRowsAreReadWhenTheLogCannotTell() {
        // No entry: the table's rows were written some other way.
        assertTrue(PictureRefresh.loggedLoads("avohilmo", List.of(), true, AREAS).isEmpty());
        // A file of a table with areas logged before the log kept them.
        assertTrue(PictureRefresh.loggedLoads("avohilmo", List.of(entry("a.csv", T3, 1, 0, List.of("01")),
                entry("b.csv", T2, 1, 0, null)), true, AREAS).isEmpty());
    }

    private static final List<String> AREAS = List.of("01", "02", "03", "04", "SSS");

    private static IngestionLog.Entry entry(String file, Timestamp at, long read, long quarantined,
                                            List<String> areas) {
        return new IngestionLog.Entry("avohilmo_contacts", file, file + "-" + at.getTime(), read, quarantined, at,
                areas);
    }

    /** The latest load per source and area ("*" the whole source). */
    private static Map<String, Timestamp> byKey(List<Freshness.Load> loads) {
        Map<String, Timestamp> latest = new TreeMap<>();
        loads.stream().filter(l -> l.loadedAt() != null)
                .forEach(l -> latest.merge(l.source() + "|" + (l.area() == null ? "*" : l.area()), l.loadedAt(),
                        (a, b) -> a.after(b) ? a : b));
        return latest;
    }

    @Test
    void noTablesNoLoads() {
        assertEquals(List.of(), PictureRefresh.latestLoads(List.of(), List.of("01")));
    }
}
