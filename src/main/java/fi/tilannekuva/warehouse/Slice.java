package fi.tilannekuva.warehouse;

import org.apache.spark.sql.Column;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Which rows of a table a write replaces: the whole table, the rows whose columns hold given values (a quarter, a
 * source), or any of several such sets (every source's rows of one refresh). Says so in words for the progress
 * lines, and as Delta's {@code replaceWhere} predicate or a filter column, in this one place.
 */
public record Slice(List<Map<String, String>> anyOf) {

    public Slice {
        List<Map<String, String>> copy = new ArrayList<>();
        anyOf.forEach(values -> copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        anyOf = List.copyOf(copy);
    }

    public static Slice whole() {
        return new Slice(List.of(Map.of()));
    }

    public static Slice where(String column, String value) {
        return whole().and(column, value);
    }

    /** The rows of any of {@code slices}. */
    public static Slice anyOf(List<Slice> slices) {
        List<Map<String, String>> all = new ArrayList<>();
        slices.forEach(s -> all.addAll(s.anyOf()));
        return new Slice(all);
    }

    public Slice and(String column, String value) {
        List<Map<String, String>> more = new ArrayList<>();
        for (Map<String, String> values : anyOf) {
            Map<String, String> m = new LinkedHashMap<>(values);
            m.put(column, value);
            more.add(m);
        }
        return new Slice(more);
    }

    /** The predicate of Delta's {@code replaceWhere}. */
    public String predicate() {
        if (anyOf.stream().anyMatch(Map::isEmpty)) {
            return "true";
        }
        List<String> alternatives = anyOf.stream().map(values -> values.entrySet().stream()
                .map(e -> "`" + e.getKey() + "` = " + Warehouse.literal(e.getValue()))
                .collect(Collectors.joining(" AND "))).toList();
        return alternatives.size() == 1 ? alternatives.get(0)
                : alternatives.stream().map(a -> "(" + a + ")").collect(Collectors.joining(" OR "));
    }

    /** The same rows as a filter column. */
    public Column condition() {
        Column any = lit(false);
        for (Map<String, String> values : anyOf) {
            Column all = lit(true);
            for (Map.Entry<String, String> e : values.entrySet()) {
                all = all.and(col("`" + e.getKey() + "`").equalTo(e.getValue()));
            }
            any = any.or(all);
        }
        return any;
    }

    /** In words: {@code whole table}, or e.g. {@code period 2025Q4, source traffic or source funding}. */
    @Override
    public String toString() {
        return anyOf.stream().map(values -> values.isEmpty() ? "whole table" : values.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining(" or "));
    }
}
