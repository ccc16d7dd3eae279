package fi.tilannekuva.picture;

import fi.tilannekuva.SampleRun;
import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.ConfigLoader;
import fi.tilannekuva.publish.GoldTables;
import fi.tilannekuva.publish.Publications;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one list of sources and gold tables holds everything a refresh writes: a table or source left out of it would
 * never be frozen into a release, described to BI users, or counted in freshness.
 */
@Tag("slow")
class PictureSourcesTest {

    private static Set<String> tables(Path layer) throws IOException {
        try (Stream<Path> s = Files.list(layer)) {
            return s.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).map(p -> p.getFileName().toString())
                    .filter(t -> !t.endsWith(Publications.SUFFIX)).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everySourceIsAttributedInConf() {
        Map<String, List<AppConfig.Label>> conf = ConfigLoader.load(null).serving().attributions();
        // avohilmo 1, funding 2 (THL's model, the Ministry of Finance), sotkanet 1, traffic 1, shared 2.
        assertEquals(7, PictureSources.attributions(conf).size());
        Map<String, List<AppConfig.Label>> withoutTraffic = new TreeMap<>(conf);
        withoutTraffic.remove("traffic");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PictureSources.attributions(withoutTraffic));
        assertEquals("conf/sources.conf has no tilannekuva.attributions.traffic: every source's data is attributed in "
                + "the bundle it is published in", e.getMessage());
    }

    @Test
    void everyGoldTableOfTheSampleRunIsListedAndDescribed() throws IOException {
        Set<String> written = tables(SampleRun.get().warehouse().resolve("gold"));
        Set<String> unlisted = new TreeSet<>(written);
        unlisted.removeAll(GoldTables.all().keySet());
        assertEquals(Set.of(), unlisted, "gold tables written but in neither PictureSources nor GoldTables");
        // Every table of the picture is frozen into a release; the run and release logs are not.
        Set<String> picture = PictureSources.goldTables().stream().map(PictureSources.GoldTable::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(picture, new TreeSet<>(Publications.tables()));
        assertTrue(written.containsAll(picture), "the sample run writes every table of the picture: " + written);
    }

    @Test
    void everySourceOfTheComparisonHasItsSilverTablesListed() throws IOException {
        Path warehouse = SampleRun.get().warehouse();
        Set<String> sources = TestSpark.session().read().format("delta").load(warehouse.resolve("gold/comparison").toString())
                .select("source").distinct().collectAsList().stream().map(r -> r.getString(0))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(sources, PictureSources.SOURCES.stream().map(PictureSources.Source::name)
                .collect(Collectors.toCollection(TreeSet::new)));
        Set<String> silver = tables(warehouse.resolve("silver"));
        for (PictureSources.Source s : PictureSources.SOURCES) {
            assertTrue(silver.containsAll(s.silverTables()), s.name() + ": " + s.silverTables() + " not all in " + silver);
        }
        // What no source's freshness follows: the denominators, the lookups the figures are checked against, the
        // quarantine (the sample has no official funding calculation, which the funding tables are compared with).
        Set<String> followed = PictureSources.SOURCES.stream().flatMap(s -> s.silverTables().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> rest = new TreeSet<>(silver);
        rest.removeAll(followed);
        assertEquals(new TreeSet<>(List.of("population", "quarantine", "sotkanet_metadata",
                "sotkanet_regions")), rest);
    }
}
