package fi.tilannekuva.method;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CrudeRateTest {

    @Test
    void perThousandResidents() {
        assertEquals(0.25, CrudeRate.per1000(12, 48_000L), 1e-15);       // 1000 * 12 / 48000 = 0.25
        assertEquals(0.0, CrudeRate.per1000(0, 48_000L), 0.0);           // zero is a rate of zero
        assertEquals(7000.0 / 3, CrudeRate.per1000(7, 3L), 1e-12);       // 1000 * 7 / 3 = 2333.33...
        assertNull(CrudeRate.per1000(5, 0L));                            // no residents: no rate
        assertNull(CrudeRate.per1000(5, null));
    }
}
