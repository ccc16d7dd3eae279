package fi.tilannekuva;

import fi.tilannekuva.area.MunicipalityKeyReader;
import fi.tilannekuva.area.MunicipalityKeys;
import fi.tilannekuva.area.MunicipalityLookup;

import java.util.regex.Pattern;

/** Statistics Finland's real municipality keys 2023–2026 from reference-data/, read once per test JVM. */
public final class TestKeys {

    private static MunicipalityKeys keys;
    private static MunicipalityLookup lookup;

    private TestKeys() {
    }

    public static synchronized MunicipalityKeys keys() {
        if (keys == null) {
            keys = MunicipalityKeyReader.readDirectory(TestPaths.reference(), TestPaths.reference(),
                    Pattern.compile("municipality_to_hva_(\\d{4})\\.csv"));
        }
        return keys;
    }

    public static synchronized MunicipalityLookup lookup() {
        if (lookup == null) {
            lookup = new MunicipalityLookup(TestSpark.session(), keys());
        }
        return lookup;
    }
}
