package fi.tilannekuva.method;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignificanceTest {

    @Test
    void intervalsAgainstANationalValueOfTen() {
        Double[][] intervals = {
                {11.0, 13.0, 10.5, 14.0},   // both intervals above 10
                {10.5, 13.0, 9.5, 14.0},    // 95 % above, 99.8 % contains 10
                {9.0, 11.0, 8.0, 12.0},     // contains 10
                {10.0, 11.0, 9.0, 12.0},    // touches 10: contains it
                {7.0, 9.5, 6.0, 10.5},      // 95 % below only
                {7.0, 9.0, 6.0, 9.9},       // both below
                {null, null, null, null},   // suppressed: no interval
                {11.0, 13.0, 10.5, 14.0}};  // no polarity (funding)
        Boolean[] higherIsBetter = {false, false, true, true, true, true, true, null};
        List<String> got = new ArrayList<>();
        for (int i = 0; i < intervals.length; i++) {
            Double[] l = intervals[i];
            String s = Significance.against(10.0, l[0], l[1], l[2], l[3]);
            got.add(s + "/" + Significance.assessment(s, higherIsBetter[i]));
        }
        assertEquals(List.of("much_higher/much_worse", "higher/worse", "similar/similar", "similar/similar",
                "lower/worse", "much_lower/much_worse", "not_compared/not_compared", "much_higher/not_assessed"), got);
    }

    @Test
    void aChangeIsTestedWithBothFiguresUncertainty() {
        // 15 (14.2 – 15.8) against 14 a year earlier (13.3 – 14.7): SE = 1.6 / 3.92 = 0.40816 and 1.4 / 3.92 =
        // 0.35714; z = 1 / √(0.40816² + 0.35714²) = 1 / 0.54236 = 1.8438 ≤ 1.959964: similar. Against the point 14
        // alone the current interval (from 14.2) would have said higher.
        assertEquals(Significance.SIMILAR, Significance.ofChange(15.0, 14.2, 15.8, 14.0, 13.3, 14.7));
        assertEquals(Significance.HIGHER, Significance.against(14.0, 14.2, 15.8, null, null));
        // 15 against 13 with the same widths: z = 2 / 0.54236 = 3.6876 > 3.090232: much higher; the other way much lower.
        assertEquals(Significance.MUCH_HIGHER, Significance.ofChange(15.0, 14.2, 15.8, 13.0, 12.3, 13.7));
        assertEquals(Significance.MUCH_LOWER, Significance.ofChange(13.0, 12.3, 13.7, 15.0, 14.2, 15.8));
        // 15 against 13.8: z = 1.2 / 0.54236 = 2.2126: higher, not much higher.
        assertEquals(Significance.HIGHER, Significance.ofChange(15.0, 14.2, 15.8, 13.8, 13.1, 14.5));
        // Either figure without an interval (suppressed, or a source's own figure): not tested.
        assertEquals(Significance.NOT_COMPARED, Significance.ofChange(15.0, 14.2, 15.8, 14.0, null, null));
    }
}
