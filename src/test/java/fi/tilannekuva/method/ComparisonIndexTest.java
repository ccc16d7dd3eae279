package fi.tilannekuva.method;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ComparisonIndexTest {

    @Test
    void indexAndNeedsAdjustedIndex() {
        // 12 visits per 1,000 against the country's 10: index 100 · 12/10 = 120; with a health need coefficient
        // of 1.2 the area does exactly what its need predicts: 120 / 1.2 = 100.
        assertEquals(120.0, ComparisonIndex.of(12, 10), 1e-12);
        // The country against itself is exactly 100: 100 · 11.900716309819046 / 11.900716309819046 would be
        // 99.99999999999999 in floating point, the sample's national tray visits.
        assertEquals(100.0, ComparisonIndex.of(11.900716309819046, 11.900716309819046), 0.0);
        assertEquals(100.0, ComparisonIndex.needsAdjusted(120, 1.2), 1e-12);
    }
}
