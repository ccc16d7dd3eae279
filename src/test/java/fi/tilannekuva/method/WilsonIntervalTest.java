package fi.tilannekuva.method;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;

class WilsonIntervalTest {

    @Test
    void aShareOfAllOrNoneHasLimitsWithinZeroAndOne() {
        // 52 of 52: (2·52 + z² + z·√(z² + 0)) / (2(52 + z²)) = (104 + 2z²) / (104 + 2z²) = 1 exactly, but in floating
        // point 1.0000000000000002 (100.00000000000003 %). Clamped: 1, and 100 % after scaling.
        assertEquals(1.0, WilsonInterval.upper(52, 52, WilsonInterval.Z95), 0.0);
        assertEquals(100.0, 100 * WilsonInterval.upper(52, 52, WilsonInterval.Z95), 0.0);
        // 0 of 9: the lower limit is (z² − z·z) / … = 0; the upper z² / (9 + z²) = 3.841459 / 12.841459 = 0.299145.
        assertEquals(0.0, WilsonInterval.lower(0, 9, WilsonInterval.Z95), 0.0);
        assertEquals(3.841459 / 12.841459, WilsonInterval.upper(0, 9, WilsonInterval.Z95), 1e-6);
        assertEquals(100.0, 100 * WilsonInterval.upper(41, 41, WilsonInterval.Z95), 0.0);
        assertEquals(0.0, 100 * WilsonInterval.lower(0, 9, WilsonInterval.Z95), 0.0);
    }
}
