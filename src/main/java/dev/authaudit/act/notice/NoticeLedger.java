package dev.authaudit.act.notice;

import dev.authaudit.config.ConfigException;
import dev.authaudit.state.StateDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The persistent outbox and ledger of notices, one SQLite row per (account, incident). The unique key
 * makes enqueueing idempotent, so a restart or a second replay of the same logs finds the row it made
 * before instead of adding one. Times are stored as epoch milliseconds. Methods are synchronized: one
 * connection serves the scan or watch loop and the dispatcher.
 */
public final class NoticeLedger implements NoticeHistory, AutoCloseable {
    private static final String COLUMNS = "id, account, incident, status, mode, reason, recipient, cc, via,"
            + " created_at, due_at, attempts, next_attempt_at, last_error, released_at, generation, message_id,"
            + " outcome, blocked_ip, claimed_at, may_have_arrived, " + LedgerRows.CANDIDATE_COLUMNS;

    private final Path file;
    private final Connection db;

    private NoticeLedger(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Opens (and creates, readable by the owner only) the ledger at {@code file}.
     *
     * @throws ConfigException when the folder or database cannot be created or read
     */
    public static NoticeLedger open(Path file) {
        return new NoticeLedger(file, StateDatabase.open(file, "the notice ledger", c -> LedgerSchema.apply(c, file)));
    }

    /** Returns the database file. */
    public Path file() {
        return file;
    }

    /** Returns the row for (account, incident), if any. */
    public synchronized Optional<NoticeRecord> find(String account, String incident) {
        return one("SELECT " + COLUMNS + " FROM notice WHERE account = ? AND incident = ?", account, incident);
    }

    /** Returns the row with {@code id}, if any. */
    public synchronized Optional<NoticeRecord> get(long id) {
        return one("SELECT " + COLUMNS + " FROM notice WHERE id = ?", id);
    }

    /**
     * Returns the rows about device {@code ip} (as the failing device or the blocked address) or about
     * any of {@code accounts}, newest decision first, at most 50: what the state knows about a block.
     */
    public synchronized List<NoticeRecord> about(String ip, List<String> accounts) {
        List<Object> args = new ArrayList<>();
        args.add(ip);
        args.add(ip);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM notice WHERE ip = ? OR blocked_ip = ?");
        for (String a : accounts.stream().limit(20).toList()) {
            sql.append(" OR account = ?");
            args.add(a.toLowerCase(java.util.Locale.ROOT));
        }
        sql.append(" ORDER BY due_at DESC, id DESC LIMIT 50");
        return many(sql.toString(), args.toArray());
    }

    /** Returns every row, newest decision first. */
    public synchronized List<NoticeRecord> list() {
        return many("SELECT " + COLUMNS + " FROM notice ORDER BY due_at DESC, id DESC");
    }

    /**
     * Inserts a decided notice unless (account, incident) already has a row; returns the row either way.
     */
    public synchronized NoticeRecord insert(NoticeCandidate c, Decision d, Resolution r, DeliveryMode mode,
                                            Instant now) {
        String sql = "INSERT INTO notice (account, incident, status, mode, reason, recipient, cc, via, created_at,"
                + " due_at, next_attempt_at, " + LedgerRows.CANDIDATE_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?"
                + ",?".repeat(LedgerRows.CANDIDATE_COUNT) + ") ON CONFLICT (account, incident) DO NOTHING";
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, c.account());
            s.setString(2, c.incidentKey());
            bindDecision(s, 3, d, r, mode);
            s.setLong(9, now.toEpochMilli());
            s.setLong(10, now.toEpochMilli());
            LedgerRows.setTime(s, 11, d.action() == Decision.Action.SUPPRESS ? null : now);
            LedgerRows.bindCandidate(s, 12, c);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the notice", e);
        }
        return find(c.account(), c.incidentKey()).orElseThrow();
    }

    /** Replaces a suppressed row's decision and evidence (a later, stronger candidate for the same incident). */
    public synchronized NoticeRecord redecide(long id, NoticeCandidate c, Decision d, Resolution r, DeliveryMode mode,
                                              Instant now) {
        String sql = "UPDATE notice SET status = ?, mode = ?, reason = ?, recipient = ?, cc = ?, via = ?, due_at = ?,"
                + " next_attempt_at = ?, " + LedgerRows.CANDIDATE_COLUMNS.replace(",", " = ?,")
                // first_block_at is the last candidate column; a block noted meanwhile must survive
                + " = COALESCE(?, first_block_at)"
                + " WHERE id = ? AND status = 'suppressed'";
        try (PreparedStatement s = db.prepareStatement(sql)) {
            bindDecision(s, 1, d, r, mode);
            s.setLong(7, now.toEpochMilli());
            LedgerRows.setTime(s, 8, d.action() == Decision.Action.SUPPRESS ? null : now);
            int next = LedgerRows.bindCandidate(s, 9, c);
            s.setLong(next, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("update the notice", e);
        }
        return get(id).orElseThrow();
    }

    @Override
    public synchronized Optional<Instant> lastNoticeSince(String account, String incidentKey, Instant since) {
        try (PreparedStatement s = db.prepareStatement("SELECT MAX(due_at) FROM notice WHERE account = ?"
                + " AND incident <> ? AND status <> 'suppressed' AND due_at >= ?")) {
            s.setString(1, account);
            s.setString(2, incidentKey);
            s.setLong(3, since.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                long v = r.next() ? r.getLong(1) : 0;
                return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
            }
        } catch (SQLException e) {
            throw failure("read the notice history", e);
        }
    }

    /** Returns the release times (sent or drafted) after {@code since}, oldest first. */
    public synchronized List<Instant> releasedSince(Instant since) {
        List<Instant> out = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT released_at FROM notice WHERE released_at > ?"
                + " ORDER BY released_at")) {
            s.setLong(1, since.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(Instant.ofEpochMilli(r.getLong(1)));
                }
            }
        } catch (SQLException e) {
            throw failure("count released notices", e);
        }
        return out;
    }

    /**
     * Returns queued notices due at {@code now}, and notices left in {@code sending} by a run that
     * stopped (claimed at or before {@code staleClaim}), oldest first.
     */
    public synchronized List<NoticeRecord> due(Instant now, Instant staleClaim) {
        return many("SELECT " + COLUMNS + " FROM notice WHERE (status = 'queued' AND next_attempt_at <= ?)"
                + " OR (status = 'sending' AND claimed_at <= ?) ORDER BY due_at, id", now.toEpochMilli(),
                staleClaim.toEpochMilli());
    }

    /** Marks a due notice as being sent; returns false when another run claimed it first. */
    public synchronized boolean claim(NoticeRecord n, Instant now) {
        return update("UPDATE notice SET status = 'sending', claimed_at = ? WHERE id = ? AND status = ?",
                now.toEpochMilli(), n.id(), n.status().word()) == 1;
    }

    /** Records that a notice was sent or drafted. */
    public synchronized void released(long id, NoticeStatus status, Instant at, String messageId, String outcome) {
        update("UPDATE notice SET status = ?, released_at = ?, message_id = ?, outcome = ?, next_attempt_at = NULL,"
                + " last_error = NULL WHERE id = ?", status.word(), at.toEpochMilli(), messageId, outcome, id);
    }

    /** Puts a notice back in the queue until {@code next}, with a failure count and a note. */
    public synchronized void requeue(long id, int attempts, Instant next, String note) {
        update("UPDATE notice SET status = 'queued', attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                attempts, next.toEpochMilli(), note, id);
    }

    /**
     * Remembers that a send of this notice may have reached the server although it failed or its run
     * stopped, so that the send that succeeds later says the customer may have two copies.
     */
    public synchronized void mayHaveArrived(long id) {
        update("UPDATE notice SET may_have_arrived = 1 WHERE id = ?", id);
    }

    /** Marks a notice as given up. */
    public synchronized void failed(long id, int attempts, String error) {
        update("UPDATE notice SET status = 'failed', attempts = ?, next_attempt_at = NULL, last_error = ?"
                + " WHERE id = ?", attempts, error, id);
    }

    /**
     * Queues a sent, drafted or failed notice to be sent again with a new Message-ID; returns false when
     * it is suppressed, queued or unknown.
     */
    public synchronized boolean resend(long id, Instant now) {
        // a deliberate resend is a new message (new Message-ID): earlier uncertain sends no longer matter
        return update("UPDATE notice SET status = 'queued', mode = 'send', generation = generation + 1, attempts = 0,"
                + " next_attempt_at = ?, last_error = NULL, may_have_arrived = 0 WHERE id = ?"
                + " AND status IN ('sent', 'drafted', 'failed')",
                now.toEpochMilli(), id) == 1;
    }

    /**
     * Records the firewall's first block of {@code account}'s device, for notices whose episode began
     * before it; returns the number of notices updated.
     */
    public synchronized int noteBlock(String account, String ip, Instant at) {
        return update("UPDATE notice SET first_block_at = ?, blocked_ip = ? WHERE account = ? AND first_failure <= ?"
                + " AND (first_block_at IS NULL OR first_block_at > ?)", at.toEpochMilli(), ip, account,
                at.toEpochMilli(), at.toEpochMilli());
    }

    /**
     * Deletes notices decided before {@code before} that are not waiting to leave; returns how many. A
     * replay of logs older than that can decide them again.
     */
    public synchronized int purge(Instant before) {
        return update("DELETE FROM notice WHERE due_at < ? AND status NOT IN ('queued', 'sending')",
                before.toEpochMilli());
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    private static void bindDecision(PreparedStatement s, int at, Decision d, Resolution r, DeliveryMode mode)
            throws SQLException {
        Resolution.Found f = r instanceof Resolution.Found found ? found : null;
        s.setString(at, d.action() == Decision.Action.SUPPRESS ? "suppressed" : "queued");
        s.setString(at + 1, mode.word());
        s.setString(at + 2, d.reason());
        s.setString(at + 3, f == null ? null : f.to());
        s.setString(at + 4, f == null ? null : f.cc());
        s.setString(at + 5, f == null ? null : f.via());
    }

    private Optional<NoticeRecord> one(String sql, Object... args) {
        List<NoticeRecord> all = many(sql, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private List<NoticeRecord> many(String sql, Object... args) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<NoticeRecord> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(LedgerRows.read(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read notices", e);
        }
    }

    private int update(String sql, Object... args) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("update notices", e);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        String todo = dev.authaudit.state.StateDatabase.isDamage(e)
                ? "; the ledger is damaged: " + dev.authaudit.state.StateDatabase.whatToDo(file) : "";
        return new IllegalStateException("notice ledger " + file + ": cannot " + what + ": " + e.getMessage() + todo,
                e);
    }
}
