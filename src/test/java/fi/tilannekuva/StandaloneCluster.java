package fi.tilannekuva;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1 for tests: one master and one worker, each its own JVM, started from
 * a {@code SPARK_HOME} whose {@code jars/} are Spark's jars from the Maven build (what a Spark distribution ships),
 * and stopped by their process ids, executors included.
 */
public final class StandaloneCluster implements AutoCloseable {

    /** Jars of the build's runtime classpath that the application jar brings itself, as on a real cluster. */
    private static final List<String> APPLICATION_JARS = List.of("delta-spark_", "delta-storage-", "config-", "picocli-",
            "poi-", "xmlbeans-", "SparseBitSet-", "curvesapi-");

    private final Path dir;
    private final Path sparkHome;
    private final String java17Flags;
    private final List<Process> daemons = new ArrayList<>();
    private final List<ProcessHandle> seen = new ArrayList<>();
    private int masterPort;
    private int masterWebPort;

    private StandaloneCluster(Path dir, String java17Flags) {
        this.dir = dir;
        this.sparkHome = dir.resolve("spark-home");
        this.java17Flags = java17Flags;
    }

    /**
     * Starts master and worker under {@code dir}, taking Spark's jars from {@code lib} (the build's
     * {@code target/lib}); returns once the worker has registered with the master.
     */
    public static StandaloneCluster start(Path dir, Path lib, String java17Flags, int workerCores, String workerMemory) {
        StandaloneCluster c = new StandaloneCluster(dir, java17Flags);
        try {
            c.linkSparkJars(lib);
            c.masterPort = freePort();
            c.masterWebPort = freePort();
            Process master = c.daemon("master", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(c.masterPort),
                    "--webui-port", String.valueOf(c.masterWebPort));
            c.awaitLog("master", master, "I have been elected leader", Duration.ofSeconds(90));
            Process worker = c.daemon("worker", "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--webui-port", String.valueOf(freePort()),
                    "--cores", String.valueOf(workerCores), "--memory", workerMemory,
                    "--work-dir", dir.resolve("work").toString(), c.masterUrl());
            c.awaitLog("worker", worker, "Successfully registered with master", Duration.ofSeconds(90));
            return c;
        } catch (RuntimeException | IOException e) {
            c.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    public Path sparkHome() {
        return sparkHome;
    }

    /** The worker's directory of executor logs and files, one {@code app-*} folder per application. */
    public Path workDir() {
        return dir.resolve("work");
    }

    /** The classpath of a Spark JVM started from this cluster's {@code SPARK_HOME}. */
    public String sparkClasspath() {
        return sparkHome.resolve("jars").toString() + "/*";
    }

    /** The environment every Spark process of the cluster runs with. */
    public Map<String, String> environment() {
        return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_LOCAL_IP", "127.0.0.1",
                // Spark's launcher looks for build directories to guess the Scala version otherwise.
                "SPARK_SCALA_VERSION", "2.12");
    }

    /**
     * A {@code java} command line with Spark's Java 17 flags, the quick compiler ({@link TestJvm#QUICK_COMPILER}: the
     * cluster's four JVMs — master, worker, driver, executor — share two cores for a minute and a half, where the
     * optimising compiler costs more than it gives) and this cluster's classpath.
     */
    public List<String> javaCommand(String heap, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx" + heap);
        cmd.addAll(Arrays.asList(TestJvm.QUICK_COMPILER.split(" ")));
        cmd.addAll(Arrays.asList(java17Flags.trim().split("\\s+")));
        cmd.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        cmd.add("-cp");
        cmd.add(sparkClasspath());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs a command in the cluster's environment to its end, its output in {@code log}; returns the exit code. */
    public int run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment());
        Process p = pb.start();
        seen.add(p.toHandle());
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            stop(p.toHandle());
            throw new AssertionError("no end after " + timeout + ": " + String.join(" ", command) + "\n" + tail(log));
        }
        return p.exitValue();
    }

    /**
     * Processes of this cluster still alive: those it started or saw as their children, and any other process whose
     * command line names its {@code SPARK_HOME} (every master, worker, executor and driver JVM of it does).
     */
    public List<ProcessHandle> alive() {
        String home = sparkHome.toString();
        return Stream.concat(seen.stream().filter(ProcessHandle::isAlive),
                        ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(home)))
                .distinct().toList();
    }

    /** Stops worker (and its executors) and master by their process ids, and waits for them to end. */
    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            ProcessHandle h = daemons.get(i).toHandle();
            h.descendants().forEach(seen::add);
            stop(h);
        }
        seen.forEach(StandaloneCluster::stop);
    }

    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void stop(ProcessHandle h) {
        h.descendants().forEach(StandaloneCluster::stop);
        if (!h.isAlive()) {
            return;
        }
        h.destroy();
        try {
            h.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
            h.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private Process daemon(String name, String mainClass, String... args) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(javaCommand("512m", mainClass, args))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment());
        Process p = pb.start();
        daemons.add(p);
        seen.add(p.toHandle());
        return p;
    }

    private void awaitLog(String name, Process p, String line, Duration timeout) {
        Path log = dir.resolve(name + ".log");
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!p.isAlive()) {
                throw new AssertionError("the " + name + " ended with " + p.exitValue() + ":\n" + tail(log));
            }
            try {
                if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                    return;
                }
                Thread.sleep(250);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the " + name + " did not log '" + line + "' within " + timeout + ":\n" + tail(log));
    }

    /** {@code SPARK_HOME/jars}: links to the build's copies of Spark and its dependencies, without the application's. */
    private void linkSparkJars(Path lib) throws IOException {
        Path jars = sparkHome.resolve("jars");
        Files.createDirectories(jars);
        try (Stream<Path> s = Files.list(lib)) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).toList()) {
                String name = jar.getFileName().toString();
                if (APPLICATION_JARS.stream().noneMatch(name::startsWith) && !Files.exists(jars.resolve(name))) {
                    Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
