package fi.tilannekuva.warehouse;

import org.apache.spark.sql.Column;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Which rows of a table a write replaces: the whole table, or the rows whose columns hold given values (a quarter,
 * a source). Says so in words for the progress lines, and as Delta's {@code replaceWhere} predicate or a filter
 * column, in this one place.
 */
public record Slice(Map<String, String> values) {

    public Slice {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Slice whole() {
        return new Slice(Map.of());
    }

    public static Slice where(String column, String value) {
        return whole().and(column, value);
    }

    public Slice and(String column, String value) {
        Map<String, String> more = new LinkedHashMap<>(values);
        more.put(column, value);
        return new Slice(more);
    }

    /** The predicate of Delta's {@code replaceWhere}. */
    public String predicate() {
        return values.isEmpty() ? "true" : values.entrySet().stream()
                .map(e -> "`" + e.getKey() + "` = " + Warehouse.literal(e.getValue())).collect(Collectors.joining(" AND "));
    }

    /** The same rows as a filter column. */
    public Column condition() {
        Column c = lit(true);
        for (Map.Entry<String, String> e : values.entrySet()) {
            c = c.and(col("`" + e.getKey() + "`").equalTo(e.getValue()));
        }
        return c;
    }

    /** In words: {@code whole table}, or e.g. {@code period 2025Q4, source traffic}. */
    @Override
    public String toString() {
        return values.isEmpty() ? "whole table" : values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
