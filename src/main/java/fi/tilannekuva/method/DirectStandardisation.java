package fi.tilannekuva.method;

import java.util.Map;

/**
 * Directly age–sex standardised rates (METHODS.md §2) with Dobson's intervals (§3):
 * {@code DSR = m · Σ w_i O_i/n_i / Σ w_i} over the standard's strata, {@code var = m² · Σ O_i w_i²/n_i² / (Σ w_i)²}.
 * A stratum without residents adds nothing to the sum (its weight still counts in Σ w_i). The rate and its
 * limits are withheld below {@link #MIN_OBSERVED} events: too few to standardise.
 */
public final class DirectStandardisation {

    /** A DSR is not published when the total count is below this (METHODS.md §3). */
    public static final int MIN_OBSERVED = 10;

    public static final String OBSERVED = "observed";
    public static final String RATE = "standardised_value";
    public static final String VARIANCE = "standardised_variance";

    /** An age–sex stratum of the standard population. */
    public record Stratum(int sex, String ageGroup) {
    }

    /**
     * A group's standardised rate: Σ O_i, the DSR and its variance, and Dobson's limits of both
     * {@link ConfidenceLevel}s ({@code lower[level.ordinal()]}); all but {@code observed} null below
     * {@link #MIN_OBSERVED}.
     */
    public record Rate(long observed, Double rate, Double variance, Double[] lower, Double[] upper) {
        public Double lower(ConfidenceLevel level) {
            return lower[level.ordinal()];
        }

        public Double upper(ConfidenceLevel level) {
            return upper[level.ordinal()];
        }
    }

    private DirectStandardisation() {
    }

    /**
     * @param observed   the group's events per stratum; strata without events may be absent
     * @param population the group's area's residents per stratum
     * @param standard   the standard's weight per stratum (see {@link StandardPopulation})
     * @param multiplier 1,000 for a rate per 1,000
     */
    public static Rate rate(Map<Stratum, Long> observed, Map<Stratum, Long> population, Map<Stratum, Double> standard,
                            double multiplier) {
        double o = 0;
        double w = 0;
        double wr = 0;
        double wv = 0;
        for (Map.Entry<Stratum, Double> s : standard.entrySet()) {
            double oi = observed.getOrDefault(s.getKey(), 0L);
            double wi = s.getValue();
            Long n = population.get(s.getKey());
            o += oi;
            w += wi;
            if (n != null && n > 0) {
                wr += wi * oi / n;
                wv += oi * StrictMath.pow(wi, 2) / StrictMath.pow(n, 2);
            }
        }
        Double[] lower = new Double[ConfidenceLevel.values().length];
        Double[] upper = new Double[ConfidenceLevel.values().length];
        if (o < MIN_OBSERVED) {
            return new Rate((long) o, null, null, lower, upper);
        }
        double rate = multiplier * wr / w;
        double variance = multiplier * multiplier * wv / StrictMath.pow(w, 2);
        for (ConfidenceLevel level : ConfidenceLevel.values()) {
            lower[level.ordinal()] = DobsonInterval.lower(rate, variance, o, level);
            upper[level.ordinal()] = DobsonInterval.upper(rate, variance, o, level);
        }
        return new Rate((long) o, rate, variance, lower, upper);
    }
}
