package dev.authaudit.run;

import dev.authaudit.act.firewall.ActionStatus;
import dev.authaudit.state.StateDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code watch --fleet-act block} decided about each fleet verdict, in the state database beside the lfd
 * hook's records (table {@code fleet_action}): every block, dry run, refusal, brake and lift, with the fleet's
 * evidence. Each decision is stored before csf runs and updated after, so a crash leaves an honest record, and a
 * restart knows what it already blocked. One connection, used by one thread at a time (methods synchronized).
 */
public final class FleetActionStore implements AutoCloseable {
    /** What a row is about. */
    public enum Kind {
        /** A temporary block ({@code csf -td}), run or dry. */
        BLOCK,
        /** An address the policy refused to block (allow list, own address, logged in here...). */
        REFUSED,
        /** Lifting an earlier block of this hook ({@code csf -tr}) after the fleet withdrew its verdict. */
        LIFT,
        /** The fleet withdrew its verdict and the block is left to its TTL. */
        WITHDRAWN;

        /** Returns the stored word. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One stored decision.
     *
     * @param until when a block ends (csf lifts it), or null
     * @param failures the fleet's failure count the decision was made on
     * @param servers how many servers the fleet saw it fail on
     * @param command the csf command as an admin would type it, or null
     * @param reason the evidence and why it was (or was not) done, already escaped
     */
    public record Row(long id, Instant at, String ip, Kind kind, ActionStatus status, Instant until, long failures,
                      int servers, String command, Integer exitCode, String output, String reason) {
        /** Returns true for a block that csf ran and that has not ended at {@code now}. */
        public boolean blocking(Instant now) {
            return kind == Kind.BLOCK && status == ActionStatus.DONE && until != null && until.isAfter(now);
        }
    }

    private final Path file;
    private final Connection db;

    private FleetActionStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** Opens (and creates) the table in the state database {@code file}. */
    public static FleetActionStore open(Path file) {
        Connection c = StateDatabase.open(file, "the fleet's firewall actions");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS fleet_action (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " at INTEGER NOT NULL, ip TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,"
                    + " until INTEGER, failures INTEGER NOT NULL, servers INTEGER NOT NULL, command TEXT,"
                    + " exit_code INTEGER, output TEXT, reason TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS fleet_action_ip ON fleet_action (ip, id)");
            s.execute("CREATE INDEX IF NOT EXISTS fleet_action_at ON fleet_action (at)");
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the first failure is the one to report
            }
            throw new IllegalStateException("state database " + file + ": cannot create fleet_action: "
                    + e.getMessage(), e);
        }
        return new FleetActionStore(file, c);
    }

    /** Records a decision; returns its row. */
    public synchronized Row record(Instant at, String ip, Kind kind, ActionStatus status, Instant until,
                                   long failures, int servers, String command, String reason) {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO fleet_action (at, ip, kind, status, until,"
                + " failures, servers, command, reason) VALUES (?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, ip);
            s.setString(3, kind.word());
            s.setString(4, status.word());
            if (until == null) {
                s.setNull(5, Types.INTEGER);
            } else {
                s.setLong(5, until.toEpochMilli());
            }
            s.setLong(6, failures);
            s.setInt(7, servers);
            s.setString(8, command);
            s.setString(9, reason);
            s.executeUpdate();
            try (ResultSet k = s.getGeneratedKeys()) {
                k.next();
                return new Row(k.getLong(1), at, ip, kind, status, until, failures, servers, command, null, null,
                        reason);
            }
        } catch (SQLException e) {
            throw failure("record a fleet action", e);
        }
    }

    /** Stores how running csf for {@code row} went; returns the updated row. */
    public synchronized Row finish(Row row, ActionStatus status, Integer exitCode, String output) {
        try (PreparedStatement s = db.prepareStatement("UPDATE fleet_action SET status = ?, exit_code = ?,"
                + " output = ? WHERE id = ?")) {
            s.setString(1, status.word());
            if (exitCode == null) {
                s.setNull(2, Types.INTEGER);
            } else {
                s.setInt(2, exitCode);
            }
            s.setString(3, output);
            s.setLong(4, row.id());
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("record how csf went", e);
        }
        return new Row(row.id(), row.at(), row.ip(), row.kind(), status, row.until(), row.failures(), row.servers(),
                row.command(), exitCode, output, row.reason());
    }

    /** Returns the latest block of {@code ip} (run or dry), if any. */
    public synchronized Optional<Row> lastBlock(String ip) {
        List<Row> rows = select("WHERE ip = ? AND kind = 'block' ORDER BY id DESC LIMIT 1", ip);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Returns the latest row of {@code ip} of any kind, if any. */
    public synchronized Optional<Row> last(String ip) {
        List<Row> rows = select("WHERE ip = ? ORDER BY id DESC LIMIT 1", ip);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Returns how many blocks were decided at or after {@code since}: with {@code executed}, those whose csf command
     * was started (done, failed, timed out), which the brake counts; else the dry runs.
     */
    public synchronized int blocksSince(Instant since, boolean executed) {
        String which = executed ? "status IN ('done', 'failed', 'timed_out')" : "status = 'dry_run'";
        try (PreparedStatement s = db.prepareStatement("SELECT COUNT(*) FROM fleet_action WHERE kind = 'block' AND "
                + which + " AND at >= ?")) {
            s.setLong(1, since.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw failure("count fleet blocks", e);
        }
    }

    /** Returns the rows decided at or after {@code since}, oldest first. */
    public synchronized List<Row> since(Instant since) {
        return select("WHERE at >= ? ORDER BY at, id", since.toEpochMilli());
    }

    private List<Row> select(String where, Object arg) {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT id, at, ip, kind, status, until, failures, servers,"
                + " command, exit_code, output, reason FROM fleet_action " + where)) {
            s.setObject(1, arg);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long until = r.getLong(6);
                    Instant u = r.wasNull() ? null : Instant.ofEpochMilli(until);
                    int code = r.getInt(10);
                    Integer exit = r.wasNull() ? null : code;
                    out.add(new Row(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                            Kind.valueOf(r.getString(4).toUpperCase(java.util.Locale.ROOT)),
                            ActionStatus.of(r.getString(5)), u, r.getLong(7), r.getInt(8), r.getString(9), exit,
                            r.getString(11), r.getString(12)));
                }
            }
        } catch (SQLException e) {
            throw failure("read fleet actions", e);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("state database " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }
}
