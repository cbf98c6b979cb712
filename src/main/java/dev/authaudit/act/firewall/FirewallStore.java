package dev.authaudit.act.firewall;

import dev.authaudit.config.ConfigException;
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

/**
 * The lfd blocks the hook was told about, their explanations, and every firewall decision, in the
 * state database beside the notice ledger. Methods are synchronized: one connection per process.
 */
public final class FirewallStore implements AutoCloseable {
    /** How long a write waits for another process (watch) holding the database. */
    public static final int BUSY_TIMEOUT_MS = 2000;

    private final Path file;
    private final Connection db;

    private FirewallStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Opens (and creates) the firewall tables in {@code file}.
     *
     * @throws ConfigException when the database cannot be opened
     */
    public static FirewallStore open(Path file) {
        return new FirewallStore(file, StateDatabase.open(file, "the firewall records",
                c -> FirewallSchema.apply(c, BUSY_TIMEOUT_MS)));
    }

    /** Records a block lfd reported; returns its id. */
    public synchronized long recordBlock(LfdBlockReport r, Instant at) {
        return insert("INSERT INTO lfd_block (received_at, ip, ports, permanent, direction, timeout_s, trigger_name,"
                + " message, log_lines) VALUES (?,?,?,?,?,?,?,?,?)", at.toEpochMilli(), r.ip(), r.portsWord(),
                r.permanent() ? 1 : 0, r.direction(), r.timeoutS(), r.trigger(), r.message(), r.logs().size());
    }

    /** Records arguments that could not be read as a block; returns the row id. */
    public synchronized long recordRejected(String problem, Instant at) {
        return insert("INSERT INTO lfd_block (received_at, problem) VALUES (?,?)", at.toEpochMilli(),
                ActionText.safe(problem));
    }

    /** Stores the explanation of block {@code id}. */
    public synchronized void explain(long id, BlockExplanation e) {
        update("UPDATE lfd_block SET cause = ?, confidence = ?, account = ?, known_customer = ?, notice_status = ?,"
                + " reasons = ? WHERE id = ?", e.cause(), e.confidence(), e.account(), e.knownCustomer() ? 1 : 0,
                e.noticeStatus(), String.join("\n", e.reasons()), id);
    }

    /** Adds a problem met while handling block {@code id}. */
    public synchronized void problem(long id, String problem) {
        update("UPDATE lfd_block SET problem = COALESCE(problem || '; ', '') || ? WHERE id = ?",
                ActionText.safe(problem), id);
    }

    /** Records a decision and how it went; returns the record. */
    public synchronized ActionRecord recordAction(long blockId, String ip, PlannedAction p, ActionStatus status,
                                                  ActionOutcome outcome, Instant at) {
        String command = p.action() == null ? null : p.action().display();
        Integer code = outcome == null ? null : outcome.exitCode();
        String output = outcome == null ? null : outcome.output();
        long id = insert("INSERT INTO firewall_action (block_id, at, kind, ip, command, status, exit_code, output,"
                + " reason) VALUES (?,?,?,?,?,?,?,?,?)", blockId, at.toEpochMilli(), p.kind().word(), ip, command,
                status.word(), code, output, p.reason());
        return new ActionRecord(id, blockId, at, p.kind().word(), ip, command, status, code, output, p.reason());
    }

    /** Returns the actions decided at or after {@code since}, oldest first. */
    public synchronized List<ActionRecord> actions(Instant since) {
        List<ActionRecord> out = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT id, block_id, at, kind, ip, command, status,"
                + " exit_code, output, reason FROM firewall_action WHERE at >= ? ORDER BY at, id")) {
            s.setLong(1, since.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int code = r.getInt(8);
                    Integer exit = r.wasNull() ? null : code;
                    out.add(new ActionRecord(r.getLong(1), r.getLong(2), Instant.ofEpochMilli(r.getLong(3)),
                            r.getString(4), r.getString(5), r.getString(6), ActionStatus.of(r.getString(7)), exit,
                            r.getString(9), r.getString(10)));
                }
            }
        } catch (SQLException e) {
            throw failure("read actions", e);
        }
        return out;
    }

    /**
     * Returns the hook's calls received at or after {@code since}, newest first, at most {@code limit},
     * each with the actions decided for it.
     */
    public synchronized List<HookCall> calls(Instant since, int limit) {
        List<HookCall> out = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT id, received_at, ip, ports, permanent, direction,"
                + " timeout_s, trigger_name, message, log_lines, cause, confidence, account, known_customer,"
                + " notice_status, reasons, problem FROM lfd_block WHERE received_at >= ?"
                + " ORDER BY received_at DESC, id DESC LIMIT ?")) {
            s.setLong(1, since.toEpochMilli());
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long timeout = r.getLong(7);
                    Long ttl = r.wasNull() ? null : timeout;
                    double conf = r.getDouble(12);
                    Double confidence = r.wasNull() ? null : conf;
                    String reasons = r.getString(16);
                    out.add(new HookCall(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                            r.getString(4), r.getInt(5) == 1, r.getString(6), ttl, r.getString(8), r.getString(9),
                            r.getInt(10), r.getString(11), confidence, r.getString(13), r.getInt(14) == 1,
                            r.getString(15), reasons == null || reasons.isEmpty() ? List.of()
                            : List.of(reasons.split("\n")), r.getString(17), List.of()));
                }
            }
        } catch (SQLException e) {
            throw failure("read the hook's calls", e);
        }
        if (out.isEmpty()) {
            return out;
        }
        java.util.Map<Long, List<ActionRecord>> byBlock = new java.util.HashMap<>();
        for (ActionRecord a : actions(out.get(out.size() - 1).receivedAt())) {
            byBlock.computeIfAbsent(a.blockId(), k -> new ArrayList<>()).add(a);
        }
        List<HookCall> joined = new ArrayList<>(out.size());
        for (HookCall c : out) {
            joined.add(c.withActions(byBlock.getOrDefault(c.id(), List.of())));
        }
        return joined;
    }

    /** Returns a stored block's cause, account and problem, for tests and {@code explain}. */
    public synchronized List<String> blockRow(long id) {
        try (PreparedStatement s = db.prepareStatement("SELECT ip, trigger_name, cause, account, notice_status,"
                + " problem, reasons FROM lfd_block WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                List<String> out = new ArrayList<>();
                if (r.next()) {
                    for (int i = 1; i <= 7; i++) {
                        out.add(r.getString(i));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure("read a block", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    private long insert(String sql, Object... args) {
        try (PreparedStatement s = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(s, args);
            s.executeUpdate();
            try (ResultSet k = s.getGeneratedKeys()) {
                return k.next() ? k.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private void update(String sql, Object... args) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            bind(s, args);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                s.setNull(i + 1, Types.NULL);
            } else {
                s.setObject(i + 1, args[i]);
            }
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("state database " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }
}
