package dev.authaudit.cli;

import java.io.InputStream;
import java.time.Clock;

/**
 * What the commands take from the process: standard input and the wall clock (used only for
 * {@code generated_at}, stdin's year reference and live mode). Tests pass their own.
 */
public record Context(InputStream stdin, Clock clock) {
}
