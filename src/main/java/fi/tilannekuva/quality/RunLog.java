package fi.tilannekuva.quality;

import fi.tilannekuva.quality.StageTimes.Stage;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.TableSchema;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

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
    /** The column of {@code runs} with the fingerprint of what a refresh's gold stage computed from. */
    public static final String GOLD_INPUTS = "gold_inputs";
    /** How a run ended: its {@code status} in {@code runs}. */
    public enum Status {
        SUCCEEDED,
        FAILED,
        /** A run that ended without recording itself, found by a later run. */
        KILLED;

        /** The value in {@code runs.status}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final TableSchema RUNS_SCHEMA = new TableSchema()
            .column("run_id", DataTypes.StringType, "The run: job, UTC start time and a random suffix.")
            .column("job", DataTypes.StringType, "refresh or publish.")
            .column("period", DataTypes.StringType, "The quarter the run worked on.")
            .column("status", DataTypes.StringType, "succeeded, failed, or killed (a run that left its marker and no row; recorded by the next run).")
            .column("error", DataTypes.StringType, "Why the run failed, in one line; null when it succeeded.")
            .column("started_at", DataTypes.TimestampType, "When the run started (UTC).")
            .column("finished_at", DataTypes.TimestampType, "When the run ended (UTC).")
            .column("seconds", DataTypes.DoubleType, "The run's whole time in seconds.")
            .column("read_seconds", DataTypes.DoubleType, "Seconds spent reading and inspecting the input files.")
            .column("bronze_seconds", DataTypes.DoubleType, "Seconds spent writing bronze.")
            .column("silver_seconds", DataTypes.DoubleType, "Seconds spent typing, checking and writing silver and the quarantine.")
            .column("gold_seconds", DataTypes.DoubleType, "Seconds spent computing and writing the gold tables.")
            .column("files_loaded", DataTypes.LongType, "Input files loaded (new content).")
            .column("files_unchanged", DataTypes.LongType, "Input files skipped: their content was loaded before.")
            .column("rows_read", DataTypes.LongType, "Rows read from the loaded files: rows_accepted + rows_quarantined.")
            .column("rows_accepted", DataTypes.LongType, "Rows that reached silver.")
            .column("rows_quarantined", DataTypes.LongType, "Rows that went to the quarantine, each with its reason.")
            .column("warnings", DataTypes.createArrayType(DataTypes.StringType), "The run's warnings, as its summary printed them.")
            .column("input", DataTypes.StringType, "The input root.")
            .column("code_version", DataTypes.StringType, "The version of tilannekuva that ran.")
            .column("config_digest", DataTypes.StringType, "SHA-256 of the effective configuration.")
            .column(GOLD_INPUTS, DataTypes.StringType, "SHA-256 of everything the gold stage computed from: the "
                    + "quarter, the input files behind silver, the municipality keys, the configuration and the program. "
                    + "A refresh that finds it unchanged since the latest run leaves the gold tables as they are. Null "
                    + "when the gold stage did not finish.");

    static final TableSchema FILES_SCHEMA = new TableSchema()
            .column("run_id", DataTypes.StringType, "The run (see runs).")
            .column("source", DataTypes.StringType, "The bronze and silver table of the file's source, or input root for an entry no source reads.")
            .column("file", DataTypes.StringType, "The file, relative to the input root.")
            .column("sha256", DataTypes.StringType, "SHA-256 of the file's bytes: a file with content loaded before is skipped.")
            .column("charset", DataTypes.StringType, "The character set the file was read in (UTF-8 or ISO-8859-1, by evidence).")
            .column("status", DataTypes.StringType, "loaded, unchanged (skipped), ignored (read by no source), or killed.")
            .column("rows_read", DataTypes.LongType, "Rows read: rows_accepted + rows_quarantined.")
            .column("rows_accepted", DataTypes.LongType, "Rows that reached silver.")
            .column("rows_quarantined", DataTypes.LongType, "Rows that went to the quarantine.")
            .column("rule_failures", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), "Rows that failed each row rule, by rule name.")
            .column("note", DataTypes.StringType, "Why an entry was ignored, or how the character set was decided.");

    private RunLog() {
    }

    /** How a run ended, for its row; {@code goldInputs} when its gold stage finished (see {@link #GOLD_INPUTS}). */
    public record Outcome(Status status, String error, List<String> warnings, String goldInputs) {
        public Outcome(Status status, String error, List<String> warnings) {
            this(status, error, warnings, null);
        }
    }

    public static void write(SparkSession spark, Warehouse warehouse, RunContext run, String period, String input,
                             String configDigest, List<FileLoad> loads, StageTimes times, Outcome outcome) {
        long loaded = loads.stream().filter(l -> l.status() == FileLoad.Status.LOADED).count();
        long unchanged = loads.stream().filter(l -> l.status() == FileLoad.Status.UNCHANGED).count();
        long read = loads.stream().mapToLong(FileLoad::rowsRead).sum();
        long accepted = loads.stream().mapToLong(FileLoad::rowsAccepted).sum();
        long quarantined = loads.stream().mapToLong(FileLoad::rowsQuarantined).sum();
        Instant end = Instant.now();
        Row runRow = RowFactory.create(run.runId(), run.job(), period, outcome.status().code(), outcome.error(),
                run.startedAtTimestamp(), Timestamp.from(end),
                (end.toEpochMilli() - run.startedAt().toEpochMilli()) / 1000.0,
                times.seconds(Stage.READ), times.seconds(Stage.BRONZE), times.seconds(Stage.SILVER),
                times.seconds(Stage.GOLD), loaded, unchanged, read, accepted, quarantined,
                outcome.warnings(), input, run.codeVersion(), configDigest, outcome.goldInputs());
        List<Row> fileRows = new ArrayList<>();
        for (FileLoad l : loads) {
            fileRows.add(RowFactory.create(run.runId(), l.source(), l.file(), l.sha256(), l.charset(),
                    l.status().name().toLowerCase(), l.rowsRead(), l.rowsAccepted(), l.rowsQuarantined(),
                    new java.util.TreeMap<>(l.ruleFailures()), l.note()));
        }
        warehouse.append(Layer.GOLD, RUNS, RUNS_SCHEMA.conform(spark.createDataFrame(List.of(runRow), RUNS_SCHEMA.structType())), run.runId());
        if (!fileRows.isEmpty()) {
            warehouse.append(Layer.GOLD, RUN_FILES, FILES_SCHEMA.conform(spark.createDataFrame(fileRows, FILES_SCHEMA.structType())), run.runId());
        }
    }
}
