package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/** Builds the one SparkSession of a job run: Delta enabled, settings from {@code conf/}, temporary files kept under the warehouse. */
public final class SparkSessions {

    private SparkSessions() {
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
