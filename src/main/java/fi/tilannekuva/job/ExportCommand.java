package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.publish.CsvExport;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code export --table T [--quarter Q] --format csv --out FILE}: one gold table as a file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a gold table (one quarter or all of it) to a file.")
final class ExportCommand implements Callable<Integer> {

    enum Format { csv }

    @Option(names = "--table", required = true, paramLabel = "NAME", description = "Gold table, e.g. comparison, areas, runs.")
    String table;

    @Option(names = "--quarter", paramLabel = "YYYYQn", description = "Only this period (tables with a period column).")
    String quarter;

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
        String period = quarter == null ? null : Quarter.parse(quarter).toString();
        AppConfig config = common.config();
        try (SparkSessions.Run session = SparkSessions.start(config)) {
            SparkSession spark = session.spark();
            Warehouse warehouse = new Warehouse(spark, config.warehouse());
            long rows = CsvExport.write(spark, CsvExport.table(warehouse, table, period), out);
            spec.commandLine().getOut().printf("exported %d rows of %s%s to %s%n", rows, table,
                    period == null ? "" : " (" + period + ")", out.toAbsolutePath().normalize());
            return ExitCode.OK;
        }
    }
}
