package fi.tilannekuva.job;

import fi.tilannekuva.TestCli;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static fi.tilannekuva.TestCli.run;
import static fi.tilannekuva.TestCli.withWarehouse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each documented exit code, produced by a real failing command line. */
class ExitCodesTest {

    @Test
    void helpIsZero() {
        TestCli.Outcome r = run("refresh", "--help");
        assertEquals(ExitCode.OK, r.code());
        assertTrue(r.out().contains("--quarter"), r.out());
    }

    @Test
    void aWrongTableNameIsThreeWithTheClosestNameAndTheList(@TempDir Path dir) {
        // Checked before Spark starts: no session is needed to answer it.
        TestCli.Outcome r = run(withWarehouse(dir, "export", "--table", "situational_pictur", "--out",
                dir.resolve("picture.csv").toString()));
        assertEquals(ExitCode.INPUT, r.code());
        assertTrue(r.err().contains("table situational_pictur does not exist in " + dir.toAbsolutePath().normalize()
                + "; did you mean situational_picture? Tables: areas, attention, checks, comparison,"), r.err());
        assertFalse(Files.exists(dir.resolve("picture.csv")));
    }

    @Test
    void helpShowsAnExampleTheExitCodesAndOnlyTheOptionsTheCommandUses() {
        TestCli.Outcome refresh = run("refresh", "--help");
        assertTrue(refresh.out().contains("Example:\n  jobs/tilannekuva refresh --quarter 2025Q4"), refresh.out());
        assertTrue(refresh.out().contains("Exit codes:"), refresh.out());
        assertTrue(refresh.out().contains("4    a quality rule or file check stopped the run"), refresh.out());
        // Only a refresh can ask the launcher for a JVM with both compilers.
        assertTrue(refresh.out().contains("75   data too large for a JVM with the quick compiler alone"),
                refresh.out());
        assertTrue(refresh.out().contains("--input=DIR") && refresh.out().contains("--master=URL"), refresh.out());
        for (String command : java.util.List.of("publish", "export", "report", "serve-sql")) {
            TestCli.Outcome help = run(command, "--help");
            assertEquals(ExitCode.OK, help.code());
            assertTrue(help.out().contains("Example:\n  jobs/tilannekuva " + command), help.out());
            assertFalse(help.out().contains("--input") || help.out().contains("--master"), command + ": " + help.out());
            assertTrue(help.out().contains("4   a quality rule") && !help.out().contains("75 "),
                    command + ": " + help.out());
        }
    }

    @Test
    void badArgumentsAreTwo(@TempDir Path dir) {
        TestCli.Outcome missing = run("refresh");
        assertEquals(ExitCode.USAGE, missing.code());
        assertTrue(missing.err().contains("Missing required option: '--quarter=YYYYQn'"), missing.err());

        TestCli.Outcome badQuarter = run(withWarehouse(dir, "refresh", "--quarter", "2025Q5"));
        assertEquals(ExitCode.USAGE, badQuarter.code());
        assertEquals("tilannekuva: invalid argument or setting: '2025Q5' is not a quarter like 2025Q4 (or previous, current)",
                badQuarter.err().strip());
    }

    @Test
    void missingInputIsThree(@TempDir Path dir) {
        TestSpark.get();
        TestCli.Outcome r = run(withWarehouse(dir.resolve("wh"), "refresh", "--quarter", "2025Q4",
                "--input", dir.resolve("no-such-input").toString()));
        assertEquals(ExitCode.INPUT, r.code());
        assertTrue(r.err().strip().startsWith("tilannekuva: input error: input root "), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line on stderr");
    }

    @Test
    void aMissingColumnIsThreeAndNamesFileAndColumn(@TempDir Path dir) throws IOException {
        TestSpark.get();
        Path input = dir.resolve("input");
        Files.createDirectories(input.resolve("visits"));
        Files.createDirectories(input.resolve("reference"));
        Files.copy(TestPaths.samples().resolve("reference/municipalities_2025.csv"),
                input.resolve("reference/municipalities_2025.csv"));
        Files.writeString(input.resolve("visits/avohilmo_202510.csv"),
                "AVOHILMO_ID;ASIAKAS_KOTIKUNTA;KAYNTI_ALKOI\n1;091;01.10.2025 08:00\n");
        TestCli.Outcome r = run(withWarehouse(dir.resolve("wh"), "refresh", "--quarter", "2025Q4", "--input", input.toString()));
        assertEquals(ExitCode.INPUT, r.code());
        assertTrue(r.err().strip().startsWith(
                "tilannekuva: input error: visits/avohilmo_202510.csv: missing required column TNRO"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line on stderr");
    }

    @Test
    void exportingATableThatDoesNotExistIsThree(@TempDir Path dir) {
        TestSpark.get();
        TestCli.Outcome r = run(withWarehouse(dir.resolve("wh"), "export", "--table", "nothing", "--out",
                dir.resolve("x.csv").toString()));
        assertEquals(ExitCode.INPUT, r.code());
        assertTrue(r.err().contains("table nothing does not exist"), r.err());
    }

    @Test
    void exportTakesATableNameNeverAPath(@TempDir Path dir) {
        TestSpark.get();
        // Silver contacts hold person ids: no path may reach them.
        TestCli.Outcome r = run(withWarehouse(dir.resolve("wh"), "export", "--table", "../silver/avohilmo_contacts", "--out",
                dir.resolve("x.csv").toString()));
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().contains("--table takes a table name"), r.err());
    }
}
