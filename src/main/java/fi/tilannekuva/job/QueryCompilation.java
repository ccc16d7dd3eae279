package fi.tilannekuva.job;

import org.apache.spark.sql.SparkSession;

/**
 * Whether a stage's Spark queries run as generated code or interpreted, chosen by how much data the stage reads:
 * generating and compiling code costs tens of milliseconds per query, which pays for itself on millions of rows and
 * is most of the time of a query over thousands. Set on the session before the stage, so a cluster run takes the
 * same path.
 */
final class QueryCompilation {

    private static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
    private static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

    private QueryCompilation() {
    }

    /** Whether {@code bytes} of data are worth compiling for, with the configured threshold {@code compiledFrom}. */
    static boolean compiled(long bytes, long compiledFrom) {
        return bytes >= compiledFrom;
    }

    /** Sets the session's code generation for a stage that reads {@code bytes}; returns whether it compiles. */
    static boolean forStage(SparkSession spark, long bytes, long compiledFrom) {
        boolean compiled = compiled(bytes, compiledFrom);
        spark.conf().set(WHOLE_STAGE, compiled);
        // FALLBACK is Spark's default: generated code, interpreted when it cannot be compiled.
        spark.conf().set(FACTORY_MODE, compiled ? "FALLBACK" : "NO_CODEGEN");
        return compiled;
    }
}
