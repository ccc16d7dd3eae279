package fi.tilannekuva.job;

import com.typesafe.config.ConfigException;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.quality.QualityGateException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        helpFooters(cli);
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

    /** What each command's --help ends with: an example, and the exit codes a scheduler sees. */
    private static final Map<String, String[]> EXAMPLES = Map.of(
            "refresh", new String[]{"jobs/tilannekuva refresh --quarter 2025Q4",
                    "jobs/tilannekuva refresh --quarter previous --input /data/tilannekuva/input --load-only"},
            "quarterly-refresh", new String[]{"jobs/tilannekuva quarterly-refresh --quarter previous --require-approval"},
            "publish", new String[]{"jobs/tilannekuva publish --quarter 2025Q4"},
            "export", new String[]{"jobs/tilannekuva export --table comparison --quarter 2025Q4 --format xlsx --out comparison.xlsx",
                    "jobs/tilannekuva export --bundle --quarter 2025Q4 --out release-2025Q4/"},
            "serve-sql", new String[]{"jobs/tilannekuva serve-sql --port 10000"},
            "report", new String[]{"jobs/tilannekuva report --quarter 2025Q4 --out report/ --lang sv"},
            "generate-samples", new String[]{"jobs/tilannekuva generate-samples --reference reference-data --out /tmp/input --seed 5"});

    private static void helpFooters(CommandLine cli) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "done");
        codes.put("1", "internal error (a bug or an environment problem; the stack trace is on stderr)");
        codes.put("2", "bad arguments or settings");
        codes.put("3", "input missing, unreadable or not in its format (the file and column are named)");
        codes.put("4", "a quality rule or file check stopped the run (no figure table changed; see checks)");
        for (CommandLine sub : cli.getSubcommands().values()) {
            String[] example = EXAMPLES.get(sub.getCommandName());
            if (example == null) {
                continue;
            }
            sub.getCommandSpec().usageMessage().footerHeading("%nExample:%n")
                    .footer(java.util.Arrays.stream(example).map(e -> "  " + e).toArray(String[]::new))
                    .exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
            if (List.of("refresh", "quarterly-refresh").contains(sub.getCommandName())) {
                Map<String, String> refresh = new LinkedHashMap<>(codes);
                refresh.put("75", "data too large for a JVM with the quick compiler alone, before Spark started "
                        + "(jobs/tilannekuva starts the refresh again with both compilers)");
                sub.getCommandSpec().usageMessage().exitCodeList(refresh);
            }
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (refresh, export, ...)");
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof JvmCompilers.OptimisingCompilerNeeded) {
            err.println("tilannekuva: " + e.getMessage());
            err.flush();
            return ExitCode.RESTART;
        }
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
