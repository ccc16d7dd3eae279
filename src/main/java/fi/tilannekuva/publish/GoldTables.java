package fi.tilannekuva.publish;

import fi.tilannekuva.picture.PictureSources;
import fi.tilannekuva.quality.ChecksTable;
import fi.tilannekuva.quality.RunLog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The gold tables users read, each with the one-sentence description that BI tools, the publication bundle and
 * the report show. Column comments travel with each table's own schema.
 */
public final class GoldTables {

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        PictureSources.goldTables().forEach(t -> DESCRIPTIONS.put(t.name(), t.description()));
        DESCRIPTIONS.put(Publications.TABLE, "The published releases of each quarter: release id, the Delta versions "
                + "copied, the input files behind them, the refresh run and the code version.");
        DESCRIPTIONS.put(RunLog.RUNS, "One row per job run: status, error, stage timings, rows read, accepted and "
                + "quarantined, warnings, code version and configuration digest.");
        DESCRIPTIONS.put(RunLog.RUN_FILES, "One row per input file of each run: rows read = accepted + quarantined, "
                + "failures per rule, the file's SHA-256 and character set.");
        DESCRIPTIONS.put(ChecksTable.TABLE, "Every quality check of every run: file checks (quarantine share, row-count "
                + "change), area coverage and row rule counts, with observed value, threshold and status.");
    }

    private GoldTables() {
    }

    /** Every gold table users read, in the order people meet them, with its description. */
    public static Map<String, String> all() {
        return Collections.unmodifiableMap(DESCRIPTIONS);
    }

    public static Optional<String> description(String table) {
        return Optional.ofNullable(DESCRIPTIONS.get(table));
    }
}
