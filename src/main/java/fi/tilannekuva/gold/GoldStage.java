package fi.tilannekuva.gold;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.warehouse.Cells;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

/**
 * What every part of a refresh's gold stage shares: the session, warehouse, configuration and run, the warnings
 * the run reports, and the rows written per gold table. Each part writes through {@link #write}, so every slice is
 * committed only when its rows changed and is counted the same way. Parts run on several threads at once: what they
 * record here (rows written, warnings, comparison rows) is recorded under this object's lock.
 */
public final class GoldStage {

    private static final Logger LOG = LoggerFactory.getLogger(GoldStage.class);

    public final SparkSession spark;
    public final Warehouse warehouse;
    public final AppConfig config;
    public final RunContext run;
    private final List<String> warnings;
    private final Map<String, Long> rowsWritten;
    /**
     * The sources' comparison rows of this refresh, by source, completed and written together by
     * {@link #writeComparison()}. Sources are computed side by side: in the order of their names, not of when they
     * finished, so that two runs write the same rows in the same order.
     */
    private final Map<String, PendingComparison> comparisons = new TreeMap<>();

    /** A source's rows of {@code slice} (their own columns) and its rows of other periods already in the table. */
    private record PendingComparison(List<Row> rows, List<Row> history, Slice slice) {
    }

    /** {@code comparison} as the gold stage found it, read once ({@link #comparisonAsFound}); empty: no table yet. */
    private Optional<Dataset<Row>> comparisonAsFound;
    private final Object comparisonRead = new Object();
    /**
     * {@code comparison} as {@link #writeComparison} left it, in the driver (empty: no table); null until it has
     * written, or when it had nothing to write.
     */
    private Optional<Dataset<Row>> comparisonAsLeft;
    /**
     * The whole of {@code need_coefficients} as this refresh's funding part wrote it ({@link #coefficientsWritten});
     * null when it wrote none, and {@link #writeComparison} reads the table.
     */
    private volatile List<ComparisonMeasures.Coefficient> coefficientsWritten;

