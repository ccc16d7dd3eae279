package fi.tilannekuva.warehouse;

import org.apache.spark.sql.Row;

/**
 * Numbers read from collected rows, whatever numeric type Spark gave the column (a sum of ints is a long, an
 * average a double, a literal an int): the one place that unboxes them, null staying null.
 */
public final class Cells {

    private Cells() {
    }

    /** The cell as a long; null when the row or the cell is null. */
    public static Long longOrNull(Row r, int i) {
        return r == null || r.isNullAt(i) ? null : ((Number) r.get(i)).longValue();
    }

    /** The cell as a double; null when the row or the cell is null. */
    public static Double doubleOrNull(Row r, int i) {
        return r == null || r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
    }

    /** The cell as a long; the caller knows it is not null (a count, a sum of a non-null column). */
    public static long longOf(Row r, int i) {
        return ((Number) r.get(i)).longValue();
    }

    /** The cell as an int; the caller knows it is not null. */
    public static int intOf(Row r, int i) {
        return ((Number) r.get(i)).intValue();
    }
}
