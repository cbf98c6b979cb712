package dev.authaudit.state;

import dev.authaudit.config.ConfigException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the follower tables and refuses ones written by a newer authaudit. SQLite's
 * {@code user_version} belongs to the notice ledger, so this schema records its version in a row of
 * {@code state_schema}, one row per component.
 */
final class CheckpointSchema {
    static final int VERSION = 1;
    private static final String COMPONENT = "follow";

    private CheckpointSchema() {
    }

    /**
     * Brings the database on {@code c} to {@link #VERSION}.
     *
     * @throws ConfigException when the tables were written by a newer schema
     * @throws SQLException when SQLite fails
     */
    static void apply(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS state_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            try (PreparedStatement q = c.prepareStatement("SELECT version FROM state_schema WHERE component = ?")) {
                q.setString(1, COMPONENT);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next() && r.getInt(1) > VERSION) {
                        throw new ConfigException(file.toString(), null, "checkpoints in " + file + " have schema "
                                + r.getInt(1) + ", newer than this authaudit understands (" + VERSION
                                + "); upgrade authaudit");
                    }
                }
            }
            s.execute("CREATE TABLE IF NOT EXISTS follow_checkpoint (path TEXT PRIMARY KEY, inode INTEGER NOT NULL,"
                    + " byte_offset INTEGER NOT NULL, line INTEGER NOT NULL, last_line_hash TEXT NOT NULL,"
                    + " last_line_length INTEGER NOT NULL, last_event_at INTEGER, saved_at INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS follow_mark (path TEXT NOT NULL, inode INTEGER NOT NULL,"
                    + " byte_offset INTEGER NOT NULL, line INTEGER NOT NULL, last_line_hash TEXT NOT NULL,"
                    + " last_line_length INTEGER NOT NULL, saved_at INTEGER NOT NULL)");
            // one row: warm-ups started and not finished in a row (a restart loop during warm-up)
            s.execute("CREATE TABLE IF NOT EXISTS follow_warmup (id INTEGER PRIMARY KEY CHECK (id = 1),"
                    + " interrupted INTEGER NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS follow_mark_path ON follow_mark (path, saved_at)");
            s.execute("INSERT INTO state_schema (component, version) VALUES ('" + COMPONENT + "', " + VERSION
                    + ") ON CONFLICT (component) DO UPDATE SET version = excluded.version");
        }
    }
}
