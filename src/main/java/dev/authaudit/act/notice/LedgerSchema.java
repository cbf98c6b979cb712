package dev.authaudit.act.notice;

import dev.authaudit.config.ConfigException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the ledger's table and indexes, and refuses a database written by a newer authaudit. The
 * schema version lives in SQLite's {@code user_version}; a later version adds its migrations here.
 */
final class LedgerSchema {
    static final int VERSION = 3;

    private LedgerSchema() {
    }

    /**
     * Brings the database on {@code c} to {@link #VERSION}.
     *
     * @throws ConfigException when the database was written by a newer schema
     * @throws SQLException when SQLite fails
     */
    static void apply(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement()) {
            int v;
            try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
                v = r.next() ? r.getInt(1) : 0;
                if (v > VERSION) {
                    c.close();
                    throw new ConfigException(file.toString(), null, "notice ledger " + file + " has schema " + v
                            + ", newer than this authaudit understands (" + VERSION + "); upgrade authaudit");
                }
            }
            s.execute("CREATE TABLE IF NOT EXISTS notice (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " account TEXT NOT NULL, incident TEXT NOT NULL, status TEXT NOT NULL, mode TEXT NOT NULL,"
                    + " reason TEXT NOT NULL, recipient TEXT, cc TEXT, via TEXT, created_at INTEGER NOT NULL,"
                    + " due_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER,"
                    + " last_error TEXT, released_at INTEGER, generation INTEGER NOT NULL DEFAULT 0,"
                    + " message_id TEXT, outcome TEXT, blocked_ip TEXT, claimed_at INTEGER,"
                    + " verdict TEXT NOT NULL, confidence REAL NOT NULL, detected_at INTEGER NOT NULL,"
                    + " success_on_record INTEGER NOT NULL, targeted INTEGER NOT NULL, attacker INTEGER NOT NULL,"
                    + " block_cause TEXT, ip TEXT NOT NULL, network TEXT NOT NULL, protocols TEXT, ports TEXT,"
                    + " client TEXT, first_failure INTEGER NOT NULL, last_failure INTEGER NOT NULL,"
                    + " failures INTEGER NOT NULL, first_block_at INTEGER, last_worked INTEGER,"
                    + " may_have_arrived INTEGER NOT NULL DEFAULT 0,"
                    + " UNIQUE (account, incident))");
            if (v == 1) {
                // version 2: when the device last logged in, which the notice tells the customer
                s.execute("ALTER TABLE notice ADD COLUMN last_worked INTEGER");
            }
            if (v == 1 || v == 2) {
                // version 3: a send that may have reached the server although it failed or was cut off
                s.execute("ALTER TABLE notice ADD COLUMN may_have_arrived INTEGER NOT NULL DEFAULT 0");
            }
            s.execute("CREATE INDEX IF NOT EXISTS notice_due ON notice (status, next_attempt_at)");
            s.execute("CREATE INDEX IF NOT EXISTS notice_released ON notice (released_at)");
            s.execute("PRAGMA user_version = " + VERSION);
        }
    }
}
