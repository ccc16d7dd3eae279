package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.publish.Publications;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code publish --quarter Q}: freezes the quarter's refreshed tables as a release (see {@link Publications}). */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Freeze a refreshed quarter as an immutable release that later refreshes and VACUUM leave as it is.")
final class PublishCommand implements Callable<Integer> {

    @CommandLine.Mixin
    QuarterOption quarter;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Quarter q = quarter.quarter();
        AppConfig config = common.config();
        try (SparkSessions.Run session = SparkSessions.start(config)) {
            Warehouse warehouse = new Warehouse(session.spark(), config.locations().warehouse());
            Publications.Outcome o = PublishCommand.publish(session.spark(), warehouse, config, q);
            PrintWriter out = spec.commandLine().getOut();
            if (o.created()) {
                out.printf("tilannekuva publish %s: release %s%n", q, o.releaseId());
            } else {
                out.printf("tilannekuva publish %s: unchanged since release %s, nothing new published%n", q, o.releaseId());
            }
            o.rows().forEach((t, n) -> out.printf("  %-26s %d rows%n", t + Publications.SUFFIX, n));
            out.printf("read it with: export --as-published %s, or SQL on %s/gold/<table>%s WHERE %s = '%s'%n", q,
                    warehouse.root(), Publications.SUFFIX, Publications.RELEASE_ID, o.releaseId());
            out.flush();
            return ExitCode.OK;
        }
    }

    /**
     * Publishes {@code quarter} from the warehouse's gold tables, as {@code publish} and {@code quarterly-refresh} do;
     * the gold tables are small, so the copy's queries run interpreted below the configured threshold, and its tables
     * are copied as many at a time as sources are loaded.
     */
    static Publications.Outcome publish(SparkSession spark, Warehouse warehouse, AppConfig config, Quarter quarter) {
        QueryCompilation.forStage(spark, warehouse.bytes(Layer.GOLD), config.spark().compiledFromBytes());
        return new Publications(spark, warehouse, config.spark().parallelSources())
                .publish(quarter, RunContext.start(RunContext.PUBLISH), config.digest());
    }
}
