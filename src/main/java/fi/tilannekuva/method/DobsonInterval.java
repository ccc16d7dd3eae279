package fi.tilannekuva.method;

/**
 * Dobson's confidence limits of a directly standardised rate (METHODS.md §3):
 * {@code DSR + √(var/O) · (O_limit − O)}, where {@code var} is the DSR's variance, {@code O} the total observed
 * count and {@code O_limit} its Poisson limit ({@link PoissonInterval}). No limits when O is 0.
 */
public final class DobsonInterval {

    private DobsonInterval() {
    }

    public static double lower(double dsr, double variance, double observed, ConfidenceLevel level) {
        return limit(dsr, variance, observed, PoissonInterval.lower(observed, level));
    }

    public static double upper(double dsr, double variance, double observed, ConfidenceLevel level) {
        return limit(dsr, variance, observed, PoissonInterval.upper(observed, level));
    }

    private static double limit(double dsr, double variance, double observed, double observedLimit) {
        if (observed <= 0) {
            return Double.NaN;
        }
        return dsr + Math.sqrt(variance / observed) * (observedLimit - observed);
    }
}
