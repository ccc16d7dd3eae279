package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.publish.Publications;
import fi.tilannekuva.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code quarterly-refresh --quarter Q}: what a scheduler runs — refresh (its file checks stop it with exit 4
 * before the gold stage), then publish; with {@code --require-approval} it stops after a successful
 * refresh and says how to publish once a person has looked.
 */
@Command(name = "quarterly-refresh", mixinStandardHelpOptions = true,
        description = "Refresh a quarter and publish it when every check passed (or wait for approval).")
final class QuarterlyRefreshCommand implements Callable<Integer> {

    @CommandLine.Mixin
    QuarterOption quarter;

    @Option(names = "--require-approval",
            description = "Do not publish: stop after the refresh and print the publish command for a person to run.")
    boolean requireApproval;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Mixin
    CommonOptions.InputOptions inputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Quarter q = quarter.quarter();
        AppConfig config = common.config(inputs);
        PrintWriter out = spec.commandLine().getOut();
        RefreshJob.checkInputRoot(config.locations().input());
        JvmCompilers.check(config);
        try (SparkSessions.Run session = SparkSessions.start(config)) {
            RefreshJob.Result r = new RefreshJob(config, session.spark()).run(q);
            RefreshCommand.print(out, r);
            if (requireApproval) {
                out.printf("checks passed; %s is not published until approved: jobs/tilannekuva publish --quarter %s%n", q, q);
                out.flush();
                return ExitCode.OK;
            }
            Warehouse warehouse = new Warehouse(session.spark(), config.locations().warehouse());
            Publications.Outcome o = PublishCommand.publish(session.spark(), warehouse, config, q);
            out.printf(o.created() ? "published %s as release %s%n" : "%s unchanged since release %s, nothing new published%n",
                    q, o.releaseId());
            out.flush();
            return ExitCode.OK;
        }
    }
}
