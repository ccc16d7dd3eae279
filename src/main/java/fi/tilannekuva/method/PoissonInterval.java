package fi.tilannekuva.method;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

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
}
