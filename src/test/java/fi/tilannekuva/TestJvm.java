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

    /** The JVM's quick compiler alone, with room for its code: the flags the launcher starts a refresh with. */
    public static final String QUICK_COMPILER = "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m";

    /**
     * {@code java ... fi.tilannekuva.job.Main args}, with the launcher's collector (and, for a refresh, its quick
     * compiler), Spark's Java 17 flags and scratch files under target/.
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
        if (args.length > 0 && List.of("refresh", "quarterly-refresh").contains(args[0])) {
            // As the launcher starts a refresh: on the quick compiler alone (the tests' data are small).
            cmd.addAll(Arrays.asList(QUICK_COMPILER.split(" ")));
        }
        cmd.addAll(Arrays.asList(System.getProperty("spark.java17.flags").trim().split("\\s+")));
        cmd.add("-Djava.io.tmpdir=" + project.resolve("target/tmp"));
        cmd.add("-Dderby.system.home=" + derbyHome);
        cmd.addAll(List.of("-cp", classpath, "fi.tilannekuva.job.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
