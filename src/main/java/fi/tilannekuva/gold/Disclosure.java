package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.method.SmallNumberSuppression;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Applies {@link SmallNumberSuppression} to a gold table: its cells (a few thousand at most) are collected, the
 * cells to withhold worked out in plain Java over every total a reader of the table sees, and the counts and what
 * derives from them nulled with {@code suppressed = true}. The table says only that a figure is suppressed, never
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

    private Disclosure() {
    }

    /**
     * @param rows    the table, one row per cell of {@code key}
     * @param counts  the count columns of a row (each with its own totals); a row is withheld as a whole when any
     *                of its counts is
     * @param derived columns derived from the counts, nulled with them
     */
    public static Dataset<Row> protect(Dataset<Row> rows, AppConfig.SuppressionRule rule, List<String> key,
                                       List<String> counts, List<Totals> totals, List<String> derived) {
        Column[] keyText = key.stream().map(k -> coalesce(col(k).cast("string"), lit("∅"))).toArray(Column[]::new);
        // Computed once: the cells are read for the counts and again for the result, which callers read often.
        Dataset<Row> keyed = rows.withColumn("_cell", concat_ws(SEP, keyText)).localCheckpoint();
        List<Column> collected = new ArrayList<>(List.of(col("_cell")));
        counts.forEach(c -> collected.add(col(c).cast("long").as("_n_" + c)));
        for (int i = 0; i < totals.size(); i++) {
            Totals t = totals.get(i);
            Column[] group = t.groups().stream().map(g -> coalesce(col(g).cast("string"), lit("∅")))
                    .toArray(Column[]::new);
            collected.add(coalesce(t.inTable(), lit(false)).as("_in_" + i));
            collected.add(concat_ws(SEP, group).as("_group_" + i));
            collected.add(coalesce(col(t.cell()).equalTo(t.totalKey()), lit(false)).as("_total_" + i));
        }
        List<Row> cells = keyed.select(collected.toArray(Column[]::new)).collectAsList();

        Map<String, Long> values = new HashMap<>();
        List<List<String>> together = new ArrayList<>();
        for (Row r : cells) {
            String cell = r.getString(0);
            List<String> row = new ArrayList<>();
            for (int j = 0; j < counts.size(); j++) {
                String id = cell + SEP + counts.get(j);
                values.put(id, r.isNullAt(1 + j) ? null : r.getLong(1 + j));
                row.add(id);
            }
            if (row.size() > 1) {
                together.add(row);
            }
        }
        List<SmallNumberSuppression.Total> published = new ArrayList<>();
        int base = 1 + counts.size();
        for (int i = 0; i < totals.size(); i++) {
            Map<String, String> totalOf = new LinkedHashMap<>();
            Map<String, List<String>> membersOf = new LinkedHashMap<>();
            for (Row r : cells) {
                if (!r.getBoolean(base + 3 * i)) {
                    continue;
                }
                String group = r.getString(base + 3 * i + 1);
                if (r.getBoolean(base + 3 * i + 2)) {
                    totalOf.put(group, r.getString(0));
                } else {
                    membersOf.computeIfAbsent(group, g -> new ArrayList<>()).add(r.getString(0));
                }
            }
            for (Map.Entry<String, String> e : totalOf.entrySet()) {
                List<String> members = membersOf.getOrDefault(e.getKey(), List.of());
                for (String count : counts) {
                    published.add(new SmallNumberSuppression.Total(e.getValue() + SEP + count,
                            members.stream().map(m -> m + SEP + count).toList()));
                }
            }
        }
        Set<String> hidden = SmallNumberSuppression.suppress(values, published, together, rule);
        List<String> hiddenRows = hidden.stream().map(id -> id.substring(0, id.lastIndexOf(SEP))).distinct().toList();
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
