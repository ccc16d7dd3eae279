package fi.tilannekuva.picture;

import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void noTablesNoLoads() {
        assertEquals(List.of(), PictureRefresh.latestLoads(List.of(), List.of("01")));
    }
}
