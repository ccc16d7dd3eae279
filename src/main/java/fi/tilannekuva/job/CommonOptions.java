package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every job takes: where the warehouse is, and which configuration overlay applies. */
public final class CommonOptions {

    @Option(names = "--warehouse", paramLabel = "DIR", description = "Warehouse directory of the Delta tables (default from conf: warehouse).")
    Path warehouse;

    @Option(names = "--conf-file", paramLabel = "FILE", description = "Configuration overlay (HOCON) over conf/application.conf.")
    Path confFile;

    public AppConfig config() {
        return ConfigLoader.load(confFile).withPaths(null, warehouse);
    }

    /** The configuration of a job that reads the input root and may run on a cluster. */
    public AppConfig config(InputOptions inputs) {
        return ConfigLoader.load(confFile).withPaths(inputs.input, warehouse).withMaster(inputs.master);
    }

    /** Options of the jobs that read the input: where it is, and the Spark master to run on. */
    public static final class InputOptions {

        @Option(names = "--input", paramLabel = "DIR", description = "Input root (default from conf: data-samples).")
        Path input;

        @Option(names = "--master", paramLabel = "URL", description = "Spark master when not given by spark-submit (default from conf: local[*]).")
        String master;
    }
}
