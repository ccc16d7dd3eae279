package fi.tilannekuva.method;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrendTestTest {

    /** Points at x = 1..n with 95 % limits value ± halfWidth. */
    private static List<TrendTest.Point> points(double halfWidth, double... values) {
        List<TrendTest.Point> p = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            p.add(new TrendTest.Point(i + 1, values[i], values[i] - halfWidth, values[i] + halfWidth));
        }
        return p;
    }

    @Test
    void aSteadyRiseIsAnIncrease() {
        // U - L = 3.92 gives SE 1 and weight 1. y = 10, 12, 14, 16, 18 lies on a line: slope 2;
        // SE(slope) = √(1/Σ(x-3)²) = √(1/10) = 0.316228; (2/0.316228)² = 40 > 9.5495.
        TrendTest.Fit fit = TrendTest.fit(points(1.96, 10, 12, 14, 16, 18));
        assertEquals(2.0, fit.slope(), 1e-12);
        assertEquals(Math.sqrt(0.1), fit.standardError(), 1e-12);
        assertEquals(TrendTest.INCREASING, TrendTest.test(points(1.96, 10, 12, 14, 16, 18)));
        assertEquals(TrendTest.DECREASING, TrendTest.test(points(1.96, 18, 16, 14, 12, 10)));
    }

    @Test
    void theSameSlopeIsSignificantOnlyWithNarrowerIntervals() {
        // y = 10, 11, 13, 12, 14; ȳ = 12; Σ(x-3)(y-12) = 4 + 1 + 0 + 0 + 4 = 9; slope = 9/10 = 0.9.
        // Weight 1 (U - L = 3.92): SE = √(1/10) = 0.316228, (0.9/0.316228)² = 8.1 ≤ 9.5495: no significant change.
        assertEquals(TrendTest.NO_SIGNIFICANT_CHANGE, TrendTest.test(points(1.96, 10, 11, 13, 12, 14)));
        // Weight 4 (U - L = 1.96): SE = √(1/40) = 0.158114, (0.9/0.158114)² = 32.4 > 9.5495; leaving out any one
        // point keeps the slope positive (e.g. without the first: Σ = 2.25 - 0.25 - 0.25 + 2.25 = 4 > 0).
        assertEquals(TrendTest.INCREASING, TrendTest.test(points(0.98, 10, 11, 13, 12, 14)));
    }

    @Test
    void oneOutlierDoesNotMakeATrend() {
        // y = 10, 10, 10, 10, 30: slope = (-2·-4 - 1·-4 + 0 + 1·-4 + 2·16)/10 = 40/10 = 4, (4/0.316228)² = 160,
        // but without the last point the slope is 0: the sign does not hold.
        assertEquals(TrendTest.NO_SIGNIFICANT_CHANGE, TrendTest.test(points(1.96, 10, 10, 10, 10, 30)));
    }

    @Test
    void fewerThanFiveOrABrokenSeriesGiveNoTrend() {
        assertEquals(TrendTest.NOT_COMPUTED, TrendTest.test(points(1.96, 10, 12, 14, 16)));
        List<TrendTest.Point> gap = new ArrayList<>(points(1.96, 10, 12, 14, 16));
        gap.add(new TrendTest.Point(6, 20, 18.04, 21.96));  // x = 5 is missing (suppressed)
        assertEquals(TrendTest.NOT_COMPUTED, TrendTest.test(gap));
        // Only the last five count: an early outlier outside them changes nothing.
        List<TrendTest.Point> six = new ArrayList<>(points(1.96, 99, 10, 12, 14, 16, 18));
        assertEquals(TrendTest.INCREASING, TrendTest.test(six));
    }
}
