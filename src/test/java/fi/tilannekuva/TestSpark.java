package fi.tilannekuva;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import fi.tilannekuva.config.ConfigLoader;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one SparkSession of the test JVM (local[2], two shuffle partitions, no UI, Delta enabled), made through
 * spark-testing-base so its DataFrame assertions work on it. Started on first use and never stopped by a test
 * class: starting Spark and Delta costs seconds, so every class shares it; the JVM's exit stops it.
 */
public final class TestSpark extends JavaDataFrameSuiteBase {

    private static TestSpark instance;

    private TestSpark() {
    }

    public static synchronized TestSpark get() {
        if (instance == null) {
            TestSpark t = new TestSpark();
            t.runBefore();
            instance = t;
        }
        return instance;
    }

    /** A DataFrame of {@code rows} in a schema written as DDL, e.g. {@code "area_code STRING, population BIGINT"}. */
    public static Dataset<Row> frame(String ddl, Row... rows) {
        return session().createDataFrame(List.of(rows), StructType.fromDDL(ddl));
    }

    public static SparkSession session() {
        return get().spark();
    }

    /** The Delta table properties of the table at {@code location}, by name. */
    public static Map<String, String> tableProperties(String location) {
        Map<String, String> out = new TreeMap<>();
        session().sql("SHOW TBLPROPERTIES delta.`" + location + "`").collectAsList()
                .forEach(r -> out.put(r.getString(0), r.getString(1)));
        return out;
    }

    /** The build directory of this project, for test warehouses and temporary inputs. */
    public static Path target() {
        return TestPaths.project().resolve("target");
    }

    @Override
    public SparkConf conf() {
        SparkConf conf = new SparkConf();
        // The product's settings first (conf/application.conf), so the tests run Spark and Delta as a refresh does;
        // then what a shared test JVM needs.
        ConfigLoader.load(null).spark().settings().forEach(conf::set);
        return conf
                .setMaster("local[2]")
                .setAppName("tilannekuva-tests")
                .set("spark.sql.shuffle.partitions", "2")
                .set("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
                .set("spark.default.parallelism", "2")
                .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .set("spark.sql.legacy.timeParserPolicy", "CORRECTED")
                .set("spark.databricks.delta.snapshotPartitions", "1")
                .set("spark.sql.warehouse.dir", target().resolve("test-spark-warehouse").toString())
                .set("spark.local.dir", target().resolve("tmp").toString())
                .set("spark.driver.host", "127.0.0.1");
    }

    @Override
    public boolean enableHiveSupport() {
        return false;
    }

    /** Rows equal in any order (spark-testing-base). */
    public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
        get().assertDataFrameNoOrderEquals(expected, actual);
    }
}
