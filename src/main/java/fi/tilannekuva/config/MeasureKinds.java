package fi.tilannekuva.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * The kinds a measure of the catalogue is of — how its figure is made, which interval it gets, which need coefficient
 * adjusts its index — parsed once where {@code conf/measures.conf} is read; {@code code()} is the word in the
 * configuration and in {@code measure_catalogue}.
 */
public final class MeasureKinds {

    private MeasureKinds() {
    }

    /** How a figure is made from its counts (METHODS.md §2–§5). */
    public enum Method {
        CRUDE_RATE, STANDARDISED_RATE, SHARE, AS_PUBLISHED, MODEL;

        public String code() {
            return MeasureKinds.code(this);
        }
    }

    /** The confidence interval of a figure (METHODS.md §3). */
    public enum Interval {
        POISSON, WILSON, DOBSON, NONE;

        public String code() {
            return MeasureKinds.code(this);
        }
    }

    /** The need coefficient that divides a figure's index (METHODS.md §4), or none. */
    public enum NeedsAdjustment {
        HEALTH, TOTAL, NONE;

        public String code() {
            return MeasureKinds.code(this);
        }
    }

    /** How often a measure's figure is renewed: the picture shows the quarter, or the latest year. */
    public enum UpdateCycle {
        QUARTERLY, YEARLY;

        public String code() {
            return MeasureKinds.code(this);
        }

        /** The cycle whose code is {@code text} (as {@code measure_catalogue.update_cycle} holds it), or null. */
        public static UpdateCycle of(String text) {
            return parse(UpdateCycle.class, text);
        }
    }

    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant whose {@link #code} is {@code text}, or null. */
    static <E extends Enum<E>> E parse(Class<E> kind, String text) {
        return Arrays.stream(kind.getEnumConstants()).filter(e -> code(e).equals(text)).findFirst().orElse(null);
    }

    /** Every code of {@code kind}, for error messages. */
    static <E extends Enum<E>> String[] codes(Class<E> kind) {
        return Arrays.stream(kind.getEnumConstants()).map(MeasureKinds::code).toArray(String[]::new);
    }
}
