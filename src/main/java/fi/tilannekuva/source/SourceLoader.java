package fi.tilannekuva.source;

import fi.tilannekuva.config.RowRule;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.input.InputFile;
import fi.tilannekuva.quality.FileLoad;
import fi.tilannekuva.quality.IngestionLog;
import fi.tilannekuva.quality.LoadMarkers;
import fi.tilannekuva.quality.QualityGateException;
import fi.tilannekuva.quality.RowRules;
import fi.tilannekuva.quality.RuleCounts;
import fi.tilannekuva.quality.RunLog;
import fi.tilannekuva.quality.StageTimes.Stage;
import fi.tilannekuva.quality.StageTimes;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.SideBySide;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.TableSchema;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

/**
 * Carries the new files of an {@link InputSource} from the input root through bronze (as received, with
 * lineage), the source's typing step and row rules, to silver (accepted rows) and quarantine (rejected rows
 * with reasons): one Delta commit per source table for all of a source's new files, and one commit of the quarantine
 * and one of the ingestion log for all sources of a run ({@link #loadAll}). A file whose content was loaded
 * before is skipped; a new version of a file with the same name replaces the earlier version's rows. Counts per
 * file are returned for the run log.
 */
public final class SourceLoader {

    public static final String QUARANTINE = "quarantine";

    private static final Logger LOG = LoggerFactory.getLogger(SourceLoader.class);
    private static final String SOURCE_FILE = "_source_file";
    private static final String FILE_HASH = "_file_hash";
    private static final String RUN_ID = "_run_id";
    private static final String LOADED_AT = "_loaded_at";
    private static final String RAW_TEXT = "_raw_text";
    private static final String RAW_FIELDS = "_raw_fields";
    private static final String EXPECTED_FIELDS = "_expected_fields";
    /** Rows only a natural-key rule quarantined, up to this many, are looked up in bronze by a join without a shuffle. */
    private static final long KEY_FAILURES_SENT_TO_TASKS = 1_000_000;
    /** Spark's listeners hear of a finished query within milliseconds; this is for a listener bus far behind. */
    private static final Duration COUNTS_REPORTED_WITHIN = Duration.ofSeconds(60);
    /**
     * A source's bronze and silver tables are created without Delta's statistics: Delta updates them for every row
     * written, and most of that cost comes with the first column (a national quarter, paired against statistics on
     * the file, hash, quarter and run: none 0.93, the new files' hash and the quarter alone 1.02). Their reads still
     * skip what they do not need by the minimum and maximum Parquet keeps per row group (the new files' hash in
     * bronze, the quarter in silver).
     */
    private static final Set<String> NO_STATISTICS = Set.of();
    private static final StructType INGESTED_SCHEMA = new StructType()
            .add("source", DataTypes.StringType)
            .add("file", DataTypes.StringType)
            .add("sha256", DataTypes.StringType)
            .add("charset", DataTypes.StringType)
            .add("bytes", DataTypes.LongType)
            .add("rows_read", DataTypes.LongType)
            .add("rows_accepted", DataTypes.LongType)
            .add("rows_quarantined", DataTypes.LongType)
            .add("run_id", DataTypes.StringType)
            .add("loaded_at", DataTypes.TimestampType)
            // The distinct areas of the file's accepted rows; null for a source whose rows have no area, and in rows
            // written before the column was.
            .add("areas", DataTypes.createArrayType(DataTypes.StringType));

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final RunContext run;
    private final Map<String, List<RowRule>> rules;
    private final long judgedAgainFromBytes;
    private final StageTimes times;
    private final LoadMarkers loadMarkers;
    /** The files loaded before this run and by it: read by {@link #loadAll} while the chains inspect their files. */
    private final CompletableFuture<IngestionLog> ingestionLog = new CompletableFuture<>();
    /** The quarantined rows of this run's new files, and which rows of the quarantine they replace. */
    private final List<Dataset<Row>> quarantined = Collections.synchronizedList(new ArrayList<>());
    private final List<Slice> quarantineSlices = Collections.synchronizedList(new ArrayList<>());
    private volatile StructType quarantineSchema;
    /** The ingestion log's rows of this run's new files, each with its entry. */
    private final List<Ingested> ingested = Collections.synchronizedList(new ArrayList<>());

