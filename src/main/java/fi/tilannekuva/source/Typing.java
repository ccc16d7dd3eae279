package fi.tilannekuva.source;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

/**
 * The typing expressions the sources share: text without surrounding spaces (empty is null), numbers that are
 * null when malformed (never an error, whatever Spark's ANSI setting: SQL {@code try_cast}), and area codes.
 * Numbers are cast from a named column of raw text, so that a quarantine message can show the raw value.
 */
public final class Typing {

    private Typing() {
    }

    /** A column as received, trimmed; an empty value is null. */
    public static Column text(String column) {
        return nullif(trim(col("`" + column + "`")), lit(""));
    }

    /** A lower-case identifier, such as a criterion or sector name. */
    public static Column key(String column) {
        return lower(text(column));
    }

    /** The number in text column {@code rawColumn}; a lone decimal comma ("4,97") reads as a point. */
    public static Column decimal(String rawColumn) {
        String c = "`" + rawColumn + "`";
        return expr("try_cast(CASE WHEN " + c + " RLIKE '^-?[0-9]+,[0-9]+$' THEN replace(" + c + ", ',', '.') ELSE "
                + c + " END AS DOUBLE)");
    }

    /** The ISO date (yyyy-mm-dd) in text column {@code rawColumn}. */
    public static Column date(String rawColumn) {
        return expr("CAST(try_to_timestamp(`" + rawColumn + "`, 'yyyy-MM-dd') AS DATE)");
    }

    /** Like {@link #text}, or null when the rows have no such column (an optional field of a JSON response). */
    public static Column optionalText(Dataset<Row> rows, String column) {
        return Arrays.stream(rows.columns()).anyMatch(c -> c.equals(column)) ? text(column) : lit(null).cast("string");
    }

    /** The whole number in text column {@code rawColumn}. */
    public static Column integer(String rawColumn) {
        return expr("try_cast(`" + rawColumn + "` AS INT)");
    }

    /**
     * An area code from text column {@code rawColumn} ("9" and "09" are 09, "sss" is SSS), null unless it is one
     * of {@code allowed}.
     */
    public static Column areaCode(String rawColumn, List<String> allowed) {
        Column raw = col("`" + rawColumn + "`");
        Column code = when(raw.rlike("^[0-9]{1,2}$"), lpad(raw, 2, "0")).otherwise(upper(raw));
        return when(code.isin(allowed.toArray()), code);
    }
}
