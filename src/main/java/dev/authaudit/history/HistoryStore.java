package dev.authaudit.history;

import dev.authaudit.config.ConfigException;
import dev.authaudit.state.StateDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily aggregates in the state database, one per local day. A day is replaced by a later record
 * that covers at least as much of it, and kept when the new record covers less: re-scanning the same
 * logs replaces each day with the same numbers (never counted twice), a scan that grew with the log
 * replaces it with more, and a scan of only the rotated tail of a day leaves the fuller day alone.
 * Methods are synchronized; one connection serves {@code scan} or {@code watch}.
 */
public final class HistoryStore implements AutoCloseable {
    /** What {@link #record} did. */
    public enum Outcome {
        /** The day was new. */
        ADDED,
        /** The day was there and the new record covered at least as much of it. */
        REPLACED,
        /** The day was there with more coverage; the new record was dropped. */
        KEPT
    }

    private final Path file;
    private final Connection db;

    private HistoryStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Opens (and creates, readable by the owner only) the history in the state database {@code file}.
     *
     * @throws ConfigException when the folder or database cannot be created or written
     */
    public static HistoryStore open(Path file) {
        return new HistoryStore(file, StateDatabase.open(file, "the history", c -> HistorySchema.apply(c, file)));
    }

    /** Returns the database file. */
    public Path file() {
        return file;
    }

    /**
     * Records a day unless the stored one covers more of it; one transaction, so a reader never sees
     * half a day.
     */
    public synchronized Outcome record(DayAggregate day) {
        String key = day.day().toString();
        try {
            db.setAutoCommit(false);
            try {
                Outcome outcome = Outcome.ADDED;
                try (PreparedStatement s = db.prepareStatement(
                        "SELECT covered_from, covered_to FROM history_day WHERE day = ?")) {
                    s.setString(1, key);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            long stored = r.getLong(2) - r.getLong(1);
                            if (day.coverage().toMillis() < stored) {
                                db.rollback();
                                return Outcome.KEPT;
                            }
                            outcome = Outcome.REPLACED;
                        }
                    }
                }
                for (String table : List.of("history_day", "history_count", "history_top")) {
                    update("DELETE FROM " + table + " WHERE day = ?", key);
                }
                update("INSERT INTO history_day (day, zone, covered_from, covered_to, failures, successes)"
                        + " VALUES (?,?,?,?,?,?)", key, day.zone(), day.coveredFrom().toEpochMilli(),
                        day.coveredTo().toEpochMilli(), day.failures(), day.successes());
                counts(key, "failures", day.failuresByVerdict());
                counts(key, "blocks", day.blocksByCause());
                counts(key, "notices", day.noticesByStatus());
                tops(key, "login", day.topLogins());
                tops(key, "address", day.topAddresses());
                db.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("record " + key, e);
        }
    }

    /** Returns the recorded days from {@code from} to {@code to} inclusive, oldest first. */
    public synchronized List<DayAggregate> days(LocalDate from, LocalDate to) {
        Map<String, Row> rows = new LinkedHashMap<>();
        try {
            eachRow("SELECT day, zone, covered_from, covered_to, failures, successes FROM history_day"
                    + " WHERE day >= ? AND day <= ? ORDER BY day", from, to, r -> rows.put(r.getString(1),
                    new Row(r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6))));
            eachRow("SELECT day, kind, key, value FROM history_count WHERE day >= ? AND day <= ?", from, to, r -> {
                Row row = rows.get(r.getString(1));
                if (row != null) {
                    row.counts.computeIfAbsent(r.getString(2), k -> new HashMap<>()).put(r.getString(3), r.getLong(4));
                }
            });
            eachRow("SELECT day, kind, subject, verdict, failures FROM history_top WHERE day >= ? AND day <= ?"
                    + " ORDER BY day, kind, rank", from, to, r -> {
                Row row = rows.get(r.getString(1));
                if (row != null) {
                    TopEntry t = new TopEntry(r.getString(3), r.getString(4), r.getLong(5), 1);
                    (r.getString(2).equals("login") ? row.logins : row.addresses).add(t);
                }
            });
        } catch (SQLException e) {
            throw failure("read the history", e);
        }
        List<DayAggregate> out = new ArrayList<>();
        rows.forEach((day, r) -> out.add(new DayAggregate(LocalDate.parse(day), r.zone,
                Instant.ofEpochMilli(r.from), Instant.ofEpochMilli(r.to), r.failures, r.successes,
                r.counts.getOrDefault("failures", Map.of()), r.counts.getOrDefault("blocks", Map.of()),
                r.counts.getOrDefault("notices", Map.of()), r.logins, r.addresses)));
        return out;
    }

    /** Reads one row of a query. */
    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet r) throws SQLException;
    }

    /** Runs a query over the days from {@code from} to {@code to} (its two parameters) and reads each row. */
    private void eachRow(String sql, LocalDate from, LocalDate to, RowReader reader) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, from.toString());
            s.setString(2, to.toString());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reader.read(r);
                }
            }
        }
    }

    /** Returns the latest recorded day, or null when the history is empty. */
    public synchronized LocalDate latestDay() {
        try (PreparedStatement s = db.prepareStatement("SELECT MAX(day) FROM history_day");
             ResultSet r = s.executeQuery()) {
            String v = r.next() ? r.getString(1) : null;
            return v == null ? null : LocalDate.parse(v);
        } catch (SQLException e) {
            throw failure("read the history", e);
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

    /** One day's columns while its counts and tops are read. */
    private static final class Row {
        final String zone;
        final long from;
        final long to;
        final long failures;
        final long successes;
        final Map<String, Map<String, Long>> counts = new HashMap<>();
        final List<TopEntry> logins = new ArrayList<>();
        final List<TopEntry> addresses = new ArrayList<>();

        Row(String zone, long from, long to, long failures, long successes) {
            this.zone = zone;
            this.from = from;
            this.to = to;
            this.failures = failures;
            this.successes = successes;
        }
    }

    private void counts(String day, String kind, Map<String, Long> values) throws SQLException {
        for (Map.Entry<String, Long> e : values.entrySet()) {
            update("INSERT INTO history_count (day, kind, key, value) VALUES (?,?,?,?)", day, kind, e.getKey(),
                    e.getValue());
        }
    }

    private void tops(String day, String kind, List<TopEntry> entries) throws SQLException {
        int rank = 0;
        for (TopEntry t : entries) {
            update("INSERT INTO history_top (day, kind, subject, verdict, failures, rank) VALUES (?,?,?,?,?,?)"
                    + " ON CONFLICT (day, kind, subject) DO NOTHING", day, kind, t.subject(), t.verdict(),
                    t.failures(), rank++);
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("history " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }
}
