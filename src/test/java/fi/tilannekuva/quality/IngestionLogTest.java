package fi.tilannekuva.quality;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IngestionLogTest {

    private static final Timestamp T1 = Timestamp.valueOf("2025-07-02 06:00:00");
    private static final Timestamp T2 = Timestamp.valueOf("2025-10-02 06:00:00.123456");
    private static final String COLUMNS = "source STRING, file STRING, sha256 STRING, charset STRING, bytes BIGINT, "
            + "rows_read BIGINT, rows_accepted BIGINT, rows_quarantined BIGINT, run_id STRING, loaded_at TIMESTAMP";

    @Test
    void aLogWrittenBeforeItKeptAreasIsReadWithoutThem(@TempDir Path dir) {
        Warehouse warehouse = new Warehouse(TestSpark.session(), dir);
        // A warehouse of an earlier version: its log has no areas column.
        warehouse.append(Layer.BRONZE, RunLog.INGESTED_FILES, TestSpark.frame(COLUMNS,
                RowFactory.create("trays", "traffic/trays.csv", "h1", "UTF-8", 100L, 22L, 21L, 1L, "r1", T1)), "r1");
        IngestionLog.Entry old = IngestionLog.read(warehouse).entries().get(0);
        assertEquals(List.of("trays", "traffic/trays.csv", "h1", 22L, 1L, 21L, T1),
                List.of(old.source(), old.file(), old.sha256(), old.rowsRead(), old.rowsQuarantined(),
                        old.rowsAccepted(), old.loadedAt()));
        assertNull(old.areas());

        // This version appends rows with areas: the column is added, the earlier rows have none.
        warehouse.append(Layer.BRONZE, RunLog.INGESTED_FILES, TestSpark.frame(COLUMNS + ", areas ARRAY<STRING>",
                RowFactory.create("trays", "traffic/trays.csv", "h2", "UTF-8", 90L, 20L, 20L, 0L, "r2", T2,
                        Arrays.asList("05", "08"))), "r2");
        List<IngestionLog.Entry> entries = IngestionLog.read(warehouse).entries();
        assertEquals(2, entries.size());
        assertNull(entries.stream().filter(e -> e.sha256().equals("h1")).findFirst().orElseThrow().areas());
        IngestionLog.Entry latest = entries.stream().filter(e -> e.sha256().equals("h2")).findFirst().orElseThrow();
        assertEquals(List.of("05", "08"), latest.areas());
        assertEquals(T2, latest.loadedAt(), "to the microsecond");
    }
}
