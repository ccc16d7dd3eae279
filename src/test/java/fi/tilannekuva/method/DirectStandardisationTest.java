package fi.tilannekuva.method;

import fi.tilannekuva.method.DirectStandardisation.Stratum;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DirectStandardisationTest {

    private static <V> Map<Stratum, V> strata(Object... sexAgeValue) {
        Map<Stratum, V> m = new LinkedHashMap<>();
        for (int i = 0; i < sexAgeValue.length; i += 3) {
            @SuppressWarnings("unchecked")
            V v = (V) sexAgeValue[i + 2];
            m.put(new Stratum((Integer) sexAgeValue[i], (String) sexAgeValue[i + 1]), v);
        }
        return m;
    }

    @Test
    void fourStrataWithDobsonLimits() {
        Map<Stratum, Double> standard = strata(1, "0-4", 3000.0, 1, "5-9", 4000.0, 2, "0-4", 3500.0, 2, "5-9", 5000.0);
        DirectStandardisation.Rate a = DirectStandardisation.rate(
                strata(1, "0-4", 10L, 1, "5-9", 20L, 2, "0-4", 15L, 2, "5-9", 30L),
                strata(1, "0-4", 1000L, 1, "5-9", 2000L, 2, "0-4", 1500L, 2, "5-9", 2500L), standard, 1000);
        // 02 has 6 events: too few to standardise.
        DirectStandardisation.Rate b = DirectStandardisation.rate(strata(1, "0-4", 6L), strata(1, "0-4", 500L),
                standard, 1000);

        // Stratum rates O/n: 10/1000 = 0.01, 20/2000 = 0.01, 15/1500 = 0.01, 30/2500 = 0.012.
        // Σ w·O/n = 3000·0.01 + 4000·0.01 + 3500·0.01 + 5000·0.012 = 30 + 40 + 35 + 60 = 165; Σ w = 15,500.
        // DSR = 1000 · 165 / 15,500 = 10.645161 per 1,000.
        assertEquals(75L, a.observed());
        assertEquals(1000.0 * 165 / 15500, a.rate(), 1e-9);
        // var = 1000² · Σ O·w²/n² / (Σ w)² = 1e6 · (10·9 + 20·4 + 15·(3500/1500)² + 30·4) / 15,500²
        //     = 1e6 · (90 + 80 + 81.666667 + 120) / 240,250,000 = 1.547000
        double variance = 1e6 * (90 + 80 + 15 * Math.pow(3500.0 / 1500, 2) + 120) / (15500.0 * 15500.0);
        assertEquals(1.5470, variance, 1e-4);
        assertEquals(variance, a.variance(), 1e-12);
        // Dobson: O = 75, Byar's 95 % limits of 75: 58.990019 and 94.014401;
        // L = 10.645161 + √(1.547000/75) · (58.990019 - 75) = 10.645161 - 0.143619 · 16.009981 = 8.345810
        // U = 10.645161 + 0.143619 · (94.014401 - 75) = 13.376007
        assertEquals(58.990019, PoissonInterval.lower(75, ConfidenceLevel.P95), 1e-6);
        assertEquals(94.014401, PoissonInterval.upper(75, ConfidenceLevel.P95), 1e-6);
        assertEquals(8.345810, a.lower(ConfidenceLevel.P95), 1e-6);
        assertEquals(13.376007, a.upper(ConfidenceLevel.P95), 1e-6);
        // 99.8 %: Byar 51.036459 and 105.832354 → 7.203521 and 15.073299.
        assertEquals(7.203521, a.lower(ConfidenceLevel.P998), 1e-6);
        assertEquals(15.073299, a.upper(ConfidenceLevel.P998), 1e-6);

        assertEquals(6L, b.observed());
        assertNull(b.rate(), "a DSR of fewer than 10 events is not published");
        assertNull(b.lower(ConfidenceLevel.P95));
    }

    @Test
    void withTheNationalPopulationAsStandardTheCountrysRateIsItsCrudeRate() {
        Map<Stratum, Long> population = strata(1, "0-4", 4000L, 1, "85+", 1000L, 2, "0-4", 3000L, 2, "85+", 2000L);
        DirectStandardisation.Rate country = DirectStandardisation.rate(strata(1, "0-4", 12L, 1, "85+", 30L, 2, "85+", 8L),
                population, StandardPopulation.national(population), 1000);
        // w_i = n_i, so Σ w·O/n = Σ O = 50 and Σ w = 10,000: DSR = 1000 · 50 / 10,000 = 5.0 = crude rate.
        assertEquals(5.0, country.rate(), 1e-12);
    }

    @Test
    void theEuropeanStandardPopulationSumsToOneHundredThousandPerSex() {
        List<Double> esp = StandardPopulation.esp2013().entrySet().stream().filter(e -> e.getKey().sex() == 1)
                .map(Map.Entry::getValue).toList();
        assertEquals(18, esp.size());
        // 5000 + 3·5500 + 2·6000 + 6500 + 4·7000 + 6500 + 6000 + 5500 + 5000 + 4000 + 2500 + 2500 (85+) = 100,000
        assertEquals(100_000.0, esp.stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    }
}
