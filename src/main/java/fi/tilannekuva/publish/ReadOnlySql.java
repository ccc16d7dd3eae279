package fi.tilannekuva.publish;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.command.SetCommand;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

import java.util.Locale;
import java.util.Set;

/**
 * The SQL endpoint's guard ({@code spark.sql.extensions}): every statement a client sends is analysed, and any plan
 * that would change a table, the catalog or the server (INSERT, MERGE, DELETE, CREATE, DROP, VACUUM, CACHE, ADD JAR,
 * ...) is refused before it runs. Queries, metadata commands and reading settings pass.
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

    /**
     * Sessions with this setting true are guarded. The server's client sessions take it from the SparkConf; the
     * root session that registers the views turns it off for itself first.
     */
    public static final String GUARDED = "spark.tilannekuva.sql.readOnly";

    /** Settings a client may not change: reading files by path would reach silver, which holds person ids. */
    private static final Set<String> FIXED_SETTINGS = Set.of("spark.sql.runsqlonfiles", GUARDED.toLowerCase(Locale.ROOT));

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectCheckRule(new AbstractFunction1<SparkSession, scala.Function1<LogicalPlan, BoxedUnit>>() {
            @Override
            public scala.Function1<LogicalPlan, BoxedUnit> apply(SparkSession session) {
                return new AbstractFunction1<LogicalPlan, BoxedUnit>() {
                    @Override
                    public BoxedUnit apply(LogicalPlan plan) {
                        if ("true".equals(session.conf().get(GUARDED, "false"))) {
                            check(plan);
                        }
                        return BoxedUnit.UNIT;
                    }
                };
            }
        });
        return BoxedUnit.UNIT;
    }

    /** Throws when {@code plan}, or any plan inside it, would write. */
    static void check(LogicalPlan plan) {
        String name = plan.getClass().getSimpleName();
        if (plan instanceof Command && !READING_COMMANDS.contains(name)) {
            throw refused(name);
        }
        if (plan instanceof SetCommand set) {
            Option<Tuple2<String, Option<String>>> kv = set.kv();
            if (kv.isDefined() && kv.get()._2().isDefined()
                    && FIXED_SETTINGS.contains(kv.get()._1().trim().toLowerCase(Locale.ROOT))) {
                throw new UnsupportedOperationException("tilannekuva: " + kv.get()._1().trim()
                        + " is fixed on this read-only SQL endpoint");
            }
        }
        // An EXPLAIN does not run the plan it explains.
        if (!"ExplainCommand".equals(name)) {
            JavaConverters.seqAsJavaList(plan.children()).forEach(ReadOnlySql::check);
        }
    }

    private static UnsupportedOperationException refused(String command) {
        return new UnsupportedOperationException("tilannekuva: the SQL endpoint is read-only; " + command
                + " was refused (query the views of database tilannekuva)");
    }
}
