package fi.tilannekuva.quality;

import java.util.Locale;

/**
 * One declared row rule: a Spark SQL boolean the row must satisfy ({@code expect}), what happens when it does
 * not ({@code action}), and a SQL string expression saying why ({@code message}). {@code isFinal} rules stop
 * later rules from being reported for a row that fails them (a row with the wrong field count has misaligned
 * columns; listing their failures too would only confuse).
 */
public record RowRule(String name, String expect, Action action, String message, boolean isFinal) {

    /** What a failed rule does to its row and run, after Delta Live Tables' expectations. */
    public enum Action {
        /** counted in the run log; the row goes on. */
        WARN,
        /** the row goes to quarantine with the message. */
        QUARANTINE,
        /** the run stops before anything reaches silver. */
        FAIL;

        public static Action parse(String value, String where) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": action must be warn, quarantine or fail, was '" + value + "'", e);
            }
        }
    }
}
