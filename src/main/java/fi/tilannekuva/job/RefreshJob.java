package fi.tilannekuva.job;

import fi.tilannekuva.area.MunicipalityKeyReader;
import fi.tilannekuva.area.MunicipalityKeys;
import fi.tilannekuva.area.MunicipalityLookup;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.gold.AreasTable;
import fi.tilannekuva.gold.GoldStage;
import fi.tilannekuva.gold.MeasureCatalogue;
import fi.tilannekuva.gold.QuarterPopulation;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.picture.LabelsTable;
import fi.tilannekuva.picture.PictureRefresh;
import fi.tilannekuva.picture.PictureSources;
import fi.tilannekuva.quality.AreaCoverage;
import fi.tilannekuva.quality.ChecksTable;
import fi.tilannekuva.quality.FileChecks;
import fi.tilannekuva.quality.FileLoad;
import fi.tilannekuva.quality.IngestionLog;
import fi.tilannekuva.quality.QualityGateException;
import fi.tilannekuva.quality.RunLog;
import fi.tilannekuva.quality.RunMarkers;
import fi.tilannekuva.quality.StageTimes.Stage;
import fi.tilannekuva.quality.StageTimes;
import fi.tilannekuva.source.InputInventory;
import fi.tilannekuva.source.InputSource;
import fi.tilannekuva.source.SourceChain;
import fi.tilannekuva.source.SourceContext;
import fi.tilannekuva.source.SourceLoader;
import fi.tilannekuva.source.avohilmo.AvohilmoSource;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.SideBySide;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.runtime.BoxedUnit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code refresh --quarter Q}: loads every new input file through bronze and silver, then recomputes the
 * quarter's gold rows. Rerunning it on unchanged input leaves every table as it was.
 */
