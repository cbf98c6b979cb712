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
import java.util.Map;

/**
 * Builds the typed event a rule emits from its captured and constant fields, validating every value:
 * the address must be an address, numbers must be numbers, logins are lower-cased and bounded.
 * Everything captured is hostile text; nothing here interprets it beyond that.
 */
final class EventFactory {
    /** Longest login kept; longer ones are cut (nobody's mailbox name is this long). */
    static final int MAX_ACCOUNT = 256;
    private static final int MAX_TEXT = 512;

    /** Thrown when a matched line carries a value that cannot be used. */
    static final class InvalidField extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidField(String message) {
            super(message, null, false, false);
        }
    }

    LogEvent build(ParserRule rule, Map<String, String> f, OffsetDateTime time, Origin origin) throws InvalidField {
        String ip = Addresses.normalize(f.get("ip"));
        if (ip == null) {
            throw new InvalidField("'" + clip(f.get("ip"), 64) + "' is not an IP address");
        }
        Integer port = integer(f.get("port"));
        Protocol protocol = protocol(f, port);
        switch (rule.emits()) {
            case AUTH_FAILURE: {
                String reasonText = f.get("reason");
                FailureReason reason = reasonText == null ? FailureReason.OTHER : FailureReason.fromText(reasonText);
                Integer attempts = integer(f.get("attempts"));
                int n = attempts == null || attempts < 1 ? 1 : Math.min(attempts, 10_000);
                return new AuthFailure(time, origin, ip, account(f.get("account")), protocol, port, reason, n,
                        "true".equalsIgnoreCase(f.get("detail")), fingerprint(f.get("password_fp")),
                        text(f.get("session")), text(f.get("mech")), text(f.get("helo")),
                        Addresses.normalize(f.get("local_ip")));
            }
            case AUTH_SUCCESS:
                return new AuthSuccess(time, origin, ip, account(f.get("account")), protocol, port,
                        text(f.get("session")), text(f.get("mech")), text(f.get("helo")),
                        Addresses.normalize(f.get("local_ip")));
            case FIREWALL_DROP: {
                String in = f.get("in");
                return new FirewallDrop(time, origin, ip, protocol, port, chain(f.get("chain")),
                        integer(f.get("src_port")), upper(f.get("proto")), Addresses.normalize(f.get("dst")),
                        in == null || !in.isBlank(), text(f.get("flags")));
            }
            case FIREWALL_BLOCK: {
                Integer duration = integer(f.get("duration"));
                boolean permanent = "true".equalsIgnoreCase(f.get("permanent")) && duration == null;
                return new FirewallBlock(time, origin, ip, account(f.get("account")), protocol, port,
                        clip(f.get("trigger").trim(), 64), integer(f.get("hits")), integer(f.get("interval")),
                        duration == null ? null : duration.longValue(), permanent, ports(f.get("ports")),
                        text(f.get("app")), text(f.get("message")));
            }
            case FIREWALL_UNBLOCK:
                return new FirewallUnblock(time, origin, ip, protocol, port, text(f.get("trigger")));
            default:
                throw new IllegalStateException("ignore rules emit nothing");
        }
    }

    private static Protocol protocol(Map<String, String> f, Integer port) {
        String p = f.get("protocol");
        if (p != null) {
            return Protocol.fromService(p);
        }
        String service = f.get("service");
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

    private static String account(String raw) {
        if (raw == null) {
            return null;
        }
        String a = raw.trim();
        if (a.length() >= 2 && a.charAt(0) == '<' && a.charAt(a.length() - 1) == '>') {
            a = a.substring(1, a.length() - 1);
        }
        if (a.isEmpty()) {
            return null;
        }
        return clip(a, MAX_ACCOUNT).toLowerCase(Locale.ROOT);
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

    private static Integer integer(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 9) {
            return null;
        }
        int v = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
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
