package dev.authaudit.realdaemons;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the scripted clients did, as the clients saw it: the ground truth the daemons' lines are checked against. */
final class Journal {
    /** Which daemon a client talked to. */
    enum Server { EXIM, DOVECOT }

    /** How an attempt ended for the client. */
    enum Outcome { OK, FAILED, GAVE_UP }

    /**
     * One login attempt.
     *
     * @param protocol the report-v1 protocol word of the service ({@code imap}, {@code pop3}, {@code smtp})
     * @param port the server port the client connected to
     */
    record Attempt(int slot, String story, String ip, String login, String password, Server server, String protocol,
                   int port, Outcome outcome, Instant started, Instant finished) {
    }

    private final List<Attempt> attempts = new ArrayList<>();

    synchronized void add(Attempt a) {
        attempts.add(a);
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }
}
