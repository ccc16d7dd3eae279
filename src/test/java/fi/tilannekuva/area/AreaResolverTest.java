package fi.tilannekuva.area;

import fi.tilannekuva.TestPaths;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.ConfigLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AreaResolverTest {

    private static AppConfig config;
    private static AreaResolver resolver;

    @BeforeAll
    static void load() {
        config = ConfigLoader.load(null);
        resolver = new AreaResolver(config.catalogue().areas());
    }

    @Test
    void theCountiesOwnNamesInEveryRealKeyResolveToTheirArea() throws IOException {
        int rows = 0;
        for (int year = 2023; year <= 2026; year++) {
            List<String> lines = Files.readAllLines(TestPaths.reference().resolve("municipality_to_hva_" + year + ".csv"),
                    StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                String expected = String.format("%02d", Integer.parseInt(f[4]));
                assertEquals(Optional.of(expected), resolver.resolve(f[5]), f[5]);
                assertEquals(Optional.of(expected), resolver.resolve(f[6]), f[6]);
                assertEquals(Optional.of(expected), resolver.resolve(f[7]), f[7]);
                rows++;
            }
        }
        // The municipality codes of these rows are resolved by MunicipalityLookup (MunicipalityLookupTest).
        assertEquals(309 + 309 + 308 + 308, rows);
    }

    @Test
    void codesWithAndWithoutLeadingZero() {
        assertEquals(Optional.of("09"), resolver.resolve("9"));
        assertEquals(Optional.of("09"), resolver.resolve("09"));
        assertEquals(Optional.of("90"), resolver.resolve(" 90 "));
        assertEquals(Optional.of("SSS"), resolver.resolve("sss"));
        assertEquals(Optional.empty(), resolver.resolve("22"));
        assertEquals(Optional.empty(), resolver.resolve(""));
    }

    @Test
    void namesInThreeLanguagesWithAndWithoutTheCountyWord() {
        Map<String, String> names = Map.ofEntries(
                Map.entry("Pirkanmaan hyvinvointialue", "08"),
                Map.entry("Pirkanmaa", "08"),
                Map.entry("Birkalands välfärdsområde", "08"),
                Map.entry("Birkaland", "08"),
                Map.entry("Pirkanmaa wellbeing services county", "08"),
                Map.entry("PÄIJÄT-HÄME", "09"),
                Map.entry("Päijät\u2013Häme", "09"),
                Map.entry("Vantaan ja Keravan hyvinvointialue", "04"),
                Map.entry("Vantaa and Kerava", "04"),
                Map.entry("Södra Österbotten", "16"),
                Map.entry("Helsingfors stad", "90"),
                Map.entry("City of Helsinki", "90"),
                Map.entry("Helsinki", "90"),
                Map.entry("Ahvenanmaa", "91"),
                Map.entry("Åland", "91"),
                Map.entry("Lappi", "21"),
                Map.entry("Koko maa", "SSS"));
        names.forEach((name, code) -> assertEquals(Optional.of(code), resolver.resolve(name), name));
        assertEquals(Optional.empty(), resolver.resolve("HUS"), "HUS is a joint authority, not an area");
        for (Area a : config.catalogue().areas()) {
            for (String n : List.of(a.nameFi(), a.nameSv(), a.nameEn())) {
                assertEquals(Optional.of(a.code()), resolver.resolve(n), n);
            }
        }
    }

    @Test
    void sotkanetRegionIdsOldAndNewFromThePublishedTable() throws IOException {
        List<String> lines = Files.readAllLines(TestPaths.reference().resolve("sotkanet_hyvinvointialueet.csv"),
                StandardCharsets.UTF_8);
        // The index the Sotkanet sources resolve region ids through.
        Map<Integer, String> index = resolver.sotkanetIndex();
        IntFunction<Optional<String>> sotkanet = id -> Optional.ofNullable(index.get(id));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String code = String.format("%02d", Integer.parseInt(f[3]));
            assertEquals(Optional.of(code), sotkanet.apply(Integer.parseInt(f[1])), line);
            checked++;
            if (!f[2].isEmpty()) {
                // The old ids name the same area; their old codes (vanha_code) are not Statistics Finland's.
                assertEquals(Optional.of(code), sotkanet.apply(Integer.parseInt(f[2])), line);
                checked++;
            }
        }
        assertEquals(23 + 22, checked);
        assertEquals(Optional.of("SSS"), sotkanet.apply(658));
        assertEquals(Optional.empty(), sotkanet.apply(1));
    }
}
