package fi.tilannekuva.report;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AreaMapTest {

    /** Two areas: a square 20–25°E × 60–70°N (code as a number), and one 25–30°E × 60–65°N. */
    private static final String GEOJSON = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"code":9},
              "geometry":{"type":"Polygon","coordinates":[[[20,60],[25,60],[25,70],[20,70],[20,60]]]}},
             {"type":"Feature","properties":{"code":"90"},
              "geometry":{"type":"MultiPolygon","coordinates":[[[[25,60],[30,60],[30,65],[25,65],[25,60]]]]}}]}
            """;

    @Test
    void projectsWithLongitudeScaledAtTheMiddleLatitude() {
        AreaMap map = AreaMap.parse(GEOJSON, "code", "test");
        assertEquals(java.util.List.of("09", "90"), map.codes(), "a numeric code is a two-digit code");
        // Middle latitude 65°: longitude scaled by cos 65° = 0.422618. 10° of longitude fill 280 px:
        // scale = 280 / (10 · 0.422618) = 66.2537 px per degree; 10° of latitude are 662.5 px → 663 high.
        assertEquals(663, map.height());
        double[] centre = map.project(25, 65);
        assertEquals(140.0, centre[0], 1e-9);
        assertEquals(5 * 280 / (10 * Math.cos(Math.toRadians(65))), centre[1], 1e-9);
        double[] corner = map.project(20, 70);
        assertEquals(0, corner[0], 1e-12);
        assertEquals(0, corner[1], 1e-12);
    }

    @Test
    void fillsEachAreaAndTitlesIt() {
        String svg = AreaMap.parse(GEOJSON, "code", "test").svg(Map.of("09", "#0072b2"), Map.of("09", "Päijät-Häme: 5"), "map");
        assertTrue(svg.contains("data-area=\"09\" fill=\"#0072b2\" d=\"M0.0 662.5L140.0 662.5L140.0 0.0L0.0 0.0L0.0 662.5Z\""), svg);
        assertTrue(svg.contains("<title>Päijät-Häme: 5</title>"));
        assertTrue(svg.contains("data-area=\"90\" fill=\"#eeeeee\""), "an area without a figure is light grey");
    }

    @Test
    void aFeatureWithoutTheCodePropertyIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AreaMap.parse(GEOJSON, "hyvinvointialue_code", "areas.geojson"));
        assertEquals("areas.geojson: a feature has no property hyvinvointialue_code (tilannekuva.report.map-code-property)",
                e.getMessage());
    }
}
