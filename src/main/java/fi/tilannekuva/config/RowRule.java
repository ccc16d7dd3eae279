package fi.tilannekuva.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One declared row rule: a Spark SQL boolean the row must satisfy ({@code expect}), what happens when it does
 * not ({@code action}), and a SQL string expression saying why ({@code message}). {@code isFinal} rules stop
 * later rules from being reported for a row that fails them (a row with the wrong field count has misaligned
 * columns; listing their failures too would only confuse). A natural-key rule ({@code key}) instead keeps one row
 * per key within a file.
 */
public record RowRule(String name, String expect, Action action, String message, boolean isFinal, List<String> key,
                      Keep keep) {

    /** The name of every natural-key rule: its failures are warned about in the run's summary. */
    public static final String DUPLICATE_KEY = "duplicate-key";
    /** The name of the built-in rule on lines whose bytes are not valid in the file's encoding. */
    public static final String ENCODING = "encoding";
    public static final String FIELD_COUNT = "field-count";
    /**
     * Spark SQL functions whose value is not the same each time a row is judged: the clock (fixed once per query) and
     * chance. Matched as words, so a column or message with such a word counts too: a false match costs only speed.
     */
    private static final Pattern CLOCK_OR_CHANCE = Pattern.compile(
            "(?i)\\b(current_timestamp|current_date|current_timezone|now|localtimestamp|curdate|unix_timestamp"
                    + "|rand|randn|random|uuid|shuffle)\\b");

    /** Which of the rows of a file that share a natural key stays; the others go to the quarantine. */
    public enum Keep { FIRST, LAST }

    public RowRule {
        key = key == null ? List.of() : List.copyOf(key);
    }

    /** A rule that judges each row on its own by {@code expect}. */
    public RowRule(String name, String expect, Action action, String message, boolean isFinal) {
        this(name, expect, action, message, isFinal, List.of(), null);
    }

    /**
     * The natural key of a source's rows: within one file, of the rows that pass every other rule, only one per
     * {@code key} stays (the first or the last by line); the others are quarantined, never summed.
     */
    public static RowRule naturalKey(List<String> key, Keep keep) {
        return new RowRule(DUPLICATE_KEY, null, Action.QUARANTINE, null, false, key, keep);
    }

    /** Lines whose bytes are not valid in the file's encoding are quarantined before any other rule reads them. */
    public static RowRule encoding(String errorColumn) {
        return new RowRule(ENCODING, errorColumn + " IS NULL", Action.QUARANTINE, errorColumn, true);
    }

    /** The built-in rule that a line has as many fields as the header (JSON records have no count). */
    public static RowRule fieldCount(String countColumn, String expectedColumn) {
        return new RowRule(FIELD_COUNT, countColumn + " IS NULL OR " + countColumn + " = " + expectedColumn,
                Action.QUARANTINE, "concat('expected ', " + expectedColumn + ", ' fields, found ', " + countColumn + ")", true);
    }

    public boolean isKeyRule() {
        return !key.isEmpty();
    }

    /**
     * Whether the rule gives a row the same verdict every time it is judged: its expressions read neither the clock
     * ({@code current_timestamp()} is fixed once per Spark query, so two queries over the same rows can disagree) nor
     * chance. Only then may a source's rows be judged again by a later query instead of kept from the first.
     */
    public boolean judgesAlike() {
        return !CLOCK_OR_CHANCE.matcher(expect == null ? "" : expect).find()
                && !CLOCK_OR_CHANCE.matcher(message == null ? "" : message).find();
    }

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
