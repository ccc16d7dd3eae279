package fi.tilannekuva.source;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one source is read: which files under which input directory, their format (delimited text or JSON) and
 * required columns, which columns hold person ids that must never leave the silver layer, its rules in
 * {@code conf/} and its typing step. {@code table} names the source's bronze and silver tables. File names are
 * matched ignoring case.
 */
public record InputSource(String table, String directory, Pattern files, FileFormat format,
                              List<String> requiredColumns, Set<String> sensitiveColumns, String rules,
                              SilverStep step, List<String> silverColumns) {

    public InputSource {
        // Names are matched ignoring case: AVOHILMO_202510.CSV is the same delivery as avohilmo_202510.csv.
        files = Pattern.compile(files.pattern(), files.flags() | Pattern.CASE_INSENSITIVE);
        requiredColumns = List.copyOf(requiredColumns);
        sensitiveColumns = Set.copyOf(sensitiveColumns);
        silverColumns = List.copyOf(silverColumns);
    }

    /** The silver column of a row's area, in the sources whose rows have one. */
    public static final String AREA_COLUMN = "area_code";

    /** Whether the source's silver rows carry an area ({@link #AREA_COLUMN}). */
    public boolean hasArea() {
        return silverColumns.contains(AREA_COLUMN);
    }
}
