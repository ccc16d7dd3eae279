package fi.tilannekuva.publish;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UserDefinedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.execution.command.DescribeColumnCommand;
import org.apache.spark.sql.execution.command.DescribeTableCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.command.ShowColumnsCommand;
import org.apache.spark.sql.execution.command.ShowCreateTableCommand;
import org.apache.spark.sql.execution.command.ShowTablePropertiesCommand;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SQL endpoint's guard ({@code spark.sql.extensions}): an allow-list. A client's statement runs only when its
 * analysed plan is made of read-only relational operators over the views of database {@value SqlViews#DATABASE},
 * or is one of the harmless commands (SHOW, DESCRIBE of those views, USE, SET of a client key); everything else —
 * writes, script transformation, user-defined and reflective functions, file functions, Delta history, any table
 * outside the views — is refused before it runs, as is every statement of a session that changed a setting the
 * server fixes (SQL on file paths, the catalogs).
 */
public final class ReadOnlySql extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    /** Relational operators that only read what is below them. Matched by class, in package catalyst.plans.logical. */
    private static final Set<String> READING_OPERATORS = Set.of(
            "Project", "Filter", "Aggregate", "Join", "Window", "Sort", "GlobalLimit", "LocalLimit", "Offset", "Tail",
            "Union", "Expand", "Distinct", "Deduplicate", "Intersect", "Except", "SubqueryAlias", "View", "WithCTE",
            "CTERelationDef", "CTERelationRef", "Generate", "ResolvedHint", "Sample", "LocalRelation",
            "OneRowRelation", "Repartition", "RepartitionByExpression", "RebalancePartitions");
    private static final String LOGICAL = "org.apache.spark.sql.catalyst.plans.logical.";

    /** Where a view's rows come from: allowed only inside a view of the endpoint's database. */
    private static final Set<String> TABLE_READS = Set.of(
            "org.apache.spark.sql.execution.datasources.LogicalRelation",
            "org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation",
            "org.apache.spark.sql.catalyst.catalog.HiveTableRelation");

    /** Commands that only list what exists or what a session is set to; none reads a row or a file. */
    private static final Set<String> LISTING_COMMANDS = Set.of(
            "ShowTablesCommand", "ShowTables", "ShowTablesExtended", "ShowViewsCommand", "ShowViews",
            "ShowNamespacesCommand", "ShowNamespaces", "ShowFunctionsCommand", "ShowFunctions",
            "ShowCurrentNamespaceCommand", "ShowCurrentNamespace", "ShowCatalogsCommand", "ShowCatalogs",
            "DescribeDatabaseCommand", "DescribeNamespace", "DescribeFunctionCommand", "DescribeFunction",
            "SetCatalogAndNamespace", "SetCatalogCommand", "SetNamespaceCommand");

    /** Generators that only unnest values; anything else (a Hive UDTF) could call out of the engine. */
    private static final Set<String> GENERATORS = Set.of("Explode", "PosExplode", "Inline", "Stack", "JsonTuple");

    /** Functions that tell where the rows were read from, or call any Java method. */
    private static final Set<String> REFUSED_FUNCTIONS = Set.of("CallMethodViaReflection", "InputFileName",
            "InputFileBlockStart", "InputFileBlockLength");

    /** Off on the endpoint: reading files by path would reach silver and bronze, which hold person ids. */
    static final String SQL_ON_FILES = "spark.sql.runSQLOnFiles";
    /** Catalog plugins by class name: another catalog could read what the views do not show. */
    private static final String CATALOGS = "spark.sql.catalog.";
    /** Settings a client may not change: the engine's (spark.*), Hive's and the JVM's. */
    private static final Set<String> FIXED_PREFIXES = Set.of("spark.", "hive", "system:", "env:");

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
                        if (session != server && !internalPlan()) {
                            checkSettings(session, server);
                            check(plan, session.catalog().currentDatabase());
                        }
                        return BoxedUnit.UNIT;
                    }
                };
            }
        });
        return BoxedUnit.UNIT;
    }

    /**
     * Whether the plan being checked is not a client's statement but one Spark or Delta Lake checks on the way: the
     * body of a stored view while the view is resolved (the view itself is checked as part of the client's plan,
     * and clients cannot create views), the one-row plan an encoder binds when results are collected, or a query
     * Delta runs on its transaction log while planning a read. A client's statement is checked when it is analysed,
     * with none of these on the stack below it; SQL text cannot place its plan there, as the commands that would run
     * such code on a client's behalf are refused before they run.
     */
    private static boolean internalPlan() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> {
            String c = f.getClassName();
            return c.startsWith("org.apache.spark.sql.delta.")
                    || c.startsWith("org.apache.spark.sql.catalyst.analysis.Analyzer$ResolveRelations")
                    && f.getMethodName().contains("resolveViews")
                    || c.equals("org.apache.spark.sql.catalyst.encoders.ExpressionEncoder")
                    && f.getMethodName().equals("resolveAndBind");
        }));
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

    /** Throws unless {@code plan} is a read of the endpoint's views or a harmless command; see the class. */
    static void check(LogicalPlan plan, String currentDatabase) {
        if (plan instanceof SetCommand set) {
            checkSet(set);
        } else if (plan instanceof DescribeTableCommand d) {
            checkOwnView(d.table(), currentDatabase);
        } else if (plan instanceof DescribeColumnCommand d) {
            checkOwnView(d.table(), currentDatabase);
        } else if (plan instanceof ShowColumnsCommand s) {
            checkOwnView(s.databaseName().isDefined() ? new TableIdentifier(s.tableName().table(), s.databaseName())
                    : s.tableName(), currentDatabase);
        } else if (plan instanceof ShowCreateTableCommand s) {
            checkOwnView(s.table(), currentDatabase);
        } else if (plan instanceof ShowTablePropertiesCommand s) {
            checkOwnView(s.table(), currentDatabase);
        } else if (!LISTING_COMMANDS.contains(plan.getClass().getSimpleName())) {
            checkQuery(plan, false);
        }
    }

    /** A query: reading operators only, tables only inside the endpoint's views, no refused function. */
    private static void checkQuery(LogicalPlan plan, boolean insideView) {
        String name = plan.getClass().getName();
        boolean inView = insideView;
        if (plan instanceof View view) {
            Option<String> db = view.desc().identifier().database();
            inView = insideView || (db.isDefined() && SqlViews.DATABASE.equals(db.get()));
        } else if (TABLE_READS.contains(name)) {
            if (!insideView) {
                throw new UnsupportedOperationException("tilannekuva: this read-only SQL endpoint reads only the views "
                        + "of database " + SqlViews.DATABASE);
            }
        } else if (!name.startsWith(LOGICAL) || !READING_OPERATORS.contains(plan.getClass().getSimpleName())) {
            throw refused(plan.getClass().getSimpleName());
        }
        if (plan instanceof Generate g && !GENERATORS.contains(g.generator().getClass().getSimpleName())) {
            throw refused("the generator " + g.generator().getClass().getSimpleName());
        }
        boolean children = inView;
        JavaConverters.seqAsJavaList(plan.children()).forEach(c -> checkQuery(c, children));
        JavaConverters.seqAsJavaList(plan.subqueries()).forEach(c -> checkQuery(c, children));
        JavaConverters.seqAsJavaList(plan.expressions()).forEach(ReadOnlySql::checkExpression);
    }

    /** reflect(), java_method(), input_file_name() and user-defined (Hive) functions: not on this endpoint. */
    private static void checkExpression(Expression e) {
        if (e instanceof UserDefinedExpression || REFUSED_FUNCTIONS.contains(e.getClass().getSimpleName())) {
            throw new UnsupportedOperationException("tilannekuva: the function " + e.prettyName()
                    + " is refused on this read-only SQL endpoint");
        }
        JavaConverters.seqAsJavaList(e.children()).forEach(ReadOnlySql::checkExpression);
    }

    private static void checkSet(SetCommand set) {
        Option<Tuple2<String, Option<String>>> kv = set.kv();
        if (kv.isDefined() && kv.get()._2().isDefined()) {
            String key = kv.get()._1().trim();
            String lower = key.toLowerCase(Locale.ROOT);
            if (FIXED_PREFIXES.stream().anyMatch(lower::startsWith)) {
                throw fixed(key);
            }
        }
    }

    private static void checkOwnView(TableIdentifier table, String currentDatabase) {
        String db = table.database().isDefined() ? table.database().get() : currentDatabase;
        if (!SqlViews.DATABASE.equals(db)) {
            throw new UnsupportedOperationException("tilannekuva: this read-only SQL endpoint describes only the "
                    + "views of database " + SqlViews.DATABASE);
        }
    }

    private static UnsupportedOperationException fixed(String setting) {
        return new UnsupportedOperationException("tilannekuva: " + setting + " is fixed on this read-only SQL endpoint");
    }

    private static UnsupportedOperationException refused(String what) {
        return new UnsupportedOperationException("tilannekuva: the SQL endpoint is read-only; " + what
                + " was refused (query the views of database " + SqlViews.DATABASE + ")");
    }
}
