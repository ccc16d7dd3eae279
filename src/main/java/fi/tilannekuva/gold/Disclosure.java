package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.method.SmallNumberSuppression;

import java.util.ArrayList;
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

/**
 * Applies {@link SmallNumberSuppression} to a gold table: works out the cells to withhold over every total a reader
 * of the table sees; the table then nulls their counts and what derives from them and says {@code suppressed = true}.
 * The table says only that a figure is suppressed, never whether it was small or withheld to protect another (that
 * would tell a reader the cell is at least 5).
 */
public final class Disclosure {

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

    /** A key's values as one text: a cell's identity and, where the rules break ties, its order. */
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
}