    /** A new file's row of the ingestion log table and the same file's entry in {@link IngestionLog}. */
    private record Ingested(Row row, IngestionLog.Entry entry) {
    }

    /**
     * @param judgedAgainFromBytes from how many bytes of new files a source's rows are judged again by each query that
     *                             reads them, rather than judged once and kept in memory
     */
    public SourceLoader(SparkSession spark, Warehouse warehouse, RunContext run, Map<String, List<RowRule>> rules,
                        long judgedAgainFromBytes, StageTimes times) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.run = run;
        this.rules = rules;
        this.judgedAgainFromBytes = judgedAgainFromBytes;
        this.times = times;
        this.loadMarkers = new LoadMarkers(warehouse.root());
    }

    /** The {@code _}-prefixed lineage columns of {@code rows}, for a {@link SilverStep} to keep. */
    public static Column[] lineage(Dataset<Row> rows) {
        return Arrays.stream(rows.columns()).filter(c -> c.startsWith("_")).map(c -> col(c)).toArray(Column[]::new);
    }

    /** The source's files under {@code inputRoot}, in name order. */
    public static List<Path> files(Path inputRoot, InputSource source) {
        Path dir = inputRoot.resolve(source.directory());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            // Links are followed; an entry that is not read is listed by InputInventory.
            return s.filter(p -> Files.isRegularFile(p) && source.files().matcher(p.getFileName().toString()).matches())
                    .sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list directory (" + e.getMessage() + ")", e);
        }
    }

    /** A new file with its header and what its name's pattern captured. */
    private record NewFile(InputFile file, FileFormat format, List<String> header, String key, int position) {
    }

    /**
     * Loads every chain's sources, {@code parallel} chains at the same time, then writes the quarantined rows and
     * the ingestion log of all of them in one commit each — also when a source failed, for the sources that were
     * loaded. {@code loaded} hears of each source's files as soon as they are loaded; the result lists them in the
     * order of the chains.
     */
    public List<FileLoad> loadAll(Path inputRoot, List<SourceChain> chains, int parallel, Consumer<FileLoad> loaded) {
        // Every source's rules before any file is loaded: a missing entry is a mistake in conf, not in a delivery.
        List<String> missing = chains.stream().flatMap(c -> c.sources().stream()).map(InputSource::rules)
                .filter(r -> !rules.containsKey(r)).distinct().toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("conf has no row rules for " + missing.stream()
                    .map(r -> "tilannekuva.rules." + r).collect(Collectors.joining(", "))
                    + "; every source needs its entry (an empty list when it has no rules of its own)");
        }
        RuntimeException failure = null;
        List<FileLoad> all = new ArrayList<>();
        try (SideBySide parts = new SideBySide("load", Math.min(parallel, chains.size()))) {
            List<Supplier<List<FileLoad>>> byChain = new ArrayList<>();
            for (SourceChain chain : chains) {
                byChain.add(parts.start(() -> loadChain(inputRoot, chain, loaded)));
            }
            // Read while the chains hash their files (plain Java, no Spark): each waits for it before it tells new
            // files from those loaded before. A failure (an Error too: else the chains would wait for ever) reaches
            // every chain, and is thrown by await.
            if (!ingestionLog.isDone()) {
                try {
                    ingestionLog.complete(IngestionLog.read(warehouse));
                } catch (RuntimeException | Error e) {
                    ingestionLog.completeExceptionally(e);
                }
            }
            parts.await();
            byChain.forEach(c -> all.addAll(c.get()));
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            writeQuarantineAndLog();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
        return all;
    }

    private List<FileLoad> loadChain(Path inputRoot, SourceChain chain, Consumer<FileLoad> loaded) {
        List<FileLoad> first = load(inputRoot, chain.first(), false);
        first.forEach(loaded);
        boolean changed = first.stream().anyMatch(l -> l.status() == FileLoad.Status.LOADED);
        List<FileLoad> all = new ArrayList<>(first);
        for (InputSource dependent : chain.dependents()) {
            List<FileLoad> loads = load(inputRoot, dependent, changed);
            loads.forEach(loaded);
            all.addAll(loads);
        }
        return all;
    }

    /**
     * Every file behind the silver tables after this run, as {@code source/sha256}: those loaded before it and the
     * ones it loaded ({@code loads}).
     */
    public Set<String> filesInSilver(List<FileLoad> loads) {
        Set<String> files = new TreeSet<>(ingestionLog().filesLoadedBefore());
        loads.stream().filter(l -> l.status() == FileLoad.Status.LOADED).forEach(l -> files.add(l.source() + "/" + l.sha256()));
        return files;
    }

    /** One commit of the quarantine and one of the ingestion log for every source loaded in this run. */
    private void writeQuarantineAndLog() {
        if (!quarantineSlices.isEmpty()) {
            Dataset<Row> rows = quarantined.stream().reduce(Dataset::unionByName)
                    .orElseGet(() -> TableSchema.empty(spark, quarantineSchema));
            times.time(Stage.SILVER, () -> warehouse.replace(Layer.SILVER, QUARANTINE, rows,
                    Slice.anyOf(quarantineSlices).predicate(), run.runId()));
            quarantined.forEach(SourceLoader::release);
            quarantined.clear();
            quarantineSlices.clear();
        }
        if (!ingested.isEmpty()) {
            List<Ingested> committed = List.copyOf(ingested);
            times.time(Stage.SILVER, () -> warehouse.append(Layer.BRONZE, RunLog.INGESTED_FILES,
                    spark.createDataFrame(committed.stream().map(Ingested::row).toList(), INGESTED_SCHEMA),
                    run.runId()));
            // The keys of exactly the rows just committed come off the markers.
            loadMarkers.recorded(committed.stream().map(Ingested::entry).toList());
            ingested.clear();
        }
    }

    /**
     * @param reevaluate load every file again, also those loaded before: for a source whose rules depend on
     *                   another source that has just changed (need factors are checked against the need model)
     */
    private List<FileLoad> load(Path inputRoot, InputSource source, boolean reevaluate) {
        // Spark's jobs of this thread say which source they load (in Spark's UI and event log).
        spark.sparkContext().setJobDescription("load " + source.table());
        List<RowRule> configured = rules.get(source.rules());
        if (configured == null) {
            throw new IllegalStateException("conf has no tilannekuva.rules." + source.rules());
        }
        List<RowRule> sourceRules = withBuiltIns(configured);
        List<Path> paths = files(inputRoot, source);
        List<InputFile> inspected = new ArrayList<>();
        for (Path p : paths) {
            inspected.add(times.time(Stage.READ, () -> InputFile.inspect(inputRoot, p)));
        }
        Set<String> loadedHashes = awaitIngestionLog().loadedBefore(source.table());
        Map<String, FileLoad> results = new LinkedHashMap<>();
        List<NewFile> fresh = new ArrayList<>();
        Set<String> freshHashes = new HashSet<>();
        int position = 0;
        for (InputFile file : inspected) {
            Path p = paths.get(position);
            position++;
            if ((!reevaluate && loadedHashes.contains(file.sha256())) || !freshHashes.add(file.sha256())) {
                LOG.info("{} {}/{} files: {}: same content as a file loaded before, skipped", source.table(), position,
                        paths.size(), file.name());
                results.put(file.name(), new FileLoad(source.table(), file.name(), file.sha256(), file.charset(),
                        FileLoad.Status.UNCHANGED, 0, 0, 0, Map.of(), ruleNames(sourceRules), null));
                continue;
            }
            if (file.binary()) {
                throw new InputException(file.name() + ": not a text file (it holds NUL bytes or mostly control "
                        + "characters; expected " + source.files().pattern() + ")");
            }
            FileFormat format = source.format().of(file.name());
            List<String> header = times.time(Stage.READ,
                    () -> format.columns(spark, file, source.requiredColumns()));
            Matcher m = source.files().matcher(p.getFileName().toString());
            fresh.add(new NewFile(file, format, header, m.matches() && m.groupCount() >= 1 ? m.group(1) : null, position));
            results.put(file.name(), null);
        }
        if (!fresh.isEmpty()) {
            for (FileLoad l : loadNew(source, sourceRules, fresh, loadedHashes, paths.size())) {
                results.put(l.file(), l);
            }
        }
        return new ArrayList<>(results.values());
    }

    /** A source's rules as they are evaluated: the built-in encoding and field-count rules, then the configured. */
    public static List<RowRule> withBuiltIns(List<RowRule> configured) {
        List<RowRule> all = new ArrayList<>();
        all.add(RowRule.encoding(DelimitedFileReader.ENCODING_ERROR));
        all.add(RowRule.fieldCount(DelimitedFileReader.FIELD_COUNT, EXPECTED_FIELDS));
        all.addAll(configured);
        return all;
    }

    private List<FileLoad> loadNew(InputSource source, List<RowRule> sourceRules, List<NewFile> fresh,
                                   Set<String> inBronze, int files) {
        Dataset<Row> bronze = null;
        // A file evaluated again keeps its bronze rows, and with them when it was first loaded: the later load of
        // two deliveries of the same figures must stay the later one.
        List<NewFile> toBronze = fresh.stream().filter(f -> !inBronze.contains(f.file().sha256())).toList();
        for (NewFile f : toBronze) {
            Dataset<Row> rows = f.format().read(spark, f.file(), f.header())
                    .withColumn(SOURCE_FILE, lit(f.file().name()))
                    .withColumn(FILE_HASH, lit(f.file().sha256()))
                    .withColumn(RUN_ID, lit(run.runId()))
                    .withColumn(LOADED_AT, lit(run.startedAtTimestamp()));
            bronze = bronze == null ? rows : bronze.unionByName(rows, true);
        }
        // Spark keeps a partition per split of every file (a source of 24 small files: 24 Parquet files per table and
        // a task for each in every later step); the rows go on in partitions of the size Spark reads files in.
        if (bronze != null) {
            bronze = bronze.coalesce(partitions(toBronze));
        }
        List<String> bronzeHashes = toBronze.stream().map(f -> f.file().sha256()).toList();
        // A few new rows, all new to bronze, are kept in memory as they are written there, and silver is made from
        // them: the rows bronze now holds, without reading the table back (a snapshot of the new version and a scan
        // plan, five Spark jobs per source). Many rows are read back from bronze, as are files evaluated again, whose
        // rows bronze has held since they were first loaded.
        boolean inMemory = bronze != null && few(fresh) && toBronze.size() == fresh.size();
        if (inMemory) {
            bronze.persist(StorageLevel.MEMORY_AND_DISK_SER());
        }
        try {
            return intoBronzeAndSilver(source, sourceRules, fresh, files, bronze, inMemory, bronzeHashes);
        } finally {
            if (inMemory) {
                bronze.unpersist();
            }
        }
    }

    /**
     * Whether {@code files} hold few enough rows to keep in memory: fewer bytes than
     * {@code tilannekuva.spark.judged-again-from}.
     */
    private boolean few(List<NewFile> files) {
        return files.stream().mapToLong(f -> f.file().bytes()).sum() < judgedAgainFromBytes;
    }

    /**
     * Writes a source's new files' rows ({@code bronze}: those not in bronze yet; null: none) to bronze, then judges
     * every new file's rows into silver and the quarantine, from {@code bronze} itself when it is kept in memory
     * ({@code inMemory}: it then holds every new file's rows), else from the bronze table.
     */
    private List<FileLoad> intoBronzeAndSilver(InputSource source, List<RowRule> sourceRules, List<NewFile> fresh,
                                               int files, Dataset<Row> bronze, boolean inMemory,
                                               List<String> bronzeHashes) {
        String hashes = bronzeHashes.stream().map(Warehouse::literal).collect(Collectors.joining(", "));
        List<String> freshNames = fresh.stream().map(f -> f.file().name()).toList();
        String names = freshNames.stream().map(Warehouse::literal).collect(Collectors.joining(", "));
        if (bronze != null) {
            // Contents never recorded before: only a failed or killed run can have left rows of them, and its marker
            // makes this replace them instead of adding them twice.
            times.time(Stage.BRONZE, () -> write(Layer.BRONZE, source.table(), bronze, bronzeHashes,
                    FILE_HASH + " IN (" + hashes + ")", false));
        }
        // A corrected delivery keeps its name: its rows replace those of the version loaded before.
        Set<String> namesBefore = awaitIngestionLog().namesLoadedBefore(source.table());
        boolean namesLoadedBefore = freshNames.stream().anyMatch(namesBefore::contains);

        Set<String> columns = new LinkedHashSet<>();
        fresh.forEach(f -> columns.addAll(f.header()));
        columns.addAll(List.of(DelimitedFileReader.LINE, DelimitedFileReader.FIELD_COUNT, DelimitedFileReader.RAW,
                DelimitedFileReader.ENCODING_ERROR, SOURCE_FILE, FILE_HASH, RUN_ID, LOADED_AT));
        // Silver is built from what bronze holds, not from a second read of the files.
        Dataset<Row> inBronze = inMemory ? bronze : warehouse.read(Layer.BRONZE, source.table())
                .where(col(FILE_HASH).isin(fresh.stream().map(f -> f.file().sha256()).toArray()));
        Set<String> bronzeColumns = Set.of(inBronze.columns());
        Dataset<Row> received = inBronze
                // Bronze rows loaded before the encoding check existed have no such column: their lines were read.
                .select(columns.stream().map(c -> bronzeColumns.contains(c) ? col("`" + c + "`")
                        : lit(null).cast("string").as(c)).toArray(Column[]::new))
                .withColumn(EXPECTED_FIELDS, perFile(fresh, f -> lit(f.header().size())))
                // The fields as read, carried past the typing step: the quarantine shows them as a line.
                .withColumn(RAW_FIELDS, perFile(fresh, f -> array(f.header().stream().map(c -> col("`" + c + "`"))
                        .toArray(Column[]::new))));
        // Only what silver, the quarantine and the counts read is kept in memory, not every raw and typed column;
        // the line as text only for the rows that are quarantined, not for every row of a national extract. The text
        // of a row that only a natural-key rule quarantines is looked up in bronze later (quarantineRows): the keys
        // are judged on the rows kept in memory.
        List<String> kept = new ArrayList<>(source.silverColumns());
        kept.addAll(List.of(SOURCE_FILE, DelimitedFileReader.LINE, FILE_HASH, RUN_ID, LOADED_AT, RAW_TEXT,
                RowRules.FAILED, RowRules.REASONS));
        List<Column> judged = new ArrayList<>();
        kept.stream().filter(c -> !c.equals(RAW_TEXT)).forEach(c -> judged.add(col(c)));
        judged.add(when(RowRules.isQuarantined(), rawText(fresh)).as(RAW_TEXT));
        sourceRules.stream().filter(RowRule::isKeyRule).flatMap(r -> r.key().stream()).distinct()
                .filter(k -> !kept.contains(k)).forEach(k -> judged.add(col(k)));
        int partitions = partitions(fresh);
        Dataset<Row> judgedRows = RowRules.evaluateRowByRow(
                        source.step().apply(received, perFile(fresh, f -> lit(f.key()))), sourceRules)
                .select(judged.toArray(Column[]::new))
                .coalesce(partitions);
        // Many rows are judged again by each query that reads them (the key rule's, silver's, the quarantine's), from
        // bronze: keeping them in memory, serialised, and reading them back cost more (a national quarter's largest
        // cost). A few are judged once and kept, as are the rows of rules that read the clock or chance: two queries
        // could judge a row two ways.
        boolean judgedAgain = !few(fresh) && sourceRules.stream().allMatch(RowRule::judgesAlike);
        // Counted while silver is written, not in a pass of their own, unless a rule can stop the load before then.
        boolean countedWhileWritten = fresh.size() <= RowRules.OBSERVED_GROUPS
                && sourceRules.stream().noneMatch(r -> r.action() == RowRule.Action.FAIL);
        // A few rows are kept as a local checkpoint: the queries after it plan over the kept rows, not over the whole
        // plan of reading, typing and judging them, which Spark otherwise analyses, optimises and matches against its
        // cache in every one of them (the sample's loading 2.8 s shorter, its CPU 5 s less). Like the quarantine's
        // rows, they are kept without their lineage: an executor lost meanwhile fails the load, and a rerun completes
        // it. Many rows that must be judged once are cached, serialised: compressed as blocks (spark.rdd.compress),
        // see conf.
        Dataset<Row> rowByRow = judgedAgain ? judgedRows
                : few(fresh) ? times.time(Stage.SILVER, () -> judgedRows.localCheckpoint())
                : judgedRows.persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            Dataset<Row> evaluated = times.time(Stage.SILVER,
                            () -> RowRules.evaluateKeys(rowByRow, sourceRules, partitions == 1))
                    .select(kept.stream().map(c -> col(c)).toArray(Column[]::new));
            String sameFiles = "source_file IN (" + names + ")";
            Map<String, RuleCounts> counts;
            if (countedWhileWritten) {
                counts = times.time(Stage.SILVER, () -> writeSilverCounting(source, sourceRules, freshNames, evaluated,
                        sameFiles, namesLoadedBefore));
            } else {
                counts = times.time(Stage.SILVER, () -> RowRules.countBy(evaluated, sourceRules, SOURCE_FILE,
                        areaColumn(source)));
                for (NewFile f : fresh) {
                    failIfAnyFailRuleFailed(f.file(), sourceRules, counts.getOrDefault(f.file().name(), RuleCounts.NONE));
                }
                times.time(Stage.SILVER, () -> write(Layer.SILVER, source.table(), silverRows(evaluated, source),
                        freshNames, sameFiles, namesLoadedBefore));
            }
            times.time(Stage.SILVER, () -> keepQuarantined(source, fresh, counts,
                    quarantineRows(evaluated, source, received, fresh, keyRuleFailures(counts))));
            List<FileLoad> loads = new ArrayList<>();
            for (NewFile f : fresh) {
                RuleCounts c = counts.getOrDefault(f.file().name(), RuleCounts.NONE);
                FileLoad load = new FileLoad(source.table(), f.file().name(), f.file().sha256(), f.file().charset(),
                        FileLoad.Status.LOADED, c.rowsRead(), c.rowsAccepted(), c.rowsQuarantined(), c.failuresByRule(),
                        ruleNames(sourceRules), f.file().charsetNote());
                loads.add(load);
                LOG.info("{} {}/{} files: {} ({}): {} rows read, {} accepted, {} quarantined", source.table(),
                        f.position(), files, f.file().name(), f.file().charset(), load.rowsRead(), load.rowsAccepted(),
                        load.rowsQuarantined());
            }
            recordIngested(source, fresh, loads, counts);
            return loads;
        } finally {
            release(rowByRow);
        }
    }

    /** Frees what {@code rows} keeps: its cache, or the blocks of the local checkpoint it reads. */
    private static void release(Dataset<Row> rows) {
        rows.unpersist();
        if (rows.queryExecution().logical() instanceof LogicalRDD checkpoint) {
            checkpoint.rdd().unpersist(false);
        }
    }

    /**
     * Writes the accepted rows of {@code evaluated} to silver and returns the counts per file that the write took
     * on its way (Spark's observed metrics). Should Spark not report them, they are counted in a pass of their own.
     */
    private Map<String, RuleCounts> writeSilverCounting(InputSource source, List<RowRule> sourceRules,
                                                        List<String> names, Dataset<Row> evaluated, String sameFiles,
                                                        boolean namesLoadedBefore) {
        RowRules.ObservedCounts observed = RowRules.observeCountsBy(evaluated, sourceRules, SOURCE_FILE, names,
                areaColumn(source));
        write(Layer.SILVER, source.table(), silverRows(observed.rows(), source), names, sameFiles, namesLoadedBefore);
        return observed.await(COUNTS_REPORTED_WITHIN).orElseGet(() -> {
            LOG.warn("{}: Spark did not report the rows' counts within {} s of writing them; counted again",
                    source.table(), COUNTS_REPORTED_WITHIN.toSeconds());
            return RowRules.countBy(evaluated, sourceRules, SOURCE_FILE, areaColumn(source));
        });
    }

    /**
     * The column whose values per file the counts also collect, for the ingestion log's {@code areas}: the source's
     * area, when its rows have one.
     */
    private static String areaColumn(InputSource source) {
        return source.hasArea() ? InputSource.AREA_COLUMN : null;
    }

    /**
     * Writes rows of a source's new files into its bronze or silver table, keyed by content hash or by file name (the
     * keys {@code condition} selects), noting the keys first ({@link LoadMarkers}). Rows of these keys can already be
     * in the table only if they were recorded before ({@code keysLoadedBefore}) or a run left them unrecorded (a
     * marker is on the table): then they are replaced. Otherwise the rows are appended, which spares an existing table
     * Delta's search for rows to remove (a new quarter into eight of history, paired: bronze's writes 29.8 -> 19.2 s
     * summed over the sources, the whole refresh about 6 % faster, six pairs' ratios 0.87-1.00).
     */
    private void write(Layer layer, String table, Dataset<Row> rows, List<String> keys, String condition,
                       boolean keysLoadedBefore) {
        boolean replace = keysLoadedBefore || loadMarkers.anyOn(layer, table);
        loadMarkers.writing(run.runId(), layer, table, keys);
        if (replace) {
            warehouse.replace(layer, table, rows, condition, run.runId(), NO_STATISTICS);
        } else {
            warehouse.append(layer, table, rows, run.runId(), NO_STATISTICS);
        }
    }

    /** Rows a natural-key rule failed, in all of the source's new files. */
    private static long keyRuleFailures(Map<String, RuleCounts> counts) {
        return counts.values().stream().mapToLong(c -> c.failuresByRule().getOrDefault(RowRule.DUPLICATE_KEY, 0L)).sum();
    }

    /**
     * Keeps the new files' quarantined rows for the run's one quarantine commit: materialised now, as the evaluated
     * rows they come from are released when the source is done.
     */
    private void keepQuarantined(InputSource source, List<NewFile> fresh, Map<String, RuleCounts> counts,
                                 Dataset<Row> rows) {
        quarantineSchema = rows.schema();
        long total = counts.values().stream().mapToLong(RuleCounts::rowsQuarantined).sum();
        if (total > 0) {
            quarantined.add(rows.localCheckpoint());
        }
        for (NewFile f : fresh) {
            quarantineSlices.add(Slice.where("source", source.table()).and("source_file", f.file().name()));
        }
    }

    private static List<String> ruleNames(List<RowRule> rules) {
        return rules.stream().map(RowRule::name).toList();
    }

    /**
     * Partitions for the rows of {@code files}, sized as Spark sizes the splits of files it reads: the input spread over
     * the cores, at least {@code spark.sql.files.openCostInBytes} and at most {@code spark.sql.files.maxPartitionBytes}
     * each. Small sources are one partition; a large file is not left to one core.
     */
    private int partitions(List<NewFile> files) {
        long bytes = files.stream().mapToLong(f -> f.file().bytes()).sum();
        // Rounded up: rounded down, an odd number of bytes over two cores made a third partition of one byte's worth.
        int cores = Math.max(1, spark.sparkContext().defaultParallelism());
        long perCore = (bytes + cores - 1) / cores;
        long perPartition = Math.min(spark.sessionState().conf().filesMaxPartitionBytes(),
                Math.max(spark.sessionState().conf().filesOpenCostInBytes(), perCore));
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (bytes + perPartition - 1) / perPartition));
    }

    /** A column whose value depends on the row's file. */
    private static Column perFile(List<NewFile> files, java.util.function.Function<NewFile, Column> value) {
        Column c = null;
        for (NewFile f : files) {
            Column test = col(FILE_HASH).equalTo(f.file().sha256());
            c = c == null ? when(test, value.apply(f)) : c.when(test, value.apply(f));
        }
        return c;
    }

    /** The ingestion log after {@link #loadAll}: the files earlier runs loaded, and those this run loaded. */
    public IngestionLog ingestionLog() {
        if (!ingestionLog.isDone()) {
            throw new IllegalStateException("the ingestion log is read by loadAll, which has not run");
        }
        return awaitIngestionLog();
    }

    /** The ingestion log, once {@link #loadAll} has read it: a chain waits here while it is being read. */
    private IngestionLog awaitIngestionLog() {
        try {
            return ingestionLog.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The row as text for the quarantine, as the line was read ({@link #shownText} masks it): the line itself when
     * the reader kept it (a wrong field count), else the fields joined by the file's separator, an absent field as
     * empty.
     */
    private static Column rawText(List<NewFile> files) {
        return perFile(files, f -> coalesce(col(DelimitedFileReader.RAW),
                array_join(col(RAW_FIELDS), String.valueOf(f.format().fieldSeparator()), "")));
    }

    /**
     * The quarantined row's text as the quarantine shows it. In a source with person ids no value is shown, only each
     * character's kind ({@code 9} a digit, {@code A} a letter, other characters as they are): a person id can stand
     * in any column of a shifted or mistyped row, and bronze keeps the line itself. Masked here, on the quarantined
     * rows only, not on every row of a national extract.
     */
    private static Column shownText(InputSource source) {
        Column text = col(RAW_TEXT);
        if (source.sensitiveColumns().isEmpty()) {
            return text;
        }
        return regexp_replace(regexp_replace(text, "\\p{L}", "A"), "\\p{N}", "9");
    }

    private static Dataset<Row> silverRows(Dataset<Row> evaluated, InputSource source) {
        List<Column> cols = new ArrayList<>();
        source.silverColumns().forEach(c -> cols.add(col(c)));
        cols.add(col(SOURCE_FILE).as("source_file"));
        cols.add(col(DelimitedFileReader.LINE).as("line"));
        cols.add(col(FILE_HASH).as("file_hash"));
        cols.add(col(RUN_ID).as("run_id"));
        cols.add(col(LOADED_AT).as("loaded_at"));
        return evaluated.where(RowRules.isQuarantined().unary_$bang()).select(cols.toArray(Column[]::new));
    }

    /**
     * The quarantined rows as the quarantine holds them. A row that only a natural-key rule quarantined was judged
     * after its text was left out (kept only for the rows the other rules quarantine); its text is taken from bronze
     * ({@code received}) by file and line.
     */
    private static Dataset<Row> quarantineRows(Dataset<Row> evaluated, InputSource source, Dataset<Row> received,
                                               List<NewFile> fresh, long keyRuleFailures) {
        Dataset<Row> quarantined = evaluated.where(RowRules.isQuarantined());
        if (keyRuleFailures > 0) {
            Dataset<Row> lines = quarantined.where(col(RAW_TEXT).isNull()).select(col(FILE_HASH), col(DelimitedFileReader.LINE));
            Dataset<Row> texts = received.join(keyRuleFailures <= KEY_FAILURES_SENT_TO_TASKS ? broadcast(lines) : lines,
                            new String[]{FILE_HASH, DelimitedFileReader.LINE})
                    .select(col(FILE_HASH), col(DelimitedFileReader.LINE),
                            rawText(fresh).as("_key_raw_text"));
            quarantined = quarantined.join(texts, new String[]{FILE_HASH, DelimitedFileReader.LINE}, "left")
                    .withColumn(RAW_TEXT, coalesce(col(RAW_TEXT), col("_key_raw_text")));
        }
        return quarantined.select(
                lit(source.table()).as("source"),
                col(SOURCE_FILE).as("source_file"),
                col(DelimitedFileReader.LINE).as("line"),
                shownText(source).as("raw_text"),
                RowRules.reasonText().as("reason"),
                col(RowRules.FAILED).as("failed_rules"),
                col(FILE_HASH).as("file_hash"),
                col(RUN_ID).as("run_id"),
                col(LOADED_AT).as("quarantined_at"));
    }

    private static void failIfAnyFailRuleFailed(InputFile file, List<RowRule> rules, RuleCounts counts) {
        String failed = rules.stream()
                .filter(r -> r.action() == RowRule.Action.FAIL && counts.failuresByRule().getOrDefault(r.name(), 0L) > 0)
                .map(r -> r.name() + " (" + counts.failuresByRule().get(r.name()) + " rows)")
                .collect(Collectors.joining(", "));
        if (!failed.isEmpty()) {
            throw new QualityGateException(file.name() + ": rows failed rules whose action is fail: " + failed);
        }
    }

    private void recordIngested(InputSource source, List<NewFile> files, List<FileLoad> loads,
                                Map<String, RuleCounts> counts) {
        for (int i = 0; i < files.size(); i++) {
            InputFile file = files.get(i).file();
            FileLoad load = loads.get(i);
            // A file without rows was not counted: it has no areas.
            List<String> areas = !source.hasArea() ? null
                    : Objects.requireNonNullElse(counts.getOrDefault(file.name(), RuleCounts.NONE).areas(), List.of());
            IngestionLog.Entry entry = new IngestionLog.Entry(load.source(), file.name(), file.sha256(),
                    load.rowsRead(), load.rowsQuarantined(), run.startedAtTimestamp(), areas);
            ingested.add(new Ingested(RowFactory.create(load.source(), file.name(), file.sha256(), file.charset(),
                    file.bytes(), load.rowsRead(), load.rowsAccepted(), load.rowsQuarantined(), run.runId(),
                    run.startedAtTimestamp(), areas), entry));
            awaitIngestionLog().add(entry);
        }
    }
}
