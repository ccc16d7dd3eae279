package fi.tilannekuva.method;

/**
 * Wilson score interval for a proportion x/n (METHODS.md §3):
 * {@code (2x + z² ∓ z √(z² + 4x(1 − x/n))) / (2(n + z²))}, clamped to 0–1 against rounding. Used for shares of
 * answers and coverage; no interval when n is 0.
 */
public final class WilsonInterval {

    /** The normal quantile of a two-sided 95 % interval. */
    public static final double Z95 = 1.959964;
    /** The normal quantile of a two-sided 99.8 % interval. */
    public static final double Z998 = 3.090232;

    private WilsonInterval() {
    }

    public static double lower(double x, double n, double z) {
        return bound(x, n, z, -1);
    }

    public static double upper(double x, double n, double z) {
        return bound(x, n, z, 1);
    }

    private static double bound(double x, double n, double z, int sign) {
        if (n <= 0) {
            return Double.NaN;
        }
        double z2 = z * z;
        double limit = (2 * x + z2 + sign * z * Math.sqrt(z2 + 4 * x * (1 - x / n))) / (2 * (n + z2));
        // At x = 0 or x = n the formula gives 0 and 1 up to rounding (1.0000000000000002): a share stays in 0–1.
        return Math.min(1, Math.max(0, limit));
    }
}
