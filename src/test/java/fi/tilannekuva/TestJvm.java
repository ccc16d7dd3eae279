package fi.tilannekuva;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command line of the project's CLI in a JVM of its own (compiled classes and the runtime classpath). */
public final class TestJvm {

    private TestJvm() {
    }

    /**
     * The JVM's quick compiler alone, with room for its code: the flags the launcher starts a refresh with (the pom's
     * {@code jvm.quick.compiler}, passed to the test JVMs).
     */
    public static final String QUICK_COMPILER = System.getProperty("jvm.quick.compiler");

    /**
     * {@code java ... fi.tilannekuva.job.Main args}, with the launcher's collector, its quick compiler, Spark's Java
     * 17 flags and scratch files under target/. The quick compiler serves every JVM a test starts: a refresh of a few
     * files, as the launcher starts it, or a SQL server answering a dozen queries for a minute (there it starts in
     * 22 s instead of 26-27 s; the launcher keeps both compilers for a server, which runs for days).
     */
    public static List<String> command(String heap, Path derbyHome, String... args) {
        Path project = TestPaths.project();
        String classpath;
        try {
            classpath = project.resolve("target/classes") + ":"
                    + Files.readString(project.resolve("target/runtime.classpath"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("mvn generate-test-resources writes target/runtime.classpath", e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx" + heap);
        cmd.add(System.getProperty("jvm.collector"));
        cmd.addAll(Arrays.asList(QUICK_COMPILER.split(" ")));
        cmd.addAll(Arrays.asList(System.getProperty("spark.java17.flags").trim().split("\\s+")));
        cmd.add("-Djava.io.tmpdir=" + project.resolve("target/tmp"));
        cmd.add("-Dderby.system.home=" + derbyHome);
        cmd.addAll(List.of("-cp", classpath, "fi.tilannekuva.job.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
