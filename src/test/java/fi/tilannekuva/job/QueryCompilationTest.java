package fi.tilannekuva.job;

import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryCompilationTest {

    private static final long MIB_64 = 64L * 1024 * 1024;

    @Test
    void aStageBelowTheThresholdRunsInterpretedAndFromItCompiled() {
        SparkSession spark = TestSpark.session();
        try {
            // 64 MiB - 1 byte: interpreted, no whole-stage code (a plan marks it "*(n)") and no generated expressions.
            assertFalse(QueryCompilation.forStage(spark, MIB_64 - 1, MIB_64));
            assertEquals("false", spark.conf().get("spark.sql.codegen.wholeStage"));
            assertEquals("NO_CODEGEN", spark.conf().get("spark.sql.codegen.factoryMode"));
            assertFalse(spark.range(3).selectExpr("id * 2 AS x").queryExecution().executedPlan().toString()
                    .contains("*("));
            // The same answer either way.
            assertEquals(6L, spark.range(4).selectExpr("sum(id) AS s").first().getLong(0));
            // Exactly 64 MiB: compiled, Spark's defaults.
            assertTrue(QueryCompilation.forStage(spark, MIB_64, MIB_64));
            assertEquals("true", spark.conf().get("spark.sql.codegen.wholeStage"));
            assertEquals("FALLBACK", spark.conf().get("spark.sql.codegen.factoryMode"));
            assertTrue(spark.range(3).selectExpr("id * 2 AS x").queryExecution().executedPlan().toString()
                    .contains("*("));
            // 0 compiles always.
            assertTrue(QueryCompilation.forStage(spark, 0, 0));
        } finally {
            QueryCompilation.forStage(spark, 1, 0);
        }
    }
}
