package fi.tilannekuva.method;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

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

    /** The lower limit as a proportion (0–1); null when {@code n} is null or 0. */
    public static Column lower(Column x, Column n, double z) {
        return bound(x, n, z, -1);
    }

    /** The upper limit as a proportion (0–1); null when {@code n} is null or 0. */
    public static Column upper(Column x, Column n, double z) {
        return bound(x, n, z, 1);
    }

    private static Column bound(Column x, Column n, double z, int sign) {
        double z2 = z * z;
        Column root = sqrt(lit(z2).plus(lit(4).multiply(x).multiply(lit(1).minus(x.divide(n)))));
        Column value = lit(2).multiply(x).plus(z2).plus(lit(sign * z).multiply(root))
                .divide(lit(2).multiply(n.plus(z2)));
        return when(n.gt(0), least(lit(1.0), greatest(lit(0.0), value)));
    }
}
