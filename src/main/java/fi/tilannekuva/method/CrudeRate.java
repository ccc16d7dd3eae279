package fi.tilannekuva.method;

/** Crude rate per 1,000 residents: {@code 1000 · count / population} (METHODS.md §2). */
public final class CrudeRate {

    private CrudeRate() {
    }

    /** Null when the population is missing or not positive: a rate needs a denominator. */
    public static Double per1000(double count, Long population) {
        return population == null || population <= 0 ? null : 1000.0 * count / population;
    }
}
