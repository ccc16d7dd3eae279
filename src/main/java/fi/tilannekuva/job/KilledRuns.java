package fi.tilannekuva.job;

import fi.tilannekuva.quality.FileLoad;
import fi.tilannekuva.quality.RunLog;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;

/** What a killed run had written, recovered from bronze, so that its {@code run_files} rows say what it loaded. */
final class KilledRuns {

    private KilledRuns() {
    }

    /**
     * The files run {@code runId} finished loading (counts from the ingestion log) and those it had only put into
     * bronze ({@link FileLoad.Status#KILLED}: rows read from bronze; the next load reads them again).
     */
    static List<FileLoad> filesOf(Warehouse warehouse, String runId) {
        List<FileLoad> files = new ArrayList<>();
        Set<String> finished = new HashSet<>();
        warehouse.readIfExists(Layer.BRONZE, RunLog.INGESTED_FILES).ifPresent(t -> {
            for (Row r : t.where(col("run_id").equalTo(runId)).collectAsList()) {
                finished.add(r.<String>getAs("sha256"));
                files.add(new FileLoad(r.getAs("source"), r.getAs("file"), r.getAs("sha256"), r.getAs("charset"),
                        FileLoad.Status.LOADED, r.<Long>getAs("rows_read"), r.<Long>getAs("rows_accepted"),
                        r.<Long>getAs("rows_quarantined"), Map.of(), List.of(), "recovered from the ingestion log"));
            }
        });
        for (String table : warehouse.tables(Layer.BRONZE)) {
            if (table.equals(RunLog.INGESTED_FILES)) {
                continue;
            }
            Dataset<Row> bronze = warehouse.read(Layer.BRONZE, table);
            if (!List.of(bronze.columns()).contains("_run_id")) {
                continue;
            }
            for (Row r : bronze.where(col("_run_id").equalTo(runId)).groupBy("_file_hash")
                    .agg(first("_source_file").as("file"), count("*").as("rows")).collectAsList()) {
                if (!finished.contains(r.getString(0))) {
                    files.add(new FileLoad(table, r.getString(1), r.getString(0), null, FileLoad.Status.KILLED,
                            r.getLong(2), 0, 0, Map.of(), List.of(),
                            "in bronze only (rows read recovered from bronze); loaded again by the next run"));
                }
            }
        }
        return files;
    }
}
