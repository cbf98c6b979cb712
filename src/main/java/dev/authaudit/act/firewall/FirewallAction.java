package dev.authaudit.act.firewall;

import static java.util.Objects.requireNonNull;

import inet.ipaddr.IPAddress;
import java.time.Duration;
import java.util.List;

/**
 * One csf command authaudit may run, already validated: the address is one IP literal in canonical
 * form (so it can never start with {@code -}), the time to live a whole number of seconds, the comment
 * reduced to safe characters. {@link #arguments()} is the argument list after the {@code csf} path.
 *
 * @param type which command
 * @param ip the address, canonical
 * @param ttl how long an allow lasts, or null for a lift
 * @param comment the comment csf writes beside an allow, or null for a lift
 */
public record FirewallAction(Type type, String ip, Duration ttl, String comment) implements FirewallCommand {
    /** The longest temporary allow authaudit asks for: a week. */
    public static final Duration MAX_TTL = Duration.ofDays(7);

    /** The csf commands. */
    public enum Type {
        /** {@code csf -tr IP}: remove a temporary block (and temporary allow). */
        LIFT_TEMPORARY("-tr"),
        /** {@code csf -dr IP}: remove a permanent block from csf.deny. */
        LIFT_PERMANENT("-dr"),
        /** {@code csf -ta IP TTL comment}: allow the address for TTL seconds. */
        ALLOW("-ta"),
        /** {@code csf -td IP TTL comment}: block the address for TTL seconds ({@code watch --fleet-act block}). */
        TEMP_DENY("-td");

        private final String flag;

        Type(String flag) {
            this.flag = flag;
        }

        /** Returns csf's flag for this command. */
        public String flag() {
            return flag;
        }

        /** Returns the word stored and reported ({@code lift}, {@code allow}, {@code block}). */
        public String word() {
            return this == ALLOW ? "allow" : this == TEMP_DENY ? "block" : "lift";
        }

        /** Returns true for the commands that take a TTL and a comment. */
        boolean timed() {
            return this == ALLOW || this == TEMP_DENY;
        }
    }

    /**
     * Checks every value that becomes a process argument.
     *
     * @throws IllegalArgumentException when the address is not one IP literal, the TTL is missing or out
     *     of range for an allow, or the comment is not in safe form
     */
    public FirewallAction {
        requireNonNull(type, "type");
        ip = canonical(ip);
        if (type.timed()) {
            if (ttl == null || ttl.toSeconds() < 1 || ttl.compareTo(MAX_TTL) > 0) {
                throw new IllegalArgumentException(type.word() + " TTL " + ttl + " must be between 1 s and " + MAX_TTL);
            }
            ttl = Duration.ofSeconds(ttl.toSeconds());
            comment = ActionText.comment(comment);
        } else {
            ttl = null;
            comment = null;
        }
    }

    /** Returns a lift of {@code ip}: {@code -dr} when the block is permanent, else {@code -tr}. */
    public static FirewallAction lift(String ip, boolean permanent) {
        return new FirewallAction(permanent ? Type.LIFT_PERMANENT : Type.LIFT_TEMPORARY, ip, null, null);
    }

    /** Returns a temporary allow of {@code ip} for {@code ttl} with {@code comment} (made safe). */
    public static FirewallAction allow(String ip, Duration ttl, String comment) {
        return new FirewallAction(Type.ALLOW, ip, ttl, comment);
    }

    /**
     * Returns a temporary block of {@code ip} for {@code ttl} with {@code comment} (made safe): csf removes it by
     * itself when the time is up.
     */
    public static FirewallAction tempDeny(String ip, Duration ttl, String comment) {
        return new FirewallAction(Type.TEMP_DENY, ip, ttl, comment);
    }

    /** Returns the arguments after the csf path, e.g. {@code [-ta, 203.0.113.7, 3600, authaudit ...]}. */
    @Override
    public List<String> arguments() {
        return type.timed() ? List.of(type.flag(), ip, Long.toString(ttl.toSeconds()), comment)
                : List.of(type.flag(), ip);
    }

    /** Returns the command as an admin would type it, for reports and logs. */
    @Override
    public String display() {
        StringBuilder b = new StringBuilder("csf");
        for (String a : arguments()) {
            b.append(' ').append(a.indexOf(' ') >= 0 ? "\"" + a + "\"" : a);
        }
        return b.toString();
    }

    /**
     * Returns {@code ip} as a canonical single-address literal.
     *
     * @throws IllegalArgumentException when it is anything else (a host name, a prefix, text)
     */
    public static String canonical(String ip) {
        if (ip == null || ip.length() > 64) {
            throw new IllegalArgumentException("not an IP address");
        }
        IPAddress a = IpLiteral.parse(ip.strip());
        if (a != null && a.isPrefixed() && a.getNetworkPrefixLength() == a.getBitCount()) {
            a = a.withoutPrefixLength();
        }
        if (a == null || a.isPrefixed() || !a.isSingleNetwork() || a.getCount().intValue() != 1
                || (a.isIPv6() && a.toIPv6().hasZone())) {
            throw new IllegalArgumentException("'" + ActionText.safe(ip) + "' is not a single IP address");
        }
        return a.toCanonicalString();
    }
}
