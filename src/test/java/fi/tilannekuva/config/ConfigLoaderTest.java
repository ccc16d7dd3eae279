package fi.tilannekuva.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @Test
    void defaultsFromConfApplicationConf() {
        AppConfig c = ConfigLoader.load(null);
        assertEquals(Path.of("data-samples"), c.locations().input());
        assertEquals(List.of("OAB61", "OAB62", "OAB63", "OAB64"), c.sources().visits().followedCodes());
        assertEquals(5, c.methods().suppression().minCount());
        assertEquals(2024, c.methods().population().denominatorYear(2025));
        assertEquals(24, c.catalogue().areas().size(), "21 counties, Helsinki, Åland and the whole country");
        assertEquals("2", c.spark().settings().get("spark.databricks.delta.snapshotPartitions"));
        // The field count is built in (SourceLoader.withBuiltIns), never repeated per source in conf.
        assertTrue(c.sources().rules().values().stream().flatMap(List::stream).noneMatch(r -> RowRule.FIELD_COUNT.equals(r.name())));
        RowRule fieldCount = RowRule.fieldCount("_field_count", "_expected_fields");
        assertEquals(RowRule.Action.QUARANTINE, fieldCount.action());
        assertTrue(fieldCount.isFinal());
    }

    @Test
    void theNeedCriteriaComeInTheOrderOfTheirNamesInEveryJvm() {
        // An area's funding total adds its criteria in this order; Map.copyOf's order changes from one JVM to the
        // next, and the totals with it in the last digit.
        assertEquals(List.of("need_elderly", "need_health", "need_social"),
                List.copyOf(ConfigLoader.load(null).sources().funding().needCriteria().keySet()));
    }

    @Test
    void anOverlayChangesOnlyWhatItNames(@TempDir Path dir) throws IOException {
        Path overlay = dir.resolve("test.conf");
        Files.writeString(overlay, "tilannekuva { warehouse = \"/data/wh\", suppression.min-count = 3, "
                + "spark.settings { \"spark.sql.shuffle.partitions\" = \"64\" } }");
        AppConfig defaults = ConfigLoader.load(null);
        AppConfig c = ConfigLoader.load(overlay);
        assertEquals(Path.of("/data/wh"), c.locations().warehouse());
        assertEquals(3, c.methods().suppression().minCount());
        assertEquals("64", c.spark().settings().get("spark.sql.shuffle.partitions"));
        assertEquals(defaults.locations().input(), c.locations().input());
        assertEquals(defaults.sources().visits(), c.sources().visits());
        assertNotEquals(defaults.digest(), c.digest());
    }

    @Test
    void aWrongActionNamesTheRuleSet(@TempDir Path dir) throws IOException {
        Path overlay = dir.resolve("bad.conf");
        Files.writeString(overlay, "tilannekuva.rules.population = [{ name = x, expect = \"true\", action = drop, message = \"'x'\" }]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(overlay));
        assertTrue(e.getMessage().contains("tilannekuva.rules.population"), e.getMessage());
    }
}
