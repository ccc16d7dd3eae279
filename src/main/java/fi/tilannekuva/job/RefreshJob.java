package fi.tilannekuva.job;

import fi.tilannekuva.area.AreaResolver;
import fi.tilannekuva.area.MunicipalityKeyReader;
import fi.tilannekuva.area.MunicipalityKeys;
import fi.tilannekuva.area.MunicipalityLookup;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.gold.AreasTable;
import fi.tilannekuva.gold.LabelsTable;
import fi.tilannekuva.gold.MeasureCatalogue;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.quality.AreaCoverage;
import fi.tilannekuva.quality.ChecksTable;
import fi.tilannekuva.quality.FileChecks;
import fi.tilannekuva.quality.FileLoad;
import fi.tilannekuva.quality.QualityGateException;
import fi.tilannekuva.quality.RunLog;
import fi.tilannekuva.quality.RunMarkers;
import fi.tilannekuva.quality.StageTimes;
import fi.tilannekuva.source.InputInventory;
import fi.tilannekuva.source.InputSource;
import fi.tilannekuva.source.SourceLoader;
import fi.tilannekuva.source.avohilmo.AvohilmoSource;
import fi.tilannekuva.source.funding.FundingSources;
import fi.tilannekuva.source.population.PopulationSource;
import fi.tilannekuva.source.sotkanet.SotkanetSources;
import fi.tilannekuva.source.traffic.TrafficSources;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.runtime.BoxedUnit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

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

    /** What a refresh did: the files it saw and the gold rows it wrote per table. */
    public record Result(RunContext run, Quarter quarter, List<FileLoad> files, Map<String, Long> goldRows,
                         List<String> warnings, StageTimes times, Path warehouse) {
    }

    public Result run(Quarter quarter) {
        return run(quarter, false);
    }

    /**
     * @param loadOnly load the new input files and run the checks, but leave the gold tables as they are (to check
     *                 a delivery before recomputing the picture)
     */
    public Result run(Quarter quarter, boolean loadOnly) {
        RunContext run = RunContext.start("refresh");
        StageTimes times = new StageTimes();
        // Read by the shutdown hook while the run adds to them.
        List<FileLoad> loads = new CopyOnWriteArrayList<>();
        List<String> warnings = new CopyOnWriteArrayList<>();
        Warehouse warehouse = new Warehouse(spark, config.warehouse());
        Path input = config.input().toAbsolutePath().normalize();
        RunMarkers markers = new RunMarkers(warehouse.root());
        recordKilledRuns(warehouse, markers, run, warnings);
        markers.start(run, quarter.toString(), input.toString());
        AtomicBoolean logged = new AtomicBoolean();
        // A scheduler's SIGTERM: Spark stops itself in shutdown hooks; this one runs first, so a killed run still
        // leaves its failed row.
        Object hook = ShutdownHookManager.addShutdownHook(RUN_LOG_SHUTDOWN_PRIORITY, () -> {
            if (logged.compareAndSet(false, true)) {
                writeLog(warehouse, run, quarter, input, loads, times, new RunLog.Outcome("failed",
                        "terminated before it finished (SIGTERM or JVM shutdown)", warnings));
                markers.finish(run.runId());
            }
            return BoxedUnit.UNIT;
        });
        RunLog.Outcome outcome = new RunLog.Outcome("failed", "did not finish", warnings);
        try {
            Result result = refresh(quarter, run, input, warehouse, times, loads, warnings, loadOnly);
            outcome = new RunLog.Outcome("succeeded", null, warnings);
            return result;
        } catch (RuntimeException e) {
            outcome = new RunLog.Outcome("failed", e.getMessage(), warnings);
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
                        new RunLog.Outcome(RunLog.KILLED, error, List.of()));
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
        InputSource contacts = AvohilmoSource.contacts(config.visits(), lookup);
        if (keys.isEmpty() && !SourceLoader.files(input, contacts).isEmpty()) {
            throw new InputException("reference/: no municipality key (municipalities_<YYYY>.csv) in " + input
                    + "; visit areas come from the client's home municipality through it");
        }
        SourceLoader loader = new SourceLoader(spark, warehouse, run, config.rules(), times);

        List<String> areaCodes = config.areas().stream().map(Area::code).toList();
        List<String> funded = config.areas().stream().filter(Area::funded).map(Area::code).toList();
        AreaResolver resolver = new AreaResolver(config.areas());
        Map<Integer, String> sotkanetIds = resolver.sotkanetIndex();
        Supplier<Optional<Dataset<Row>>> trays = () -> warehouse.readIfExists(Layer.SILVER, TrafficSources.TRAYS);
        InputSource populationSource = PopulationSource.source(config.areas(), lookup);
        InputSource procedures = AvohilmoSource.procedures();
        InputSource needModel = FundingSources.needModel();
        InputSource needFactors = FundingSources.needFactors(areaCodes,
                () -> warehouse.readIfExists(Layer.SILVER, FundingSources.NEED_MODEL));
        InputSource criteria = FundingSources.criteria();
        InputSource bases = FundingSources.bases(funded);
        InputSource official = FundingSources.official(funded);
        InputSource costs = FundingSources.costs(areaCodes);
        InputSource regions = SotkanetSources.regions(sotkanetIds);
        InputSource metadata = SotkanetSources.metadata();
        InputSource data = SotkanetSources.data(sotkanetIds,
                () -> warehouse.readIfExists(Layer.SILVER, SotkanetSources.REGIONS));
        InputSource trayRegistry = TrafficSources.trays(areaCodes);
        InputSource tarmoa = TrafficSources.tarmoa(resolver);
        InputSource analytics = TrafficSources.analytics(trays);
        InputSource survey = TrafficSources.survey(config.traffic(), trays);
        List<InputSource> sources = List.of(populationSource, contacts, procedures, needModel, needFactors, criteria, bases,
                official, costs, regions, metadata, data, trayRegistry, tarmoa, analytics, survey);
        listIgnored(input, sources, loads, warnings);

        LOG.info("loading: {} sources into bronze and silver", sources.size());
        long loadStart = System.nanoTime();
        loads.addAll(loader.load(input, populationSource));
        loads.addAll(loader.load(input, contacts));
        loads.addAll(loader.load(input, procedures));
        // The model first: factor rows are checked against it, so a changed model re-evaluates every factor file.
        boolean modelChanged = changed(loader.load(input, needModel), loads);
        loads.addAll(loader.load(input, needFactors, modelChanged));
        loads.addAll(loader.load(input, criteria));
        loads.addAll(loader.load(input, bases));
        loads.addAll(loader.load(input, official));
        loads.addAll(loader.load(input, costs));
        // Regions first: data rows are checked against them, so a changed region list re-evaluates the data.
        boolean regionsChanged = changed(loader.load(input, regions), loads);
        loads.addAll(loader.load(input, metadata));
        loads.addAll(loader.load(input, data, regionsChanged));
        // The tray registry first: traffic and survey rows get their area from it.
        boolean traysChanged = changed(loader.load(input, trayRegistry), loads);
        loads.addAll(loader.load(input, tarmoa));
        loads.addAll(loader.load(input, analytics, traysChanged));
        loads.addAll(loader.load(input, survey, traysChanged));
        LOG.info("loading: done in {} s, {} files new, {} unchanged", seconds(loadStart),
                loads.stream().filter(l -> l.status() == FileLoad.Status.LOADED).count(),
                loads.stream().filter(l -> l.status() == FileLoad.Status.UNCHANGED).count());

        checkFiles(quarter, run, warehouse, loads, warnings);
        if (loadOnly) {
            return new Result(run, quarter, loads, Map.of(), warnings, times, warehouse.root());
        }
        LOG.info("gold: computing the figures of {}", quarter);
        long goldStart = System.nanoTime();
        times.time(StageTimes.GOLD, () -> {
            stage.write(AreasTable.TABLE, AreasTable.TABLE, AreasTable.rows(spark, config.areas()), Slice.whole());
            stage.write(MeasureCatalogue.TABLE, MeasureCatalogue.TABLE, MeasureCatalogue.rows(spark, config.measures()), Slice.whole());
            stage.write(LabelsTable.TABLE, LabelsTable.TABLE,
                    LabelsTable.rows(spark, config.serving().codeLabels(), config.traffic()), Slice.whole());
        });

        QuarterPopulation population = new QuarterPopulation(stage, quarter);
        // Funding first: visit rates and costs are adjusted by the need coefficients it writes.
        times.time(StageTimes.GOLD, () -> new FundingRefresh(stage).run());
        times.time(StageTimes.GOLD, () -> new VisitRefresh(stage).run(quarter, population));
        times.time(StageTimes.GOLD, () -> new IndicatorRefresh(stage).run(lookup));
        times.time(StageTimes.GOLD, () -> new TrafficRefresh(stage).run(quarter, population));
        // One commit for every source's comparison rows, before the picture reads them.
        times.time(StageTimes.GOLD, stage::writeComparison);
        times.time(StageTimes.GOLD, () -> new PictureRefresh(stage).run(quarter));
        // The summary counts comparison per source ("comparison (avohilmo)"): one table.
        LOG.info("gold: done in {} s, {} tables", seconds(goldStart),
                gold.keySet().stream().map(label -> label.replaceFirst(" \\(.*\\)$", "")).distinct().count());
        return new Result(run, quarter, loads, gold, warnings, times, warehouse.root());
    }

    /**
     * The table checks of every input file (quarantine share, row-count change, row rule counts) and of the silver
     * tables' area coverage, recorded in gold {@code checks}; a failed one stops the run here, before any figure
     * table changes.
     */
    private void checkFiles(Quarter quarter, RunContext run, Warehouse warehouse, List<FileLoad> loads,
                            List<String> warnings) {
        List<FileChecks.Result> results = new ArrayList<>(FileChecks.evaluate(ChecksTable.facts(warehouse, loads),
                config.quality()));
        for (AppConfig.CoverageRule rule : config.quality().coverage()) {
            warehouse.readIfExists(Layer.SILVER, rule.source()).ifPresent(t -> results.addAll(AreaCoverage.evaluate(
                    rule, AreaCoverage.areasByPeriod(t, rule), AreaCoverage.expected(rule, config.areas()))));
        }
        ChecksTable.append(spark, warehouse, run, quarter.toString(), results);
        results.stream().filter(r -> r.status().equals(FileChecks.WARNED)).forEach(r -> {
            warnings.add(r.message());
            LOG.warn(r.message());
        });
        List<String> failed = results.stream().filter(r -> r.status().equals(FileChecks.FAILED))
                .map(FileChecks.Result::message).toList();
        if (!failed.isEmpty()) {
            throw new QualityGateException(failed.size() + " check(s) failed, stopped before the gold stage: "
                    + String.join("; ", failed.subList(0, Math.min(3, failed.size())))
                    + (failed.size() > 3 ? "; ..." : "") + " (see the checks table)");
        }
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

    /** Adds {@code fileLoads} to {@code loads}; whether any file was (re)loaded. */
    private static boolean changed(List<FileLoad> fileLoads, List<FileLoad> loads) {
        loads.addAll(fileLoads);
        return fileLoads.stream().anyMatch(l -> l.status() == FileLoad.Status.LOADED);
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
}
