package fi.tilannekuva.method;

/**
 * Index against the country (country = 100) and the needs-adjusted index (METHODS.md §4):
 * {@code index = 100 · value / national value}; {@code needs_adjusted_index = index / need coefficient} — the
 * health-care coefficient for visit rates, the total coefficient for costs.
 */
public final class ComparisonIndex {

    private ComparisonIndex() {
    }

    /** 100 · (value / national): in this order the country's own index is exactly 100 (100 · x / x need not be). */
    public static double of(double value, double national) {
        return 100.0 * (value / national);
    }

    public static double needsAdjusted(double index, double coefficient) {
        return index / coefficient;
    }
}
