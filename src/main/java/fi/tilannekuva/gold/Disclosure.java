package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.method.SmallNumberSuppression;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Applies {@link SmallNumberSuppression} to a gold table: the cells to withhold are worked out in plain Java over
 * every total a reader of the table sees, and the counts and what derives from them are nulled with
 * {@code suppressed = true}. The table says only that a figure is suppressed, never
 * whether it was small or withheld to protect another (that would tell a reader the cell is at least 5).
 */
public final class Disclosure {

    /**
     * One kind of published total: within each group of rows with equal {@code groups} (among the rows where
     * {@code inTable} holds), the row whose {@code cell} column is {@code totalKey} is the sum of the others.
     */
    public record Totals(List<String> groups, String cell, String totalKey, Column inTable) {
        public Totals(List<String> groups, String cell, String totalKey) {
            this(groups, cell, totalKey, lit(true));
        }
    }

    /** Joins the parts of a cell's key: a character no key value holds. */
    private static final String SEP = "\u0001";
    /** Stands for a null key value. */
    private static final String NULL = "∅";

    private Disclosure() {
    }

    /**
     * One kind of published total of a table computed in plain Java: within each group of cells with equal
     * {@code group} (among those where {@code inTable} holds), the cell where {@code isTotal} holds is the sum of the
     * others.
     */
    public record Sum<T>(Function<T, List<?>> group, Predicate<T> isTotal, Predicate<T> inTable) {
        public Sum(Function<T, List<?>> group, Predicate<T> isTotal) {
            this(group, isTotal, c -> true);
        }
    }

    /**
     * The cells to withhold, worked out over every total a reader sees.
     *
     * @param cells  the table, one element per cell of {@code key}
     * @param key    a cell's key values; a cell's identity, and its order where the rules break ties
     * @param counts the count of each count column of a cell by column name (null: no data); a cell is withheld as a
     *               whole when any of its counts is
     * @return the withheld cells (by identity)
     */
    public static <T> Set<T> withheld(List<T> cells, AppConfig.SuppressionRule rule, Function<T, List<?>> key,
                                      Map<String, Function<T, Long>> counts, List<Sum<T>> sums) {
        List<String> ids = cells.stream().map(c -> text(key.apply(c))).toList();
        Map<String, Long> values = new HashMap<>();
        List<List<String>> together = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            List<String> row = new ArrayList<>();
            for (Map.Entry<String, Function<T, Long>> count : counts.entrySet()) {
                String id = ids.get(i) + SEP + count.getKey();
                values.put(id, count.getValue().apply(cells.get(i)));
                row.add(id);
            }
            if (row.size() > 1) {
                together.add(row);
            }
        }
        List<SmallNumberSuppression.Total> published = new ArrayList<>();
        for (Sum<T> sum : sums) {
            Map<String, String> totalOf = new LinkedHashMap<>();
            Map<String, List<String>> membersOf = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                T cell = cells.get(i);
                if (!sum.inTable().test(cell)) {
                    continue;
                }
                String group = text(sum.group().apply(cell));
                if (sum.isTotal().test(cell)) {
                    totalOf.put(group, ids.get(i));
                } else {
                    membersOf.computeIfAbsent(group, g -> new ArrayList<>()).add(ids.get(i));
                }
            }
            for (Map.Entry<String, String> e : totalOf.entrySet()) {
                List<String> members = membersOf.getOrDefault(e.getKey(), List.of());
                for (String count : counts.keySet()) {
                    published.add(new SmallNumberSuppression.Total(e.getValue() + SEP + count,
                            members.stream().map(m -> m + SEP + count).toList()));
                }
            }
        }
        Set<String> hidden = SmallNumberSuppression.suppress(values, published, together, rule);
        Set<String> hiddenCells = new HashSet<>();
        hidden.forEach(id -> hiddenCells.add(id.substring(0, id.lastIndexOf(SEP))));
        Set<T> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < cells.size(); i++) {
            if (hiddenCells.contains(ids.get(i))) {
                out.add(cells.get(i));
            }
        }
        return out;
    }

    /** A key's values as one text; the same text Spark's cast to string gives, so both paths order cells alike. */
    private static String text(List<?> parts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                b.append(SEP);
            }
            b.append(parts.get(i) == null ? NULL : parts.get(i).toString());
        }
        return b.toString();
    }

    /**
     * {@link #withheld} for a table still computed with Spark: its cells are collected (a few thousand at most).
     *
     * @param rows    the table, one row per cell of {@code key}
     * @param counts  the count columns of a row (each with its own totals); a row is withheld as a whole when any
     *                of its counts is
     * @param derived columns derived from the counts, nulled with them
     */
    public static Dataset<Row> protect(Dataset<Row> rows, AppConfig.SuppressionRule rule, List<String> key,
                                       List<String> counts, List<Totals> totals, List<String> derived) {
        Column[] keyText = key.stream().map(k -> coalesce(col(k).cast("string"), lit(NULL))).toArray(Column[]::new);
        // Computed once: the cells are read for the counts and again for the result, which callers read often.
        Dataset<Row> keyed = rows.withColumn("_cell", concat_ws(SEP, keyText)).localCheckpoint();
        List<Column> collected = new ArrayList<>(List.of(col("_cell")));
        counts.forEach(c -> collected.add(col(c).cast("long").as("_n_" + c)));
        for (int i = 0; i < totals.size(); i++) {
            Totals t = totals.get(i);
            Column[] group = t.groups().stream().map(g -> coalesce(col(g).cast("string"), lit(NULL)))
                    .toArray(Column[]::new);
            collected.add(coalesce(t.inTable(), lit(false)).as("_in_" + i));
            collected.add(concat_ws(SEP, group).as("_group_" + i));
            collected.add(coalesce(col(t.cell()).equalTo(t.totalKey()), lit(false)).as("_total_" + i));
        }
        List<Row> cells = keyed.select(collected.toArray(Column[]::new)).collectAsList();
        Map<String, Function<Row, Long>> countOf = new LinkedHashMap<>();
        for (int j = 0; j < counts.size(); j++) {
            int at = 1 + j;
            countOf.put(counts.get(j), r -> r.isNullAt(at) ? null : r.getLong(at));
        }
        List<Sum<Row>> sums = new ArrayList<>();
        int base = 1 + counts.size();
        for (int i = 0; i < totals.size(); i++) {
            int at = base + 3 * i;
            sums.add(new Sum<>(r -> List.of(r.getString(at + 1)), r -> r.getBoolean(at + 2), r -> r.getBoolean(at)));
        }
        List<String> hiddenRows = withheld(cells, rule, r -> List.of(r.getString(0)), countOf, sums).stream()
                .map(r -> r.getString(0)).toList();
        Dataset<Row> withheld = rows.sparkSession().createDataset(hiddenRows, Encoders.STRING()).toDF("_cell")
                .withColumn("_withheld", lit(true));
        Dataset<Row> out = keyed.join(broadcast(withheld), new String[]{"_cell"}, "left")
                .withColumn(SmallNumberSuppression.SUPPRESSED, coalesce(col("_withheld"), lit(false)));
        for (String c : concat(counts, derived)) {
            out = out.withColumn(c, when(col(SmallNumberSuppression.SUPPRESSED), lit(null)).otherwise(col(c)));
        }
        return out.drop("_cell", "_withheld").localCheckpoint();
    }

    private static List<String> concat(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
