package fi.tilannekuva.publish;

import fi.tilannekuva.input.InputException;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.picture.PictureSources.Scope;
import fi.tilannekuva.picture.PictureSources;
import fi.tilannekuva.quality.RunLog;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.SideBySide;
import fi.tilannekuva.warehouse.TableSchema;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;

/**
 * Published quarters: {@code publish} copies what the quarter's picture shows into append-only
 * {@code <table>_published} tables keyed by release id and records the release in {@code publications} — the
 * source tables' Delta versions, the input files' hashes, the refresh run and code version. A release is never
 * rewritten, so it survives later refreshes, VACUUM and log retention, which time travel alone would not.
 */
public final class Publications {

    public static final String TABLE = "publications";
    public static final String SUFFIX = "_published";
    public static final String RELEASE_ID = "release_id";
    public static final String RELEASE_QUARTER = "release_quarter";

    /** The tables a release holds, in order, each with which of its rows belong to a quarter. */
    private static final Map<String, Scope> TABLES = new LinkedHashMap<>();

    static {
        PictureSources.goldTables().forEach(t -> TABLES.put(t.name(), t.scope()));
    }

    static final TableSchema SCHEMA = new TableSchema()
            .column("release_id", DataTypes.StringType, "The release: the quarter and its number, e.g. 2025Q4-r1.")
            .column("quarter", DataTypes.StringType, "The published quarter.")
            .column("release_number", DataTypes.IntegerType, "1 for the quarter's first release, 2 for its first revision, ...")
            .column("published_at", DataTypes.TimestampType, "When the release was recorded (UTC); it exists from then on.")
            .column("refresh_run_id", DataTypes.StringType, "The refresh whose tables were published (see runs).")
            .column("publish_run_id", DataTypes.StringType, "The publish run.")
            .column("code_version", DataTypes.StringType, "The version of tilannekuva that published.")
            .column("config_digest", DataTypes.StringType, "SHA-256 of the effective configuration.")
            .column("source_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), "The Delta version of each gold table that was copied.")
            .column("published_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), "The Delta version of each <table>_published after the copy.")
            .column("rows", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), "Rows of the release per table.")
            .column("input_files", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), "SHA-256 of every input file behind silver, by file.");

    private final SparkSession spark;
    private final Warehouse warehouse;
    /** How many tables a publish reads, compares and copies at the same time. */
    private final int parallel;
    /** Called after each published table's commit; tests stop a publish there as a kill would. */
    private final Consumer<String> afterTableCommit;

    /** Releases to read; a publish through this copies one table at a time. */
    public Publications(SparkSession spark, Warehouse warehouse) {
        this(spark, warehouse, 1);
    }

    /**
     * {@code parallel}: how many tables a publish reads, compares and copies at the same time. Each is a few Spark
     * jobs over hundreds of rows, mostly Delta's planning and commits, so one table's planning overlaps another's.
     */
    public Publications(SparkSession spark, Warehouse warehouse, int parallel) {
        this(spark, warehouse, parallel, table -> { });
    }