    public GoldStage(SparkSession spark, Warehouse warehouse, AppConfig config, RunContext run, List<String> warnings,
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
    public boolean write(String table, String label, Dataset<Row> rows, Slice slice) {
        // Gold rows are computed in the driver (a local frame): counting them is no Spark job.
        long count = rows.collectAsList().size();
        boolean changed = slice.equals(Slice.whole())
                ? warehouse.replaceWholeIfChanged(Layer.GOLD, table, rows, run.runId(), List.of("run_id"))
                : warehouse.replaceIfChanged(Layer.GOLD, table, rows, slice.predicate(), run.runId(), List.of("run_id"));
        synchronized (this) {
            rowsWritten.put(label, count);
        }
        LOG.info("gold {}: {} rows of {}, {}", label, count, slice,
                changed ? "written" : "the same as before, nothing committed");
        return changed;
    }

    /**
     * Keeps a source's {@code comparison} rows ({@link ComparisonTable#BASE} columns) for {@code slice}, with the
     * source's other periods already in the table, for {@link #writeComparison()}: every source's rows are completed
     * there and go into the table in one commit.
     */
    public void addComparison(String source, Slice slice, Dataset<Row> rows) {
        List<Row> base = ComparisonTable.base(rows).collectAsList();
        checkCatalogued(base, source);
        List<Row> history = comparisonAsFound()
                .map(t -> ComparisonTable.base(t.where(col("source").equalTo(source)).where(not(slice.condition())))
                        .collectAsList())
                .orElseGet(List::of);
        LOG.info("gold comparison ({}): {} rows of {} computed", source, base.size(), slice);
        synchronized (this) {
            rowsWritten.put(ComparisonTable.TABLE + " (" + source + ")", (long) base.size());
            comparisons.put(source, new PendingComparison(base, history, slice));
        }
    }

    /**
     * Records that {@code need_coefficients} now holds exactly {@code coefficients} (its whole table was written from
     * them): {@link #writeComparison} takes them from here instead of reading the table just committed back.
     */
    public void coefficientsWritten(List<ComparisonMeasures.Coefficient> coefficients) {
        coefficientsWritten = List.copyOf(coefficients);
    }

    /**
     * Completes every source's comparison rows with {@link ComparisonMeasures} (against the source's other periods
     * and the need coefficients: taken once every source's part, the one writing them among them, has run) and
     * writes them in one atomic commit, when any of them changed.
     */
    public synchronized boolean writeComparison() {
        if (comparisons.isEmpty()) {
            return false;
        }
        List<ComparisonMeasures.Coefficient> coefficients = coefficientsWritten != null ? coefficientsWritten
                : warehouse.readIfExists(Layer.GOLD, ComparisonMeasures.COEFFICIENTS)
                .map(c -> c.select("year", "area_code", "health", "total").collectAsList().stream()
                        .map(r -> new ComparisonMeasures.Coefficient(r.getInt(0), r.getString(1),
                                Cells.doubleOrNull(r, 2), Cells.doubleOrNull(r, 3)))
                        .toList())
                .orElseGet(List::of);
        List<Row> complete = new ArrayList<>();
        comparisons.values().forEach(c -> complete.addAll(ComparisonMeasures.complete(c.rows(), c.history(),
                config.catalogue().measures(), coefficients)));
        Slice slice = Slice.anyOf(comparisons.values().stream().map(PendingComparison::slice).toList());
        Dataset<Row> all = ComparisonTable.SCHEMA.frame(spark, complete);
        boolean changed = warehouse.replaceIfChanged(Layer.GOLD, ComparisonTable.TABLE, all, slice.predicate(), run.runId(),
                List.of("run_id"), comparisonAsFound().map(t -> t.where(slice.condition())));
        LOG.info("gold comparison: {} sources in one commit, {}", comparisons.size(),
                changed ? "written" : "the same as before, nothing committed");
        comparisons.clear();
        Optional<Dataset<Row>> found = comparisonAsFound();
        // The table now: the rows found outside the slice and this refresh's rows of it; unchanged, as found.
        if (changed) {
            List<Row> left = new ArrayList<>(found.map(t -> outside(t, slice)).orElseGet(List::of));
            left.addAll(complete);
            comparisonAsLeft = Optional.of(ComparisonTable.SCHEMA.frame(spark, left));
        } else {
            comparisonAsLeft = found;
        }
        synchronized (comparisonRead) {
            comparisonAsFound = null;
        }
        return changed;
    }

    /**
     * The rows of {@code table} a commit replacing {@code slice} leaves, as Delta leaves them (a row the slice's
     * condition cannot decide, null, stays), in {@link ComparisonTable#SCHEMA}'s columns: a table an earlier version
     * wrote may lack a column the commit has just added, which its rows have empty.
     */
    private static List<Row> outside(Dataset<Row> table, Slice slice) {
        List<String> columns = Arrays.asList(table.columns());
        Dataset<Row> kept = table.where(not(coalesce(slice.condition(), lit(false))));
        for (StructField f : ComparisonTable.SCHEMA.structType().fields()) {
            if (!columns.contains(f.name())) {
                kept = kept.withColumn(f.name(), lit(null).cast(f.dataType()));
            }
        }
        return ComparisonTable.SCHEMA.conform(kept).collectAsList();
    }

    /**
     * {@code comparison} after {@link #writeComparison}, in the driver (empty: there is no such table): the rows it
     * wrote and those it left, without reading the version just committed back; read from the table when
     * {@link #writeComparison} had nothing to write.
     */
    public Optional<Dataset<Row>> comparisonNow() {
        synchronized (this) {
            if (comparisonAsLeft != null) {
                return comparisonAsLeft;
            }
        }
        return comparisonInDriver();
    }

    /**
     * The {@code comparison} table as the gold stage found it, in the driver: every source's other periods and the
     * slices its rows replace are taken from it. Read once, when a part first asks: no part writes the table before
     * {@link #writeComparison()}, which uses it last and forgets it.
     */
    private Optional<Dataset<Row>> comparisonAsFound() {
        synchronized (comparisonRead) {
            if (comparisonAsFound == null) {
                comparisonAsFound = comparisonInDriver();
            }
            return comparisonAsFound;
        }
    }

    /** The {@code comparison} table as it is, collected into the driver; empty when there is none. */
    private Optional<Dataset<Row>> comparisonInDriver() {
        return warehouse.readIfExists(Layer.GOLD, ComparisonTable.TABLE).map(this::inDriver);
    }

    /** {@code rows} collected into a frame of the driver: later queries of a small table read no files. */
    public Dataset<Row> inDriver(Dataset<Row> rows) {
        return spark.createDataFrame(rows.collectAsList(), rows.schema());
    }

    /** A measure without a catalogue entry would have no name, polarity or method: a configuration error. */
    private void checkCatalogued(List<Row> rows, String source) {
        Set<String> known = config.catalogue().measures().stream().map(AppConfig.Measure::id).collect(Collectors.toSet());
        int at = ComparisonTable.BASE.names().indexOf("measure_id");
        List<String> missing = rows.stream().map(r -> r.getString(at)).filter(m -> !known.contains(m))
                .distinct().sorted().toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("comparison (" + source + "): measures " + missing
                    + " are not in the measure catalogue (conf/measures.conf); add them there with names and polarity");
        }
    }

    /** A warning for the run's summary and log, logged by the part that raised it. */
    public void warn(Logger log, String message) {
        synchronized (this) {
            warnings.add(message);
        }
        log.warn(message);
    }
}
