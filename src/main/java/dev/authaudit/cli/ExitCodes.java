package dev.authaudit.cli;

/**
 * The process exit codes. picocli needs them as literals in each command's {@code exitCodeList}
 * (annotation values), so keep those lists in step with these constants.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int SOFTWARE = 1;
    public static final int USAGE = 2;
    public static final int CONFIG = 3;
    public static final int INPUT = 4;
    public static final int ACTION = 5;
    public static final int FINDINGS = 10;

    private ExitCodes() {
    }
}
