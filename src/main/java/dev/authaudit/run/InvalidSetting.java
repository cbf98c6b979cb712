package dev.authaudit.run;

/**
 * A setting a run cannot work with: a value out of its range, or a combination that makes no sense. The
 * message names the option as people give it and the range; the command line reports it as a usage error
 * (exit code 2).
 */
public class InvalidSetting extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to give instead */
    public InvalidSetting(String message) {
        super(message);
    }
}
