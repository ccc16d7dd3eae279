package fi.tilannekuva.job;

import fi.tilannekuva.TestCli;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A load that fails after a source's rows are in bronze and silver, before the ingestion log records its files, leaves
 * markers on those tables; the next run replaces those rows rather than adding its own beside them, and a corrected
 * file (the same name, new content) replaces the rows of the version before it.
 */
@Tag("slow")
class InterruptedLoadTest {

    private static final String TABLE = "population";

    @Test
    void rowsLeftUnrecordedByAFailedRunAreReplacedByTheNext(@TempDir Path dir) throws IOException {
        TestSpark.get();
        Path input = dir.resolve("input");
        Files.createDirectories(input.resolve("reference"));
        try (Stream<Path> s = Files.list(TestPaths.samples().resolve("reference"))) {
            for (Path f : s.toList()) {
                Files.copy(f, input.resolve("reference").resolve(f.getFileName()));
            }
        }
        Path warehouse = dir.resolve("warehouse");
        // The quarantine, written after every source and before the ingestion log, cannot be: a file is in its place.
        Files.createDirectories(warehouse.resolve("silver"));
        Files.writeString(warehouse.resolve("silver/quarantine"), "not a table");

        TestCli.Outcome failed = load(warehouse, input);
        assertNotEquals(ExitCode.OK, failed.code(), failed.out() + failed.err());
        assertTrue(failed.err().contains("silver/quarantine"), "the error names the table: " + failed.err());
        assertTrue(count(warehouse, "silver/" + TABLE) > 0, "the population is in silver");
        assertFalse(Files.exists(warehouse.resolve("bronze/ingested_files")), "and not in the ingestion log");
        assertEquals(List.of("bronze.population", "silver.population"), markers(warehouse));

        Files.delete(warehouse.resolve("silver/quarantine"));
        TestCli.Outcome rerun = load(warehouse, input);
        assertEquals(ExitCode.OK, rerun.code(), rerun.out() + rerun.err());
        // The sample's three population files, 937 rows each, one of each quarantined (area 99).
        assertEquals(Map.of("reference/population_2022.csv", 936L, "reference/population_2023.csv", 936L,
                        "reference/population_2024.csv", 936L),
                perFile(warehouse, "silver/" + TABLE, "source_file"));
        assertEquals(3 * 937, count(warehouse, "bronze/" + TABLE));
        assertEquals(3 * 937, distinctLines(warehouse, "bronze/" + TABLE, "_file_hash", "_line"));
        assertEquals(List.of(), markers(warehouse), "every key recorded");

        // A corrected 2024 file without its line of area 91's women aged 85+ (the one before the quarantined area 99):
        // its 936 - 1 rows replace the 936 of the version before.
        Path corrected = input.resolve("reference/population_2024.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(corrected));
        assertEquals("91,2,85+,519", lines.remove(lines.size() - 2));
        Files.write(corrected, lines);
        TestCli.Outcome third = load(warehouse, input);
        assertEquals(ExitCode.OK, third.code(), third.out() + third.err());
        Map<String, Long> silver = perFile(warehouse, "silver/" + TABLE, "source_file");
        assertEquals(935L, silver.get("reference/population_2024.csv"), silver.toString());
        assertEquals(3 * 936 - 1, count(warehouse, "silver/" + TABLE));
        assertEquals(count(warehouse, "silver/" + TABLE),
                distinctLines(warehouse, "silver/" + TABLE, "source_file", "line"));
    }

    private static TestCli.Outcome load(Path warehouse, Path input) {
        return TestCli.run(TestCli.withWarehouse(warehouse, "refresh", "--quarter", "2025Q4", "--input",
                input.toString(), "--load-only"));
    }

    private static Dataset<Row> table(Path warehouse, String table) {
        return TestSpark.session().read().format("delta").load(warehouse.resolve(table).toString());
    }

    private static long count(Path warehouse, String table) {
        return table(warehouse, table).count();
    }

    private static long distinctLines(Path warehouse, String table, String file, String line) {
        return table(warehouse, table).select(col(file), col(line)).distinct().count();
    }

    private static Map<String, Long> perFile(Path warehouse, String table, String column) {
        Map<String, Long> counts = new TreeMap<>();
        table(warehouse, table).groupBy(column).count().collectAsList()
                .forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        return counts;
    }

    /** The tables with a load marker, as {@code layer.table}. */
    private static List<String> markers(Path warehouse) throws IOException {
        Path folder = warehouse.resolve("_runs/loading");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".keys"))
                    .map(n -> n.substring(n.indexOf('.') + 1, n.length() - ".keys".length())).sorted().toList();
        }
    }
}