    Publications(SparkSession spark, Warehouse warehouse, int parallel, Consumer<String> afterTableCommit) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
        }
        this.spark = spark;
        this.warehouse = warehouse;
        this.parallel = parallel;
        this.afterTableCommit = afterTableCommit;
    }

    /** What publish did: the new release, or the existing one when nothing had changed. */
    public record Outcome(String releaseId, boolean created, Map<String, Long> rows) {
    }

    /** The published tables, in release order. */
    public static List<String> tables() {
        return List.copyOf(TABLES.keySet());
    }

    /**
     * Freezes {@code quarter}: copies its rows of every published table under a new release id, unless they are
     * the same as in the quarter's latest release. The quarter must have a successful refresh.
     */
    public Outcome publish(Quarter quarter, RunContext run, String configDigest) {
        String refreshRun = lastSuccessfulRefresh(quarter);
        List<String> releases = releases(quarter.toString());
        Optional<String> previous = releases.isEmpty() ? Optional.empty() : Optional.of(releases.get(0));
        List<Dataset<Row>> cached = new CopyOnWriteArrayList<>();
        try {
            // Cached and counted at once: the count, the comparison and the copy then read the rows from memory.
            Map<String, Dataset<Row>> slices = new LinkedHashMap<>();
            Map<String, Long> rows = new TreeMap<>();
            eachTable("publish-read", TABLES.keySet(), table -> warehouse.readIfExists(Layer.GOLD, table).map(gold -> {
                Dataset<Row> slice = slice(gold, TABLES.get(table), quarter).cache();
                cached.add(slice);
                return new Slice(slice, slice.count());
            })).forEach((table, read) -> read.ifPresent(r -> {
                slices.put(table, r.rows());
                rows.put(table, r.count());
            }));
            if (previous.isPresent() && !eachTable("publish-compare", slices.keySet(),
                    table -> sameAsReleased(table, slices.get(table), previous.get())).containsValue(false)) {
                return new Outcome(previous.get(), false, rows);
            }
            int number = releases.size() + 1;
            String releaseId = quarter + "-r" + number;
            Map<String, Long> sourceVersions = new TreeMap<>();
            Map<String, Long> publishedVersions = new TreeMap<>();
            // The release id is not recorded yet, so any rows it already has are a publish that died half way: they
            // are replaced in the same commit, and a rerun completes the release with one copy of each row, whichever
            // of the tables a kill left committed.
            eachTable("publish-copy", slices.keySet(), table -> {
                long source = warehouse.version(Layer.GOLD, table);
                Dataset<Row> slice = slices.get(table);
                warehouse.replace(Layer.GOLD, table + SUFFIX, slice.select(releaseColumns(slice, releaseId, quarter)),
                        RELEASE_ID + " = " + Warehouse.literal(releaseId), releaseId);
                long published = warehouse.version(Layer.GOLD, table + SUFFIX);
                afterTableCommit.accept(table);
                return new Copied(source, published);
            }).forEach((table, copied) -> {
                sourceVersions.put(table, copied.sourceVersion());
                publishedVersions.put(table + SUFFIX, copied.publishedVersion());
            });
            Map<String, String> inputFiles = new TreeMap<>();
            eachTable("publish-files", warehouse.tables(Layer.SILVER), this::inputFiles).values()
                    .forEach(inputFiles::putAll);
            Row record = RowFactory.create(releaseId, quarter.toString(), number,
                    Timestamp.from(Instant.now()), refreshRun, run.runId(), run.codeVersion(), configDigest,
                    sourceVersions, publishedVersions, rows, inputFiles);
            // The publications row is written last: a release exists once it is recorded here.
            warehouse.append(Layer.GOLD, TABLE, SCHEMA.conform(spark.createDataFrame(List.of(record), SCHEMA.structType())), releaseId);
            return new Outcome(releaseId, true, rows);
        } finally {
            cached.forEach(Dataset::unpersist);
        }
    }

    /** A quarter's rows of a gold table, cached, and how many there are. */
    private record Slice(Dataset<Row> rows, long count) {
    }

    /** The Delta versions of a gold table copied and of its {@code _published} table after the copy. */
    private record Copied(long sourceVersion, long publishedVersion) {
    }

    /**
     * {@code part} of each of {@code tables}, {@link #parallel} at a time; the results in the tables' order. A part
     * that fails stops those not yet started and is thrown once the running ones have finished.
     */
    private <T> Map<String, T> eachTable(String name, Collection<String> tables, Function<String, T> part) {
        Map<String, Supplier<T>> started = new LinkedHashMap<>();
        try (SideBySide parts = new SideBySide(name, Math.max(1, Math.min(parallel, tables.size())))) {
            tables.forEach(table -> started.put(table, parts.start(() -> part.apply(table))));
            parts.await();
        }
        Map<String, T> results = new LinkedHashMap<>();
        started.forEach((table, result) -> results.put(table, result.get()));
        return results;
    }

    /** The rows of published table {@code table} in release {@code releaseId}, in the gold table's own columns. */
    public Dataset<Row> read(String table, String releaseId) {
        if (!TABLES.containsKey(table)) {
            throw new IllegalArgumentException("table " + table + " is not part of a release; published tables: "
                    + String.join(", ", TABLES.keySet()));
        }
        if (!warehouse.exists(Layer.GOLD, table + SUFFIX)) {
            throw new InputException("release " + releaseId + " holds no " + table + " (it had no rows when published)");
        }
        Dataset<Row> rows = warehouse.read(Layer.GOLD, table + SUFFIX).where(col(RELEASE_ID).equalTo(releaseId));
        return rows.drop(RELEASE_ID, RELEASE_QUARTER);
    }

    /** The id of the quarter's latest release; an input error when the quarter was never published. */
    public String latestReleaseOrFail(String quarter) {
        return latestRelease(quarter).orElseThrow(() -> new InputException("quarter " + quarter
                + " has not been published in " + warehouse.root() + " (run publish --quarter " + quarter + ")"));
    }

    public Optional<String> latestRelease(String quarter) {
        return releases(quarter).stream().findFirst();
    }

    /** The ids of the quarter's releases, the latest first. */
    private List<String> releases(String quarter) {
        return warehouse.readIfExists(Layer.GOLD, TABLE).map(p -> p.where(col("quarter").equalTo(quarter))
                .orderBy(col("release_number").desc()).select(RELEASE_ID).collectAsList().stream()
                .map(r -> r.getString(0)).toList()).orElse(List.of());
    }

    /** The {@code publications} row of release {@code releaseId}; an input error when it was never recorded. */
    public Dataset<Row> record(String releaseId) {
        Dataset<Row> row = warehouse.readIfExists(Layer.GOLD, TABLE).map(p -> p.where(col(RELEASE_ID).equalTo(releaseId)))
                .orElseThrow(() -> new InputException("nothing has been published in " + warehouse.root()));
        if (row.isEmpty()) {
            throw new InputException("release " + releaseId + " is not in publications");
        }
        return row;
    }

    /**
     * A dimension table (areas, catalogue, labels) as release {@code releaseId} holds it, or as it is now when the
     * release predates the table.
     */
    public Dataset<Row> readOrCurrent(String table, String releaseId) {
        return tablesOf(releaseId).contains(table) ? read(table, releaseId) : warehouse.read(Layer.GOLD, table);
    }

    /** The published tables that release {@code releaseId} holds rows of, in release order. */
    public List<String> tablesOf(String releaseId) {
        Row r = record(releaseId).select("rows").first();
        Map<String, Long> rows = r.getJavaMap(0);
        return TABLES.keySet().stream().filter(rows::containsKey)
                .filter(t -> warehouse.exists(Layer.GOLD, t + SUFFIX)).toList();
    }

    /** {@code releaseId} when it is a recorded release of {@code quarter}; an input error otherwise. */
    public String checkRelease(String quarter, String releaseId) {
        if (!exists(releaseId) || !releaseId.startsWith(quarter + "-")) {
            throw new InputException("release " + releaseId + " of " + quarter + " is not in publications");
        }
        return releaseId;
    }

    /** Whether release {@code releaseId} is recorded in {@code publications}. */
    public boolean exists(String releaseId) {
        return warehouse.readIfExists(Layer.GOLD, TABLE)
                .map(p -> !p.where(col(RELEASE_ID).equalTo(releaseId)).isEmpty()).orElse(false);
    }

    private static Dataset<Row> slice(Dataset<Row> rows, Scope scope, Quarter quarter) {
        String q = quarter.toString();
        return switch (scope) {
            case QUARTER_COLUMN -> rows.where(col("quarter").equalTo(q));
            case PERIOD_COLUMN -> rows.where(col("period").equalTo(q));
            case QUARTER_AND_YEARS -> rows.where(col("period").equalTo(q)
                    .or(length(col("period")).equalTo(4).and(col("period").cast("int").leq(quarter.year() + 1))));
            case WHOLE -> rows;
        };
    }

    private static Column[] releaseColumns(Dataset<Row> rows, String releaseId, Quarter quarter) {
        List<Column> cols = new ArrayList<>(List.of(lit(releaseId).as(RELEASE_ID), lit(quarter.toString()).as(RELEASE_QUARTER)));
        Arrays.stream(rows.columns()).forEach(c -> cols.add(col("`" + c + "`")));
        return cols.toArray(Column[]::new);
    }

    /** Whether {@code slice} holds the same rows as {@code table} in {@code releaseId}, apart from run ids. */
    private boolean sameAsReleased(String table, Dataset<Row> slice, String releaseId) {
        return warehouse.exists(Layer.GOLD, table + SUFFIX)
                && Warehouse.sameRows(read(table, releaseId), slice, List.of("run_id"));
    }

    private String lastSuccessfulRefresh(Quarter quarter) {
        return warehouse.readIfExists(Layer.GOLD, RunLog.RUNS)
                .flatMap(r -> r.where(col("job").equalTo(RunContext.REFRESH).and(col("period").equalTo(quarter.toString()))
                                .and(col("status").equalTo(RunLog.Status.SUCCEEDED.code())))
                        .orderBy(col("started_at").desc()).select("run_id").limit(1).collectAsList().stream()
                        .findFirst().map(row -> row.getString(0)))
                .orElseThrow(() -> new InputException("quarter " + quarter + " has no successful refresh in "
                        + warehouse.root() + ": run refresh --quarter " + quarter + " first"));
    }

    /** Every input file behind silver table {@code table} now, as {@code source_file} (folder/file) → SHA-256. */
    private Map<String, String> inputFiles(String table) {
        Dataset<Row> rows = warehouse.read(Layer.SILVER, table);
        if (!Arrays.asList(rows.columns()).containsAll(List.of("source_file", "file_hash"))) {
            return Map.of();
        }
        Map<String, String> files = new TreeMap<>();
        rows.select("source_file", "file_hash").distinct().collectAsList()
                .forEach(r -> files.put(r.getString(0), r.getString(1)));
        return files;
    }
}
