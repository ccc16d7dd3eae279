package fi.tilannekuva.method;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoissonIntervalTest {

    @Test
    void byarsLimitsForFifty() {
        // L = 50 (1 - 1/450 - 1.959964/(3·√50))³ = 50 · (1 - 0.0022222 - 0.0923939)³ = 50 · 0.9053839³ = 37.1081
        // U = 51 (1 - 1/459 + 1.959964/(3·√51))³ = 51 · (1 - 0.0021786 + 0.0914832)³ = 51 · 1.0893046³ = 65.9202
        assertEquals(37.1081, PoissonInterval.lower(50, ConfidenceLevel.P95), 1e-4);
        assertEquals(65.9202, PoissonInterval.upper(50, ConfidenceLevel.P95), 1e-4);
        // The published rounding (Fingertips): 37.11 – 65.92.
        assertEquals(37.11, Math.round(PoissonInterval.lower(50, ConfidenceLevel.P95) * 100) / 100.0);
        assertEquals(65.92, Math.round(PoissonInterval.upper(50, ConfidenceLevel.P95) * 100) / 100.0);
    }

    @Test
    void exactLimitsBelowTen() {
        // O = 0: no lower limit; U = χ²(0.975; 2)/2 = -ln(0.025) = 3.688879 (χ² with 2 df is exponential).
        assertEquals(0.0, PoissonInterval.lower(0, ConfidenceLevel.P95));
        assertEquals(-Math.log(0.025), PoissonInterval.upper(0, ConfidenceLevel.P95), 1e-9);
        // O = 1: L = χ²(0.025; 2)/2 = -ln(0.975) = 0.025318; U = χ²(0.975; 4)/2 = 5.571643.
        assertEquals(-Math.log(0.975), PoissonInterval.lower(1, ConfidenceLevel.P95), 1e-9);
        assertEquals(5.571643, PoissonInterval.upper(1, ConfidenceLevel.P95), 1e-6);
        // O = 5 from the χ² table: 1.623486 – 11.668332 at 95 %, 0.739372 – 16.454745 at 99.8 %.
        assertEquals(1.623486, PoissonInterval.lower(5, ConfidenceLevel.P95), 1e-6);
        assertEquals(11.668332, PoissonInterval.upper(5, ConfidenceLevel.P95), 1e-6);
        assertEquals(0.739372, PoissonInterval.lower(5, ConfidenceLevel.P998), 1e-6);
        assertEquals(16.454745, PoissonInterval.upper(5, ConfidenceLevel.P998), 1e-6);
    }

    @Test
    void theLimitsBracketTheCountAndOnlyWholeCountsBelowTenAreExact() {
        for (int o = 0; o < 60; o++) {
            double lower = PoissonInterval.lower(o, ConfidenceLevel.P998);
            double upper = PoissonInterval.upper(o, ConfidenceLevel.P998);
            assertTrue(lower <= o && o < upper, "limits of " + o + ": " + lower + " – " + upper);
        }
        // 2.5 is not a count: Byar's L = 2.5 (1 − 1/22.5 − 1.959964/(3·√2.5))³ = 2.5 (1 − 0.044444 − 0.413197)³
        // = 2.5 · 0.542359³ = 2.5 · 0.159537 = 0.398841.
        assertEquals(0.398841, PoissonInterval.lower(2.5, ConfidenceLevel.P95), 1e-6);
        assertTrue(Double.isNaN(PoissonInterval.lower(-1, ConfidenceLevel.P95)), "no limit of a negative count");
    }
}