public final class RefreshJob {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshJob.class);
    /**
     * Runs before Spark's own hooks — the local executor's stop (priority 100) and the SparkContext's (50) — so the
     * run log is written while Spark still runs tasks.
     */
    private static final int RUN_LOG_SHUTDOWN_PRIORITY = 110;

    private final AppConfig config;
    private final SparkSession spark;

    public RefreshJob(AppConfig config, SparkSession spark) {
        this.config = config;
        this.spark = spark;
    }

    /**
     * What a refresh did: the files it saw and the gold rows it wrote per table; {@code goldInputs} is the
     * fingerprint of what its gold stage computed from ({@link GoldInputs}), and {@code goldUnchangedSince} the run
     * whose gold tables it found still current (then it computed nothing), or null.
     */
    public record Result(RunContext run, Quarter quarter, List<FileLoad> files, Map<String, Long> goldRows,
                         List<String> warnings, StageTimes times, Path warehouse, String goldInputs,
                         String goldUnchangedSince) {
    }

    public Result run(Quarter quarter) {
        return run(quarter, false);
    }

    /**
     * @param loadOnly load the new input files and run the checks, but leave the gold tables as they are (to check
     *                 a delivery before recomputing the picture)
     */
    public Result run(Quarter quarter, boolean loadOnly) {
        RunContext run = RunContext.start(RunContext.REFRESH);
        StageTimes times = new StageTimes();
        // Read by the shutdown hook while the run adds to them.
        List<FileLoad> loads = new CopyOnWriteArrayList<>();
        List<String> warnings = new CopyOnWriteArrayList<>();
        Warehouse warehouse = new Warehouse(spark, config.locations().warehouse());
        Path input = config.locations().input().toAbsolutePath().normalize();
        RunMarkers markers = new RunMarkers(warehouse.root());
        recordKilledRuns(warehouse, markers, run, warnings);
        markers.start(run, quarter.toString(), input.toString());
        AtomicBoolean logged = new AtomicBoolean();
        // A scheduler's SIGTERM: Spark stops itself in shutdown hooks; this one runs first, so a killed run still
        // leaves its failed row.
        Object hook = ShutdownHookManager.addShutdownHook(RUN_LOG_SHUTDOWN_PRIORITY, () -> {
            if (logged.compareAndSet(false, true)) {
                writeLog(warehouse, run, quarter, input, loads, times, new RunLog.Outcome(RunLog.Status.FAILED,
                        "terminated before it finished (SIGTERM or JVM shutdown)", warnings));
                markers.finish(run.runId());
            }
            return BoxedUnit.UNIT;
        });
        RunLog.Outcome outcome = new RunLog.Outcome(RunLog.Status.FAILED, "did not finish", warnings);
        try {
            Result result = refresh(quarter, run, input, warehouse, times, loads, warnings, loadOnly);
            outcome = new RunLog.Outcome(RunLog.Status.SUCCEEDED, null, warnings, result.goldInputs());
            return result;
        } catch (RuntimeException e) {
            outcome = new RunLog.Outcome(RunLog.Status.FAILED, e.getMessage(), warnings);
            throw e;
        } finally {
            try {
                ShutdownHookManager.removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is shutting down: the hook records the run.
            }
            if (logged.compareAndSet(false, true)) {
                writeLog(warehouse, run, quarter, input, loads, times, outcome);
                markers.finish(run.runId());
            }
        }
    }

    /**
     * Records every run that left its marker without a {@code runs} row — killed before it could record itself — as
     * {@code killed}, with the files it had finished loading (their counts from the ingestion log) and those it had
     * only put into bronze (rows read from bronze; the next load reads them again).
     */
    private void recordKilledRuns(Warehouse warehouse, RunMarkers markers, RunContext current, List<String> warnings) {
        for (RunMarkers.Marker m : markers.leftBehind(current.runId())) {
            boolean recorded = warehouse.readIfExists(Layer.GOLD, RunLog.RUNS)
                    .map(t -> !t.where(org.apache.spark.sql.functions.col("run_id").equalTo(m.runId())).isEmpty())
                    .orElse(false);
            if (!recorded) {
                List<FileLoad> files = KilledRuns.filesOf(warehouse, m.runId());
                RunContext killed = new RunContext(m.runId(), m.job(), m.startedAt(), "unknown");
                String error = "killed: the process ended without recording the run; found by run " + current.runId()
                        + " (finished_at is when it was found)";
                RunLog.write(spark, warehouse, killed, m.period(), m.input(), config.digest(), files, new StageTimes(),
                        new RunLog.Outcome(RunLog.Status.KILLED, error, List.of()));
                String message = "run " + m.runId() + " was killed before it finished; recorded as killed with "
                        + files.size() + " file(s) it had loaded";
                warnings.add(message);
                LOG.warn(message);
            }
            markers.finish(m.runId());
        }
    }

    private void writeLog(Warehouse warehouse, RunContext run, Quarter quarter, Path input, List<FileLoad> loads,
                          StageTimes times, RunLog.Outcome outcome) {
        try {
            RunLog.write(spark, warehouse, run, quarter.toString(), input.toString(), config.digest(), List.copyOf(loads),
                    times, outcome);
        } catch (RuntimeException logFailure) {
            LOG.error("could not write the run log: {}", logFailure.getMessage());
        }
    }

    private Result refresh(Quarter quarter, RunContext run, Path input, Warehouse warehouse, StageTimes times,
                           List<FileLoad> loads, List<String> warnings, boolean loadOnly) {
        checkInputRoot(input);
        LOG.info("refresh {} from {} into {} (run {})", quarter, input, warehouse.root(), run.runId());
        MunicipalityKeys keys = MunicipalityKeyReader.readDirectory(input, input.resolve("reference"),
                MunicipalityKeyReader.INPUT_FILE);
        Map<String, Long> gold = new TreeMap<>();
        GoldStage stage = new GoldStage(spark, warehouse, config, run, warnings, gold);
        MunicipalityLookup lookup = new MunicipalityLookup(spark, keys);
        List<SourceChain> chains = PictureSources.inputs(new SourceContext(config, lookup,
                table -> warehouse.readIfExists(Layer.SILVER, table)));
        List<InputSource> sources = chains.stream().flatMap(c -> c.sources().stream()).toList();
        InputSource contacts = sources.stream().filter(s -> s.table().equals(AvohilmoSource.CONTACTS)).findFirst()
                .orElseThrow();
        if (keys.isEmpty() && !SourceLoader.files(input, contacts).isEmpty()) {
            throw new InputException("reference/: no municipality key (municipalities_<YYYY>.csv) in " + input
                    + "; visit areas come from the client's home municipality through it");
        }
        SourceLoader loader = new SourceLoader(spark, warehouse, run, config.sources().rules(),
                config.spark().judgedAgainFromBytes(), times);
        listIgnored(input, sources, loads, warnings);

        // Independent chains load at the same time; within a chain, the sources checked against the first one (need
        // factors against the model, indicator data against the regions, traffic and survey rows taking their area
        // from the tray registry) follow it, and are evaluated again when it changed.
        long inputBytes = sources.stream().flatMap(s -> SourceLoader.files(input, s).stream()).mapToLong(RefreshJob::size).sum();
        boolean compiled = QueryCompilation.forStage(spark, inputBytes, config.spark().compiledFromBytes());
        LOG.info("loading: {} sources into bronze and silver, {} at a time; queries {} ({} MiB of input files)",
                sources.size(), config.spark().parallelSources(), compiled ? "compiled" : "interpreted",
                mib(inputBytes));
        long loadStart = System.nanoTime();
        List<FileLoad> loaded = times.timeLoading(
                () -> loader.loadAll(input, chains, config.spark().parallelSources(), loads::add));
        // The summary and run_files list the files in the order of the sources, not of when they finished.
        loads.removeAll(loaded);
        loaded.stream().sorted(Comparator.comparingInt(l -> sources.indexOf(sourceOf(sources, l)))).forEach(loads::add);
        LOG.info("loading: done in {} s, {} files new, {} unchanged", seconds(loadStart),
                loads.stream().filter(l -> l.status() == FileLoad.Status.LOADED).count(),
                loads.stream().filter(l -> l.status() == FileLoad.Status.UNCHANGED).count());

        // Silver is complete: the checks and the gold stage read each of its tables at this version.
        warehouse.settle(Layer.SILVER);
        String goldInputs = loadOnly ? null
                : GoldInputs.fingerprint(quarter, loader.filesInSilver(loads), keys, config.digest());
        List<FileChecks.Result> checks;
        Optional<String> current;
        // The checks read run_files and silver, the gold stage's test reads runs: side by side, as each is mostly the
        // driver's work on one table's Delta log.
        try (SideBySide reads = new SideBySide("checks", 3)) {
            Supplier<Optional<String>> latest = reads.start(() -> loadOnly ? Optional.<String>empty()
                    : GoldInputs.unchangedSince(warehouse, run.runId(), goldInputs));
            checks = checkFiles(quarter, run, warehouse, loader.ingestionLog(), loads, warnings, reads);
            current = latest.get();
        }
        if (loadOnly) {
            return new Result(run, quarter, loads, Map.of(), warnings, times, warehouse.root(), null, null);
        }
        if (current.isPresent()) {
            LOG.info("gold: nothing to compute: the input files, municipality keys, configuration and program are "
                    + "those of run {}, the latest, which computed {}", current.get(), quarter);
            return new Result(run, quarter, loads, Map.of(), warnings, times, warehouse.root(), goldInputs,
                    current.get());
        }
        long silverBytes = warehouse.bytes(Layer.SILVER);
        boolean compiledGold = QueryCompilation.forStage(spark, silverBytes, config.spark().compiledFromBytes());
        LOG.info("gold: computing the figures of {}; queries {} ({} MiB of silver tables)", quarter,
                compiledGold ? "compiled" : "interpreted", mib(silverBytes));
        long goldStart = System.nanoTime();
        QuarterPopulation population = new QuarterPopulation(stage, quarter);
        times.time(Stage.GOLD, () -> computeFigures(stage, quarter, population, lookup));
        // One commit for every source's comparison rows, before the picture reads them.
        times.time(Stage.GOLD, stage::writeComparison);
        times.time(Stage.GOLD, () -> new PictureRefresh(stage).run(quarter, checks, loader.ingestionLog()));
        // The summary counts comparison per source ("comparison (avohilmo)"): one table.
        LOG.info("gold: done in {} s, {} tables", seconds(goldStart),
                gold.keySet().stream().map(label -> label.replaceFirst(" \\(.*\\)$", "")).distinct().count());
        return new Result(run, quarter, loads, gold, warnings, times, warehouse.root(), goldInputs, null);
    }

    /**
     * The descriptive tables and every source's figures, side by side: each gold table is written by one part, and
     * what one source needs of another (the need coefficients, for the needs-adjusted index) is read when the
     * comparison rows are completed, after every part.
     */
    private void computeFigures(GoldStage stage, Quarter quarter, QuarterPopulation population,
                                MunicipalityLookup lookup) {
        try (SideBySide parts = new SideBySide("gold", config.spark().parallelSources())) {
            parts.start(() -> goldPart("descriptions", () -> {
                stage.write(AreasTable.TABLE, AreasTable.TABLE, AreasTable.rows(spark, config.catalogue().areas()), Slice.whole());
                stage.write(MeasureCatalogue.TABLE, MeasureCatalogue.TABLE, MeasureCatalogue.rows(spark, config.catalogue().measures()), Slice.whole());
                stage.write(LabelsTable.TABLE, LabelsTable.TABLE,
                        LabelsTable.rows(spark, config.serving().codeLabels(), config.sources().traffic()), Slice.whole());
            }));
            for (PictureSources.Source source : PictureSources.SOURCES) {
                parts.start(() -> goldPart(source.name(),
                        () -> source.figures().compute(stage, quarter, population, lookup)));
            }
            parts.await();
        }
    }

    private void goldPart(String name, Runnable part) {
        // Spark's jobs of this thread say which part they compute (in Spark's UI and event log).
        spark.sparkContext().setJobDescription("gold " + name);
        part.run();
    }

    /**
     * The table checks of every input file (quarantine share, row-count change, row rule counts) and of the silver
     * tables' area coverage, recorded in gold {@code checks} and returned; a failed one stops the run here, before
     * any figure table changes. The facts are read side by side by {@code reads}, which this awaits.
     */
    private List<FileChecks.Result> checkFiles(Quarter quarter, RunContext run, Warehouse warehouse, IngestionLog log,
                                               List<FileLoad> loads, List<String> warnings, SideBySide reads) {
        List<Supplier<List<FileChecks.Result>>> parts = new ArrayList<>();
        parts.add(reads.start(() -> FileChecks.evaluate(ChecksTable.facts(warehouse, log, loads), config.quality())));
        for (AppConfig.CoverageRule rule : config.quality().coverage()) {
            parts.add(reads.start(() -> warehouse.readIfExists(Layer.SILVER, rule.source())
                    .map(t -> AreaCoverage.evaluate(rule, AreaCoverage.areasByPeriod(t, rule),
                            AreaCoverage.expected(rule, config.catalogue().areas())))
                    .orElseGet(List::of)));
        }
        reads.await();
        List<FileChecks.Result> results = new ArrayList<>();
        parts.forEach(p -> results.addAll(p.get()));
        ChecksTable.append(spark, warehouse, run, quarter.toString(), results);
        results.stream().filter(r -> r.status() == FileChecks.Status.WARNED).forEach(r -> {
            warnings.add(r.message());
            LOG.warn(r.message());
        });
        List<String> failed = results.stream().filter(r -> r.status() == FileChecks.Status.FAILED)
                .map(FileChecks.Result::message).toList();
        if (!failed.isEmpty()) {
            throw new QualityGateException(failed.size() + " check(s) failed, stopped before the gold stage: "
                    + String.join("; ", failed.subList(0, Math.min(3, failed.size())))
                    + (failed.size() > 3 ? "; ..." : "") + " (see the checks table)");
        }
        return results;
    }

    /**
     * Lists every entry of the source folders that no source reads (in the summary and {@code run_files}), or fails
     * the run on them when so configured — before anything is loaded.
     */
    private void listIgnored(Path input, List<InputSource> sources, List<FileLoad> loads, List<String> warnings) {
        Map<String, List<Pattern>> patterns = new LinkedHashMap<>();
        patterns.computeIfAbsent("reference", k -> new ArrayList<>()).add(MunicipalityKeyReader.INPUT_FILE);
        for (InputSource s : sources) {
            patterns.computeIfAbsent(s.directory(), k -> new ArrayList<>()).add(s.files());
        }
        List<FileLoad> ignored = InputInventory.ignored(input, patterns);
        if (ignored.isEmpty()) {
            return;
        }
        loads.addAll(ignored);
        String first = ignored.get(0).file() + " (" + ignored.get(0).note() + ")";
        if (config.quality().failOnUnknownFiles()) {
            throw new InputException(ignored.size() + " entries of the input root are read by no source, and unknown "
                    + "input files fail the run: " + first + (ignored.size() > 1 ? ", ..." : ""));
        }
        warnings.add(ignored.size() + " entries of the input root were ignored (read by no source), e.g. " + first);
    }

    private static InputSource sourceOf(List<InputSource> sources, FileLoad load) {
        return sources.stream().filter(s -> s.table().equals(load.source())).findFirst().orElseThrow();
    }

    /** The input root must be a folder: checked before Spark starts, so the mistake answers at once (exit 3). */
    static void checkInputRoot(Path input) {
        Path root = input.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InputException("input root " + root + " does not exist or is not a directory");
        }
    }

    private static String seconds(long since) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
