package fi.tilannekuva.quality;

import fi.tilannekuva.warehouse.Layer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a run writes into a source's bronze or silver table before the ingestion log records it: a marker per run and
 * table under {@code <warehouse>/_runs/loading}, written before the table's commit, listing the keys the rows are
 * replaced by (content hashes in bronze, file names in silver). A run that fails or is killed between that commit and
 * the ingestion log's leaves its marker, and its rows in the table unaccounted for; while a table has a marker, loads
 * into it replace by key, as only they clean such rows. A key leaves its marker when a run records a file of the
 * marker's source with that key: that run wrote the key's rows itself, replacing them if the marker was there first.
 */
public final class LoadMarkers {

    private static final String FOLDER = "_runs/loading";
    private static final String SUFFIX = ".keys";

    private final Path folder;

    public LoadMarkers(Path warehouse) {
        this.folder = warehouse.resolve(FOLDER);
    }

    /** Whether some run left keys of {@code table} unrecorded: a load into it must replace, not append. */
    public boolean anyOn(Layer layer, String table) {
        String suffix = "." + name(layer, table) + SUFFIX;
        return markers().stream().anyMatch(p -> p.getFileName().toString().endsWith(suffix));
    }

    /** Notes, before the commit, that {@code runId} writes the rows of {@code keys} into {@code table}. */
    public void writing(String runId, Layer layer, String table, Collection<String> keys) {
        store(folder.resolve(runId + "." + name(layer, table) + SUFFIX), layer, table, new TreeSet<>(keys));
    }

    /**
     * Once the ingestion log holds {@code recorded} (a run's new entries, committed): takes their keys off every
     * marker of their sources, and removes the markers left without keys.
     */
    public void recorded(Collection<IngestionLog.Entry> recorded) {
        for (Path marker : markers()) {
            Properties p = load(marker);
            Layer layer = Layer.valueOf(p.getProperty("layer"));
            String table = p.getProperty("table");
            Set<String> keys = keys(p);
            boolean changed = false;
            for (IngestionLog.Entry e : recorded) {
                if (e.source().equals(table)) {
                    changed |= keys.remove(layer == Layer.BRONZE ? e.sha256() : e.file());
                }
            }
            if (!changed) {
                continue;
            }
            try {
                if (keys.isEmpty()) {
                    Files.deleteIfExists(marker);
                } else {
                    store(marker, layer, table, keys);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update " + marker + ": " + e.getMessage(), e);
            }
        }
    }

    private static String name(Layer layer, String table) {
        return layer.directory() + "." + table;
    }

    private List<Path> markers() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the load markers under " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the marker at once: a run killed while writing it leaves the old one or none, never half of one. */
    private void store(Path marker, Layer layer, String table, Set<String> keys) {
        Properties p = new Properties();
        p.setProperty("layer", layer.name());
        p.setProperty("table", table);
        int i = 0;
        for (String key : keys) {
            p.setProperty("key." + i++, key);
        }
        try {
            Files.createDirectories(folder);
            Path tmp = folder.resolve(marker.getFileName() + ".tmp");
            try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "rows written before the ingestion log records them");
            }
            Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the load marker " + marker + ": " + e.getMessage(), e);
        }
    }

    private static Properties load(Path marker) {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the load marker " + marker + ": " + e.getMessage(), e);
        }
        if (p.getProperty("layer") == null || p.getProperty("table") == null) {
            throw new IllegalStateException(marker + ": not a load marker (no layer or table); remove it only after "
                    + "checking the table's rows against the ingestion log");
        }
        return p;
    }

    private static Set<String> keys(Properties p) {
        Set<String> keys = new TreeSet<>();
        p.stringPropertyNames().stream().filter(n -> n.startsWith("key.")).forEach(n -> keys.add(p.getProperty(n)));
        return keys;
    }
}
