package fi.tilannekuva.source;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The typing step of one source: bronze rows of its new files (strings, plus the {@code _}-prefixed lineage
 * columns) to typed, area-normalised rows on which the source's row rules are evaluated. Pure: no I/O. The
 * result must keep every {@code _}-prefixed column of its input ({@link SourceLoader#lineage}).
 */
@FunctionalInterface
public interface SilverStep {
    /**
     * @param bronze    rows as received, of one or more files of the source
     * @param fileKey   per row, what its file name's pattern captured (e.g. the year of {@code population_2024.csv})
     */
    Dataset<Row> apply(Dataset<Row> bronze, Column fileKey);
}
