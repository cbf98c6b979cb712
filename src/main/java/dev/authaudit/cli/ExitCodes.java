package dev.authaudit.cli;

/** The process exit codes, listed in every command's {@code --help}. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int SOFTWARE = 1;
    public static final int USAGE = 2;
    public static final int CONFIG = 3;
    public static final int INPUT = 4;
    public static final int ACTION = 5;
    public static final int FINDINGS = 10;

    /** The lines picocli prints under "Exit Codes:". */
    public static final String[] HELP = {
        "0:done (findings are in the output)",
        "1:internal error (a bug: rerun with --debug and report it)",
        "2:usage error",
        "3:configuration or rule invalid",
        "4:an input log could not be read (the rest was still read)",
        "5:an action failed (the report is still written)",
        "10:findings present (only with --exit-code-on-findings)",
    };

    private ExitCodes() {
    }
}
