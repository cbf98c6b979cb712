package dev.authaudit.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Option;

/**
 * Where authaudit keeps what must survive a restart: the notice ledger and the daily history (both in
 * {@code authaudit.db}) and, by default, the drafts folder. Shared by {@code scan}, {@code watch} and {@code notices}.
 */
public final class StateOptions {
    @Option(names = "--state", paramLabel = "DIR",
            description = "State folder. Default: $AUTHAUDIT_STATE when set, else /var/lib/authaudit as root,"
                    + " else $XDG_STATE_HOME/authaudit (~/.local/state/authaudit).")
    Path state;

    @Option(names = "--db", paramLabel = "FILE", description = "State database (SQLite: notice ledger and history). Default: <state>/authaudit.db.")
    Path db;

    /** Returns the state folder. */
    public Path state() {
        if (state != null) {
            return state;
        }
        String env = System.getenv("AUTHAUDIT_STATE");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return Paths.get("/var/lib/authaudit");
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) {
            return Paths.get(xdg, "authaudit");
        }
        return Paths.get(System.getProperty("user.home"), ".local", "state", "authaudit");
    }

    /** Returns true when the command line named a state folder or database (the user asked for state). */
    public boolean explicit() {
        return state != null || db != null;
    }

    /** Returns the notice ledger file. */
    public Path db() {
        return db != null ? db : state().resolve("authaudit.db");
    }
}
