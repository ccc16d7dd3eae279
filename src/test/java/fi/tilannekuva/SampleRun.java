package fi.tilannekuva;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's first command on {@code data-samples/} — refresh 2025Q4 — followed by publish 2025Q4, made once per
 * test JVM under {@code target/e2e/warehouse} through the real command line. The end-to-end test and the tests of
 * what users read (SQL endpoint, exports, report, notebooks) share it; none of them changes its figures.
 */
public final class SampleRun {

    public static final String QUARTER = "2025Q4";
    public static final String RELEASE = QUARTER + "-r1";

    private static SampleRun instance;

    private final Path warehouse;
    private final TestCli.Outcome refresh;
    private final TestCli.Outcome publish;

    private SampleRun(Path warehouse, TestCli.Outcome refresh, TestCli.Outcome publish) {
        this.warehouse = warehouse;
        this.refresh = refresh;
        this.publish = publish;
    }

    public static synchronized SampleRun get() {
        if (instance == null) {
            TestSpark.get();
            Path root = TestSpark.target().resolve("e2e");
            TestPaths.deleteRecursively(root);
            Path warehouse = root.resolve("warehouse");
            TestCli.Outcome refresh = TestCli.run(TestCli.withWarehouse(warehouse, "refresh", "--quarter", QUARTER,
                    "--input", TestPaths.samples().toString()));
            assertEquals(0, refresh.code(), refresh.out() + refresh.err());
            TestCli.Outcome publish = TestCli.run(TestCli.withWarehouse(warehouse, "publish", "--quarter", QUARTER));
            assertEquals(0, publish.code(), publish.out() + publish.err());
            instance = new SampleRun(warehouse, refresh, publish);
        }
        return instance;
    }

    public Path warehouse() {
        return warehouse;
    }

    /** What the refresh and the publish printed, for tests of the outputs. */
    public List<String> outputs() {
        List<String> all = new ArrayList<>();
        for (TestCli.Outcome o : List.of(refresh, publish)) {
            all.add(o.out());
            all.add(o.err());
        }
        return all;
    }

    /** {@code args} against this warehouse, with the test overlay. */
    public String[] with(String... args) {
        return TestCli.withWarehouse(warehouse, args);
    }
}
