package fi.tilannekuva.picture;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.MeasureKinds;
import fi.tilannekuva.gold.GoldStage;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.quality.FileChecks;
import fi.tilannekuva.quality.IngestionLog;
import fi.tilannekuva.source.InputSource;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.SideBySide;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

/**
 * The last part of a refresh: the quarter's {@code freshness}, {@code attention} and {@code situational_picture},
 * assembled from {@code comparison} once every source has written its rows.
 */
public final class PictureRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(PictureRefresh.class);

    private final GoldStage stage;
    private final Warehouse warehouse;
    private final AppConfig config;

    public PictureRefresh(GoldStage stage) {
        this.stage = stage;
        this.warehouse = stage.warehouse;
        this.config = stage.config;
    }

    /**
     * @param checks    the checks this run recorded (every file's and every coverage rule's)
     * @param ingestion the ingestion log with this run's loads: when each silver table's files were loaded, and their
     *                  areas
     */
    public void run(Quarter quarter, List<FileChecks.Result> checks, IngestionLog ingestion) {
        // The whole table, in the driver (tens of thousands of rows after decades): the cells with data and the rows
        // shown are both taken from it.
        Optional<Dataset<Row>> table = stage.comparisonNow();
        if (table.isEmpty()) {
            stage.warn(LOG, "no comparison rows at all: no situational picture for " + quarter);
            return;
        }
        Dataset<Row> comparison = table.get();
        String runId = stage.run.runId();
        Slice slice = Slice.where("quarter", quarter.toString());
        List<String> areaCodes = config.catalogue().areas().stream().map(Area::code).toList();
        // What the picture needs of the whole table: which cells have data in which periods; the figures are worked out
        // from it in plain Java.
        List<Row> cells = comparison.select("measure_id", "area_code", "period", "source", "value",
                "standardised_value", "numerator", "suppressed").collectAsList();
        List<Row> freshness = Freshness.compute(cells, config.catalogue().measures(), areaCodes, quarter,
                loads(areaCodes, ingestion), checkWarnings(checks), runId);

        Map<String, MeasureKinds.UpdateCycle> cycleOf = new HashMap<>();
        config.catalogue().measures().forEach(m -> cycleOf.putIfAbsent(m.id(), m.updateCycle()));
        Set<String> standardised = config.catalogue().measures().stream()
                .filter(m -> m.method() == MeasureKinds.Method.STANDARDISED_RATE).map(AppConfig.Measure::id)
                .collect(Collectors.toSet());
        // The rows the picture shows, chosen once for the attention list and the picture.
        List<Row> chosen = comparison.where(SituationalPicture.shown(
                SituationalPicture.chosenPeriods(cycleOf, standardised, cells, quarter))).collectAsList();
        List<Row> attention = SituationalPicture.attention(chosen, config.catalogue().measures(), quarter, runId);
        List<AppConfig.Measure> headline = SituationalPicture.headline(config.catalogue().measures());
        List<Row> picture = SituationalPicture.compute(chosen, config.catalogue().areas(), freshness, attention,
                headline, quarter, runId);
        // Three tables of the same rows, each its own commit: side by side, as each is mostly the driver's work on
        // one table's Delta log, at the end of the refresh where nothing else runs.
        try (SideBySide writes = new SideBySide("picture", 3)) {
            writes.start(() -> stage.write(Freshness.TABLE, Freshness.TABLE,
                    Freshness.SCHEMA.frame(stage.spark, freshness), slice));
            writes.start(() -> stage.write(SituationalPicture.ATTENTION, SituationalPicture.ATTENTION,
                    SituationalPicture.ATTENTION_SCHEMA.frame(stage.spark, attention), slice));
            writes.start(() -> stage.write(SituationalPicture.TABLE, SituationalPicture.TABLE,
                    SituationalPicture.schema(headline).frame(stage.spark, picture), slice));
            writes.await();
        }
        long stale = freshness.stream()
                .filter(r -> Boolean.TRUE.equals(r.getAs("stale")) && Area.COUNTRY.equals(r.getAs("area_code"))).count();
        if (stale > 0) {
            stage.warn(LOG, stale + " measure(s) of " + quarter + " have no national figure within their freshness limit (see freshness)");
        }
    }

    /**
     * The run's warned checks per measure source (a source's silver tables summed), from the checks it recorded in
     * {@code checks} before the gold stage.
     */
    private static Map<String, Long> checkWarnings(List<FileChecks.Result> checks) {
        Map<String, Long> bySource = new TreeMap<>();
        checks.stream().filter(r -> r.status() == FileChecks.Status.WARNED).forEach(r ->
                PictureSources.SOURCES.forEach(source -> {
                    if (source.silverTables().contains(r.source())) {
                        bySource.merge(source.name(), 1L, Long::sum);
                    }
                }));
        return bySource;
    }

    /** A silver table of a measure source: its rows, and whether they carry an area. */
    record SilverTable(String source, Dataset<Row> rows, boolean hasArea) {
    }

    /**
     * The latest loads of every measure source's silver tables: from the ingestion log ({@link #loggedLoads}), which
     * says when each file was loaded and which areas its rows have; from the table's rows ({@link #latestLoads}) for a
     * table the log cannot answer for — one with rows but no entry, or with entries logged before the log kept areas.
     */
    private List<Freshness.Load> loads(List<String> areaCodes, IngestionLog ingestion) {
        Map<String, List<IngestionLog.Entry>> entries = ingestion.entries().stream()
                .collect(Collectors.groupingBy(IngestionLog.Entry::source));
        List<Freshness.Load> loads = new ArrayList<>();
        List<SilverTable> unlogged = new ArrayList<>();
        for (PictureSources.Source source : PictureSources.SOURCES) {
            for (String t : source.silverTables()) {
                warehouse.readIfExists(Layer.SILVER, t).ifPresent(rows -> {
                    boolean hasArea = Arrays.asList(rows.columns()).contains(InputSource.AREA_COLUMN);
                    Optional<List<Freshness.Load>> logged = loggedLoads(source.name(),
                            entries.getOrDefault(t, List.of()), hasArea, areaCodes);
                    logged.ifPresentOrElse(loads::addAll,
                            () -> unlogged.add(new SilverTable(source.name(), rows, hasArea)));
                });
            }
        }
        loads.addAll(latestLoads(unlogged, areaCodes));
        return loads;
    }

    /**
     * The latest loads of one silver table of {@code source}, from its ingestion log {@code entries}: what
     * {@link #latestLoads} finds in its rows, without reading them. A file's rows are replaced when a file of the same
     * name is loaded again, so only each name's latest entry has rows in the table, and only if it accepted any. Its
     * rows carry the time their content was first loaded: a file evaluated again (its source is checked against one
     * that changed) is logged again but keeps its bronze rows, and their time. Empty when the log cannot tell: no
     * entry (rows written some other way), or a file of a table with areas logged without them. Rows of a run killed
     * before its log was written, and never loaded again, are not seen here.
     */
    static Optional<List<Freshness.Load>> loggedLoads(String source, List<IngestionLog.Entry> entries, boolean hasArea,
                                                      List<String> areaCodes) {
        Map<String, IngestionLog.Entry> latestPerFile = new HashMap<>();
        Map<String, Timestamp> firstOfContent = new HashMap<>();
        for (IngestionLog.Entry e : entries) {
            latestPerFile.merge(e.file(), e, (a, b) -> b.loadedAt().after(a.loadedAt()) ? b : a);
            firstOfContent.merge(e.sha256(), e.loadedAt(), (a, b) -> b.before(a) ? b : a);
        }
        if (latestPerFile.isEmpty() || hasArea && latestPerFile.values().stream().anyMatch(e -> e.areas() == null)) {
            return Optional.empty();
        }
        Set<String> configured = new HashSet<>(areaCodes);
        Timestamp newest = null;
        Map<String, Timestamp> byArea = new TreeMap<>();
        for (IngestionLog.Entry e : latestPerFile.values()) {
            if (e.rowsAccepted() == 0) {
                continue;
            }
            Timestamp rowsLoadedAt = firstOfContent.get(e.sha256());
            newest = newest == null ? rowsLoadedAt : later(newest, rowsLoadedAt);
            if (hasArea) {
                e.areas().stream().filter(configured::contains)
                        .forEach(a -> byArea.merge(a, rowsLoadedAt, PictureRefresh::later));
            }
        }
        List<Freshness.Load> loads = new ArrayList<>();
        if (newest != null) {
            loads.add(new Freshness.Load(source, null, newest));
        }
        byArea.forEach((area, at) -> loads.add(new Freshness.Load(source, area, at)));
        return Optional.of(loads);
    }

    private static Timestamp later(Timestamp a, Timestamp b) {
        return b.after(a) ? b : a;
    }

    /**
     * The latest load time per source and area of {@code areaCodes}, and over the whole source (area null). A file's
     * rows are loaded together and share one load time, so an area with rows in a table's newest load has that load
     * as its latest: only the areas the newest load lacks are looked for among older rows. The rows of the newest
     * load are found by their load time (Parquet skips the row groups of other loads by their minimum and maximum),
     * and the lacking areas by their codes (skipped by the row groups' dictionaries): with years of history, not
     * every row's area is read and hashed.
     */
    static List<Freshness.Load> latestLoads(List<SilverTable> tables, List<String> areaCodes) {
        if (tables.isEmpty()) {
            return List.of();
        }
        List<Timestamp> newest = new ArrayList<>(Collections.nCopies(tables.size(), null));
        union(tables, (i, t) -> Optional.of(t.rows().agg(max("loaded_at"))))
                .forEach(r -> newest.set(r.getInt(0), r.isNullAt(1) ? null : r.getTimestamp(1)));
        List<Freshness.Load> loads = new ArrayList<>();
        List<Set<String>> inNewest = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            loads.add(new Freshness.Load(tables.get(i).source(), null, newest.get(i)));
            inNewest.add(new HashSet<>());
        }
        union(tables, (i, t) -> t.hasArea() && newest.get(i) != null
                ? Optional.of(t.rows().where(col("loaded_at").equalTo(lit(newest.get(i))))
                        .where(col("area_code").isin(areaCodes.toArray())).select("area_code").distinct())
                : Optional.empty())
                .forEach(r -> {
                    int i = r.getInt(0);
                    inNewest.get(i).add(r.getString(1));
                    loads.add(new Freshness.Load(tables.get(i).source(), r.getString(1), newest.get(i)));
                });
        union(tables, (i, t) -> {
            List<String> lacking = areaCodes.stream().filter(a -> !inNewest.get(i).contains(a)).toList();
            return t.hasArea() && newest.get(i) != null && !lacking.isEmpty()
                    ? Optional.of(t.rows().where(col("area_code").isin(lacking.toArray()))
                            .groupBy("area_code").agg(max("loaded_at")))
                    : Optional.empty();
        }).forEach(r -> loads.add(new Freshness.Load(tables.get(r.getInt(0)).source(), r.getString(1),
                r.getTimestamp(2))));
        return loads;
    }

    /** One Spark job for a query over each table (those it has one for), its rows led by the table's index. */
    private static List<Row> union(List<SilverTable> tables,
                                   BiFunction<Integer, SilverTable, Optional<Dataset<Row>>> query) {
        List<Dataset<Row>> parts = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            int index = i;
            query.apply(i, tables.get(i)).ifPresent(q -> parts.add(q.select(lit(index).as("_table"), col("*"))));
        }
        return parts.isEmpty() ? List.of() : parts.stream().reduce(Dataset::union).orElseThrow().collectAsList();
    }
}
