package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.quality.FileLoad;
import fi.tilannekuva.quality.StageTimes.Stage;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Callable;

/** {@code refresh --quarter Q}: see {@link RefreshJob}. Prints a summary of what went where. */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Load new input files and recompute one quarter's gold tables.")
final class RefreshCommand implements Callable<Integer> {

    @CommandLine.Mixin
    QuarterOption quarter;

    @Option(names = "--load-only", description = "Load new input files into bronze and silver and run the checks, "
            + "but leave the gold tables as they are.")
    boolean loadOnly;

    @Option(names = "--fail-on-unknown-files", description = "Fail (exit 3) when a source folder holds an entry no "
            + "source reads, instead of listing it as ignored.")
    boolean failOnUnknownFiles;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Mixin
    CommonOptions.InputOptions inputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Quarter q = quarter.quarter();
        AppConfig config = common.config(inputs);
        if (failOnUnknownFiles) {
            config = config.withQuality(config.quality().withFailOnUnknownFiles(true));
        }
        RefreshJob.checkInputRoot(config.locations().input());
        JvmCompilers.check(config);
        try (SparkSessions.Run session = SparkSessions.start(config)) {
            SparkSession spark = session.spark();
            RefreshJob.Result r = new RefreshJob(config, spark).run(q, loadOnly);
            print(spec.commandLine().getOut(), r);
            return ExitCode.OK;
        }
    }

    static void print(PrintWriter out, RefreshJob.Result r) {
        double seconds = (System.currentTimeMillis() - r.run().startedAt().toEpochMilli()) / 1000.0;
        out.printf("tilannekuva refresh %s: succeeded in %.1f s (run %s)%n", r.quarter(), seconds, r.run().runId());
        out.println("input files (rows read = accepted + quarantined):");
        for (FileLoad f : r.files()) {
            switch (f.status()) {
                case UNCHANGED -> out.printf("  %-44s unchanged since an earlier run, skipped%n", f.file());
                case IGNORED -> out.printf("  %-44s ignored: %s%n", f.file(), f.note());
                default -> out.printf("  %-44s %9d = %9d + %6d  (%s)%n", f.file(), f.rowsRead(), f.rowsAccepted(),
                        f.rowsQuarantined(), f.note() == null ? f.charset() : f.note());
            }
        }
        if (r.goldUnchangedSince() != null) {
            out.println("gold tables left as they were: the input files, configuration and program are those of run "
                    + r.goldUnchangedSince() + ", the latest");
        } else {
            out.println(r.goldRows().isEmpty() ? "gold tables left as they were (--load-only)"
                    : "gold rows written or confirmed:");
        }
        r.goldRows().forEach((t, n) -> out.printf("  %-26s %d%n", t, n));
        for (String w : r.warnings()) {
            out.println("warning: " + w);
        }
        out.printf("stages: loading %.1f s (read %.1f s, bronze %.1f s, silver %.1f s, summed over the sources loaded side "
                        + "by side), gold %.1f s; heap high-water %d MiB%n", r.times().loadingSeconds(),
                r.times().seconds(Stage.READ), r.times().seconds(Stage.BRONZE), r.times().seconds(Stage.SILVER),
                r.times().seconds(Stage.GOLD), peakHeapMiB());
        out.println("tables: " + r.warehouse() + "/{bronze,silver,gold}/<table> (Delta); quarantine: "
                + r.warehouse() + "/silver/quarantine");
        out.flush();
    }

    static long peakHeapMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }
}
