package fi.tilannekuva.job;

import com.sun.management.HotSpotDiagnosticMXBean;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a refresh may run on the JVM's quick compiler alone, by how much data it reads. The launcher starts a
 * refresh with the quick compiler (C1) alone; one whose input files and silver tables reach
 * {@code tilannekuva.spark.optimising-compiler-from} stops here, before Spark starts, and is started again with the
 * optimising compiler (C2) too.
 */
final class JvmCompilers {

    private static final Logger LOG = LoggerFactory.getLogger(JvmCompilers.class);

    private JvmCompilers() {
    }

    /** A refresh whose data need the optimising compiler, in a JVM without it: exit code {@link ExitCode#RESTART}. */
    static final class OptimisingCompilerNeeded extends RuntimeException {
        OptimisingCompilerNeeded(String message) {
            super(message);
        }
    }

    /**
     * Throws {@link OptimisingCompilerNeeded} when this JVM runs the quick compiler alone and the refresh's data,
     * {@code bytes}, reach {@code optimisingFrom}.
     */
    static void check(boolean quickOnly, long bytes, long optimisingFrom) {
        if (!quickOnly) {
            return;
        }
        if (bytes >= optimisingFrom) {
            throw new OptimisingCompilerNeeded(String.format(Locale.ROOT, "%s of input files and silver tables need "
                    + "the JVM's optimising compiler (from %s, tilannekuva.spark.optimising-compiler-from); this JVM "
                    + "runs the quick one alone: exit %d, for the launcher to start the refresh again with both",
                    mib(bytes), mib(optimisingFrom), ExitCode.RESTART));
        }
        LOG.info("the JVM's quick compiler alone: {} of input files and silver tables, below {}", mib(bytes),
                mib(optimisingFrom));
    }

    /** {@link #check(boolean, long, long)} for this JVM and the data {@code config} names. */
    static void check(AppConfig config) {
        if (quickOnly()) {
            check(true, bytes(config.locations().input(), config.locations().warehouse()),
                    config.spark().optimisingCompilerFromBytes());
        }
    }

    /** What a refresh may read: every file under the input root and the warehouse's silver tables. */
    static long bytes(Path input, Path warehouse) {
        return Warehouse.bytesUnder(input) + Warehouse.bytesUnder(warehouse.resolve(Layer.SILVER.directory()));
    }

    /** Whether this JVM compiles with the quick compiler (C1) alone: tiered compilation stopped below C2's level. */
    static boolean quickOnly() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotSpot == null) {
            return false;
        }
        try {
            return Boolean.parseBoolean(hotSpot.getVMOption("TieredCompilation").getValue())
                    && Integer.parseInt(hotSpot.getVMOption("TieredStopAtLevel").getValue()) < 4;
        } catch (IllegalArgumentException e) {
            // Not HotSpot's options (another JVM): its compilers are its own business.
            return false;
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
