package fi.tilannekuva.job;

/** The launcher's exit codes, documented in the README for schedulers. */
public final class ExitCode {
    /** The job did what it was asked. */
    public static final int OK = 0;
    /** Something failed inside the pipeline: a bug or an environment problem (see the log). */
    public static final int INTERNAL = 1;
    /** Bad arguments or options. */
    public static final int USAGE = 2;
    /** Input missing, unreadable or not in its source's format (a file or a required column). */
    public static final int INPUT = 3;
    /** Input was read but failed a quality rule or check whose action is to stop the run. */
    public static final int QUALITY = 4;
    /**
     * A refresh in a JVM with the quick compiler alone whose data need the optimising one ({@link JvmCompilers}):
     * the launcher starts it again with both, so a scheduler calling the launcher never sees it.
     */
    public static final int RESTART = 75;

    private ExitCode() {
    }
}
