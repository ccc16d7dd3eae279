package fi.tilannekuva.quality;

import fi.tilannekuva.config.RowRule;
import fi.tilannekuva.warehouse.Cells;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Evaluates declared {@link RowRule}s on typed rows, the one place where rows are judged. Adds the names of the
 * failed rules and the quarantine reasons to every row, so that no step can drop a bad row silently: a row is
 * either passed on or quarantined with its reasons.
 */
public final class RowRules {

    /** Names of every rule the row failed (warn, quarantine and fail rules). */
    public static final String FAILED = "_failed_rules";
    /** Messages of the failed quarantine rules; non-empty means the row is quarantined. */
    public static final String REASONS = "_reasons";

    private RowRules() {
    }

    /** The file and line of a row: a natural-key rule looks for repeats within a file and keeps a row by its line. */
    public static final String FILE = "_file_hash";
    public static final String LINE = "_line";
    /** The line a repeated key keeps, while its rule is judged. */
    private static final String KEEPER = "_key_keeper";
    /** Up to this many repeated keys of one rule are sent to every task; more are joined by a shuffle. */
    private static final int REPEATS_SENT_TO_TASKS = 200_000;
    /** Most groups {@link #observeCountsBy} counts. */
    public static final int OBSERVED_GROUPS = 32;

    /**
     * {@code rows} with {@link #FAILED} and {@link #REASONS} added. A rule whose expectation is null fails. Natural-key
     * rules are judged last, among the rows of a file that no other rule quarantined. Runs a Spark job per key rule
     * ({@link #evaluateKeys}).
     */
    public static Dataset<Row> evaluate(Dataset<Row> rows, List<RowRule> rules) {
        return evaluateKeys(evaluateRowByRow(rows, rules), rules);
    }

    /** {@code rules} other than natural-key rules, judged on each row by itself: lazy, no Spark job. */
    public static Dataset<Row> evaluateRowByRow(Dataset<Row> rows, List<RowRule> rules) {
        return evaluateEach(rows, rules.stream().filter(r -> !r.isKeyRule()).toList());
    }

    /**
     * The natural-key rules of {@code rules} judged on rows {@link #evaluateRowByRow evaluated row by row}. Each rule
     * reads {@code evaluated} once, in a Spark job, to find the keys a file repeats (cache it when it is read again).
     */
    public static Dataset<Row> evaluateKeys(Dataset<Row> evaluated, List<RowRule> rules) {
        return evaluateKeys(evaluated, rules, false);
    }

    /**
     * {@link #evaluateKeys(Dataset, List)}; {@code onePartition}: the caller put {@code evaluated} in one partition
     * (a few rows, kept in memory), where every row of a key is found without moving the rows: no shuffle, and none
     * of the Spark jobs a shuffle and the collect after it take.
     */
    public static Dataset<Row> evaluateKeys(Dataset<Row> evaluated, List<RowRule> rules, boolean onePartition) {
        return evaluateKeys(evaluated, rules, REPEATS_SENT_TO_TASKS, onePartition);
    }

    static Dataset<Row> evaluateKeys(Dataset<Row> evaluated, List<RowRule> rules, int sentToTasks,
                                     boolean onePartition) {
        for (RowRule key : rules.stream().filter(RowRule::isKeyRule).toList()) {
            KeyJudged judged = evaluateKey(evaluated, key, sentToTasks, onePartition);
            evaluated = judged.rows();
            onePartition = onePartition && !judged.shuffled();
        }
        return evaluated;
    }

    /** Rows with a key rule judged; {@code shuffled}: they were joined to the repeated keys by a shuffle. */
    private record KeyJudged(Dataset<Row> rows, boolean shuffled) {
    }

