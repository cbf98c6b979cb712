package dev.authaudit.state;

import dev.authaudit.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens the one SQLite file that holds authaudit's state ({@code <state>/authaudit.db}): the notice
 * ledger, the follower's checkpoints, the history and the firewall actions, each in its own tables.
 * The folder and a new file are made readable by their owner only (the ledger holds customers'
 * addresses); WAL and a busy timeout let {@code watch}, {@code scan} and lfd's hook share the file.
 */
public final class StateDatabase {
    /** How long a writer waits for another process's write to finish. */
    public static final int BUSY_TIMEOUT_MS = 5000;

    private StateDatabase() {
    }

    /**
     * Opens (and creates) the state database.
     *
     * @param what what the caller keeps there, for the error message ("the notice ledger")
     * @throws ConfigException when the folder or database cannot be created or opened
     */
    public static Connection open(Path file, String what) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                StateFolder.check(dir, "state folder", "--state");
            }
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                ownerOnly(dir, "rwx------");
            }
            boolean fresh = !Files.exists(file);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            if (fresh) {
                ownerOnly(file, "rw-------");
            }
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                s.execute("PRAGMA journal_mode = WAL");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (SQLException e) {
            throw failure(file, what, "open", e);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "state", "cannot open " + what + " in " + file + ": "
                    + e.getMessage() + "; check --state (it must be a writable folder)");
        }
    }

    /** Creates or upgrades one caller's tables in the state database. */
    @FunctionalInterface
    public interface Schema {
        void apply(Connection c) throws SQLException;
    }

    /**
     * Opens (and creates) the state database and sets up one caller's tables in it; the connection is
     * closed again when that fails.
     *
     * @param what what the caller keeps there, for the error message ("the notice ledger")
     * @throws ConfigException when the folder or database cannot be created, opened or set up
     */
    public static Connection open(Path file, String what, Schema schema) {
        Connection c = open(file, what);
        try {
            schema.apply(c);
            return c;
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the set-up error is the one to report
            }
            throw failure(file, what, "set up", e);
        }
    }

    /** The {@link ConfigException#key()} of a state database that is damaged rather than missing or locked. */
    public static final String DAMAGED = "state.damaged";

    /** Returns true when {@code e} says the state database is damaged (not a database, or corrupt). */
    public static boolean damaged(RuntimeException e) {
        return e instanceof ConfigException c && DAMAGED.equals(c.key())
                || e.getCause() instanceof SQLException s && isDamage(s);
    }

    /** Returns true for SQLite's answers on a damaged file: not a database, corrupt, or a damaged WAL. */
    public static boolean isDamage(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_NOTADB") || m.contains("SQLITE_CORRUPT") || m.contains("malformed");
    }

    /** Returns what to do about a damaged state database, in words. */
    public static String whatToDo(Path file) {
        return "move it aside (mv " + file + " " + file + ".damaged) and run again: a new one is made. It forgets"
                + " the checkpoints (watch starts at the logs' ends again), the history and which notices went out"
                + " (a notice may go out once more); keep the damaged copy to look into";
    }

    private static ConfigException failure(Path file, String what, String doing, SQLException e) {
        if (isDamage(e)) {
            return new ConfigException(file.toString(), DAMAGED, "the state database " + file + " (" + what
                    + ") is damaged (" + e.getMessage() + "); " + whatToDo(file));
        }
        return new ConfigException(file.toString(), "state", "cannot " + doing + " " + what + " in " + file + ": "
                + e.getMessage() + "; check --state (it must be a writable folder)");
    }

    private static void ownerOnly(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions apply
        }
    }
}
