package fi.tilannekuva.method;

/**
 * Significance of a figure against a reference value — the national value, or the same area's value of an earlier
 * period (METHODS.md §3, §7): <em>higher / lower</em> when the 95 % interval lies wholly above / below it,
 * <em>much higher / much lower</em> when the 99.8 % interval does too, <em>similar</em> when the 95 % interval
 * contains it, <em>not compared</em> without an interval or reference. A change between two figures is tested
 * with both figures' uncertainty ({@link #ofChange}). The flag is neutral; {@link #assessment} turns it into
 * better / worse by the measure's polarity.
 */
public final class Significance {

    public static final String MUCH_HIGHER = "much_higher";
    public static final String HIGHER = "higher";
    public static final String SIMILAR = "similar";
    public static final String LOWER = "lower";
    public static final String MUCH_LOWER = "much_lower";
    public static final String NOT_COMPARED = "not_compared";

    public static final String MUCH_BETTER = "much_better";
    public static final String BETTER = "better";
    public static final String WORSE = "worse";
    public static final String MUCH_WORSE = "much_worse";
    /** A measure without polarity (e.g. funding per resident): higher is neither better nor worse. */
    public static final String NOT_ASSESSED = "not_assessed";

    private Significance() {
    }

    /** The flag of one figure; without a 99.8 % interval the 95 % result stands. */
    public static String against(double reference, Double lower95, Double upper95, Double lower998, Double upper998) {
        if (lower95 == null || upper95 == null || Double.isNaN(reference)) {
            return NOT_COMPARED;
        }
        if (lower95 > reference) {
            return lower998 != null && lower998 > reference ? MUCH_HIGHER : HIGHER;
        }
        if (upper95 < reference) {
            return upper998 != null && upper998 < reference ? MUCH_LOWER : LOWER;
        }
        return SIMILAR;
    }

    /** The width of a 95 % interval in standard errors, as METHODS.md §7 writes it: SE = (U − L) / 3.92. */
    public static final double INTERVAL_WIDTH_IN_SE = 3.92;

    /**
     * The change from {@code v0} (limits {@code l0}, {@code u0}) to {@code v1} ({@code l1}, {@code u1}): z =
     * (v1 − v0) / √(SE1² + SE0²) with each SE = (U − L) / 3.92; higher / lower beyond the 95 % quantile, much so
     * beyond the 99.8 % one, similar within; not compared when either figure has no interval.
     */
    public static String ofChange(Double v1, Double l1, Double u1, Double v0, Double l0, Double u0) {
        if (v1 == null || l1 == null || u1 == null || v0 == null || l0 == null || u0 == null) {
            return NOT_COMPARED;
        }
        double se1 = (u1 - l1) / INTERVAL_WIDTH_IN_SE;
        double se0 = (u0 - l0) / INTERVAL_WIDTH_IN_SE;
        double se = Math.sqrt(se1 * se1 + se0 * se0);
        if (se == 0) {
            return v1.equals(v0) ? SIMILAR : v1 > v0 ? MUCH_HIGHER : MUCH_LOWER;
        }
        double z = (v1 - v0) / se;
        if (Math.abs(z) <= ConfidenceLevel.P95.z()) {
            return SIMILAR;
        }
        boolean much = Math.abs(z) > ConfidenceLevel.P998.z();
        return z > 0 ? (much ? MUCH_HIGHER : HIGHER) : (much ? MUCH_LOWER : LOWER);
    }

    /** better / worse (much better / much worse) by polarity; {@code higherIsBetter} null: not assessed. */
    public static String assessment(String significance, Boolean higherIsBetter) {
        if (significance == null) {
            return null;
        }
        if (NOT_COMPARED.equals(significance)) {
            return NOT_COMPARED;
        }
        if (higherIsBetter == null) {
            return NOT_ASSESSED;
        }
        return switch (significance) {
            case SIMILAR -> SIMILAR;
            case MUCH_HIGHER -> higherIsBetter ? MUCH_BETTER : MUCH_WORSE;
            case HIGHER -> higherIsBetter ? BETTER : WORSE;
            case LOWER -> higherIsBetter ? WORSE : BETTER;
            case MUCH_LOWER -> higherIsBetter ? MUCH_WORSE : MUCH_BETTER;
            default -> null;
        };
    }

    /** Whether an assessment says worse (either level). */
    public static boolean isWorse(String assessment) {
        return WORSE.equals(assessment) || MUCH_WORSE.equals(assessment);
    }
}
