package dev.authaudit.act.notice;

import dev.authaudit.event.Protocol;
import java.time.Instant;

/** Builds candidates for tests: a confident stale_password by default, changed one field at a time. */
final class Candidates {
    static final Instant T0 = Instant.parse("2026-03-31T15:00:00Z");

    String account = "bob@example.com";
    String verdict = "stale_password";
    double confidence = 0.93;
    boolean success = true;
    boolean targeted;
    boolean attacker;
    String blockCause;
    String ip = "203.0.113.7";
    String helo = "iPhone";
    Protocol protocol = Protocol.IMAP;
    int port = 993;
    Instant first = T0;
    Instant last = T0.plusSeconds(1800);
    long failures = 42;
    Instant blockAt;
    String network;
    Instant lastWorked;

    static Candidates stale(String account) {
        Candidates c = new Candidates();
        c.account = account;
        return c;
    }

    NoticeCandidate build() {
        DeviceSeen d = new DeviceSeen(ip, network == null ? ip : network, java.util.EnumSet.of(protocol),
                new java.util.TreeSet<>(java.util.Set.of(port)), helo, lastWorked);
        return new NoticeCandidate(account, verdict, confidence, last, success, targeted, attacker, blockCause, d,
                first, last, failures, blockAt, IncidentKey.of(account.toLowerCase(java.util.Locale.ROOT), ip, first));
    }
}
