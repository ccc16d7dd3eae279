package fi.tilannekuva;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code tilannekuva serve-sql} in a JVM of its own on a free loopback port, and JDBC connections to it through the
 * standalone Hive JDBC driver loaded in a class loader of its own, as a BI tool holds it. Stopped by its process id.
 */
public final class SqlServerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;
    private final URLClassLoader driverLoader;
    private final Driver driver;

    private SqlServerProcess(Process process, Path log, int port) throws ReflectiveOperationException {
        this.process = process;
        this.log = log;
        this.port = port;
        Path jar = TestPaths.project().resolve("target/jdbc/hive-jdbc-standalone.jar");
        try {
            driverLoader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        driver = (Driver) Class.forName("org.apache.hive.jdbc.HiveDriver", true, driverLoader)
                .getDeclaredConstructor().newInstance();
    }

    /** Starts serve-sql over {@code warehouse}; returns once it listens. */
    public static SqlServerProcess start(Path warehouse, Path dir) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> cmd = TestJvm.command("2g", dir, "serve-sql", "--port", String.valueOf(port),
                "--warehouse", warehouse.toString(),
                "--conf-file", TestPaths.project().resolve("src/test/resources/test.conf").toString());
        Path log = dir.resolve("serve-sql.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        SqlServerProcess server = new SqlServerProcess(pb.start(), log, port);
        server.awaitListening(Duration.ofMinutes(3));
        return server;
    }

    public String url() {
        return "jdbc:hive2://127.0.0.1:" + port + "/tilannekuva";
    }

    public Connection connect() throws SQLException {
        return connect("");
    }

    /** A connection with {@code suffix} after the URL, e.g. {@code ?key=value} settings a client sends. */
    public Connection connect(String suffix) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "analyst");
        Connection c = driver.connect(url() + suffix, p);
        if (c == null) {
            throw new SQLException("the driver did not accept " + url());
        }
        return c;
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Stops the server with SIGTERM by its process id, as an operator would, and waits for it to end. */
    @Override
    public void close() throws Exception {
        ProcessHandle h = process.toHandle();
        List<ProcessHandle> children = h.descendants().toList();
        h.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            h.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
        driverLoader.close();
    }

    private void awaitListening(Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new AssertionError("serve-sql ended with " + process.exitValue() + ":\n" + log());
            }
            if (Files.exists(log) && log().contains("listening on jdbc:hive2://")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("serve-sql did not listen within " + timeout + ":\n" + log());
    }
}
