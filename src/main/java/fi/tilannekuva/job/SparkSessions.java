package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.publish.ReadOnlySql;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the one SparkSession of a job run: Delta enabled, settings from {@code conf/}, Spark's scratch files (shuffle
 * and spill files, which hold silver's rows and so person ids) in a folder of the system's temporary directory that
 * is removed when the command ends and, after a killed run, by the next one — never inside the warehouse.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * The session of one command: stopped when the command ends, unless it was already running before the
     * command (an embedding application or the test suite owns it then).
     */
    public static final class Run implements AutoCloseable {
        private final SparkSession spark;
        private final boolean owned;
        private final ScratchFolder scratch;

        private Run(SparkSession spark, boolean owned, ScratchFolder scratch) {
            this.spark = spark;
            this.owned = owned;
            this.scratch = scratch;
        }

        public SparkSession spark() {
            return spark;
        }

        @Override
        public void close() {
            if (owned) {
                try {
                    spark.stop();
                } finally {
                    scratch.delete();
                }
            }
        }
    }

    public static Run start(AppConfig config) {
        boolean existed = SparkSession.getDefaultSession().isDefined();
        ScratchFolder scratch = ScratchFolder.create(config.locations().warehouse());
        return new Run(create(config, false, Map.of(), scratch.path()), !existed, scratch);
    }

    /** A session whose scratch folder the caller owns (see {@link #start} for one that is cleaned up). */
    public static SparkSession create(AppConfig config, Path scratch) {
        return create(config, false, Map.of(), scratch);
    }

    /**
     * The session of the SQL endpoint: Hive support for the Thrift server, an in-memory metastore (the views are
     * registered anew at every start), no SQL on file paths (silver holds person ids), and every client session
     * guarded read-only ({@link ReadOnlySql}); {@code server} are the Thrift server's settings.
     */
    public static SparkSession createForSql(AppConfig config, Map<String, String> server, Path scratch) {
        return create(config, true, server, scratch);
    }

    private static SparkSession create(AppConfig config, boolean sqlEndpoint, Map<String, String> server,
                                       Path scratchRoot) {
        AppConfig.SparkSettings s = config.spark();
        SparkSession.Builder b = SparkSession.builder().appName(s.appName());
        // spark-submit passes its master as spark.master; the configured master is only the local default.
        if (!new SparkConf().contains("spark.master")) {
            b.master(s.master());
        }
        Path warehouse = config.locations().warehouse().toAbsolutePath().normalize();
        b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.warehouse.dir", warehouse.resolve("spark-warehouse").toString())
                .config("spark.local.dir", scratchRoot.resolve("spark").toString())
                .config("spark.sql.legacy.timeParserPolicy", "CORRECTED");
        s.settings().forEach(b::config);
        // Last, so that no configured setting can lift the endpoint's guard.
        if (sqlEndpoint) {
            Path scratch = scratchRoot.resolve("sql");
            try {
                // Hive looks for its session files there when a client disconnects.
                Files.createDirectories(scratch.resolve("local"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + scratch + ": " + e.getMessage(), e);
            }
            b.enableHiveSupport()
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension," + ReadOnlySql.class.getName())
                    .config("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:memory:tilannekuva_metastore;create=true")
                    .config("spark.hadoop.hive.exec.scratchdir", scratch.resolve("scratch").toString())
                    .config("spark.hadoop.hive.exec.local.scratchdir", scratch.resolve("local").toString())
                    .config("spark.hadoop.hive.downloaded.resources.dir", scratch.resolve("resources").toString())
                    .config("spark.hadoop.hive.server2.logging.operation.log.location", scratch.resolve("operations").toString())
                    .config("spark.sql.runSQLOnFiles", "false");
            server.forEach(b::config);
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
