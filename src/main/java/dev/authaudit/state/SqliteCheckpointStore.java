package dev.authaudit.state;

import dev.authaudit.config.ConfigException;
import dev.authaudit.ingest.Checkpoint;
import dev.authaudit.ingest.CheckpointStore;
import dev.authaudit.ingest.HandledLine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Keeps checkpoints in SQLite beside the notice ledger: one row per followed path, replaced on every
 * save, and history marks at most one per {@code markEvery} per path, pruned to {@code keep} (the
 * newest mark older than that is kept, so a look-back always has a start). Saves are one transaction.
 */
public final class SqliteCheckpointStore implements CheckpointStore {
    private static final String COLS = "path, inode, byte_offset, line, last_line_hash, last_line_length";

    private final Path file;
    private final Connection db;
    private final Duration markEvery;
    private final Duration keep;

    private SqliteCheckpointStore(Path file, Connection db, Duration markEvery, Duration keep) {
        this.file = file;
        this.db = db;
        this.markEvery = markEvery;
        this.keep = keep;
    }

    /**
     * Opens (and creates, readable by the owner only) the checkpoint tables in {@code file}.
     *
     * @param markEvery the least time between two history marks of one path
     * @param keep how long history marks are kept (at least the look-back window)
     * @throws ConfigException when the database cannot be created or read
     */
    public static SqliteCheckpointStore open(Path file, Duration markEvery, Duration keep) {
        return new SqliteCheckpointStore(file, StateDatabase.open(file, "the checkpoints",
                c -> CheckpointSchema.apply(c, file)), markEvery, keep);
    }

    @Override
    public synchronized Optional<Checkpoint> load(String path) {
        List<Checkpoint> all = query("SELECT " + COLS + ", last_event_at FROM follow_checkpoint WHERE path = ?", path);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    @Override
    public synchronized List<Checkpoint> all() {
        return query("SELECT " + COLS + ", last_event_at FROM follow_checkpoint ORDER BY path");
    }

    @Override
    public synchronized void save(Collection<Checkpoint> checkpoints, Instant at) {
        save(checkpoints, at, List.of());
    }

    @Override
    public synchronized void save(Collection<Checkpoint> checkpoints, Instant at, List<HandledLine> handled) {
        long now = at.toEpochMilli();
        try {
            db.setAutoCommit(false);
            if (!handled.isEmpty()) {
                try (var s = db.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS watch_trace (path TEXT NOT NULL, text TEXT NOT NULL,"
                            + " events INTEGER NOT NULL, saved_at INTEGER NOT NULL)");
                }
                try (PreparedStatement t = db.prepareStatement("INSERT INTO watch_trace (path, text, events, saved_at)"
                        + " VALUES (?,?,?,?)")) {
                    for (HandledLine h : handled) {
                        t.setString(1, h.path());
                        t.setString(2, h.text());
                        t.setInt(3, h.events());
                        t.setLong(4, now);
                        t.addBatch();
                    }
                    t.executeBatch();
                }
            }
            try (PreparedStatement up = db.prepareStatement("INSERT INTO follow_checkpoint (" + COLS
                    + ", last_event_at, saved_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (path) DO UPDATE SET"
                    + " inode = excluded.inode, byte_offset = excluded.byte_offset, line = excluded.line,"
                    + " last_line_hash = excluded.last_line_hash, last_line_length = excluded.last_line_length,"
                    + " last_event_at = COALESCE(excluded.last_event_at, follow_checkpoint.last_event_at),"
                    + " saved_at = excluded.saved_at");
                 PreparedStatement last = db.prepareStatement("SELECT MAX(saved_at) FROM follow_mark WHERE path = ?");
                 PreparedStatement mark = db.prepareStatement("INSERT INTO follow_mark (" + COLS + ", saved_at)"
                         + " VALUES (?,?,?,?,?,?,?)");
                 PreparedStatement prune = db.prepareStatement("DELETE FROM follow_mark WHERE path = ? AND saved_at"
                         + " < (SELECT MAX(saved_at) FROM follow_mark WHERE path = ? AND saved_at <= ?)")) {
                for (Checkpoint c : checkpoints) {
                    int i = bind(up, c);
                    if (c.lastEvent() == null) {
                        up.setObject(i++, null);
                    } else {
                        up.setLong(i++, c.lastEvent().toEpochMilli());
                    }
                    up.setLong(i, now);
                    up.executeUpdate();
                    last.setString(1, c.path());
                    long previous;
                    try (ResultSet r = last.executeQuery()) {
                        previous = r.next() ? r.getLong(1) : 0;
                        previous = r.wasNull() ? Long.MIN_VALUE : previous;
                    }
                    if (previous == Long.MIN_VALUE || now - previous >= markEvery.toMillis()) {
                        mark.setLong(bind(mark, c), now);
                        mark.executeUpdate();
                    }
                    prune.setString(1, c.path());
                    prune.setString(2, c.path());
                    prune.setLong(3, now - keep.toMillis());
                    prune.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the failure below says what happened
            }
            throw failure("save checkpoints", e);
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the next call reports a broken connection
            }
        }
    }

    @Override
    public synchronized Optional<Checkpoint> lookBackFrom(String path, long inode, Instant notAfter) {
        List<Checkpoint> before = query("SELECT " + COLS + ", NULL FROM follow_mark WHERE path = ? AND inode = ?"
                + " AND saved_at <= ? ORDER BY saved_at DESC LIMIT 1", path, inode, notAfter.toEpochMilli());
        return before.isEmpty() ? Optional.empty() : Optional.of(before.get(0));
    }

    @Override
    public synchronized Optional<Instant> savedAt(String path) {
        try (PreparedStatement s = db.prepareStatement("SELECT saved_at FROM follow_checkpoint WHERE path = ?")) {
            s.setString(1, path);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(Instant.ofEpochMilli(r.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read checkpoints", e);
        }
    }

    @Override
    public synchronized int warmUpStarted() {
        try (var s = db.createStatement()) {
            int before;
            try (ResultSet r = s.executeQuery("SELECT interrupted FROM follow_warmup WHERE id = 1")) {
                before = r.next() ? r.getInt(1) : 0;
            }
            s.executeUpdate("INSERT INTO follow_warmup (id, interrupted) VALUES (1, 1) ON CONFLICT (id) DO UPDATE"
                    + " SET interrupted = interrupted + 1");
            return before;
        } catch (SQLException e) {
            throw failure("record the warm-up", e);
        }
    }

    @Override
    public synchronized void warmUpFinished() {
        try (var s = db.createStatement()) {
            s.executeUpdate("UPDATE follow_warmup SET interrupted = 0 WHERE id = 1");
        } catch (SQLException e) {
            throw failure("record the warm-up", e);
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

    private static int bind(PreparedStatement s, Checkpoint c) throws SQLException {
        s.setString(1, c.path());
        s.setLong(2, c.inode());
        s.setLong(3, c.offset());
        s.setLong(4, c.line());
        s.setString(5, c.lastLineHash());
        s.setInt(6, c.lastLineLength());
        return 7;
    }

    private List<Checkpoint> query(String sql, Object... args) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<Checkpoint> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long ev = r.getLong(7);
                    Instant lastEvent = r.wasNull() ? null : Instant.ofEpochMilli(ev);
                    out.add(new Checkpoint(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getString(5),
                            r.getInt(6), lastEvent));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read checkpoints", e);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("checkpoints in " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }
}
