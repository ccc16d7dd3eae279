package fi.tilannekuva.job;

import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmCompilersTest {

    private static final long MIB_8 = 8L * 1024 * 1024;

    @Test
    void aJvmWithTheQuickCompilerAloneStopsFromTheThresholdOnAndAnotherNever() {
        // 8 MiB - 1 byte: the quick compiler will do.
        assertDoesNotThrow(() -> JvmCompilers.check(true, MIB_8 - 1, MIB_8));
        // Exactly 8 MiB: stop, saying how much and what the launcher does.
        JvmCompilers.OptimisingCompilerNeeded stop = assertThrows(JvmCompilers.OptimisingCompilerNeeded.class,
                () -> JvmCompilers.check(true, MIB_8, MIB_8));
        assertTrue(stop.getMessage().startsWith("8.0 MiB of input files and silver tables need the JVM's optimising "
                + "compiler (from 8.0 MiB"), stop.getMessage());
        assertTrue(stop.getMessage().endsWith("exit 75, for the launcher to start the refresh again with both"),
                stop.getMessage());
        // A JVM with the optimising compiler runs any size.
        assertDoesNotThrow(() -> JvmCompilers.check(false, Long.MAX_VALUE, 0));
    }

    @Test
    void theDataAreTheInputRootsFilesAndTheSilverTablesNotBronzeOrGold() throws Exception {
        Path root = TestSpark.target().resolve("jvm-compilers");
        TestPaths.deleteRecursively(root);
        Path input = root.resolve("input");
        Path warehouse = root.resolve("warehouse");
        write(input.resolve("visits/avohilmo_202510.csv"), 100);
        write(input.resolve("README.md"), 20);
        write(warehouse.resolve("silver/avohilmo_contacts/part-0.parquet"), 1000);
        write(warehouse.resolve("silver/avohilmo_contacts/_delta_log/00000000000000000000.json"), 3);
        write(warehouse.resolve("bronze/avohilmo_contacts/part-0.parquet"), 5000);
        write(warehouse.resolve("gold/comparison/part-0.parquet"), 7000);
        // 100 + 20 in the input root, 1000 + 3 in silver.
        assertEquals(1123, JvmCompilers.bytes(input, warehouse));
        // A warehouse not made yet holds nothing.
        assertEquals(120, JvmCompilers.bytes(input, root.resolve("no-warehouse")));
    }

    @Test
    void theTestsJvmHasBothCompilersSoItsRefreshesAreNeverStopped() {
        // The suite's one JVM runs for minutes: the optimising compiler pays there (the whole suite a minute slower
        // on the quick one alone). LauncherIT runs the launcher's refresh on the quick compiler and started again.
        assertFalse(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel")));
        assertFalse(JvmCompilers.quickOnly());
    }

    private static void write(Path file, int bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }
}
