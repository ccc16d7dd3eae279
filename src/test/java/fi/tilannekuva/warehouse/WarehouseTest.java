package fi.tilannekuva.warehouse;

import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

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
}
