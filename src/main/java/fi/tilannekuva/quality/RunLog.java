package fi.tilannekuva.quality;

import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Gold {@code runs} (one row per job run, written also when the run fails) and {@code run_files} (one row per
 * input file seen by a run, with rows read = accepted + quarantined and failures per rule).
 */
public final class RunLog {

    /** Bronze's log of every file loaded (source, name, SHA-256, rows): what a rerun skips and a killed run finished. */
    public static final String INGESTED_FILES = "ingested_files";

    public static final String RUNS = "runs";
    public static final String RUN_FILES = "run_files";
    /** The status of a run that ended without recording itself, found by a later run. */
    public static final String KILLED = "killed";

    static final StructType RUNS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType)
            .add("job", DataTypes.StringType)
            .add("period", DataTypes.StringType)
            .add("status", DataTypes.StringType)
            .add("error", DataTypes.StringType)
            .add("started_at", DataTypes.TimestampType)
            .add("finished_at", DataTypes.TimestampType)
            .add("seconds", DataTypes.DoubleType)
            .add("read_seconds", DataTypes.DoubleType)
            .add("bronze_seconds", DataTypes.DoubleType)
            .add("silver_seconds", DataTypes.DoubleType)
            .add("gold_seconds", DataTypes.DoubleType)
            .add("files_loaded", DataTypes.LongType)
            .add("files_unchanged", DataTypes.LongType)
            .add("rows_read", DataTypes.LongType)
            .add("rows_accepted", DataTypes.LongType)
            .add("rows_quarantined", DataTypes.LongType)
            .add("warnings", DataTypes.createArrayType(DataTypes.StringType))
            .add("input", DataTypes.StringType)
            .add("code_version", DataTypes.StringType)
            .add("config_digest", DataTypes.StringType);

    static final StructType FILES_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType)
            .add("source", DataTypes.StringType)
            .add("file", DataTypes.StringType)
            .add("sha256", DataTypes.StringType)
            .add("charset", DataTypes.StringType)
            .add("status", DataTypes.StringType)
            .add("rows_read", DataTypes.LongType)
            .add("rows_accepted", DataTypes.LongType)
            .add("rows_quarantined", DataTypes.LongType)
            .add("rule_failures", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
            .add("note", DataTypes.StringType);

    private RunLog() {
    }

    /** How a run ended, for its row. */
    public record Outcome(String status, String error, List<String> warnings) {
    }

    public static void write(SparkSession spark, Warehouse warehouse, RunContext run, String period, String input,
                             String configDigest, List<FileLoad> loads, StageTimes times, Outcome outcome) {
        long loaded = loads.stream().filter(l -> l.status() == FileLoad.Status.LOADED).count();
        long unchanged = loads.stream().filter(l -> l.status() == FileLoad.Status.UNCHANGED).count();
        long read = loads.stream().mapToLong(FileLoad::rowsRead).sum();
        long accepted = loads.stream().mapToLong(FileLoad::rowsAccepted).sum();
        long quarantined = loads.stream().mapToLong(FileLoad::rowsQuarantined).sum();
        Instant end = Instant.now();
        Row runRow = RowFactory.create(run.runId(), run.job(), period, outcome.status(), outcome.error(),
                run.startedAtTimestamp(), Timestamp.from(end),
                (end.toEpochMilli() - run.startedAt().toEpochMilli()) / 1000.0,
                times.seconds(StageTimes.READ), times.seconds(StageTimes.BRONZE), times.seconds(StageTimes.SILVER),
                times.seconds(StageTimes.GOLD), loaded, unchanged, read, accepted, quarantined,
                outcome.warnings(), input, run.codeVersion(), configDigest);
        List<Row> fileRows = new ArrayList<>();
        for (FileLoad l : loads) {
            fileRows.add(RowFactory.create(run.runId(), l.source(), l.file(), l.sha256(), l.charset(),
                    l.status().name().toLowerCase(), l.rowsRead(), l.rowsAccepted(), l.rowsQuarantined(),
                    new java.util.TreeMap<>(l.ruleFailures()), l.note()));
        }
        warehouse.append(Layer.GOLD, RUNS, spark.createDataFrame(List.of(runRow), RUNS_SCHEMA), run.runId());
        if (!fileRows.isEmpty()) {
            warehouse.append(Layer.GOLD, RUN_FILES, spark.createDataFrame(fileRows, FILES_SCHEMA), run.runId());
        }
    }
}
