package fi.tilannekuva.method;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

/**
 * Confidence limits of an observed count O (METHODS.md §3): exact Poisson limits for O &lt; 10,
 * {@code L = χ²(α/2; 2O)/2}, {@code U = χ²(1−α/2; 2O+2)/2}; Byar's approximation for O ≥ 10,
 * {@code L = O (1 − 1/(9O) − z/(3√O))³}, {@code U = (O+1) (1 − 1/(9(O+1)) + z/(3√(O+1)))³}.
 * A rate's limits are the count's limits scaled like the rate.
 */
public final class PoissonInterval {

    /** Below this count the exact limits are used. */
    public static final int EXACT_BELOW = 10;

    private PoissonInterval() {
    }

    /** The lower limit; NaN for a negative count. */
    public static double lower(double observed, ConfidenceLevel level) {
        if (exact(observed)) {
            return observed == 0 ? 0.0 : chiSquared(level.alpha() / 2, 2 * observed) / 2;
        }
        double o = observed;
        return o * StrictMath.pow(1 - 1 / (o * 9) - level.z() / (StrictMath.sqrt(o) * 3), 3);
    }

    /** The upper limit; NaN for a negative count. */
    public static double upper(double observed, ConfidenceLevel level) {
        if (exact(observed)) {
            return chiSquared(1 - level.alpha() / 2, 2 * observed + 2) / 2;
        }
        double o = observed + 1;
        return o * StrictMath.pow(1 - 1 / (o * 9) + level.z() / (StrictMath.sqrt(o) * 3), 3);
    }

    /**
     * The exact limits are those of the whole counts 0–9; any other count below 10 (a figure published with a
     * fractional count) takes Byar's formula, as it always has. StrictMath: the same last digit on every JVM.
     */
    private static boolean exact(double observed) {
        return observed >= 0 && observed < EXACT_BELOW && observed == Math.rint(observed);
    }

    private static double chiSquared(double p, double degreesOfFreedom) {
        return new ChiSquaredDistribution(null, degreesOfFreedom).inverseCumulativeProbability(p);
    }

    /** The lower limit of a count column; null when the count is null or negative. */
    public static Column lower(Column observed, ConfidenceLevel level) {
        Column byar = observed.multiply(pow(lit(1).minus(lit(1).divide(observed.multiply(9)))
                .minus(lit(level.z()).divide(sqrt(observed).multiply(3))), 3));
        return limit(observed, byar, o -> lower(o, level));
    }

    /** The upper limit of a count column; null when the count is null or negative. */
    public static Column upper(Column observed, ConfidenceLevel level) {
        Column next = observed.plus(1);
        Column byar = next.multiply(pow(lit(1).minus(lit(1).divide(next.multiply(9)))
                .plus(lit(level.z()).divide(sqrt(next).multiply(3))), 3));
        return limit(observed, byar, o -> upper(o, level));
    }

    /** The exact limits of 0–9 as literals (they are constants), Byar's formula as an expression above. */
    private static Column limit(Column observed, Column byar, java.util.function.DoubleUnaryOperator exact) {
        Column c = when(observed.isNull().or(observed.lt(0)), lit(null).cast("double"));
        for (int o = 0; o < EXACT_BELOW; o++) {
            c = c.when(observed.equalTo(o), lit(exact.applyAsDouble(o)));
        }
        return c.otherwise(byar);
    }
}
