package fi.tilannekuva.quality;

import fi.tilannekuva.config.AppConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileChecksTest {

    private static final AppConfig.QualitySettings SETTINGS = new AppConfig.QualitySettings(
            new AppConfig.FileThresholds(0.05, 0.25, 0.5, "warn"),
            Map.of("population", new AppConfig.FileThresholds(0.0, 0.10, 0.2, "fail")), List.of());

    private static FileChecks.Status status(List<FileChecks.Result> results, String check) {
        return results.stream().filter(r -> r.check().equals(check)).findFirst().orElseThrow().status();
    }

    @Test
    void quarantineShareWarnsThenFails() {
        // 4 of 100 = 4 % ≤ 5 %: passed; 6 of 100: warned; 26 of 100 > 25 %: failed.
        List<FileChecks.Result> ok = FileChecks.evaluate(List.of(new FileChecks.FileFacts("avohilmo_contacts",
                "visits/a.csv", 100, 4, null, List.of(), Map.of())), SETTINGS);
        assertEquals(FileChecks.Status.PASSED, status(ok, "quarantine-share"));
        assertEquals(1, ok.size(), "no previous delivery: no row-count check");
        assertEquals(FileChecks.Status.WARNED, status(FileChecks.evaluate(List.of(new FileChecks.FileFacts("avohilmo_contacts",
                "visits/a.csv", 100, 6, null, List.of(), Map.of())), SETTINGS), "quarantine-share"));
        FileChecks.Result failed = FileChecks.evaluate(List.of(new FileChecks.FileFacts("avohilmo_contacts",
                "visits/a.csv", 100, 26, null, List.of(), Map.of())), SETTINGS).get(0);
        assertEquals(FileChecks.Status.FAILED, failed.status());
        assertEquals("visits/a.csv: 26.0 % of 100 rows quarantined, above the limit of 25.0 % (tilannekuva.checks)",
                failed.message());
    }

    @Test
    void rowCountChangeAndPerSourceThresholds() {
        // population: 130 rows against 100 before = 30 % > its 20 % limit, action fail; one quarantined row of 130
        // is above its warning level of 0 % but below 10 %.
        List<FileChecks.Result> r = FileChecks.evaluate(List.of(new FileChecks.FileFacts("population",
                "reference/population_2024.csv", 130, 1, 100L, List.of("area", "sex"), Map.of("sex", 1L))), SETTINGS);
        assertEquals(FileChecks.Status.WARNED, status(r, "quarantine-share"));
        assertEquals(FileChecks.Status.FAILED, status(r, "row-count-change"));
        assertEquals(0.3, r.stream().filter(x -> x.check().equals("row-count-change")).findFirst().orElseThrow().observed(), 1e-12);
        // Every row rule is counted: area 130 passed / 0 failed, sex 129 / 1.
        assertEquals("130 rows passed, 0 failed", r.stream().filter(x -> x.check().equals("rule:area")).findFirst().orElseThrow().message());
        assertEquals("129 rows passed, 1 failed", r.stream().filter(x -> x.check().equals("rule:sex")).findFirst().orElseThrow().message());
        assertTrue(r.stream().filter(x -> x.check().startsWith("rule:")).allMatch(x -> x.status().equals(FileChecks.Status.COUNTED)));
    }
}
