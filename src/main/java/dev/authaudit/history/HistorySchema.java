package dev.authaudit.history;

import dev.authaudit.config.ConfigException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the history's tables in the state database and refuses tables written by a newer authaudit.
 * The notice ledger owns SQLite's {@code user_version} in the same file, so the history keeps its own
 * version in {@code history_meta}.
 */
final class HistorySchema {
    static final int VERSION = 1;

    private HistorySchema() {
    }

    /**
     * Brings the history tables on {@code c} to {@link #VERSION}.
     *
     * @throws ConfigException when the tables were written by a newer schema
     * @throws SQLException when SQLite fails
     */
    static void apply(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS history_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            try (ResultSet r = s.executeQuery("SELECT value FROM history_meta WHERE key = 'schema'")) {
                int v = r.next() ? Integer.parseInt(r.getString(1)) : 0;
                if (v > VERSION) {
                    c.close();
                    throw new ConfigException(file.toString(), null, "history in " + file + " has schema " + v
                            + ", newer than this authaudit understands (" + VERSION + "); upgrade authaudit");
                }
            }
            s.execute("CREATE TABLE IF NOT EXISTS history_day (day TEXT PRIMARY KEY, zone TEXT NOT NULL,"
                    + " covered_from INTEGER NOT NULL, covered_to INTEGER NOT NULL, failures INTEGER NOT NULL,"
                    + " successes INTEGER NOT NULL)");
            // kind: failures (key = verdict word), blocks (cause word), notices (status word)
            s.execute("CREATE TABLE IF NOT EXISTS history_count (day TEXT NOT NULL, kind TEXT NOT NULL,"
                    + " key TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (day, kind, key))");
            // kind: login or address; rank keeps the day's order
            s.execute("CREATE TABLE IF NOT EXISTS history_top (day TEXT NOT NULL, kind TEXT NOT NULL,"
                    + " subject TEXT NOT NULL, verdict TEXT, failures INTEGER NOT NULL, rank INTEGER NOT NULL,"
                    + " PRIMARY KEY (day, kind, subject))");
            s.execute("INSERT INTO history_meta (key, value) VALUES ('schema', '" + VERSION + "')"
                    + " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        }
    }
}
