package dev.authaudit.cli;

import dev.authaudit.text.Escape;

/** Makes log-derived text safe for a terminal (see {@link Escape#terminal}). */
final class Terminal {
    private Terminal() {
    }

    static String safe(String s) {
        return Escape.terminal(s);
    }
}
