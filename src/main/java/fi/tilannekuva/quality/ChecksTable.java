package fi.tilannekuva.quality;

import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.TableSchema;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * Gold {@code checks}: one row per check of every input file of every run (appended, with the run id), and the
 * facts they are made from — this run's counts, or for a file skipped as unchanged the counts of its load.
 */
public final class ChecksTable {

    public static final String TABLE = "checks";

    static final TableSchema SCHEMA = new TableSchema()
            .column("run_id", DataTypes.StringType, "The run (see runs).")
            .column("period", DataTypes.StringType, "The quarter the run worked on.")
            .column("source", DataTypes.StringType, "The source table the check is about.")
            .column("subject", DataTypes.StringType, "What was checked: a file, a year of a source, or a row rule.")
            .column("check", DataTypes.StringType, "quarantine-share, row-count-change, area-coverage, a row rule's name, ...")
            .column("observed", DataTypes.DoubleType, "The observed value (a share, a change, a count).")
            .column("threshold", DataTypes.DoubleType, "The limit it was held to, when the check has one.")
            .column("action", DataTypes.StringType, "What a failure does: warn, quarantine or fail.")
            .column("status", DataTypes.StringType, "passed, warned, failed, or counted (too few rows to judge a share: only counted).")
            .column("message", DataTypes.StringType, "The check's result in words.")
            .column("checked_at", DataTypes.TimestampType, "When the check ran (UTC).");

    private ChecksTable() {
    }

    /** The facts of every file of the run, from the run's loads and the ingestion log (this run's loads in it). */
    public static List<FileChecks.FileFacts> facts(Warehouse warehouse, IngestionLog log, List<FileLoad> loads) {
        List<IngestionLog.Entry> ingested = log.entries();
        // An unchanged file is judged again from what its load recorded, rule by rule too, so that a rerun on
        // unchanged input reports (and counts in freshness) the same warnings as the run that loaded it.
        Object[] unchanged = loads.stream().filter(l -> l.status() == FileLoad.Status.UNCHANGED).map(FileLoad::sha256)
                .distinct().toArray();
        List<Row> recorded = unchanged.length == 0 ? List.of() : warehouse.readIfExists(Layer.GOLD, RunLog.RUN_FILES)
                .map(t -> t.where(col("status").equalTo(FileLoad.Status.LOADED.name().toLowerCase(Locale.ROOT))
                                .and(col("sha256").isin(unchanged)))
                        .select("run_id", "source", "file", "sha256", "rule_failures").collectAsList())
                .orElse(List.of());
        List<FileChecks.FileFacts> facts = new ArrayList<>();
        for (FileLoad l : loads) {
            if (l.status() != FileLoad.Status.LOADED && l.status() != FileLoad.Status.UNCHANGED) {
                continue;
            }
            boolean loaded = l.status() == FileLoad.Status.LOADED;
            Optional<IngestionLog.Entry> thisContent = latest(ingested, l, true);
            long read = loaded ? l.rowsRead() : thisContent.map(IngestionLog.Entry::rowsRead).orElse(0L);
            long quarantined = loaded ? l.rowsQuarantined() : thisContent.map(IngestionLog.Entry::rowsQuarantined).orElse(0L);
            Long previous = latest(ingested, l, false).map(IngestionLog.Entry::rowsRead).orElse(null);
            Map<String, Long> failures = loaded ? l.ruleFailures() : recorded.stream()
                    .filter(r -> r.getString(1).equals(l.source()) && r.getString(2).equals(l.file())
                            && r.getString(3).equals(l.sha256()))
                    .max(Comparator.comparing((Row r) -> r.getString(0)))
                    .map(r -> r.isNullAt(4) ? Map.<String, Long>of() : r.<String, Long>getJavaMap(4)).orElse(null);
            // A file loaded before run_files recorded its rule counts is judged by its share alone, as it was.
            facts.add(new FileChecks.FileFacts(l.source(), l.file(), read, quarantined, previous,
                    failures == null ? List.of() : l.rules(), failures == null ? Map.of() : failures));
        }
        return facts;
    }

    /** The latest ingestion of the file with this content ({@code same}) or with other content (an earlier delivery). */
    private static Optional<IngestionLog.Entry> latest(List<IngestionLog.Entry> ingested, FileLoad l, boolean same) {
        return ingested.stream()
                .filter(e -> e.source().equals(l.source()) && e.file().equals(l.file())
                        && e.sha256().equals(l.sha256()) == same)
                .max(Comparator.comparing(IngestionLog.Entry::loadedAt));
    }

    public static void append(SparkSession spark, Warehouse warehouse, RunContext run, String period,
                              List<FileChecks.Result> results) {
        if (results.isEmpty()) {
            return;
        }
        Timestamp now = new Timestamp(System.currentTimeMillis());
        List<Row> rows = new ArrayList<>();
        for (FileChecks.Result r : results) {
            rows.add(RowFactory.create(run.runId(), period, r.source(), r.subject(), r.check(), r.observed(),
                    r.threshold(), r.action(), r.status().code(), r.message(), now));
        }
        warehouse.append(Layer.GOLD, TABLE, SCHEMA.conform(spark.createDataFrame(rows, SCHEMA.structType())), run.runId());
    }
}
