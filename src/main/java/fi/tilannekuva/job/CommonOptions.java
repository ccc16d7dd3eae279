package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every job takes: where the input and warehouse are, and which configuration overlay applies. */
public final class CommonOptions {

    @Option(names = "--input", paramLabel = "DIR", description = "Input root (default from conf: data-samples).")
    Path input;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "Warehouse directory of the Delta tables (default from conf: warehouse).")
    Path warehouse;

    @Option(names = "--conf-file", paramLabel = "FILE", description = "Configuration overlay (HOCON) over conf/application.conf.")
    Path confFile;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not given by spark-submit (default from conf: local[*]).")
    String master;

    public AppConfig config() {
        return ConfigLoader.load(confFile).withPaths(input, warehouse).withMaster(master);
    }
}
