package fi.tilannekuva.job;

import fi.tilannekuva.StandaloneCluster;
import fi.tilannekuva.TestCli;
import fi.tilannekuva.TestJvm;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spark-submit jar on a real Spark standalone cluster (master and worker on 127.0.0.1, started from the Maven
 * classpath): the sample's visits refreshed through {@code SparkSubmit} with the jar on {@code spark.jars} give the
 * same gold tables as the same refresh run locally; master, worker and executors are stopped by process id.
 */
@Tag("slow")
class StandaloneClusterIT {

    private static final String QUARTER = "2025Q4";
    /** Columns that say which run wrote a row or when, not what the figures are. */
    private static final List<String> RUN_COLUMNS = List.of("run_id");
    /** Tables about the runs themselves (timings, input paths), not about the data. */
    private static final List<String> RUN_TABLES = List.of("runs");

    @Test
    void clusterRefreshWritesTheSameGoldAsALocalOne() throws Exception {
        Path project = TestPaths.project();
        Path jar = project.resolve("target/tilannekuva-cluster.jar");
        assertTrue(Files.isRegularFile(jar), "mvn package makes " + jar);
        Path root = TestSpark.target().resolve("cluster-it");
        TestPaths.deleteRecursively(root);
        Path input = TestPaths.visitsOnlySample(root.resolve("input"));
        Path clusterWarehouse = root.resolve("warehouse-cluster");
        Path localWarehouse = root.resolve("warehouse-local");
        String conf = project.resolve("src/test/resources/test.conf").toString();
        String flags = System.getProperty("spark.java17.flags");

        // The local refresh runs while the cluster's does: the cluster's four JVMs wait on each other much of the
        // time, and the two refreshes side by side take less time than one after the other.
        CompletableFuture<TestCli.Outcome> localRun = CompletableFuture.supplyAsync(() -> {
            TestSpark.get();
            return TestCli.run(TestCli.withWarehouse(localWarehouse, "refresh", "--quarter", QUARTER,
                    "--input", input.toString()));
        });
        StandaloneCluster cluster = StandaloneCluster.start(root.resolve("cluster"), project.resolve("target/lib"),
                flags, 2, "2g");
        Path submitLog = root.resolve("submit.log");
        int code;
        try {
            code = cluster.run(cluster.javaCommand("2g", "org.apache.spark.deploy.SparkSubmit",
                    "--master", cluster.masterUrl(), "--deploy-mode", "client",
                    "--class", Main.class.getName(), "--name", "tilannekuva-cluster-it",
                    "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2",
                    "--conf", "spark.executor.extraJavaOptions=" + TestJvm.QUICK_COMPILER + " " + flags,
                    "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
                    jar.toString(),
                    "refresh", "--quarter", QUARTER, "--input", input.toString(),
                    "--warehouse", clusterWarehouse.toString(), "--conf-file", conf), submitLog, Duration.ofMinutes(12));
        } finally {
            cluster.close();
        }
        assertTrue(cluster.alive().isEmpty(), "processes left behind: " + cluster.alive());
        String submitted = Files.readString(submitLog, StandardCharsets.UTF_8);
        assertEquals(ExitCode.OK, code, StandaloneCluster.tail(submitLog));
        assertTrue(submitted.contains("tilannekuva refresh " + QUARTER + ": succeeded"), StandaloneCluster.tail(submitLog));
        // The work ran on the worker's executor, which fetched the application jar through spark.jars.
        assertTrue(submitted.contains("Added JAR file:" + jar), StandaloneCluster.tail(submitLog));
        List<Path> executorLogs = executorLogs(cluster.workDir());
        assertFalse(executorLogs.isEmpty(), "no executor ran on the worker");
        String executorLog = Files.readString(executorLogs.get(0), StandardCharsets.UTF_8);
        assertTrue(executorLog.contains("Fetching spark://") && executorLog.contains("tilannekuva-cluster.jar"),
                "the executor did not fetch the application jar:\n" + executorLog);
        assertTrue(executorLog.contains("Finished task"), "the executor ran no task");

        TestCli.Outcome local = localRun.get(12, TimeUnit.MINUTES);
        assertEquals(ExitCode.OK, local.code(), local.err());

        Warehouse onCluster = new Warehouse(TestSpark.session(), clusterWarehouse);
        Warehouse locally = new Warehouse(TestSpark.session(), localWarehouse);
        List<String> tables = locally.tables(Layer.GOLD);
        assertTrue(tables.containsAll(List.of("comparison", "situational_picture", "run_files", "checks", "areas")), tables.toString());
        assertEquals(tables, onCluster.tables(Layer.GOLD));
        List<String> different = new ArrayList<>();
        for (String t : tables) {
            if (RUN_TABLES.contains(t)) {
                continue;
            }
            Dataset<Row> a = comparable(locally.read(Layer.GOLD, t));
            Dataset<Row> b = comparable(onCluster.read(Layer.GOLD, t));
            List<String> ignored = ignoredColumns(a);
            if (!Warehouse.sameRows(a, b, ignored)) {
                different.add(t);
            }
        }
        assertEquals(List.of(), different, "gold tables that differ between the cluster and the local run");
        // Not vacuously equal: 24 areas (the country included) × 10 OAB measures, one picture row per area.
        assertEquals(240, onCluster.read(Layer.GOLD, "comparison").count());
        assertEquals(24, onCluster.read(Layer.GOLD, "situational_picture").count());
    }

    /** Maps (e.g. failures per rule) cannot be grouped: compared as their entries in key order, as JSON. */
    private static Dataset<Row> comparable(Dataset<Row> rows) {
        for (StructField f : rows.schema().fields()) {
            if (f.dataType() instanceof MapType) {
                rows = rows.withColumn(f.name(), to_json(array_sort(map_entries(col("`" + f.name() + "`")))));
            }
        }
        return rows;
    }

    /** The run's id and the times of the run: everything else must be equal. */
    private static List<String> ignoredColumns(Dataset<Row> rows) {
        List<String> ignored = new ArrayList<>(RUN_COLUMNS);
        Arrays.stream(rows.schema().fields()).filter(f -> f.dataType() instanceof TimestampType)
                .map(StructField::name).forEach(ignored::add);
        return ignored;
    }

    private static List<Path> executorLogs(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(work)) {
            return s.filter(p -> p.getFileName().toString().equals("stderr")).sorted().toList();
        }
    }
}
