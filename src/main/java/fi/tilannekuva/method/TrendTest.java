package fi.tilannekuva.method;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The five-period trend test (METHODS.md §7): over the last five consecutive valid periods, a weighted linear
 * regression of the value on the period with weights {@code 1/((U − L)/3.92)²} (the 95 % limits give the
 * standard error); the slope is significant when {@code (slope/SE)² > 9.5495} and its sign holds with any one
 * point left out. Fewer than five points, or any point without an interval, give no trend.
 */
public final class TrendTest {

    public static final int POINTS = 5;
    /** χ² with one degree of freedom at 99.8 %: the slope must clear it. */
    public static final double CRITICAL = 9.5495;

    public static final String INCREASING = "increasing";
    public static final String DECREASING = "decreasing";
    public static final String NO_SIGNIFICANT_CHANGE = "no_significant_change";
    public static final String NOT_COMPUTED = "not_computed";

    public static final String IMPROVING = "improving";
    public static final String WORSENING = "worsening";
    public static final String STABLE = "stable";

    private TrendTest() {
    }

    /** One period: its position on a regular axis (consecutive periods differ by 1), value and 95 % limits. */
    public record Point(double x, double value, double lower, double upper) {
    }

    /** Slope and its standard error of a weighted least-squares line. */
    record Fit(double slope, double standardError) {
    }

    /**
     * The trend of the last {@link #POINTS} of {@code points}; they must be consecutive (x differing by 1),
     * otherwise a break in the series gives {@link #NOT_COMPUTED}.
     */
    public static String test(List<Point> points) {
        if (points.size() < POINTS) {
            return NOT_COMPUTED;
        }
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::x));
        List<Point> last = sorted.subList(sorted.size() - POINTS, sorted.size());
        for (int i = 1; i < last.size(); i++) {
            if (last.get(i).x() - last.get(i - 1).x() != 1) {
                return NOT_COMPUTED;
            }
        }
        for (Point p : last) {
            if (!(p.upper() > p.lower()) || Double.isNaN(p.value())) {
                return NOT_COMPUTED;
            }
        }
        Fit all = fit(last);
        double chi = Math.pow(all.slope() / all.standardError(), 2);
        if (!(chi > CRITICAL)) {
            return NO_SIGNIFICANT_CHANGE;
        }
        double sign = Math.signum(all.slope());
        for (int leftOut = 0; leftOut < last.size(); leftOut++) {
            List<Point> rest = new ArrayList<>(last);
            rest.remove(leftOut);
            if (Math.signum(fit(rest).slope()) != sign) {
                return NO_SIGNIFICANT_CHANGE;
            }
        }
        return sign > 0 ? INCREASING : DECREASING;
    }

    /** Weighted least squares with known variances: {@code Var(slope) = 1 / Σ w (x − x̄_w)²}. */
    static Fit fit(List<Point> points) {
        double sw = 0;
        double swx = 0;
        double swy = 0;
        for (Point p : points) {
            double w = weight(p);
            sw += w;
            swx += w * p.x();
            swy += w * p.value();
        }
        double mx = swx / sw;
        double my = swy / sw;
        double sxx = 0;
        double sxy = 0;
        for (Point p : points) {
            double w = weight(p);
            sxx += w * (p.x() - mx) * (p.x() - mx);
            sxy += w * (p.x() - mx) * (p.value() - my);
        }
        return new Fit(sxy / sxx, Math.sqrt(1 / sxx));
    }

    static double weight(Point p) {
        double se = (p.upper() - p.lower()) / 3.92;
        return 1 / (se * se);
    }

    /** improving / worsening by polarity; a measure without polarity keeps the neutral direction. */
    public static String assessment(String trend, Boolean higherIsBetter) {
        if (NO_SIGNIFICANT_CHANGE.equals(trend)) {
            return STABLE;
        }
        if (NOT_COMPUTED.equals(trend)) {
            return NOT_COMPUTED;
        }
        if (higherIsBetter == null) {
            return trend;
        }
        return INCREASING.equals(trend) == higherIsBetter ? IMPROVING : WORSENING;
    }
}
