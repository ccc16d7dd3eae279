package fi.tilannekuva.method;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Significance of a figure against a reference value — the national value, or the same area's value of an earlier
 * period (METHODS.md §3, §7): <em>higher / lower</em> when the 95 % interval lies wholly above / below it,
 * <em>much higher / much lower</em> when the 99.8 % interval does too, <em>similar</em> when the 95 % interval
 * contains it, <em>not compared</em> without an interval or reference. The flag is neutral; {@link #assessment}
 * turns it into better / worse by the measure's polarity.
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

    public static Column against(Column reference, Column lower95, Column upper95, Column lower998, Column upper998) {
        return when(reference.isNull().or(lower95.isNull()).or(upper95.isNull()), lit(NOT_COMPARED))
                .when(lower95.gt(reference), when(lower998.gt(reference), lit(MUCH_HIGHER)).otherwise(lit(HIGHER)))
                .when(upper95.lt(reference), when(upper998.lt(reference), lit(MUCH_LOWER)).otherwise(lit(LOWER)))
                .otherwise(lit(SIMILAR));
    }

    /** better / worse (much better / much worse) by polarity; {@code higherIsBetter} null: not assessed. */
    public static Column assessment(Column significance, Column higherIsBetter) {
        Column up = when(higherIsBetter, lit(BETTER)).otherwise(lit(WORSE));
        Column down = when(higherIsBetter, lit(WORSE)).otherwise(lit(BETTER));
        Column muchUp = when(higherIsBetter, lit(MUCH_BETTER)).otherwise(lit(MUCH_WORSE));
        Column muchDown = when(higherIsBetter, lit(MUCH_WORSE)).otherwise(lit(MUCH_BETTER));
        return when(significance.equalTo(NOT_COMPARED), lit(NOT_COMPARED))
                .when(higherIsBetter.isNull(), lit(NOT_ASSESSED))
                .when(significance.equalTo(SIMILAR), lit(SIMILAR))
                .when(significance.equalTo(MUCH_HIGHER), muchUp)
                .when(significance.equalTo(HIGHER), up)
                .when(significance.equalTo(LOWER), down)
                .when(significance.equalTo(MUCH_LOWER), muchDown);
    }

    /** Whether an assessment says worse (either level). */
    public static Column isWorse(Column assessment) {
        return assessment.isin(WORSE, MUCH_WORSE);
    }
}