    /**
     * Of the rows of a file that share {@code rule}'s key (an empty part equals an empty part) and are not quarantined, the first or
     * the last by line stays; each other one fails the rule with the line that stays. The key's values are not in
     * the reason: a key column could hold what a person id looks like.
     * <p>
     * A window over the key would move and sort every row with all its columns, for the handful of rows that repeat
     * one. Instead each row's 64-bit hash of file and key is sorted (a number, not the key's text), the rows of the
     * hashes seen more than once are counted per file and key (a hash shared by different keys is no repeat), and
     * only the repeated keys are joined back: when a file repeats none, nothing is joined. The hashes are taken from
     * every row, the quarantined too: a key repeated among the judged rows is repeated among all of them, and so
     * this step reads only the file and the key's columns, not what the other rules need (when {@code evaluated} is
     * not cached, Spark reads and types nothing else). Rows in one partition ({@code onePartition}) are sorted there,
     * without a shuffle.
     */
    private static KeyJudged evaluateKey(Dataset<Row> evaluated, RowRule rule, int sentToTasks,
                                         boolean onePartition) {
        List<String> group = new ArrayList<>();
        // Rows without the file column (a few rows evaluated on their own) are one file.
        if (java.util.Arrays.asList(evaluated.columns()).contains(FILE)) {
            group.add(FILE);
        }
        group.addAll(rule.key());
        Column[] groupColumns = group.stream().map(c -> col(c)).toArray(Column[]::new);
        Column hash = xxhash64(groupColumns);
        Dataset<Row> judged = evaluated.where(not(isQuarantined()));
        Dataset<Long> hashes = evaluated.select(hash.as("_key_hash")).as(Encoders.LONG());
        List<Long> repeats = (onePartition ? hashes : hashes.repartition(col("_key_hash")))
                .sortWithinPartitions("_key_hash")
                .mapPartitions(RowRules::repeated, Encoders.LONG())
                .limit(sentToTasks + 1).collectAsList();
        if (repeats.isEmpty()) {
            return new KeyJudged(evaluated, false);
        }
        List<Row> repeatedHashes = repeats.stream().map(h -> RowFactory.create(h)).toList();
        Dataset<Row> candidates = repeatedHashes.size() <= sentToTasks
                ? judged.join(broadcast(evaluated.sparkSession().createDataFrame(repeatedHashes,
                        new StructType().add("_key_hash", DataTypes.LongType))), hash.equalTo(col("_key_hash")), "left_semi")
                : judged;
        List<Column> renamed = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            renamed.add(col(group.get(i)).as("_key" + i));
        }
        renamed.add(col(KEEPER));
        Column keeperLine = rule.keep() == RowRule.Keep.LAST ? max(col(LINE)) : min(col(LINE));
        Dataset<Row> repeated = candidates.groupBy(groupColumns)
                .agg(functions.count(lit(1)).as("_rows"), keeperLine.as(KEEPER))
                .where(col("_rows").gt(1))
                .select(renamed.toArray(Column[]::new));
        List<Row> found = repeated.limit(sentToTasks + 1).collectAsList();
        if (found.isEmpty()) {
            return new KeyJudged(evaluated, false);
        }
        Dataset<Row> keepers = found.size() <= sentToTasks
                ? broadcast(evaluated.sparkSession().createDataFrame(found, repeated.schema()))
                : repeated;
        Column sameKey = lit(true);
        for (int i = 0; i < group.size(); i++) {
            sameKey = sameKey.and(col(group.get(i)).eqNullSafe(keepers.col("_key" + i)));
        }
        Column fails = not(isQuarantined()).and(col(KEEPER).isNotNull()).and(col(LINE).notEqual(col(KEEPER)));
        Column reason = concat(lit("repeats the key (" + String.join(", ", rule.key()) + ") of line "),
                col(KEEPER).cast("string"),
                lit(rule.keep() == RowRule.Keep.LAST ? ", the later row, which is kept" : ", the first row, which is kept"));
        List<Column> out = new ArrayList<>();
        for (String c : evaluated.columns()) {
            out.add(c.equals(FAILED) ? when(fails, concat(col(FAILED), array(lit(rule.name())))).otherwise(col(FAILED)).as(FAILED)
                    : c.equals(REASONS) ? when(fails, concat(col(REASONS), array(reason))).otherwise(col(REASONS)).as(REASONS)
                    : evaluated.col(c));
        }
        return new KeyJudged(evaluated.join(keepers, sameKey, "left").select(out.toArray(Column[]::new)),
                found.size() > sentToTasks);
    }

    /**
     * The values that {@code sorted} holds more than once, each once. Finding them by sorting, not by counting each
     * value in a hash table: nearly every key is unique, so counting builds a table entry per row, twice (before and
     * after the shuffle), where sorting numbers is cheap.
     */
    private static Iterator<Long> repeated(Iterator<Long> sorted) {
        List<Long> out = new ArrayList<>();
        long previous = 0;
        boolean first = true;
        boolean emitted = false;
        while (sorted.hasNext()) {
            long h = sorted.next();
            if (!first && h == previous) {
                if (!emitted) {
                    out.add(h);
                    emitted = true;
                }
            } else {
                emitted = false;
            }
            previous = h;
            first = false;
        }
        return out.iterator();
    }

    private static Dataset<Row> evaluateEach(Dataset<Row> rows, List<RowRule> rules) {
        List<Column> failed = new ArrayList<>();
        List<Column> reasons = new ArrayList<>();
        Column gate = lit(true);
        for (RowRule r : rules) {
            Column ok = coalesce(expr(r.expect()), lit(false));
            Column fails = gate.and(not(ok));
            failed.add(onlyIf(fails, lit(r.name())));
            if (r.action() != RowRule.Action.WARN) {
                reasons.add(onlyIf(fails, coalesce(expr(r.message()).cast("string"), lit(r.name()))));
            }
            if (r.isFinal()) {
                gate = gate.and(ok);
            }
        }
        return rows
                .withColumn(FAILED, all(failed))
                .withColumn(REASONS, all(reasons));
    }

    /** A one-element array of {@code value} when {@code condition} holds, else an empty one. */
    private static Column onlyIf(Column condition, Column value) {
        return when(condition, array(value)).otherwise(array().cast("array<string>"));
    }

    /**
     * The arrays one after the other. Concatenated, not filtered for nulls: a filter is a lambda, which Spark
     * evaluates row by row outside its generated code, and with it every rule inside (a sixth of a national
     * quarter's loading).
     */
    private static Column all(List<Column> arrays) {
        if (arrays.isEmpty()) {
            return array().cast("array<string>");
        }
        return arrays.size() == 1 ? arrays.get(0) : concat(arrays.toArray(Column[]::new));
    }

    public static Column isQuarantined() {
        return size(col(REASONS)).gt(0);
    }

    /** The reasons as one line, for the quarantine table. */
    public static Column reasonText() {
        return array_join(col(REASONS), "; ");
    }

    /** Rows read, quarantined and failures per rule, in one pass over the evaluated rows. */
    public static RuleCounts count(Dataset<Row> evaluated, List<RowRule> rules) {
        return countBy(evaluated.withColumn("_all", lit("all")), rules, "_all").getOrDefault("all", RuleCounts.NONE);
    }

    /**
     * {@code evaluated}, counted as {@link #countBy} counts it (per value of {@code groupColumn} among {@code groups})
     * by whatever action reads the rows returned, as Spark's observed metrics: no pass of their own. Each group adds an
     * expression per rule to every row, so the groups are few: at most {@link #OBSERVED_GROUPS}.
     */
    public static ObservedCounts observeCountsBy(Dataset<Row> evaluated, List<RowRule> rules, String groupColumn,
                                                 List<String> groups) {
        return observeCountsBy(evaluated, rules, groupColumn, groups, null);
    }

    /**
     * As {@link #observeCountsBy(Dataset, List, String, List)}, with the distinct values of {@code areaColumn} among
     * each group's accepted rows ({@link RuleCounts#areas}) when it is not null.
     */
    public static ObservedCounts observeCountsBy(Dataset<Row> evaluated, List<RowRule> rules, String groupColumn,
                                                 List<String> groups, String areaColumn) {
        if (groups.isEmpty() || groups.size() > OBSERVED_GROUPS) {
            throw new IllegalArgumentException("observed counts take 1 to " + OBSERVED_GROUPS + " groups, not " + groups.size());
        }
        List<Column> metrics = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            Column in = col(groupColumn).equalTo(lit(groups.get(g)));
            metrics.add(sum(when(in, 1L).otherwise(0L)).as("_read" + g));
            metrics.add(sum(when(in.and(isQuarantined()), 1L).otherwise(0L)).as("_quarantined" + g));
            for (int i = 0; i < rules.size(); i++) {
                metrics.add(sum(when(in.and(array_contains(col(FAILED), rules.get(i).name())), 1L).otherwise(0L))
                        .as("_r" + g + "_" + i));
            }
            if (areaColumn != null) {
                metrics.add(collect_set(when(in.and(not(isQuarantined())), col(areaColumn))).as("_areas" + g));
            }
        }
        Observation observation = new Observation("rule-counts-" + UUID.randomUUID());
        Dataset<Row> observed = evaluated.observe(observation, metrics.get(0),
                metrics.subList(1, metrics.size()).toArray(Column[]::new));
        return new ObservedCounts(observed, observation, List.copyOf(groups), List.copyOf(rules), areaColumn != null);
    }

    /** The rows {@link #observeCountsBy} counts, and their counts once an action has read them. */
    public record ObservedCounts(Dataset<Row> rows, Observation observation, List<String> groups, List<RowRule> rules,
                                 boolean withAreas) {

        /**
         * {@link #countBy}'s answer for the rows read by the action that has just run (a group without rows has no
         * entry); empty when Spark has not reported them within {@code limit} (its listeners hear of a finished
         * query shortly after it returns; a query that never read the rows never reports).
         */
        public Optional<Map<String, RuleCounts>> await(Duration limit) {
            // Spark's Observation waits without a limit; a thread of the common pool waits for it instead, and is left
            // waiting (a daemon) in the one case the limit is for.
            CompletableFuture<Map<String, Object>> metrics = CompletableFuture.supplyAsync(() -> {
                try {
                    return observation.getAsJava();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            });
            Map<String, Object> m;
            try {
                m = metrics.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                metrics.cancel(true);
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException("rule counts could not be read: " + e.getCause(), e.getCause());
            }
            Map<String, RuleCounts> out = new LinkedHashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                long read = number(m.get("_read" + g));
                if (read == 0) {
                    continue;
                }
                Map<String, Long> byRule = new LinkedHashMap<>();
                for (int i = 0; i < rules.size(); i++) {
                    byRule.put(rules.get(i).name(), number(m.get("_r" + g + "_" + i)));
                }
                out.put(groups.get(g), new RuleCounts(read, number(m.get("_quarantined" + g)), byRule,
                        withAreas ? strings(m.get("_areas" + g)) : null));
            }
            return Optional.of(out);
        }

        /** An observed set of strings: Spark hands it over as a Scala sequence. */
        private static List<String> strings(Object set) {
            List<String> out = new ArrayList<>();
            if (set != null) {
                scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<?>) set)
                        .forEach(v -> out.add((String) v));
            }
            return out;
        }

        /** A sum over no rows is null. */
        private static long number(Object sum) {
            return sum == null ? 0L : ((Number) sum).longValue();
        }
    }

    /** {@link #count} per value of {@code groupColumn} (e.g. per source file), in one pass. */
    public static Map<String, RuleCounts> countBy(Dataset<Row> evaluated, List<RowRule> rules, String groupColumn) {
        return countBy(evaluated, rules, groupColumn, null);
    }

    /**
     * As {@link #countBy(Dataset, List, String)}, with the distinct values of {@code areaColumn} among each group's
     * accepted rows ({@link RuleCounts#areas}) when it is not null.
     */
    public static Map<String, RuleCounts> countBy(Dataset<Row> evaluated, List<RowRule> rules, String groupColumn,
                                                  String areaColumn) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(sum(when(isQuarantined(), 1).otherwise(0)).as("_quarantined"));
        for (int i = 0; i < rules.size(); i++) {
            aggs.add(sum(when(array_contains(col(FAILED), rules.get(i).name()), 1).otherwise(0)).as("_r" + i));
        }
        if (areaColumn != null) {
            aggs.add(collect_set(when(not(isQuarantined()), col(areaColumn))).as("_areas"));
        }
        Map<String, RuleCounts> out = new LinkedHashMap<>();
        for (Row r : evaluated.groupBy(col(groupColumn))
                .agg(functions.count(lit(1)).as("_read"), aggs.toArray(Column[]::new)).collectAsList()) {
            Map<String, Long> byRule = new LinkedHashMap<>();
            for (int i = 0; i < rules.size(); i++) {
                byRule.put(rules.get(i).name(), Cells.longOf(r, i + 3));
            }
            out.put(r.getString(0), new RuleCounts(r.getLong(1), Cells.longOf(r, 2), byRule,
                    areaColumn != null ? r.<String>getList(rules.size() + 3) : null));
        }
        return out;
    }
}
