package dev.authaudit.tune;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One fail2ban jail as the model applies it: a ban once {@code maxretry} failures fall within a sliding
 * {@code findtime}, for {@code bantime} (negative: for ever).
 *
 * @param name the section name, which fail2ban logs as the jail ({@code [dovecot] Ban 192.0.2.3})
 * @param filter the filter name without its {@code [mode=...]} options
 * @param mode the filter's mode option, or null
 * @param where the file and line of the section header, for messages
 */
public record Fail2banJail(String name, boolean enabled, String filter, String mode, int maxretry, long findtimeS,
                           long bantimeS, String where) {
    public Fail2banJail {
        requireNonNull(name, "name");
        requireNonNull(filter, "filter");
        if (maxretry < 1 || findtimeS < 1) {
            throw new IllegalArgumentException("jail " + name + ": maxretry and findtime must be at least 1");
        }
    }

    /** What a mail jail counts. */
    public enum Feeds {
        /** Dovecot's login-process and auth lines, one failure per line. */
        DOVECOT,
        /** Postfix's SASL warnings. */
        POSTFIX,
        /** Exim's "authenticator failed" lines. */
        EXIM,
        /** Bans of the other jails. */
        BANS,
        /** Nothing authaudit reads (sshd, apache, ...). */
        NONE
    }

    /** Returns what this jail's filter counts among the events authaudit reads. */
    public Feeds feeds() {
        String f = filter.toLowerCase(Locale.ROOT);
        if (f.equals("dovecot")) {
            return Feeds.DOVECOT;
        }
        if (f.equals("postfix-sasl") || f.equals("sasl") || (f.equals("postfix") && "auth".equals(mode))) {
            return Feeds.POSTFIX;
        }
        if (f.equals("exim")) {
            return Feeds.EXIM;
        }
        if (f.equals("recidive")) {
            return Feeds.BANS;
        }
        return Feeds.NONE;
    }

    /** Returns true when the ban never ends. */
    public boolean permanent() {
        return bantimeS < 0;
    }

    /** Returns a copy with another maxretry. */
    public Fail2banJail withMaxretry(int n) {
        return new Fail2banJail(name, enabled, filter, mode, n, findtimeS, bantimeS, where);
    }

    /** Returns a copy with another findtime. */
    public Fail2banJail withFindtime(long seconds) {
        return new Fail2banJail(name, enabled, filter, mode, maxretry, seconds, bantimeS, where);
    }
}
