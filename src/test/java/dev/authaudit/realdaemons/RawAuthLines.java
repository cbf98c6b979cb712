package dev.authaudit.realdaemons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The authentication lines the daemons wrote, found in the raw files by plain substrings, without the
 * project's rules: the count the rules' reading is checked against.
 */
final class RawAuthLines {
    /** What kind of line, by the daemons' fixed wording. */
    enum Kind {
        /** Exim: {@code <mech> authenticator failed for ... 535 ...}. */
        EXIM_FAILURE(false),
        /** Exim: a message arrival {@code <=} with {@code A=dovecot_...}: a login that worked. */
        EXIM_SUCCESS(true),
        /** Dovecot's auth process: {@code passwd-file(login,ip[,<session>]): Password mismatch|unknown user}. */
        DOVECOT_DETAIL(false),
        /** A Dovecot login process: {@code Login: user=<...>}. */
        DOVECOT_LOGIN(true),
        /** A Dovecot login process closing with {@code (auth failed, N attempts ...)}. */
        DOVECOT_LOGIN_FAILED(false);

        final boolean success;

        Kind(boolean success) {
            this.success = success;
        }
    }

    /** One line, with its place (1-based line number, as events-v1 counts). */
    record Line(Path file, long number, Kind kind, String text) {
    }

    private RawAuthLines() {
    }

    /** Returns every authentication line of every file in the folder. */
    static List<Line> in(Path logs) {
        List<Line> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Kind k = kind(lines.get(i));
                    if (k != null) {
                        out.add(new Line(f, i + 1L, k, lines.get(i)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Kind kind(String line) {
        if (line.contains(" authenticator failed for ") && line.contains(": 535 ")) {
            return Kind.EXIM_FAILURE;
        }
        if (line.contains(" <= ") && line.contains(" A=dovecot_")) {
            return Kind.EXIM_SUCCESS;
        }
        if (line.contains("auth: ") && line.contains(" passwd-file(")
                && (line.contains("): Password mismatch") || line.contains("): unknown user"))) {
            return Kind.DOVECOT_DETAIL;
        }
        if (line.contains("-login: ") && line.contains(" Login: user=<")) {
            return Kind.DOVECOT_LOGIN;
        }
        if (line.contains("-login: ") && line.contains("(auth failed, ")) {
            return Kind.DOVECOT_LOGIN_FAILED;
        }
        return null;
    }
}
