package fi.tilannekuva.quality;

import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Warehouse;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Bronze's log of the files loaded ({@link RunLog#INGESTED_FILES}) as a refresh sees it: what earlier runs loaded,
 * read once when loading starts (which files a rerun skips), and what this run loads, added as it goes (the file
 * checks compare a delivery with the one before it).
 */
public final class IngestionLog {

    /**
     * One loaded file ({@code source} is its silver table); {@code areas} are the distinct areas of its accepted
     * rows, null for a source whose rows have no area and for a file logged before the log kept them.
     */
    public record Entry(String source, String file, String sha256, long rowsRead, long rowsQuarantined,
                        Timestamp loadedAt, List<String> areas) {

        public Entry {
            areas = areas == null ? null : List.copyOf(areas);
        }

        public long rowsAccepted() {
            return rowsRead - rowsQuarantined;
        }
    }

    private final List<Entry> earlier;
    private final List<Entry> added = Collections.synchronizedList(new ArrayList<>());

    IngestionLog(List<Entry> earlier) {
        this.earlier = List.copyOf(earlier);
    }

    /** The log as earlier runs left it; empty in a new warehouse. */
    public static IngestionLog read(Warehouse warehouse) {
        List<Entry> entries = new ArrayList<>();
        warehouse.readIfExists(Layer.BRONZE, RunLog.INGESTED_FILES).ifPresent(t -> t
                .select(col("source"), col("file"), col("sha256"), col("rows_read"), col("rows_quarantined"),
                        col("loaded_at"), Arrays.asList(t.columns()).contains("areas") ? col("areas")
                                : lit(null).cast("array<string>"))
                .collectAsList()
                .forEach(r -> entries.add(new Entry(r.getString(0), r.getString(1), r.getString(2), r.getLong(3),
                        r.getLong(4), r.getTimestamp(5), r.isNullAt(6) ? null : r.<String>getList(6)))));
        return new IngestionLog(entries);
    }

    /** The content hashes of {@code source}'s files that earlier runs loaded. */
    public Set<String> loadedBefore(String source) {
        return earlier.stream().filter(e -> e.source().equals(source)).map(Entry::sha256).collect(Collectors.toSet());
    }

    /** The names of {@code source}'s files that earlier runs loaded. */
    public Set<String> namesLoadedBefore(String source) {
        return earlier.stream().filter(e -> e.source().equals(source)).map(Entry::file).collect(Collectors.toSet());
    }

    /** Every source's files that earlier runs loaded, as {@code source/sha256}. */
    public Set<String> filesLoadedBefore() {
        return earlier.stream().map(e -> e.source() + "/" + e.sha256()).collect(Collectors.toSet());
    }

    /** Records a file this run loaded. */
    public void add(Entry entry) {
        added.add(entry);
    }

    /** Every entry: earlier runs' and this run's. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(earlier);
        synchronized (added) {
            all.addAll(added);
        }
        return all;
    }
}
