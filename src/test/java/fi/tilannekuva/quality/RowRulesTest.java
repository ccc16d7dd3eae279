package fi.tilannekuva.quality;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.RowRule;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static final List<RowRule> KEYED = List.of(
            new RowRule("id", "id IS NOT NULL", RowRule.Action.QUARANTINE, "'id is empty'", false),
            RowRule.naturalKey(List.of("id", "tag"), RowRule.Keep.LAST));

    private static Dataset<Row> keyedRows() {
        StructType schema = StructType.fromDDL("_file_hash STRING, _line BIGINT, id STRING, tag STRING");
        return TestSpark.session().createDataFrame(List.of(
                RowFactory.create("f1", 2L, "a", "x"),
                RowFactory.create("f1", 3L, "b", "x"),
                RowFactory.create("f1", 4L, "a", "x"),    // repeats line 2's key: the later row, kept
                RowFactory.create("f1", 5L, "a", "x"),    // ... and again: 2 and 4 fail, 5 stays
                RowFactory.create("f1", 6L, null, "x"),   // quarantined by the id rule: takes part in no key
                RowFactory.create("f1", 7L, null, "x"),
                RowFactory.create("f1", 8L, "c", null),   // an empty part equals an empty part
                RowFactory.create("f1", 9L, "c", null),
                RowFactory.create("f2", 2L, "b", "x")),   // the same key in another file is no repeat
                schema);
    }

    /** The reasons of each row, as "file:line reasons". */
    private static List<String> reasonsByLine(Dataset<Row> evaluated) {
        return evaluated.orderBy("_file_hash", "_line").collectAsList().stream()
                .map(r -> r.getString(0) + ":" + r.getLong(1) + " " + r.getList(r.fieldIndex(RowRules.REASONS))).toList();
    }

    @Test
    void aRepeatedKeyKeepsOneRowPerFileAndTheOthersSayWhichLineStays() {
        String later = "repeats the key (id, tag) of line 5, the later row, which is kept";
        List<String> expected = List.of("f1:2 [" + later + "]", "f1:3 []", "f1:4 [" + later + "]", "f1:5 []",
                "f1:6 [id is empty]", "f1:7 [id is empty]",
                "f1:8 [repeats the key (id, tag) of line 9, the later row, which is kept]", "f1:9 []",
                "f2:2 []");
        assertEquals(expected, reasonsByLine(RowRules.evaluate(keyedRows(), KEYED)));
        // More repeated keys than are sent to the tasks: joined by a shuffle instead, with the same result.
        assertEquals(expected, reasonsByLine(
                RowRules.evaluateKeys(RowRules.evaluateRowByRow(keyedRows(), KEYED), KEYED, 0, false)));
        // The rows in one partition, as a small source's: the repeats are found where the rows are, the same result.
        Dataset<Row> inOne = RowRules.evaluateRowByRow(keyedRows(), KEYED).coalesce(1);
        assertEquals(expected, reasonsByLine(RowRules.evaluateKeys(inOne, KEYED, true)));
        assertEquals(expected, reasonsByLine(RowRules.evaluateKeys(inOne, KEYED, 0, true)));
        // 9 rows: 2 quarantined by id, 3 by the key (lines 2, 4, 8).
        RuleCounts c = RowRules.count(RowRules.evaluate(keyedRows(), KEYED), KEYED);
        assertEquals(5, c.rowsQuarantined());
        assertEquals(Map.of("id", 2L, RowRule.DUPLICATE_KEY, 3L), c.failuresByRule());
    }

    @Test
    void countsTakenWhileTheRowsAreReadAreTheCountsOfAPassOfTheirOwn() {
        Dataset<Row> evaluated = RowRules.evaluate(keyedRows(), KEYED);
        RowRules.ObservedCounts observed = RowRules.observeCountsBy(evaluated, KEYED, "_file_hash", List.of("f1", "f2", "f9"));
        assertEquals(Optional.empty(), observed.await(Duration.ofMillis(200)), "nothing has read the rows yet");
        assertEquals(9, observed.rows().collectAsList().size());
        Map<String, RuleCounts> counts = observed.await(Duration.ofSeconds(60)).orElseThrow();
        // f1: 8 rows; lines 6 and 7 fail the id rule, lines 2, 4 and 8 the key: 5 quarantined. f2: 1 row, passed.
        // f9 has no rows, so no entry, as in countBy.
        assertEquals(Map.of("f1", new RuleCounts(8, 5, Map.of("id", 2L, RowRule.DUPLICATE_KEY, 3L)),
                "f2", new RuleCounts(1, 0, Map.of("id", 0L, RowRule.DUPLICATE_KEY, 0L))), counts);
        assertEquals(RowRules.countBy(evaluated, KEYED, "_file_hash"), counts);
    }

    @Test
    void theAreasOfEachFilesAcceptedRowsAreCollectedWithTheCounts() {
        // The "area" of a row is its id and line: each row's own, so a quarantined row's would show if it were taken.
        Dataset<Row> evaluated = RowRules.evaluate(keyedRows()
                .withColumn("area", concat_ws("-", col("id"), col("_line").cast("string"))), KEYED);
        RowRules.ObservedCounts observed = RowRules.observeCountsBy(evaluated, KEYED, "_file_hash", List.of("f1", "f2"),
                "area");
        assertEquals(9, observed.rows().collectAsList().size());
        Map<String, RuleCounts> counts = observed.await(Duration.ofSeconds(60)).orElseThrow();
        // f1 keeps lines 3 (b), 5 (a) and 9 (c); 2, 4 and 8 repeat a key, 6 and 7 have no id. f2 keeps its one row.
        assertEquals(List.of("a-5", "b-3", "c-9"), counts.get("f1").areas());
        assertEquals(List.of("b-2"), counts.get("f2").areas());
        assertEquals(RowRules.countBy(evaluated, KEYED, "_file_hash", "area"), counts);
        assertNull(RowRules.countBy(evaluated, KEYED, "_file_hash").get("f1").areas(), "not asked for");
    }

    @Test
    void aRuleThatReadsTheClockOrChanceDoesNotJudgeAlike() {
        assertTrue(new RowRule("past", "started_at <= _loaded_at", RowRule.Action.QUARANTINE, "'late'", false).judgesAlike());
        assertFalse(new RowRule("past", "started_at <= current_timestamp()", RowRule.Action.QUARANTINE, "'late'", false)
                .judgesAlike());
        assertFalse(new RowRule("sample", "id IS NOT NULL", RowRule.Action.WARN, "CASE WHEN RAND() < 0.5 THEN 'a' END", false)
                .judgesAlike(), "the message is judged too");
        assertTrue(RowRule.naturalKey(List.of("id"), RowRule.Keep.LAST).judgesAlike());
    }

    @Test
    void keepingTheFirstRowFailsTheLaterOnes() {
        List<RowRule> first = List.of(KEYED.get(0), RowRule.naturalKey(List.of("id", "tag"), RowRule.Keep.FIRST));
        List<String> reasons = reasonsByLine(RowRules.evaluate(keyedRows(), first));
        String earlier = "repeats the key (id, tag) of line 2, the first row, which is kept";
        assertEquals(List.of("f1:2 []", "f1:3 []", "f1:4 [" + earlier + "]", "f1:5 [" + earlier + "]"),
                reasons.subList(0, 4));
        assertEquals("f1:9 [repeats the key (id, tag) of line 8, the first row, which is kept]", reasons.get(7));
    }

    @Test
    void keysWithTheSameHashAreNotARepeat() {
        // A hash skips empty parts, so (e, empty) and (empty, e) hash alike: counted again per key, neither repeats.
        StructType schema = StructType.fromDDL("_file_hash STRING, _line BIGINT, id STRING, tag STRING");
        Dataset<Row> rows = TestSpark.session().createDataFrame(List.of(
                RowFactory.create("f3", 2L, "e", null), RowFactory.create("f3", 3L, null, "e")), schema);
        List<RowRule> keyOnly = List.of(RowRule.naturalKey(List.of("id", "tag"), RowRule.Keep.LAST));
        assertEquals(1L, rows.selectExpr("xxhash64(_file_hash, id, tag) AS h").distinct().count(), "the same hash");
        assertEquals(List.of("f3:2 []", "f3:3 []"), reasonsByLine(RowRules.evaluate(rows, keyOnly)));
    }
}
