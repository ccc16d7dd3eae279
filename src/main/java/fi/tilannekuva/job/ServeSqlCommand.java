package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.publish.SqlEndpoint;
import fi.tilannekuva.publish.SqlViews;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve-sql [--host H] [--port P]}: the gold tables over JDBC/ODBC (Spark's Thrift server) until stopped by
 * SIGTERM or Ctrl-C. A refresh while it runs shows at the next query; a new table or column needs a restart.
 */
@Command(name = "serve-sql", mixinStandardHelpOptions = true,
        description = "Serve the gold tables read-only to BI tools over JDBC/ODBC (HiveServer2 protocol) until stopped.")
final class ServeSqlCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default from conf: 127.0.0.1, this machine only).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default from conf: 10000).")
    Integer port;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        AppConfig config = common.config();
        AppConfig.ServingSettings serving = config.serving();
        String address = host != null ? host : serving.sqlHost();
        int listen = port != null ? port : serving.sqlPort();
        ScratchFolder scratch = ScratchFolder.create(config.locations().warehouse());
        SparkSession spark = SparkSessions.createForSql(config,
                SqlEndpoint.sessionSettings(address, listen, serving.sqlServerSettings()), scratch.path());
        Warehouse warehouse = new Warehouse(spark, config.locations().warehouse());
        if (warehouse.tables(Layer.GOLD).isEmpty()) {
            spark.stop();
            scratch.delete();
            throw new InputException("no gold table in " + warehouse.root() + ": run refresh first");
        }
        SqlEndpoint endpoint;
        try {
            endpoint = SqlEndpoint.start(spark, warehouse);
        } catch (RuntimeException e) {
            spark.stop();
            scratch.delete();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoint.close();
            scratch.delete();
            stopped.countDown();
        }, "tilannekuva-serve-sql-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("tilannekuva serve-sql: %d read-only views of %s in database %s%n", endpoint.views().size(),
                warehouse.root(), SqlViews.DATABASE);
        out.printf("listening on jdbc:hive2://%s:%d/%s (stop with Ctrl-C or SIGTERM)%n", address, listen, SqlViews.DATABASE);
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
