package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.publish.CsvExport;
import fi.tilannekuva.publish.Publications;
import fi.tilannekuva.source.InputException;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code export --table T [--quarter Q | --as-published Q [--release ID]] --format csv --out FILE}: one gold table as
 * a file — as it is now, or exactly as a published release holds it.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a gold table (one quarter or all of it) to a file.")
final class ExportCommand implements Callable<Integer> {

    enum Format { csv }

    @Option(names = "--table", required = true, paramLabel = "NAME", description = "Gold table, e.g. comparison, areas, runs.")
    String table;

    @Option(names = "--quarter", paramLabel = "YYYYQn", description = "Only this period (tables with a period column).")
    String quarter;

    @Option(names = "--as-published", paramLabel = "YYYYQn",
            description = "The quarter's latest published release instead of the table as it is now.")
    String asPublished;

    @Option(names = "--release", paramLabel = "ID", description = "With --as-published: this release (e.g. 2025Q4-r1) instead of the latest.")
    String release;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT", description = "Output format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
    Path out;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (asPublished != null && quarter != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--quarter and --as-published exclude each other");
        }
        if (release != null && asPublished == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--release needs --as-published");
        }
        String period = quarter == null ? null : Quarter.parse(quarter).toString();
        AppConfig config = common.config();
        try (SparkSessions.Run session = SparkSessions.start(config)) {
            SparkSession spark = session.spark();
            Warehouse warehouse = new Warehouse(spark, config.warehouse());
            String what;
            long rows;
            if (asPublished != null) {
                Publications publications = new Publications(spark, warehouse);
                String q = Quarter.parse(asPublished).toString();
                String id = release != null ? release : publications.latestReleaseOrFail(q);
                if (!publications.exists(id) || !id.startsWith(q + "-")) {
                    throw new InputException("release " + id + " of " + q + " is not in publications");
                }
                rows = CsvExport.write(spark, CsvExport.ordered(publications.read(table, id)), out);
                what = " (release " + id + ")";
            } else {
                rows = CsvExport.write(spark, CsvExport.table(warehouse, table, period), out);
                what = period == null ? "" : " (" + period + ")";
            }
            spec.commandLine().getOut().printf("exported %d rows of %s%s to %s%n", rows, table, what,
                    out.toAbsolutePath().normalize());
            return ExitCode.OK;
        }
    }
}
