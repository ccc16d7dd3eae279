package fi.tilannekuva.warehouse;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.InMemoryLogReplay;
import scala.Option;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.collection.Seq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

/**
 * The Delta tables of one warehouse directory: {@code <root>/<layer>/<table>}. Every write here is one atomic
 * Delta commit tagged with the run id ({@code userMetadata}), so a job that dies half way leaves each table at
 * its previous version and a rerun completes the work.
 */
public final class Warehouse {

    /**
     * The columns whose minimum and maximum Delta keeps per file, unless a write names others: those the writes'
     * slices and the reads filter on (a file's rows in the quarantine, the quarter, the source of a comparison row, a
     * release, a run). Delta's default, the first 32 columns, costs a generated statistics collector per written file
     * over every raw column, the largest single share of a small write, and no query here filters on the others. A
     * source's bronze and silver tables keep none (SourceLoader).
     */
    static final Set<String> SKIPPING_COLUMNS = Set.of("file_hash", "source_file", "source", "period", "quarter",
            "year", "release_id", "run_id");

    private final SparkSession spark;
    private final Path root;
    private volatile Layer settled;
    private final Map<String, Dataset<Row>> settledReads = new ConcurrentHashMap<>();

    public Warehouse(SparkSession spark, Path root) {
        this.spark = spark;
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public String location(Layer layer, String table) {
        return folder(layer, table).toString();
    }

    /** The table's folder, whether or not it holds a table yet. */
    private Path folder(Layer layer, String table) {
        return root.resolve(layer.directory()).resolve(table);
    }

    /**
     * Whether the table has a commit, from the names in its Delta log folder ({@link #version}'s reasoning): without
     * opening the table, which for an existing one costs Delta's log listing and snapshot on the path of every write
     * and read that asks (a refresh into a warehouse with history: about 2.5 % of its time, two pairs).
     */
    public boolean exists(Layer layer, String table) {
        return committedVersion(folder(layer, table).resolve("_delta_log")).isPresent();
    }

    /**
     * The table's latest version, from the names of its commit files, without a Spark job: Delta keeps the latest
     * commit's file whatever its log retention, so the highest number is the version.
     */
    public long version(Layer layer, String table) {
        Path log = folder(layer, table).resolve("_delta_log");
        return committedVersion(log).orElseThrow(() -> new IllegalStateException(log + ": no commit file"));
    }

    /** The highest commit file's version in the Delta log folder {@code log}; empty without a commit file or folder. */
    private static OptionalLong committedVersion(Path log) {
        if (!Files.isDirectory(log)) {
            return OptionalLong.empty();
        }
        try (Stream<Path> s = Files.list(log)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, 20))).max();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + log + ": " + e.getMessage(), e);
        }
    }

    public Dataset<Row> read(Layer layer, String table) {
        if (layer == settled) {
            return settledReads.computeIfAbsent(table, t -> readAtCurrentVersion(location(layer, t)));
        }
        return spark.read().format("delta").load(location(layer, table));
    }

    public Optional<Dataset<Row>> readIfExists(Layer layer, String table) {
        return exists(layer, table) ? Optional.of(read(layer, table)) : Optional.empty();
    }

    /**
     * Declares that {@code layer}'s tables are only read from now on (a refresh after its loading stage: silver), so a
     * table's rows are those of the version current at its first read, through the list of its files taken then.
     * Delta otherwise lists a table's files again for every query that reads it, a Spark job each time: the gold
     * stage's figures and checks query each silver table a few times. A write to the layer after this is an error.
     */
    public void settle(Layer layer) {
        settled = layer;
    }

    /**
     * The table's rows at its current version, through a list of its files taken once. While the table has no
     * checkpoint (a table of a few commits), its commits are replayed in the driver by Delta's own in-memory log
     * replay instead of Delta's state reconstruction, a Spark job over the log's files and another to collect them.
     */
    private Dataset<Row> readAtCurrentVersion(String location) {
        DeltaLog log = DeltaLog.forTable(spark, location);
        Snapshot snapshot = log.update(false, Option.empty(), Option.empty());
        if (snapshot.version() < 0) {
            // Not a table: Delta's own read says so.
            return spark.read().format("delta").load(location);
        }
        Seq<AddFile> files;
        if (snapshot.checkpointProvider().version() < 0) {
            InMemoryLogReplay replay = new InMemoryLogReplay(snapshot.minFileRetentionTimestamp(),
                    snapshot.minSetTransactionRetentionTimestamp());
            Iterator<Tuple2<Object, Seq<Action>>> commits = log.getChanges(0, snapshot.version(), true);
            while (commits.hasNext()) {
                Tuple2<Object, Seq<Action>> commit = commits.next();
                replay.append((Long) commit._1(), commit._2().iterator());
            }
            files = replay.allFiles();
        } else {
            files = JavaConverters.asScalaBuffer(snapshot.allFiles().collectAsList()).toSeq();
        }
        return log.createDataFrame(snapshot, files, false, Option.empty());
    }

    private void checkNotSettled(Layer layer, String table) {
        if (layer == settled) {
            throw new IllegalStateException(layer + " " + table + ": written after its tables were settled");
        }
    }

    public void append(Layer layer, String table, Dataset<Row> rows, String runId) {
        append(layer, table, rows, runId, SKIPPING_COLUMNS);
    }

    /**
     * Appends {@code rows}; a table created by this write keeps Delta's statistics only on those of its columns that are
     * in {@code statistics} (an existing table keeps its own).
     */
    public void append(Layer layer, String table, Dataset<Row> rows, String runId, Set<String> statistics) {
        checkNotSettled(layer, table);
        DataFrameWriter<Row> writer = rows.write().format("delta").mode(SaveMode.Append)
                .option("mergeSchema", "true")
                .option("userMetadata", runId);
        if (!exists(layer, table)) {
            List<String> skipping = Arrays.stream(rows.columns()).filter(statistics::contains).toList();
            // Table properties, set when the table is created (an existing table keeps its own).
            writer = skipping.isEmpty() ? writer.option("delta.dataSkippingNumIndexedCols", "0")
                    : writer.option("delta.dataSkippingStatsColumns", String.join(",", skipping));
        }
        writer.save(location(layer, table));
    }

    /** Atomically replaces the rows matching {@code condition} with {@code rows} (all of which must match it). */
    public void replace(Layer layer, String table, Dataset<Row> rows, String condition, String runId) {
        replace(layer, table, rows, condition, runId, SKIPPING_COLUMNS);
    }

    /**
     * {@link #replace}; a table created by this write keeps statistics as
     * {@link #append(Layer, String, Dataset, String, Set)} says.
     */
    public void replace(Layer layer, String table, Dataset<Row> rows, String condition, String runId,
                        Set<String> statistics) {
        checkNotSettled(layer, table);
        if (!exists(layer, table)) {
            append(layer, table, rows, runId, statistics);
            return;
        }
        rows.write().format("delta").mode(SaveMode.Overwrite)
                .option("replaceWhere", condition)
                .option("mergeSchema", "true")
                .option("userMetadata", runId)
                .save(location(layer, table));
    }

    /**
     * Like {@link #replace}, but commits nothing when the slice already holds the same rows (ignoring
     * {@code ignoredColumns}, such as the run id): a rerun on unchanged input leaves the table and its history
     * as they were. Returns whether a new version was written.
     */
    public boolean replaceIfChanged(Layer layer, String table, Dataset<Row> rows, String condition, String runId,
                                    Collection<String> ignoredColumns) {
        return replaceIfChanged(layer, table, rows, condition, runId, ignoredColumns,
                exists(layer, table) ? Optional.of(read(layer, table).where(expr(condition))) : Optional.empty());
    }

    /**
     * {@link #replaceIfChanged} with the rows the table holds in the slice at hand ({@code current}, read earlier by
     * the caller, who knows the table has not changed since; empty when there is no table).
     */
    public boolean replaceIfChanged(Layer layer, String table, Dataset<Row> rows, String condition, String runId,
                                    Collection<String> ignoredColumns, Optional<Dataset<Row>> current) {
        if (current.isPresent() && sameRows(current.get(), rows, ignoredColumns)) {
            return false;
        }
        replace(layer, table, rows, condition, runId);
        return true;
    }

    /**
     * {@link #replaceIfChanged} for a whole table whose rows are in the driver (a local frame): when the rows' digest
     * is the one recorded for the table's latest version ({@link ContentDigest}), the table is neither read nor
     * written. Otherwise the rows are compared and written as there, and their digest recorded for the version that
     * then holds them.
     */
    public boolean replaceWholeIfChanged(Layer layer, String table, Dataset<Row> rows, String runId,
                                         Collection<String> ignoredColumns) {
        Path dir = folder(layer, table);
        Optional<String> digest = ContentDigest.of(rows.schema(), rows.collectAsList(), ignoredColumns);
        OptionalLong before = committedVersion(dir.resolve("_delta_log"));
        if (before.isPresent() && digest.isPresent()
                && digest.equals(ContentDigest.recorded(dir, before.getAsLong()))) {
            return false;
        }
        boolean changed = replaceIfChanged(layer, table, rows, "true", runId, ignoredColumns);
        if (digest.isPresent()) {
            // The version compared with, or the one just written, if it is this run's commit (not a concurrent one).
            long version = changed ? version(layer, table) : before.orElse(-1);
            if (!changed || committedBy(dir, version, runId)) {
                ContentDigest.record(dir, version, digest.get());
            }
        }
        return changed;
    }

    /** Whether commit {@code version} of the table in {@code dir} is tagged with {@code runId}. */
    private static boolean committedBy(Path dir, long version, String runId) {
        Path commit = dir.resolve("_delta_log").resolve(String.format(Locale.ROOT, "%020d.json", version));
        try (Stream<String> lines = Files.lines(commit)) {
            return lines.anyMatch(l -> l.contains("\"commitInfo\"") && l.contains("\"userMetadata\":\"" + runId + "\""));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Whether both hold the same rows as often, in any order, over the same columns apart from {@code ignored}.
     * Both sides are collected and compared in the driver: this compares gold slices, a few thousand rows at most,
     * for which a Spark shuffle would cost more than the rows.
     */
    public static boolean sameRows(Dataset<Row> current, Dataset<Row> next, Collection<String> ignored) {
        String[] currentCols = Arrays.stream(current.columns()).filter(c -> !ignored.contains(c)).sorted().toArray(String[]::new);
        String[] nextCols = Arrays.stream(next.columns()).filter(c -> !ignored.contains(c)).sorted().toArray(String[]::new);
        if (!Arrays.equals(currentCols, nextCols)) {
            return false;
        }
        Column[] cols = Arrays.stream(nextCols).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        return occurrences(current.select(cols).collectAsList()).equals(occurrences(next.select(cols).collectAsList()));
    }

    private static Map<Row, Long> occurrences(List<Row> rows) {
        return rows.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
    }

    /** The bytes of every file of {@code layer}'s tables (data and logs): how much a stage reading them reads at most. */
    public long bytes(Layer layer) {
        return bytesUnder(root.resolve(layer.directory()));
    }

    /** The bytes of every file under {@code dir}, 0 when there is no such folder; no Spark session needed. */
    public static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The Delta tables of {@code layer}, by name. */
    public List<String> tables(Layer layer) {
        Path dir = root.resolve(layer.directory());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p.resolve("_delta_log")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A SQL string literal, for conditions built from file names and periods. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
