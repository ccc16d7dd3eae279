package fi.tilannekuva.publish;

import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SQL endpoint for BI tools: Spark's Thrift server (the HiveServer2 protocol) in this JVM, serving the views of
 * {@link SqlViews} to JDBC and ODBC clients, each client session guarded read-only by {@link ReadOnlySql}.
 */
public final class SqlEndpoint implements AutoCloseable {

    private static final String BIND_HOST = "spark.hadoop.hive.server2.thrift.bind.host";
    private static final String PORT = "spark.hadoop.hive.server2.thrift.port";

    private final HiveThriftServer2 server;
    private final List<String> views;

    private SqlEndpoint(HiveThriftServer2 server, List<String> views) {
        this.server = server;
        this.views = List.copyOf(views);
    }

    /**
     * The session settings the server needs: its address and {@code serverSettings} (HiveServer2 settings such as
     * {@code hive.server2.authentication}) as Hadoop settings. They must be in place when the session is built: the
     * server takes its HiveConf from the Hive session state that the session's metastore client made first.
     */
    public static Map<String, String> sessionSettings(String host, int port, Map<String, String> serverSettings) {
        Map<String, String> s = new TreeMap<>();
        serverSettings.forEach((k, v) -> s.put("spark.hadoop." + k, v));
        s.put(BIND_HOST, host);
        s.put(PORT, String.valueOf(port));
        return s;
    }

    /**
     * Registers the views (in the root session, which is not guarded) and starts the server; {@code spark} was
     * built with {@link #sessionSettings}.
     */
    public static SqlEndpoint start(SparkSession spark, Warehouse warehouse) {
        ReadOnlySql.trust(spark);
        List<String> views = SqlViews.register(spark, warehouse);
        try {
            return new SqlEndpoint(HiveThriftServer2.startWithContext(spark.sqlContext()), views);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String address = spark.conf().get(BIND_HOST, "?") + ":" + spark.conf().get(PORT, "?");
            throw new IllegalArgumentException("cannot serve SQL on " + address + ": " + cause.getMessage()
                    + " (another --port or --host?)", e);
        }
    }

    public List<String> views() {
        return views;
    }

    @Override
    public void close() {
        server.stop();
    }
}
