package fi.tilannekuva.job;

import com.typesafe.config.ConfigException;
import fi.tilannekuva.quality.QualityGateException;
import fi.tilannekuva.source.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The command line of tilannekuva ({@code jobs/tilannekuva}): one subcommand per job. Maps failures to the
 * documented exit codes ({@link ExitCode}) with the reason on one line of stderr.
 */
@Command(name = "tilannekuva", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Quarterly situational picture of Finland's wellbeing services counties.",
        subcommands = {RefreshCommand.class, QuarterlyRefreshCommand.class, PublishCommand.class, ExportCommand.class,
                ServeSqlCommand.class, ReportCommand.class, GenerateSamplesCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("tilannekuva: " + ex.getMessage());
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (refresh, export, ...)");
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        int code;
        String kind;
        if (e instanceof InputException) {
            code = ExitCode.INPUT;
            kind = "input error";
        } else if (e instanceof QualityGateException) {
            code = ExitCode.QUALITY;
            kind = "quality gate";
        } else if (e instanceof IllegalArgumentException || e instanceof ConfigException) {
            code = ExitCode.USAGE;
            kind = "invalid argument or setting";
        } else {
            code = ExitCode.INTERNAL;
            kind = "internal error";
            e.printStackTrace(err);
        }
        err.println("tilannekuva: " + kind + ": " + (e.getMessage() == null ? e.getClass().getName() : oneLine(e.getMessage())));
        err.flush();
        return code;
    }

    /** The message on one line, cut at 500 characters (Spark's messages can carry whole query plans). */
    static String oneLine(String message) {
        String line = message.replaceAll("\\s*\\R\\s*", " ").strip();
        return line.length() <= 500 ? line : line.substring(0, 500) + " ...";
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"tilannekuva " + (v == null ? "dev" : v)};
        }
    }
}
