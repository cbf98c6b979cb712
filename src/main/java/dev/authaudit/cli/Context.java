package dev.authaudit.cli;

import java.io.InputStream;
import java.time.Clock;

/**
 * What the commands take from the process: standard input and the wall clock (used only for
 * {@code generated_at}, stdin's year reference and live mode), and the shipped rules when the entry
 * point started reading them ahead ({@link RulePreload}, or null). Tests pass their own.
 */
public record Context(InputStream stdin, Clock clock, RulePreload rules) {
    /** A context without rules read ahead. */
    public Context(InputStream stdin, Clock clock) {
        this(stdin, clock, null);
    }
}
