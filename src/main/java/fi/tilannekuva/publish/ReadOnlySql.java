package fi.tilannekuva.publish;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.command.SetCommand;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SQL endpoint's guard ({@code spark.sql.extensions}): every statement a client sends is analysed, and any plan
 * that would change a table, the catalog or the server (INSERT, MERGE, DELETE, CREATE, DROP, VACUUM, CACHE, ADD JAR,
 * ...) is refused before it runs, as is every statement of a session that changed a setting the server fixes (SQL on
 * file paths, the catalogs).
 * Queries, metadata commands and reading settings pass.
 */
public final class ReadOnlySql extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    /** Commands that only read: what BI tools and people send to look around. Matched by class name. */
    private static final Set<String> READING_COMMANDS = Set.of(
            "SetCommand", "ShowTables", "ShowTablesCommand", "ShowTablesExtended", "ShowViews", "ShowViewsCommand",
            "ShowNamespaces", "ShowNamespacesCommand", "ShowColumns", "ShowColumnsCommand", "DescribeRelation",
            "DescribeTableCommand", "DescribeColumn", "DescribeColumnCommand", "DescribeNamespace",
            "DescribeDatabaseCommand", "ShowFunctions", "ShowFunctionsCommand", "DescribeFunction",
            "DescribeFunctionCommand", "ShowCreateTable", "ShowCreateTableCommand", "ShowTableProperties",
            "ShowTablePropertiesCommand", "ShowCurrentNamespace", "ShowCurrentNamespaceCommand", "ShowCatalogs",
            "ShowCatalogsCommand", "SetCatalogAndNamespace", "SetCatalogCommand", "SetNamespaceCommand",
            "ExplainCommand", "DescribeDeltaHistory", "DescribeDeltaHistoryCommand", "DescribeDeltaDetailCommand",
            "DescribeQueryCommand");

    /** Off on the endpoint: reading files by path would reach silver and bronze, which hold person ids. */
    static final String SQL_ON_FILES = "spark.sql.runSQLOnFiles";
    /** Catalog plugins by class name: another catalog could read what the views do not show. */
    private static final String CATALOGS = "spark.sql.catalog.";

    /**
     * The one session not guarded: the server's own, which registers the views. Every client session is another
     * object, whatever settings the client sends (HiveServer2 applies settings from the JDBC URL without SQL).
     */
    private static final AtomicReference<SparkSession> TRUSTED = new AtomicReference<>();

    /** Lets {@code session}, the server's root session, register the views; every other session stays guarded. */
    public static void trust(SparkSession session) {
        TRUSTED.set(session);
    }

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectCheckRule(new AbstractFunction1<SparkSession, scala.Function1<LogicalPlan, BoxedUnit>>() {
            @Override
            public scala.Function1<LogicalPlan, BoxedUnit> apply(SparkSession session) {
                return new AbstractFunction1<LogicalPlan, BoxedUnit>() {
                    @Override
                    public BoxedUnit apply(LogicalPlan plan) {
                        SparkSession server = TRUSTED.get();
                        if (session != server) {
                            checkSettings(session, server);
                            check(plan);
                        }
                        return BoxedUnit.UNIT;
                    }
                };
            }
        });
        return BoxedUnit.UNIT;
    }

    /**
     * Throws when a client session changed a setting the server fixes — SQL on file paths, the catalogs — as a client
     * can through the JDBC URL, without a SET statement.
     */
    static void checkSettings(SparkSession session, SparkSession server) {
        if (!"false".equals(session.conf().get(SQL_ON_FILES, "true"))) {
            throw fixed(SQL_ON_FILES);
        }
        Map<String, String> mine = catalogs(session);
        if (server != null && !mine.equals(catalogs(server))) {
            throw fixed(CATALOGS + "*");
        }
    }

    private static Map<String, String> catalogs(SparkSession session) {
        Map<String, String> c = new TreeMap<>();
        JavaConverters.mapAsJavaMap(session.conf().getAll()).forEach((k, v) -> {
            if (k.startsWith(CATALOGS)) {
                c.put(k, v);
            }
        });
        return c;
    }

    /** Throws when {@code plan}, or any plan inside it, would write. */
    static void check(LogicalPlan plan) {
        String name = plan.getClass().getSimpleName();
        if (plan instanceof Command && !READING_COMMANDS.contains(name)) {
            throw refused(name);
        }
        if (plan instanceof SetCommand set) {
            Option<Tuple2<String, Option<String>>> kv = set.kv();
            if (kv.isDefined() && kv.get()._2().isDefined()) {
                String key = kv.get()._1().trim();
                if (SQL_ON_FILES.equalsIgnoreCase(key) || key.startsWith(CATALOGS)) {
                    throw fixed(key);
                }
            }
        }
        // An EXPLAIN does not run the plan it explains.
        if (!"ExplainCommand".equals(name)) {
            JavaConverters.seqAsJavaList(plan.children()).forEach(ReadOnlySql::check);
            JavaConverters.seqAsJavaList(plan.subqueries()).forEach(ReadOnlySql::check);
            JavaConverters.seqAsJavaList(plan.expressions()).forEach(ReadOnlySql::checkExpression);
        }
    }

    /** reflect() and java_method() call any static Java method with text arguments: not on this endpoint. */
    private static void checkExpression(Expression e) {
        if (e instanceof CallMethodViaReflection) {
            throw new UnsupportedOperationException("tilannekuva: reflect() and java_method() are refused on this "
                    + "read-only SQL endpoint");
        }
        JavaConverters.seqAsJavaList(e.children()).forEach(ReadOnlySql::checkExpression);
    }

    private static UnsupportedOperationException fixed(String setting) {
        return new UnsupportedOperationException("tilannekuva: " + setting + " is fixed on this read-only SQL endpoint");
    }

    private static UnsupportedOperationException refused(String command) {
        return new UnsupportedOperationException("tilannekuva: the SQL endpoint is read-only; " + command
                + " was refused (query the views of database tilannekuva)");
    }
}
