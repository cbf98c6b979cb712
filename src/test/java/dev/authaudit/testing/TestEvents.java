package dev.authaudit.testing;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.FailureReason;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.FirewallDrop;
import dev.authaudit.event.FirewallUnblock;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Builds events in code, the way CrowdSec's test.json feeds already-parsed events: every event gets a
 * fixed time and a distinct line number in {@code test.log}.
 */
public final class TestEvents {
    /** 09:00 on a Tuesday, in the zone of the 2013 lfd example. */
    public static final OffsetDateTime T0 = OffsetDateTime.parse("2026-03-31T09:00:00-04:00");

    private long line;

    /** Starts a failure; defaults: IMAP on 993, password mismatch, one attempt, primary line. */
    public FailureBuilder failure(OffsetDateTime time, String ip, String login) {
        return new FailureBuilder(time, ip, login);
    }

    /** Returns a successful login. */
    public AuthSuccess success(OffsetDateTime time, String ip, String login, Protocol protocol) {
        return new AuthSuccess(time, origin("dovecot", "dovecot.login"), ip, login, protocol,
                protocol == Protocol.SMTP ? 587 : 993, null, "PLAIN", null, null);
    }

    /** Returns an inbound TCP SYN dropped by csf (`*TCP_IN Blocked*`). */
    public FirewallDrop drop(OffsetDateTime time, String ip, int srcPort, int dstPort) {
        return new FirewallDrop(time, origin("kernel", "kernel.tcp-in"), ip, Protocol.OTHER, dstPort, "TCP_IN",
                srcPort, "TCP", "192.0.2.1", true, "SYN");
    }

    /** Returns an lfd block. */
    public FirewallBlock block(OffsetDateTime time, String ip, String trigger, Integer hits, Integer intervalS,
                               Long durationS) {
        return new FirewallBlock(time, origin("lfd", "lfd.block"), ip, null, Protocol.OTHER, null, trigger, hits,
                intervalS, durationS, durationS == null, List.of(), null, "test block");
    }

    /** Returns lfd's "temporary block removed". */
    public FirewallUnblock unblock(OffsetDateTime time, String ip) {
        return new FirewallUnblock(time, origin("lfd", "lfd.unblock"), ip, Protocol.OTHER, null, null);
    }

    private Origin origin(String source, String rule) {
        return new Origin(source, rule, "test.log", ++line);
    }

    /** A failed login under construction. */
    public final class FailureBuilder {
        private final OffsetDateTime time;
        private final String ip;
        private final String login;
        private Protocol protocol = Protocol.IMAP;
        private Integer port = 993;
        private FailureReason reason = FailureReason.PASSWORD_MISMATCH;
        private int attempts = 1;
        private boolean detail;
        private String fp;
        private String session;

        private FailureBuilder(OffsetDateTime time, String ip, String login) {
            this.time = time;
            this.ip = ip;
            this.login = login;
        }

        public FailureBuilder smtp() {
            protocol = Protocol.SMTP;
            port = 587;
            return this;
        }

        public FailureBuilder pop3() {
            protocol = Protocol.POP3;
            port = 995;
            return this;
        }

        public FailureBuilder unknownUser() {
            reason = FailureReason.UNKNOWN_USER;
            return this;
        }

        public FailureBuilder attempts(int n) {
            attempts = n;
            return this;
        }

        /** Marks it a Dovecot auth/auth-worker detail line. */
        public FailureBuilder detail() {
            detail = true;
            return this;
        }

        public FailureBuilder fp(String fingerprint) {
            fp = fingerprint;
            return this;
        }

        public FailureBuilder session(String id) {
            session = id;
            return this;
        }

        public AuthFailure build() {
            String source = detail ? "dovecot" : protocol == Protocol.SMTP ? "exim" : "dovecot";
            return new AuthFailure(time, origin(source, detail ? "dovecot.auth-detail" : source + ".auth-failed"), ip,
                    login, protocol, port, reason, attempts, detail, fp, session, "PLAIN", null, null);
        }
    }
}
