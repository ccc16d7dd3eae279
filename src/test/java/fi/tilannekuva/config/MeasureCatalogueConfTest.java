package fi.tilannekuva.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import fi.tilannekuva.source.avohilmo.OabGuidanceCounts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasureCatalogueConfTest {

    @Test
    void theCatalogueListsExactlyTheMeasuresTheDefaultConfigurationProduces() {
        AppConfig c = ConfigLoader.load(null);
        List<String> produced = new ArrayList<>(OabGuidanceCounts.measureIds(c.sources().visits().followedCodes()));
        c.sources().indicators().followed().forEach(f -> produced.add(f.measureId()));
        produced.addAll(List.of("tray_visits_per_1000", "tray_useful_share", "need_coefficient_total",
                "funding_per_resident", "cost_per_resident"));
        assertEquals(new TreeSet<>(produced), new TreeSet<>(c.catalogue().measures().stream().map(AppConfig.Measure::id).toList()));
        // Polarity of an indicator comes from its catalogue entry.
        assertEquals(Boolean.FALSE, c.catalogue().measure("mortality_65").higherIsBetter());
        assertTrue(c.sources().indicators().followed().stream().noneMatch(AppConfig.FollowedIndicator::higherIsBetter));
    }

    @Test
    void aWrongPolarityNamesTheMeasure() {
        String overlay = "tilannekuva.measures = [ ${tilannekuva.measure-defaults} { id = x, source = avohilmo,"
                + " polarity = up, method = crude-rate, update-cycle = quarterly, freshness-limit-months = 3,"
                + " name { fi = a, sv = b, en = c }, definition { fi = a, sv = b, en = c }, unit { fi = a, sv = b, en = c } } ]";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromConfig(
                ConfigFactory.parseString(overlay).withFallback(ConfigFactory.parseResourcesAnySyntax("application")).resolve()));
        assertTrue(e.getMessage().contains("tilannekuva.measures (x): polarity must be"), e.getMessage());
    }
}
