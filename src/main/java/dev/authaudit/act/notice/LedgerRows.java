package dev.authaudit.act.notice;

import dev.authaudit.event.Protocol;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Maps ledger rows to {@link NoticeRecord}s and candidates to statement parameters. */
final class LedgerRows {
    /** The candidate's columns, in the order {@link #bindCandidate} binds them. */
    static final String CANDIDATE_COLUMNS = "verdict, confidence, detected_at, success_on_record, targeted,"
            + " attacker, block_cause, ip, network, protocols, ports, client, first_failure, last_failure,"
            + " failures, first_block_at, last_worked";
    static final int CANDIDATE_COUNT = 17;

    private LedgerRows() {
    }

    /** Binds the candidate's columns from parameter {@code at} on; returns the next index. */
    static int bindCandidate(PreparedStatement s, int at, NoticeCandidate c) throws SQLException {
        int i = at;
        s.setString(i++, c.verdict());
        s.setDouble(i++, c.confidence());
        s.setLong(i++, c.detectedAt().toEpochMilli());
        s.setInt(i++, c.successOnRecord() ? 1 : 0);
        s.setInt(i++, c.targeted() ? 1 : 0);
        s.setInt(i++, c.attackerPattern() ? 1 : 0);
        s.setString(i++, c.blockCause());
        s.setString(i++, c.device().ip());
        s.setString(i++, c.device().network());
        s.setString(i++, c.device().protocols().stream().map(Protocol::word).collect(Collectors.joining(",")));
        s.setString(i++, c.device().ports().stream().map(String::valueOf).collect(Collectors.joining(",")));
        s.setString(i++, c.device().clientName());
        s.setLong(i++, c.firstFailure().toEpochMilli());
        s.setLong(i++, c.lastFailure().toEpochMilli());
        s.setLong(i++, c.failures());
        setTime(s, i++, c.firstBlockAt());
        setTime(s, i++, c.device().lastWorked());
        return i;
    }

    /** Sets a nullable time as epoch milliseconds. */
    static void setTime(PreparedStatement s, int i, Instant t) throws SQLException {
        if (t == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setLong(i, t.toEpochMilli());
        }
    }

    /** Reads the row at the cursor. */
    static NoticeRecord read(ResultSet r) throws SQLException {
        String account = r.getString("account");
        String incident = r.getString("incident");
        Set<Protocol> protocols = EnumSet.noneOf(Protocol.class);
        for (String p : split(r.getString("protocols"))) {
            protocols.add(Protocol.valueOf(p.toUpperCase(java.util.Locale.ROOT)));
        }
        TreeSet<Integer> ports = new TreeSet<>();
        for (String p : split(r.getString("ports"))) {
            ports.add(Integer.valueOf(p));
        }
        DeviceSeen device = new DeviceSeen(r.getString("ip"), r.getString("network"), protocols, ports,
                r.getString("client"), time(r, "last_worked"));
        NoticeCandidate c = new NoticeCandidate(account, r.getString("verdict"), r.getDouble("confidence"),
                time(r, "detected_at"), r.getInt("success_on_record") == 1, r.getInt("targeted") == 1,
                r.getInt("attacker") == 1, r.getString("block_cause"), device, time(r, "first_failure"),
                time(r, "last_failure"), r.getLong("failures"), time(r, "first_block_at"), incident);
        return new NoticeRecord(r.getLong("id"), account, incident, NoticeStatus.of(r.getString("status")),
                DeliveryMode.valueOf(r.getString("mode").toUpperCase(java.util.Locale.ROOT)), r.getString("reason"),
                r.getString("recipient"), r.getString("cc"), r.getString("via"), time(r, "created_at"),
                time(r, "due_at"), r.getInt("attempts"), time(r, "next_attempt_at"), r.getString("last_error"),
                time(r, "released_at"), r.getInt("generation"), r.getString("message_id"), r.getString("outcome"),
                r.getString("blocked_ip"), r.getInt("may_have_arrived") != 0, c);
    }

    private static Instant time(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static String[] split(String csv) {
        return csv == null || csv.isEmpty() ? new String[0]
                : Arrays.stream(csv.split(",")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
