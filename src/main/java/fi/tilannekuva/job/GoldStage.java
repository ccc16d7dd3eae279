package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * What every part of a refresh's gold stage shares: the session, warehouse, configuration and run, the warnings
 * the run reports, and the rows written per gold table. Each part writes through {@link #write}, so every slice is
 * committed only when its rows changed and is counted the same way.
 */
final class GoldStage {

    private static final Logger LOG = LoggerFactory.getLogger(GoldStage.class);

    final SparkSession spark;
    final Warehouse warehouse;
    final AppConfig config;
    final RunContext run;
    private final List<String> warnings;
    private final Map<String, Long> rowsWritten;

    GoldStage(SparkSession spark, Warehouse warehouse, AppConfig config, RunContext run, List<String> warnings,
              Map<String, Long> rowsWritten) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.config = config;
        this.run = run;
        this.warnings = warnings;
        this.rowsWritten = rowsWritten;
    }

    /**
     * Replaces the rows of gold {@code table} matching {@code slice} with {@code rows}, unless they are the same
     * apart from the run id, and records the row count under {@code label}. Returns whether a version was written.
     */
    boolean write(String table, String label, Dataset<Row> rows, String slice) {
        Dataset<Row> cached = rows.cache();
        try {
            boolean changed = warehouse.replaceIfChanged(Layer.GOLD, table, cached, slice, run.runId(), List.of("run_id"));
            rowsWritten.put(label, cached.count());
            LOG.info("{} ({}): {}", label, slice, changed ? "written" : "unchanged");
            return changed;
        } finally {
            cached.unpersist();
        }
    }

    /** A warning for the run's summary and log, logged by the part that raised it. */
    void warn(Logger log, String message) {
        warnings.add(message);
        log.warn(message);
    }
}
