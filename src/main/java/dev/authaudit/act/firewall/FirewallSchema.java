package dev.authaudit.act.firewall;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the firewall tables in the shared state database. The notice ledger owns SQLite's {@code
 * user_version}; this schema keeps its own version in {@code schema_version} (one row per component) so
 * the two never fight over it. A busy timeout and WAL let the hook write while {@code watch} holds the
 * database, instead of failing.
 */
final class FirewallSchema {
    static final String COMPONENT = "firewall";
    static final int VERSION = 1;

    private FirewallSchema() {
    }

    static void apply(Connection c, int busyTimeoutMs) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + busyTimeoutMs);
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS lfd_block (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " received_at INTEGER NOT NULL, ip TEXT, ports TEXT, permanent INTEGER, direction TEXT,"
                    + " timeout_s INTEGER, trigger_name TEXT, message TEXT, log_lines INTEGER,"
                    + " cause TEXT, confidence REAL, account TEXT, known_customer INTEGER, notice_status TEXT,"
                    + " reasons TEXT, problem TEXT)");
            s.execute("CREATE INDEX IF NOT EXISTS lfd_block_ip ON lfd_block (ip, received_at)");
            s.execute("CREATE TABLE IF NOT EXISTS firewall_action (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " block_id INTEGER NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL, ip TEXT NOT NULL,"
                    + " command TEXT, status TEXT NOT NULL, exit_code INTEGER, output TEXT, reason TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS firewall_action_at ON firewall_action (at)");
            s.execute("INSERT INTO schema_version (component, version) VALUES ('" + COMPONENT + "', " + VERSION
                    + ") ON CONFLICT (component) DO NOTHING");
        }
    }
}
