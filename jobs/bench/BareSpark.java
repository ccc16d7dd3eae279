import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.ConfigLoader;
import fi.tilannekuva.job.SparkSessions;
import fi.tilannekuva.source.DelimitedFileReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.input_file_name;

/**
 * The benchmark's floor under a refresh: what the decided stack alone costs for the same input, with none of the
 * refresh's own work. Every group of input files (a folder's files whose names differ only in their numbers) is read
 * by Spark's own CSV or JSON reader (text as UTF-8, no line numbers), written to a Delta bronze table with the file's
 * name and the load time, read back and written unchanged to a Delta silver table (both without Delta's statistics, as
 * the refresh's source tables), as many groups at a time as the refresh loads sources; then 13 gold tables of 240
 * rows are written from rows made in Java. The session is the launcher's (its conf and factory). No typing, rules,
 * quarantine, keys, area mapping, checks, run log or figures. Run by jobs/benchmark floor with the project's jar and
 * libraries on the class path: java -cp ... BareSpark INPUT WAREHOUSE.
 */
public final class BareSpark {

    /** The gold tables a refresh of the sample writes. */
    private static final int GOLD_TABLES = 13;

    private BareSpark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java BareSpark INPUT WAREHOUSE");
            System.exit(2);
        }
        Path input = Path.of(args[0]);
        String warehouse = args[1];
        long start = System.nanoTime();
        Map<String, List<Path>> groups = groups(input);
        long bytes = 0;
        for (List<Path> files : groups.values()) {
            for (Path f : files) {
                bytes += Files.size(f);
            }
        }
        // The launcher's session: the packaged conf/application.conf and the same factory, so every Spark and Delta
        // setting (the local file system without chmod, pages, Delta's log) is the refresh's own.
        AppConfig config = ConfigLoader.load(null).withPaths(null, Path.of(warehouse));
        SparkSession spark = SparkSessions.create(config, Path.of(warehouse, "_scratch"));
        // As the refresh chooses for a stage (tilannekuva.spark.compiled-from): small input, queries interpreted.
        boolean compiled = bytes >= config.spark().compiledFromBytes();
        spark.conf().set("spark.sql.codegen.wholeStage", compiled);
        spark.conf().set("spark.sql.codegen.factoryMode", compiled ? "FALLBACK" : "NO_CODEGEN");
        spark.sparkContext().setLogLevel("ERROR");
        long session = System.nanoTime();
        // Daemon threads: a failure in one group ends the process instead of waiting for the others.
        ExecutorService pool = Executors.newFixedThreadPool(config.spark().parallelSources(), r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> loads = new ArrayList<>();
        for (Map.Entry<String, List<Path>> g : groups.entrySet()) {
            loads.add(pool.submit(() -> {
                load(spark, warehouse, g.getKey(), g.getValue());
                return null;
            }));
        }
        for (Future<?> f : loads) {
            f.get();
        }
        long loaded = System.nanoTime();
        StructType schema = new StructType().add("area", "string").add("measure", "string").add("value", "double");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            rows.add(RowFactory.create("area" + (i % 24), "measure" + (i / 24), i * 1.5));
        }
        List<Future<?>> gold = new ArrayList<>();
        for (int t = 0; t < GOLD_TABLES; t++) {
            String table = warehouse + "/gold/table" + t;
            gold.add(pool.submit(() -> {
                spark.createDataFrame(rows, schema).write().format("delta").mode("overwrite").save(table);
                return null;
            }));
        }
        for (Future<?> f : gold) {
            f.get();
        }
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "bare spark: %d file groups (%.1f MiB), queries %s: session %.1f s, bronze and "
                        + "silver %.1f s, gold %.1f s, in all %.1f s%n", groups.size(), bytes / 1048576.0,
                compiled ? "compiled" : "interpreted", seconds(start, session), seconds(session, loaded),
                seconds(loaded, end), seconds(start, end));
        spark.stop();
    }

    /** The input's files by folder and name with every run of two or more digits as N (avohilmo_N_toimenpide.csv). */
    private static Map<String, List<Path>> groups(Path input) throws IOException {
        try (Stream<Path> s = Files.walk(input)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".csv") || n.endsWith(".json");
                    })
                    .sorted()
                    .collect(Collectors.groupingBy(p -> input.relativize(p).toString().replaceAll("[0-9]{2,}", "N")
                                    .replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT),
                            TreeMap::new, Collectors.toList()));
        }
    }

    private static void load(SparkSession spark, String warehouse, String table, List<Path> files) throws IOException {
        String[] paths = files.stream().map(Path::toString).toArray(String[]::new);
        Dataset<Row> raw;
        if (paths[0].endsWith(".json")) {
            raw = spark.read().option("multiLine", "true").json(paths);
        } else {
            String header;
            try (Stream<String> lines = Files.lines(files.get(0), StandardCharsets.ISO_8859_1)) {
                header = lines.findFirst().orElse("");
            }
            raw = spark.read().option("sep", header.contains(";") ? ";" : ",").option("header", "true").csv(paths);
        }
        // Named as the refresh names a header's columns (characters Delta refuses become underscores).
        for (String c : raw.columns()) {
            raw = raw.withColumnRenamed(c, DelimitedFileReader.columnName(c));
        }
        raw.withColumn("_source_file", input_file_name()).withColumn("_loaded_at", current_timestamp())
                .write().format("delta").option("delta.dataSkippingNumIndexedCols", "0").mode("append")
                .save(warehouse + "/bronze/" + table);
        spark.read().format("delta").load(warehouse + "/bronze/" + table)
                .write().format("delta").option("delta.dataSkippingNumIndexedCols", "0").mode("append")
                .save(warehouse + "/silver/" + table);
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
