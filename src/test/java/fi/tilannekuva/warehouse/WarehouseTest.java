package fi.tilannekuva.warehouse;

import fi.tilannekuva.TestSpark;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarehouseTest {

    private static Dataset<Row> rows(String values) {
        return TestSpark.session().sql("SELECT col1 AS v, col2 AS run_id FROM VALUES " + values);
    }

    @Test
    void sameRowsComparesMultisetsIgnoringTheRunId() {
        // Order and run ids do not matter; how often each row occurs does; nulls equal nulls.
        assertTrue(Warehouse.sameRows(rows("('a', 'r1'), ('b', 'r1'), (NULL, 'r1')"),
                rows("(NULL, 'r2'), ('b', 'r2'), ('a', 'r2')"), List.of("run_id")));
        assertFalse(Warehouse.sameRows(rows("('a', 'r1'), ('a', 'r1'), ('b', 'r1')"),
                rows("('a', 'r2'), ('b', 'r2'), ('b', 'r2')"), List.of("run_id")));
        assertFalse(Warehouse.sameRows(rows("('a', 'r1')"), rows("('a', 'r2')"), List.of()));
    }

    @Test
    void theVersionComesFromTheCommitFilesAsDeltaCountsIt(@TempDir Path dir) {
        Warehouse warehouse = new Warehouse(TestSpark.session(), dir);
        warehouse.append(Layer.GOLD, "t", rows("('a', 'r1')"), "r1");
        assertEquals(0, warehouse.version(Layer.GOLD, "t"));
        warehouse.replace(Layer.GOLD, "t", rows("('a', 'r2')"), "v = 'a'", "r2");
        warehouse.append(Layer.GOLD, "t", rows("('c', 'r3')"), "r3");
        // Three commits: versions 0, 1 and 2, as Delta's own history says.
        assertEquals(2, warehouse.version(Layer.GOLD, "t"));
        assertEquals(2, DeltaTable.forPath(TestSpark.session(), warehouse.location(Layer.GOLD, "t")).history(1)
                .select("version").first().getLong(0));
    }
}
