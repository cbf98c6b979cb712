package dev.authaudit.parse;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.FailureReason;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.FirewallDrop;
import dev.authaudit.event.FirewallUnblock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import dev.authaudit.rules.ParserRule;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the typed event a rule emits from its captured and constant fields, validating every value:
 * the address must be an address, numbers must be numbers, logins are lower-cased and bounded.
 * Everything captured is hostile text; nothing here interprets it beyond that.
 */
final class EventFactory {
    /** Longest login kept; longer ones are cut (nobody's mailbox name is this long). */
    static final int MAX_ACCOUNT = 256;
    private static final int MAX_TEXT = 512;
    /** One instance per login across the parsing threads (see {@link LoginInterner}). */
    private final LoginInterner logins = new LoginInterner();

    /** Thrown when a matched line carries a value that cannot be used. */
    static final class InvalidField extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidField(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param f the field values by {@link FieldSlot}, null where the line gave none or where {@code in} holds it
     * @param in the values left in the line (login, port, source port)
     */
    LogEvent build(ParserRule rule, String[] f, FieldSpans in, OffsetDateTime time, Origin origin) throws InvalidField {
        // one small method per kind of event: the JIT compiles the kinds a log has, each on its own,
        // instead of one unit holding every kind's validation inlined
        String ip = Addresses.normalize(f[FieldSlot.IP]);
        if (ip == null || ip.equals("0.0.0.0") || ip.equals("::")) {
            throw unusableAddress(f[FieldSlot.IP], ip);
        }
        // the correlator looks events up by address and login on its one thread: their hash codes are worked
        // out here, on a parse thread, and the strings keep them
        ip.hashCode();
        Integer port = port(f, in, FieldSlot.PORT, "port");
        Protocol protocol = protocol(f, port);
        switch (rule.emits()) {
            case AUTH_FAILURE:
                return authFailure(f, in, time, origin, ip, protocol, port);
            case AUTH_SUCCESS:
                return authSuccess(f, in, time, origin, ip, protocol, port);
            case FIREWALL_DROP:
                return firewallDrop(f, in, time, origin, ip, protocol, port);
            case FIREWALL_BLOCK:
                return firewallBlock(f, in, time, origin, ip, protocol, port);
            case FIREWALL_UNBLOCK:
                return new FirewallUnblock(time, origin, ip, protocol, port, text(f[FieldSlot.TRIGGER]));
            default:
                throw new IllegalStateException("ignore rules emit nothing");
        }
    }

    private static InvalidField unusableAddress(String raw, String normalized) {
        if (normalized == null) {
            return new InvalidField("'" + clip(raw, 64) + "' is not an IP address");
        }
        return new InvalidField("'" + normalized + "' is the unspecified address, not a client's");
    }

    private AuthFailure authFailure(String[] f, FieldSpans in, OffsetDateTime time, Origin origin, String ip,
                                    Protocol protocol, Integer port) {
        String reasonText = f[FieldSlot.REASON];
        FailureReason reason = reasonText == null ? FailureReason.OTHER : FailureReason.fromText(reasonText);
        Integer attempts = integer(f[FieldSlot.ATTEMPTS]);
        int n = attempts == null || attempts < 1 ? 1 : Math.min(attempts, 10_000);
        return new AuthFailure(time, origin, ip, account(f, in), protocol, port, reason, n,
                "true".equalsIgnoreCase(f[FieldSlot.DETAIL]), fingerprint(f[FieldSlot.PASSWORD_FP]),
                text(f[FieldSlot.SESSION]), text(f[FieldSlot.MECH]), text(f[FieldSlot.HELO]),
                Addresses.normalize(f[FieldSlot.LOCAL_IP]));
    }

    private AuthSuccess authSuccess(String[] f, FieldSpans in, OffsetDateTime time, Origin origin, String ip,
                                    Protocol protocol, Integer port) {
        return new AuthSuccess(time, origin, ip, account(f, in), protocol, port,
                text(f[FieldSlot.SESSION]), text(f[FieldSlot.MECH]), text(f[FieldSlot.HELO]),
                Addresses.normalize(f[FieldSlot.LOCAL_IP]));
    }

    private static FirewallDrop firewallDrop(String[] f, FieldSpans spans, OffsetDateTime time, Origin origin, String ip,
                                             Protocol protocol, Integer port) throws InvalidField {
        String in = f[FieldSlot.IN];
        return new FirewallDrop(time, origin, ip, protocol, port, chain(f[FieldSlot.CHAIN]),
                port(f, spans, FieldSlot.SRC_PORT, "source port"), upper(f[FieldSlot.PROTO]), Addresses.normalize(f[FieldSlot.DST]),
                in == null || !in.isBlank(), text(f[FieldSlot.FLAGS]));
    }

    private FirewallBlock firewallBlock(String[] f, FieldSpans in, OffsetDateTime time, Origin origin, String ip,
                                               Protocol protocol, Integer port) {
        Integer duration = integer(f[FieldSlot.DURATION]);
        boolean permanent = "true".equalsIgnoreCase(f[FieldSlot.PERMANENT]) && duration == null;
        return new FirewallBlock(time, origin, ip, account(f, in), protocol, port,
                clip(f[FieldSlot.TRIGGER].trim(), 64), integer(f[FieldSlot.HITS]), integer(f[FieldSlot.INTERVAL]),
                duration == null ? null : duration.longValue(), permanent, ports(f[FieldSlot.PORTS]),
                text(f[FieldSlot.APP]), text(f[FieldSlot.MESSAGE]));
    }

    private static Protocol protocol(String[] f, Integer port) {
        String p = f[FieldSlot.PROTOCOL];
        if (p != null) {
            return Protocol.fromService(p);
        }
        String service = f[FieldSlot.SERVICE];
        if (service != null) {
            return Protocol.fromService(service);
        }
        return fromPort(port);
    }

    /** Returns the mail protocol a well-known port serves, or OTHER. */
    static Protocol fromPort(Integer port) {
        if (port == null) {
            return Protocol.OTHER;
        }
        switch (port) {
            case 25: case 465: case 587: case 2525:
                return Protocol.SMTP;
            case 143: case 993:
                return Protocol.IMAP;
            case 110: case 995:
                return Protocol.POP3;
            default:
                return Protocol.OTHER;
        }
    }

    /** The login of the line: read where it stands when {@code in} has it. */
    private String account(String[] f, FieldSpans in) {
        if (in.has(FieldSlot.ACCOUNT)) {
            return account(in.text(), in.start(FieldSlot.ACCOUNT), in.end(FieldSlot.ACCOUNT));
        }
        String raw = f[FieldSlot.ACCOUNT];
        return raw == null ? null : account(raw, 0, raw.length());
    }

    /** The login {@code raw[start..end)} as an event carries it, or null when it is blank. */
    private String account(String raw, int start, int end) {
        // trimmed (String.trim's bounds), without its angle brackets, cut to MAX_ACCOUNT and lower-cased: worked
        // out on the line's own characters, so a login seen before costs no copy (see LoginInterner)
        int from = start;
        int to = end;
        while (from < to && raw.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && raw.charAt(to - 1) <= ' ') {
            to--;
        }
        if (to - from >= 2 && raw.charAt(from) == '<' && raw.charAt(to - 1) == '>') {
            from++;
            to--;
        }
        if (from == to) {
            return null;
        }
        // the hash code is kept by the string, for the correlator's thread (see build); the instance is the one
        // every event of the login carries, so the correlator's tables find it by identity
        return logins.internLower(raw, from, Math.min(to, from + MAX_ACCOUNT));
    }

    private static String fingerprint(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 64) {
            return null;
        }
        if (raw.charAt(0) == 'k') {
            return raw; // our own keyed fingerprint of a redacted plaintext
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.digit(raw.charAt(i), 16) < 0) {
                return null; // bug reports mask it as ****: treat as absent
            }
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    private static String chain(String raw) {
        if (raw == null) {
            return "UNKNOWN";
        }
        return clip(raw.trim().replace(' ', '_').toUpperCase(Locale.ROOT), 32);
    }

    private static List<Integer> ports(String raw) {
        List<Integer> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (String p : raw.split(",")) {
            Integer v = integer(p.trim());
            if (v != null && v >= 0 && v <= 65535) {
                out.add(v);
            }
        }
        return out;
    }

    /** As {@link #port(String, String)} for the value of {@code slot}, read in place when {@code in} has it. */
    private static Integer port(String[] f, FieldSpans in, int slot, String what) throws InvalidField {
        if (!in.has(slot)) {
            return port(f[slot], what);
        }
        Integer v = integer(in.text(), in.start(slot), in.end(slot));
        // the usual port; anything else (none, not a number, out of range) takes the copy's way, for its answer
        return v != null && v <= 65535 ? v : port(in.value(f, slot), what);
    }

    /** A port number, or null when the line gave none; a number past 65535 makes the line unusable. */
    private static Integer port(String raw, String what) throws InvalidField {
        Integer v = integer(raw);
        if (raw != null && !raw.isEmpty() && (v == null ? raw.chars().allMatch(Character::isDigit) : v > 65535)) {
            throw new InvalidField(what + " " + clip(raw, 16) + " is out of range (0-65535)");
        }
        return v;
    }

    private static Integer integer(String raw) {
        return raw == null ? null : integer(raw, 0, raw.length());
    }

    /** The number {@code s[from..to)} (one to nine digits), or null. */
    private static Integer integer(String s, int from, int to) {
        if (to <= from || to - from > 9) {
            return null;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String upper(String raw) {
        return raw == null ? null : clip(raw, 16).toUpperCase(Locale.ROOT);
    }

    private static String text(String raw) {
        return raw == null || raw.isEmpty() ? null : clip(raw, MAX_TEXT);
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max);
    }
}
