package fi.tilannekuva.warehouse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * Collected rows as plain Java reads them: in a stable order, and numbers whatever numeric type Spark gave the column
 * (a sum of ints is a long, an average a double, a literal an int), unboxed in one place, null staying null.
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

    /**
     * The rows of {@code frame}, collected and sorted by every column in turn (nulls first; the columns hold numbers,
     * strings or booleans): figures summed over collected rows then come out the same to the last digit in every run,
     * whatever order Spark returned them in.
     */
    public static List<Row> collectInOrder(Dataset<Row> frame) {
        List<Row> rows = new ArrayList<>(frame.collectAsList());
        rows.sort(Cells::compare);
        return rows;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Row a, Row b) {
        for (int i = 0; i < a.length(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c = x == null ? (y == null ? 0 : -1) : y == null ? 1 : ((Comparable) x).compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The cell as an int; the caller knows it is not null. */
    public static int intOf(Row r, int i) {
        return ((Number) r.get(i)).intValue();
    }
}
