package fi.tilannekuva.job;

import fi.tilannekuva.TestJvm;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refresh stopped by SIGTERM half way — as a scheduler's timeout stops it — still leaves its row in {@code runs},
 * failed and saying why, and no gold table.
 */
@Tag("slow")
class TerminatedRunTest {

    @Test
    void aRunKilledHalfWayLeavesItsFailedRow() throws Exception {
        TestSpark.get();
        Path root = TestSpark.target().resolve("terminated");
        TestPaths.deleteRecursively(root);
        Path input = TestPaths.visitsOnlySample(root.resolve("input"));
        Path warehouse = root.resolve("warehouse");
        Path log = root.resolve("refresh.log");
        ProcessBuilder pb = new ProcessBuilder(TestJvm.command("2g", root, "refresh", "--quarter", "2025Q4",
                "--input", input.toString(), "--warehouse", warehouse.toString(),
                "--conf-file", TestPaths.project().resolve("src/test/resources/test.conf").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        try {
            // Half way: the first visit file is in silver, the gold stage has not begun.
            Instant end = Instant.now().plus(Duration.ofMinutes(3));
            while (!Files.readString(log, StandardCharsets.UTF_8).contains("visits/avohilmo_202510.csv")) {
                assertTrue(p.isAlive(), "the refresh ended before it was stopped:\n" + Files.readString(log));
                assertTrue(Instant.now().isBefore(end), "the refresh did not reach the visits:\n" + Files.readString(log));
                Thread.sleep(100);
            }
            p.destroy();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the refresh did not stop on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(128 + 15, p.exitValue(), "ended by SIGTERM:\n" + output);
        assertFalse(output.contains("could not write the run log"), output);

        List<Row> runs = TestSpark.session().read().format("delta").load(warehouse.resolve("gold/runs").toString())
                .collectAsList();
        assertEquals(1, runs.size());
        assertEquals("failed", runs.get(0).getAs("status"));
        assertEquals("terminated before it finished (SIGTERM or JVM shutdown)", runs.get(0).getAs("error"));
        assertTrue(runs.get(0).<Long>getAs("rows_read") > 0, "the files loaded before the signal are counted");
        assertFalse(Files.exists(warehouse.resolve("gold/comparison")), "no figure table was written");
    }
}
