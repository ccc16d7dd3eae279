package fi.tilannekuva.quality;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.RowRule;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RowRulesTest {

    private static final List<RowRule> RULES = List.of(
            new RowRule("fields", "n = 3", RowRule.Action.QUARANTINE, "concat('expected 3 fields, found ', n)", true),
            new RowRule("id", "id IS NOT NULL", RowRule.Action.QUARANTINE, "'id is empty'", false),
            new RowRule("age", "age < 120", RowRule.Action.WARN, "'odd age'", false));

    private static Dataset<Row> rows() {
        StructType schema = StructType.fromDDL("k STRING, n INT, id STRING, age INT");
        return TestSpark.session().createDataFrame(List.of(
                RowFactory.create("good", 3, "a", 40),
                RowFactory.create("no-id", 3, null, 40),
                RowFactory.create("old", 3, "b", 130),
                RowFactory.create("null-age", 3, "c", null),      // a null expectation fails
                RowFactory.create("short", 2, null, 200)), schema); // final rule hides the later failures
    }

    @Test
    void reasonsAndFailedRulesPerRow() {
        Map<String, Row> byKey = new java.util.HashMap<>();
        RowRules.evaluate(rows(), RULES).collectAsList().forEach(r -> byKey.put(r.getString(0), r));
        assertEquals(List.of(), byKey.get("good").getList(byKey.get("good").fieldIndex(RowRules.REASONS)));
        assertEquals(List.of("id is empty"), byKey.get("no-id").getList(byKey.get("no-id").fieldIndex(RowRules.REASONS)));
        assertEquals(List.of("age"), byKey.get("old").getList(byKey.get("old").fieldIndex(RowRules.FAILED)));
        assertEquals(List.of(), byKey.get("old").getList(byKey.get("old").fieldIndex(RowRules.REASONS)), "warn only");
        assertEquals(List.of("age"), byKey.get("null-age").getList(byKey.get("null-age").fieldIndex(RowRules.FAILED)));
        assertEquals(List.of("fields"), byKey.get("short").getList(byKey.get("short").fieldIndex(RowRules.FAILED)));
        assertEquals(List.of("expected 3 fields, found 2"),
                byKey.get("short").getList(byKey.get("short").fieldIndex(RowRules.REASONS)));
    }

    @Test
    void countsAddUp() {
        RuleCounts c = RowRules.count(RowRules.evaluate(rows(), RULES), RULES);
        // 5 rows: no-id and short are quarantined; old and null-age only warn.
        assertEquals(5, c.rowsRead());
        assertEquals(2, c.rowsQuarantined());
        assertEquals(3, c.rowsAccepted());
        assertEquals(Map.of("fields", 1L, "id", 1L, "age", 2L), c.failuresByRule());
    }
}
