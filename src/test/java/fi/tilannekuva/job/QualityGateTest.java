package fi.tilannekuva.job;

import fi.tilannekuva.TestCli;
import fi.tilannekuva.TestSpark;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quarantine-share and area-coverage gates with a real bad file: the run stops with exit 4 before any gold table changes, says
 * why on one line, leaves its failed row in {@code runs} and the failed check in {@code checks}, and fails again
 * on a rerun until the file is replaced; then quarterly-refresh waits for approval or publishes.
 */
@Tag("slow")
class QualityGateTest {

    @Test
    void aFileMostlyQuarantinedStopsTheRunUntilReplaced(@TempDir Path dir) throws IOException {
        TestSpark.get();
        Path input = dir.resolve("input");
        Path warehouse = dir.resolve("warehouse");
        Files.createDirectories(input.resolve("reference"));
        Path population = input.resolve("reference/population_2024.csv");
        // 20 rows (the fewest whose share is judged), 6 with a population that is not a number: 30 % quarantined,
        // above the default 25 %.
        StringBuilder csv = new StringBuilder("area_code,sex,age_group,population\n");
        for (int i = 0; i < 20; i++) {
            csv.append("01,").append(i % 2 + 1).append(",").append(List.of("0-4", "5-9", "10-14", "15-19", "20-24",
                            "25-29", "30-34", "35-39", "40-44", "45-49").get(i / 2))
                    .append(",").append(i < 6 ? "many" : String.valueOf(100 + i)).append("\n");
        }
        Files.writeString(population, csv.toString());

        TestCli.Outcome first = TestCli.run(TestCli.withWarehouse(warehouse, "refresh", "--quarter", "2025Q4",
                "--input", input.toString()));
        assertEquals(ExitCode.QUALITY, first.code(), first.out() + first.err());
        assertEquals(1, first.err().strip().lines().count(), "one line on stderr: " + first.err());
        assertTrue(first.err().contains("2 check(s) failed"), first.err());
        assertTrue(first.err().contains("reference/population_2024.csv: 30.0 % of 20 rows quarantined"), first.err());
        // Only area 01 has a population: 1 of the 22 funded areas (21 counties and Helsinki).
        assertTrue(first.err().contains("population year 2024: 1 of 22 funded areas, missing 02, 03, 04, 05, 06, 07, "
                + "08, 09, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 90 (tilannekuva.checks.coverage)"), first.err());
        assertTrue(!Files.exists(warehouse.resolve("gold/areas")), "no gold table changed");

        // The rerun skips the unchanged file but checks it again from its recorded counts.
        TestCli.Outcome again = TestCli.run(TestCli.withWarehouse(warehouse, "refresh", "--quarter", "2025Q4",
                "--input", input.toString()));
        assertEquals(ExitCode.QUALITY, again.code(), again.out() + again.err());

        Path out = dir.resolve("out");
        assertEquals(ExitCode.OK, TestCli.run(TestCli.withWarehouse(warehouse, "export", "--table", "runs",
                "--out", out.resolve("runs.csv").toString())).code());
        List<Map<String, String>> runs = TestCli.csv(out.resolve("runs.csv"));
        assertEquals(2, runs.size());
        assertTrue(runs.stream().allMatch(r -> r.get("status").equals("failed")
                && r.get("error").contains("2 check(s) failed")), runs.toString());
        assertEquals(ExitCode.OK, TestCli.run(TestCli.withWarehouse(warehouse, "export", "--table", "checks",
                "--out", out.resolve("checks.csv").toString())).code());
        List<Map<String, String>> checks = TestCli.csv(out.resolve("checks.csv"));
        assertEquals(2, checks.stream().filter(c -> c.get("check").equals("quarantine-share")
                && c.get("status").equals("failed")).count());
        assertTrue(checks.stream().anyMatch(c -> c.get("check").equals("rule:population")
                && c.get("message").equals("14 rows passed, 6 failed")));
        assertEquals(2, checks.stream().filter(c -> c.get("check").equals("area-coverage")
                && c.get("status").equals("failed") && c.get("observed").equals("1") && c.get("threshold").equals("22")).count());

        // A corrected delivery, with every funded area, passes; quarterly-refresh then waits for approval, or publishes.
        StringBuilder corrected = new StringBuilder(csv.toString().replace("many", "99"));
        for (String area : List.of("02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15",
                "16", "17", "18", "19", "20", "21", "90")) {
            corrected.append(area).append(",1,0-4,100\n");
        }
        Files.writeString(population, corrected.toString());
        TestCli.Outcome waiting = TestCli.run(TestCli.withWarehouse(warehouse, "quarterly-refresh", "--quarter", "2025Q4",
                "--require-approval", "--input", input.toString()));
        assertEquals(ExitCode.OK, waiting.code(), waiting.out() + waiting.err());
        assertTrue(waiting.out().contains("not published until approved: jobs/tilannekuva publish --quarter 2025Q4"));
        assertTrue(!Files.exists(warehouse.resolve("gold/publications")));
        TestCli.Outcome published = TestCli.run(TestCli.withWarehouse(warehouse, "quarterly-refresh", "--quarter", "2025Q4",
                "--input", input.toString()));
        assertEquals(ExitCode.OK, published.code(), published.out() + published.err());
        assertTrue(published.out().contains("published 2025Q4 as release 2025Q4-r1"), published.out());
    }
}
