package fi.tilannekuva.job;

import fi.tilannekuva.TestCli;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import fi.tilannekuva.warehouse.SideBySide;
import io.delta.tables.DeltaTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A published quarter stays exactly as published: refresh, publish, revise the quarter's input, refresh again,
 * VACUUM every table with no retention — the published export is unchanged, the current one changed.
 * Runs on the sample's visits only (population and Avohilmo), to keep two refreshes short.
 */
@Tag("slow")
class PublicationTest {

    private static final String QUARTER = "2025Q4";

    @Test
    void aReleaseSurvivesARevisionAndVacuum() throws IOException {
        TestSpark.get();
        Path root = TestSpark.target().resolve("publication");
        TestPaths.deleteRecursively(root);
        Path input = TestPaths.visitsOnlySample(root.resolve("input"));
        Path warehouse = root.resolve("warehouse");
        Path out = root.resolve("out");

        ok(warehouse, "refresh", "--quarter", QUARTER, "--input", input.toString());
        String published = ok(warehouse, "publish", "--quarter", QUARTER);
        assertTrue(published.contains("release 2025Q4-r1"), published);
        String again = ok(warehouse, "publish", "--quarter", QUARTER);
        assertTrue(again.contains("unchanged since release 2025Q4-r1"), again);
        String before = export(warehouse, out.resolve("published-1.csv"), "--as-published", QUARTER);
        String pictureBefore = exportTable(warehouse, "situational_picture", out.resolve("picture-1.csv"),
                "--as-published", QUARTER);

        // A corrected December delivery (same file name, new content): 40 contacts withdrawn.
        Path december = input.resolve("visits/avohilmo_202512.csv");
        List<byte[]> lines = splitLines(Files.readAllBytes(december));
        Files.write(december, joinLines(lines.subList(0, lines.size() - 40)));
        ok(warehouse, "refresh", "--quarter", QUARTER, "--input", input.toString());
        String current = export(warehouse, out.resolve("current.csv"), "--quarter", QUARTER);

        // Every old version goes: retention 0 with the safety check off, as an impatient operator might.
        TestSpark.session().conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        TestSpark.session().conf().set("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2");
        // Four tables at a time: each VACUUM is a few small Spark jobs, mostly waiting on the driver.
        try (Stream<Path> tables = Files.list(warehouse.resolve("gold"));
             SideBySide vacuums = new SideBySide("vacuum", 4)) {
            for (Path t : tables.toList()) {
                vacuums.start(() -> {
                    DeltaTable.forPath(TestSpark.session(), t.toString()).vacuum(0);
                });
            }
            vacuums.await();
        } finally {
            TestSpark.session().conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "true");
        }

        String after = export(warehouse, out.resolve("published-2.csv"), "--as-published", QUARTER);
        assertEquals(before, after, "the published release is unchanged after a revision, a refresh and VACUUM");
        assertEquals(pictureBefore, exportTable(warehouse, "situational_picture", out.resolve("picture-2.csv"),
                "--as-published", QUARTER));
        assertNotEquals(values(before), values(current), "the revision changed the current figures");

        // Publishing the revised quarter makes release 2; release 1 still reads as it was.
        assertTrue(ok(warehouse, "publish", "--quarter", QUARTER).contains("release 2025Q4-r2"));
        assertEquals(values(current), values(export(warehouse, out.resolve("published-r2.csv"), "--as-published", QUARTER)));
        assertEquals(before, export(warehouse, out.resolve("published-r1.csv"), "--as-published", QUARTER,
                "--release", "2025Q4-r1"));
        List<Map<String, String>> releases = TestCli.csv(exportTable(warehouse, "publications",
                out.resolve("publications.csv")));
        assertEquals(2, releases.size());
        assertTrue(releases.get(0).get("input_files").contains("visits/avohilmo_202512.csv"));
        assertTrue(releases.get(0).get("source_versions").contains("\"comparison\""));
    }

    /** Runs a command on {@code warehouse} (with the test overlay) and returns what it printed; it must succeed. */
    private static String ok(Path warehouse, String... args) {
        TestCli.Outcome r = TestCli.run(TestCli.withWarehouse(warehouse, args));
        assertEquals(ExitCode.OK, r.code(), r.out() + r.err());
        return r.out();
    }

    private static String export(Path warehouse, Path file, String... selection) throws IOException {
        return exportTable(warehouse, "comparison", file, selection);
    }

    private static String exportTable(Path warehouse, String table, Path file, String... selection) throws IOException {
        List<String> args = new ArrayList<>(List.of("export", "--table", table, "--out", file.toString()));
        args.addAll(List.of(selection));
        ok(warehouse, args.toArray(String[]::new));
        return Files.readString(file);
    }

    /** The quarter's figures without run ids, which differ between refreshes by design. */
    private static List<String> values(String csv) {
        return TestCli.csv(csv).stream().filter(r -> r.get("period").equals(QUARTER))
                .map(r -> r.get("area_code") + " " + r.get("measure_id") + " " + r.get("numerator") + " " + r.get("value"))
                .sorted().toList();
    }

    /** Lines as bytes: the file may be latin-1, and is rewritten byte for byte. */
    private static List<byte[]> splitLines(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                lines.add(Arrays.copyOfRange(content, start, i + 1));
                start = i + 1;
            }
        }
        if (start < content.length) {
            lines.add(Arrays.copyOfRange(content, start, content.length));
        }
        return lines;
    }

    private static byte[] joinLines(List<byte[]> lines) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
