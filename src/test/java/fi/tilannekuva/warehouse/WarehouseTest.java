package fi.tilannekuva.warehouse;

import fi.tilannekuva.TestSpark;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void aTableExistsOnceItHasACommitAsDeltaSaysIt(@TempDir Path dir) throws Exception {
        Warehouse warehouse = new Warehouse(TestSpark.session(), dir);
        String location = warehouse.location(Layer.GOLD, "t");
        // No folder; then a log folder holding only a first commit that never completed (its temporary file).
        assertFalse(warehouse.exists(Layer.GOLD, "t"));
        assertFalse(DeltaTable.isDeltaTable(TestSpark.session(), location));
        Path log = Files.createDirectories(dir.resolve(Layer.GOLD.directory()).resolve("t").resolve("_delta_log"));
        Files.writeString(log.resolve(".00000000000000000000.json.tmp"), "{}");
        assertFalse(warehouse.exists(Layer.GOLD, "t"));
        assertFalse(DeltaTable.isDeltaTable(TestSpark.session(), location));
        warehouse.append(Layer.GOLD, "t", rows("('a', 'r1')"), "r1");
        assertTrue(warehouse.exists(Layer.GOLD, "t"));
        assertTrue(DeltaTable.isDeltaTable(TestSpark.session(), location));
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

    @Test
    void aNewTableKeepsStatisticsOnlyOnTheColumnsSlicesFilterBy(@TempDir Path dir) {
        Warehouse warehouse = new Warehouse(TestSpark.session(), dir);
        warehouse.append(Layer.SILVER, "s", TestSpark.session().sql(
                "SELECT 'x' AS municipality, 'f.csv' AS source_file, '2025Q4' AS period, 'r1' AS run_id"), "r1");
        warehouse.append(Layer.GOLD, "g", rows("('a', 'r1')").drop("run_id"), "r1");
        // Of the silver table's four columns, the three a slice or read names; the gold table has none of them.
        assertEquals("source_file,period,run_id", properties(warehouse, Layer.SILVER, "s").get("delta.dataSkippingStatsColumns"));
        assertEquals("0", properties(warehouse, Layer.GOLD, "g").get("delta.dataSkippingNumIndexedCols"));
        // A later write keeps them: they are set when the table is created.
        warehouse.append(Layer.SILVER, "s", TestSpark.session().sql(
                "SELECT 'y' AS municipality, 'g.csv' AS source_file, '2025Q4' AS period, 'r2' AS run_id"), "r2");
        assertEquals("source_file,period,run_id", properties(warehouse, Layer.SILVER, "s").get("delta.dataSkippingStatsColumns"));
    }

    @Test
    void aWriteCanNameTheColumnsANewTableKeepsStatisticsOn(@TempDir Path dir) {
        Warehouse warehouse = new Warehouse(TestSpark.session(), dir);
        Dataset<Row> rows = TestSpark.session().sql(
                "SELECT 'x' AS municipality, 'f.csv' AS source_file, '2025Q4' AS period, 'r1' AS run_id");
        // None, though three of the columns are ones the default keeps statistics on (a source's bronze and silver).
        warehouse.append(Layer.SILVER, "none", rows, "r1", Set.of());
        Map<String, String> none = properties(warehouse, Layer.SILVER, "none");
        assertEquals("0", none.get("delta.dataSkippingNumIndexedCols"));
        assertNull(none.get("delta.dataSkippingStatsColumns"));
        // A replace that creates its table sets them as an append does; the named columns the rows lack are left out.
        warehouse.replace(Layer.SILVER, "named", rows, "period = '2025Q4'", "r1", Set.of("period", "year"));
        assertEquals("period", properties(warehouse, Layer.SILVER, "named").get("delta.dataSkippingStatsColumns"));
    }

    @Test
    void aWholeTableWithTheRowsItsVersionWasRecordedWithIsNeitherReadNorWritten(@TempDir Path dir) throws Exception {
        Warehouse warehouse = new Warehouse(TestSpark.session(), dir);
        Path table = dir.resolve(Layer.GOLD.directory()).resolve("t");
        assertTrue(warehouse.replaceWholeIfChanged(Layer.GOLD, "t", rows("('a', 'r1'), ('b', 'r1')"), "r1", List.of("run_id")));
        assertEquals(0, warehouse.version(Layer.GOLD, "t"));
        String recorded = Files.readString(table.resolve(ContentDigest.FILE));
        assertTrue(recorded.startsWith("0 "), recorded);
        // The same rows in another order from another run: unchanged, by the digest alone.
        assertFalse(warehouse.replaceWholeIfChanged(Layer.GOLD, "t", rows("('b', 'r2'), ('a', 'r2')"), "r2", List.of("run_id")));
        assertEquals(0, warehouse.version(Layer.GOLD, "t"));

        // A commit the digest does not describe (another writer): the rows are compared with the table's, not trusted.
        warehouse.replace(Layer.GOLD, "t", rows("('c', 'x')"), "true", "x");
        assertTrue(warehouse.replaceWholeIfChanged(Layer.GOLD, "t", rows("('a', 'r3'), ('b', 'r3')"), "r3", List.of("run_id")));
        assertEquals(2, warehouse.version(Layer.GOLD, "t"));
        assertEquals(List.of("a", "b"), warehouse.read(Layer.GOLD, "t").orderBy("v").select("v").as(
                Encoders.STRING()).collectAsList());

        // A digest file that names another version is not believed either; once compared, the digest is recorded for
        // the version compared with.
        Files.writeString(table.resolve(ContentDigest.FILE), "1 " + recorded.split(" ")[1]);
        assertFalse(warehouse.replaceWholeIfChanged(Layer.GOLD, "t", rows("('a', 'r4'), ('b', 'r4')"), "r4", List.of("run_id")));
        assertTrue(Files.readString(table.resolve(ContentDigest.FILE)).startsWith("2 "));
        assertEquals(2, warehouse.version(Layer.GOLD, "t"));

        // Not read: with the table's data files gone, the same rows are still known unchanged (a read would fail).
        warehouse.replaceWholeIfChanged(Layer.GOLD, "w", rows("('a', 'r1')"), "r1", List.of("run_id"));
        try (Stream<Path> files = Files.list(dir.resolve(Layer.GOLD.directory()).resolve("w"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
                Files.delete(f);
            }
        }
        assertFalse(warehouse.replaceWholeIfChanged(Layer.GOLD, "w", rows("('a', 'r2')"), "r2", List.of("run_id")));

        // A log folder without a commit (a first write that died before committing) is no table yet: written.
        Files.createDirectories(dir.resolve(Layer.GOLD.directory()).resolve("u").resolve("_delta_log"));
        assertTrue(warehouse.replaceWholeIfChanged(Layer.GOLD, "u", rows("('a', 'r5')"), "r5", List.of("run_id")));
        assertEquals(0, warehouse.version(Layer.GOLD, "u"));
    }

    @Test
    void theDigestCountsRowsButNotTheirOrderAndTellsNullFromText() {
        StructType schema = StructType.fromDDL("v STRING, run_id STRING");
        Function<List<Row>, String> digest = r -> ContentDigest.of(schema, r, List.of("run_id")).orElseThrow();
        Row a = RowFactory.create("a", "r1");
        Row b = RowFactory.create("b", "r2");
        assertEquals(digest.apply(List.of(a, b)), digest.apply(List.of(b, a)));
        assertFalse(digest.apply(List.of(a, b)).equals(digest.apply(List.of(a, b, b))));
        assertFalse(digest.apply(List.of(RowFactory.create(null, "r")))
                .equals(digest.apply(List.of(RowFactory.create("null", "r")))));
        // Values that would run together without their lengths: "a;" + "" against "a" + ";".
        StructType two = StructType.fromDDL("x STRING, y STRING");
        assertFalse(ContentDigest.of(two, List.of(RowFactory.create("a;", "")), List.of())
                .equals(ContentDigest.of(two, List.of(RowFactory.create("a", ";")), List.of())));
        // Bytes by their content, not by the array's identity; a time by its instant, to the nanosecond.
        StructType bin = StructType.fromDDL("b BINARY");
        assertEquals(ContentDigest.of(bin, List.of(RowFactory.create((Object) new byte[]{1, 2})), List.of()),
                ContentDigest.of(bin, List.of(RowFactory.create((Object) new byte[]{1, 2})), List.of()));
        assertFalse(ContentDigest.of(bin, List.of(RowFactory.create((Object) new byte[]{1, 2})), List.of())
                .equals(ContentDigest.of(bin, List.of(RowFactory.create((Object) new byte[]{1, 3})), List.of())));
        StructType at = StructType.fromDDL("t TIMESTAMP");
        Timestamp half = new Timestamp(500);
        Timestamp minusHalf = new Timestamp(-500);
        assertFalse(ContentDigest.of(at, List.of(RowFactory.create(half)), List.of())
                .equals(ContentDigest.of(at, List.of(RowFactory.create(minusHalf)), List.of())));
        // Nested values are not digested: such a table is always compared.
        assertTrue(ContentDigest.of(StructType.fromDDL("v ARRAY<STRING>"), List.of(), List.of()).isEmpty());
    }

    private static Map<String, String> properties(Warehouse warehouse, Layer layer, String table) {
        return TestSpark.tableProperties(warehouse.location(layer, table));
    }

    /** The rows as "v run_id" text, sorted. */
    private static List<String> text(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(r -> r.getString(0) + " " + r.getString(1)).sorted().toList();
    }

    @Test
    void aSettledTableIsReadAtTheVersionOfItsFirstReadWithTheRowsDeltaReads(@TempDir Path dir) {
        Warehouse warehouse = new Warehouse(TestSpark.session(), dir);
        warehouse.append(Layer.SILVER, "s", rows("('a', 'r1'), ('b', 'r1')"), "r1");
        warehouse.append(Layer.SILVER, "s", rows("('c', 'r2')"), "r2");
        // A commit that removes a file (the one holding b of r1: without its removal b would be read twice).
        warehouse.replace(Layer.SILVER, "s", rows("('b', 'r3')"), "v = 'b'", "r3");
        List<String> expected = List.of("a r1", "b r3", "c r2");
        assertEquals(expected, text(warehouse.read(Layer.SILVER, "s")));

        warehouse.settle(Layer.SILVER);
        assertEquals(expected, text(warehouse.read(Layer.SILVER, "s")));
        // Another writer's commit after that first read is not seen: every read is of the same version.
        Warehouse other = new Warehouse(TestSpark.session(), dir);
        other.append(Layer.SILVER, "s", rows("('d', 'r4')"), "r4");
        assertEquals(expected, text(warehouse.read(Layer.SILVER, "s")));
        assertEquals(List.of("c r2"), text(warehouse.read(Layer.SILVER, "s").where("v = 'c'")));
        // The layer is only read now.
        assertThrows(IllegalStateException.class,
                () -> warehouse.append(Layer.SILVER, "s", rows("('f', 'r5')"), "r5"));
        assertThrows(IllegalStateException.class,
                () -> warehouse.replace(Layer.SILVER, "s", rows("('a', 'r5')"), "v = 'a'", "r5"));

        // A table with a checkpoint is listed from Delta's state, not from its commits: the same rows.
        DeltaLog.forTable(TestSpark.session(), other.location(Layer.SILVER, "s")).checkpoint();
        other.settle(Layer.SILVER);
        assertEquals(List.of("a r1", "b r3", "c r2", "d r4"), text(other.read(Layer.SILVER, "s")));
    }
}
