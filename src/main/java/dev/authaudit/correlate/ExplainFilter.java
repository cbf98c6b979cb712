package dev.authaudit.correlate;

import static java.util.Objects.requireNonNull;

import inet.ipaddr.IPAddressString;
import java.util.Locale;

/**
 * The one address or login whose timeline the correlator records, chosen before the run so memory stays
 * flat: events of everyone else are counted but not kept.
 *
 * @param subject an IP address or a login (matched lower-cased)
 * @param address true when the subject is an IP address
 */
public record ExplainFilter(String subject, boolean address) {
    public ExplainFilter {
        requireNonNull(subject, "subject");
    }

    /** Returns a filter for an address or a login, telling which it is by parsing it as an IP literal. */
    public static ExplainFilter of(String subject) {
        String s = subject.strip();
        IPAddressString ip = new IPAddressString(s);
        if (ip.isIPAddress()) {
            return new ExplainFilter(ip.getAddress().toCanonicalString(), true);
        }
        return new ExplainFilter(s.toLowerCase(Locale.ROOT), false);
    }
}
