package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/** Builds the one SparkSession of a job run: Delta enabled, settings from {@code conf/}, temporary files kept under the warehouse. */
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

        private Run(SparkSession spark, boolean owned) {
            this.spark = spark;
            this.owned = owned;
        }

        public SparkSession spark() {
            return spark;
        }

        @Override
        public void close() {
            if (owned) {
                spark.stop();
            }
        }
    }

    public static Run start(AppConfig config) {
        boolean existed = SparkSession.getDefaultSession().isDefined();
        return new Run(create(config), !existed);
    }

    public static SparkSession create(AppConfig config) {
        AppConfig.SparkSettings s = config.spark();
        SparkSession.Builder b = SparkSession.builder().appName(s.appName());
        // spark-submit passes its master as spark.master; the configured master is only the local default.
        if (!new SparkConf().contains("spark.master")) {
            b.master(s.master());
        }
        Path warehouse = config.warehouse().toAbsolutePath().normalize();
        b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.warehouse.dir", warehouse.resolve("spark-warehouse").toString())
                .config("spark.local.dir", warehouse.resolve("_tmp").toString())
                .config("spark.sql.legacy.timeParserPolicy", "CORRECTED");
        s.settings().forEach(b::config);
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
