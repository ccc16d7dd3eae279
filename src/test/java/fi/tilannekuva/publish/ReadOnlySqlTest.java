package fi.tilannekuva.publish;

import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The SQL guard's plan check on the test session's analysed plans, without a server: a few views of database
 * tilannekuva over a table of another database, read the ways BI tools and the notebooks read them.
 */
class ReadOnlySqlTest {

    private static SparkSession spark;

    @BeforeAll
    static void views() {
        spark = TestSpark.session();
        spark.sql("CREATE DATABASE IF NOT EXISTS guard_tables");
        spark.sql("CREATE DATABASE IF NOT EXISTS " + SqlViews.DATABASE);
        spark.sql("DROP TABLE IF EXISTS guard_tables.years");
        spark.sql("CREATE TABLE guard_tables.years USING parquet AS SELECT id AS year FROM range(3)");
        spark.sql("CREATE OR REPLACE VIEW " + SqlViews.DATABASE + ".guard_years AS SELECT * FROM guard_tables.years");
    }

    private static void check(String sql) {
        ReadOnlySql.check(spark.sql(sql).queryExecution().analyzed(), "default");
    }

    @Test
    void aViewReadInASubqueryIsAllowed() {
        String view = SqlViews.DATABASE + ".guard_years";
        assertDoesNotThrow(() -> check("SELECT * FROM " + view + " WHERE year = (SELECT max(year) FROM " + view + ")"));
        assertDoesNotThrow(() -> check("SELECT * FROM " + view + " WHERE year IN (SELECT year FROM " + view + ")"));
        assertDoesNotThrow(() -> check("SELECT * FROM " + view + " v WHERE EXISTS (SELECT 1 FROM " + view
                + " w WHERE w.year = v.year)"));
    }

    @Test
    void theTableBehindTheViewIsRefused() {
        assertThrows(UnsupportedOperationException.class, () -> check("SELECT * FROM guard_tables.years"));
        String view = SqlViews.DATABASE + ".guard_years";
        assertThrows(UnsupportedOperationException.class,
                () -> check("SELECT * FROM " + view + " WHERE year = (SELECT max(year) FROM guard_tables.years)"));
    }
}
