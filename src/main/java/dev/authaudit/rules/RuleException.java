package dev.authaudit.rules;

/**
 * A rule file that cannot be used. The message says where (file:line), which rule and what to fix.
 */
public final class RuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String ruleId;

    public RuleException(String file, int line, String ruleId, String problem) {
        super(file + ":" + line + ": " + (ruleId == null ? "" : "rule " + ruleId + ": ") + problem);
        this.file = file;
        this.line = line;
        this.ruleId = ruleId;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String ruleId() {
        return ruleId;
    }
}
