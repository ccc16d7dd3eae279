package fi.tilannekuva.gold;

import fi.tilannekuva.TestKeys;
import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.ConfigLoader;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.quality.RowRules;
import fi.tilannekuva.source.population.PopulationSource;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenominatorsTest {

    private static final StructType RAW = StructType.fromDDL("area_code STRING, sex STRING, age_group STRING, population STRING, _line BIGINT, _field_count INT, _expected_fields INT");

    private static Dataset<Row> typed(Row... rows) {
        AppConfig config = ConfigLoader.load(null);
        List<String> codes = config.catalogue().areas().stream().map(Area::code).filter(c -> !c.equals("SSS")).toList();
        Dataset<Row> raw = TestSpark.session().createDataFrame(List.of(rows), RAW);
        return RowRules.evaluate(PopulationSource.typed(raw, lit(2024), codes, TestKeys.lookup()),
                config.sources().rules().get("population"));
    }

    private static Row raw(String area, String sex, String band, String n, long line) {
        return RowFactory.create(area, sex, band, n, line, 4, 4);
    }

    @Test
    void municipalitiesRollUpAndTheCountryIsTheSumOfTheAreas() {
        Dataset<Row> evaluated = typed(
                raw("9", "1", "0-4", "100", 2),       // integer code of Päijät-Häme
                raw("09", "2", "85 +", "110", 3),     // band written with a space
                raw("091", "1", "0-4", "50", 4),      // Helsinki as a municipality, through the 2024 key
                raw("588", "2", "70-74", "7", 5),     // Pertunmaa, in the 2024 key, area 12
                raw("SSS", "1", "0-4", "999", 6),     // kept, never summed
                raw("99", "1", "0-4", "5", 7),        // no such area: quarantined
                raw("09", "x", "0-4", "5", 8),        // no such sex: quarantined
                raw("09", "1", "0-3", "5", 9),        // no such band: quarantined
                raw("09", "1", "5-9", "many", 10));   // not a number: quarantined
        assertEquals(4, evaluated.where(RowRules.isQuarantined()).count());
        Dataset<Row> accepted = evaluated.where(RowRules.isQuarantined().unary_$bang());
        Map<String, Long> totals = new HashMap<>();
        Denominators.totals(accepted).collectAsList().forEach(r -> totals.put(r.getString(1), r.getLong(2)));
        // 09: 100 + 110 = 210; 90: 50; 12: 7; country: 210 + 50 + 7 = 267 (the SSS row's 999 is not used).
        assertEquals(Map.of("09", 210L, "90", 50L, "12", 7L, "SSS", 267L), totals);
    }

    @Test
    void anAreaGivenTwiceIsAnInputError() {
        Dataset<Row> evaluated = typed(raw("091", "1", "0-4", "50", 2), raw("90", "2", "0-4", "60", 3));
        InputException e = assertThrows(InputException.class, () -> Denominators.checkOneLevelPerArea(evaluated));
        assertTrue(e.getMessage().contains("population_2024.csv: area 90"), e.getMessage());
    }

    @Test
    void theYearRuleAndItsFallback() {
        TreeSet<Integer> years = new TreeSet<>(List.of(2023, 2024));
        // Rates of 2025 use the end of 2024.
        assertEquals(new Denominators.Choice(2024, 2024), Denominators.choose(2025, years, new AppConfig.PopulationRule(-1, true)));
        // 2026 wants 2025, which is missing: the latest earlier year, said so.
        Denominators.Choice fallback = Denominators.choose(2026, years, new AppConfig.PopulationRule(-1, true));
        assertEquals(2024, fallback.year());
        assertTrue(fallback.isFallback());
        InputException e = assertThrows(InputException.class,
                () -> Denominators.choose(2026, years, new AppConfig.PopulationRule(-1, false)));
        assertTrue(e.getMessage().startsWith("reference/population_2025.csv is missing"), e.getMessage());
    }
}
