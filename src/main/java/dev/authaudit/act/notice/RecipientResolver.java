package dev.authaudit.act.notice;

import dev.authaudit.config.ConfigException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who receives the notice about a login: the admin's mapping file first, then the cPanel
 * owner's contact address for the login's domain, then the mailbox itself when the login is an
 * address. Every address, wherever it came from, must pass {@link AddressCheck}; a login that is not
 * one plain address is never used to find a domain, so a crafted login cannot steer a notice to
 * somebody else's contact.
 */
public final class RecipientResolver {
    private static final Logger log = LoggerFactory.getLogger(RecipientResolver.class);

    private final ContactMap map;
    private final CpanelContacts cpanel;
    private final boolean mailboxFallback;
    private final String adminCc;

    /**
     * Creates a resolver.
     *
     * @param map the admin's mapping file, or null
     * @param cpanel the cPanel lookup, or null when this is not a cPanel server
     * @param mailboxFallback true to send to the login itself when it is an address
     * @param adminCc an address to copy every notice to, or null
     * @throws ConfigException when {@code adminCc} is not one plain address
     */
    public RecipientResolver(ContactMap map, CpanelContacts cpanel, boolean mailboxFallback, String adminCc) {
        if (adminCc != null) {
            AddressCheck.problem(adminCc).ifPresent(p -> {
                throw new ConfigException(null, "notice-cc", "--notice-cc: " + p + "; give one plain address");
            });
        }
        this.map = map;
        this.cpanel = cpanel;
        this.mailboxFallback = mailboxFallback;
        this.adminCc = adminCc;
    }

    /** Returns a resolver that only ever uses the mailbox itself, with no copy. */
    public static RecipientResolver mailboxOnly() {
        return new RecipientResolver(null, null, true, null);
    }

    /**
     * Returns the recipient for {@code login}, or why there is none.
     *
     * @param login the login, lower-cased
     */
    public Resolution resolve(String login) {
        if (map != null) {
            Optional<String> mapped = map.contact(login);
            if (mapped.isPresent()) {
                return checked(mapped.get(), "the mapping file " + map.file());
            }
        }
        Optional<String> loginProblem = AddressCheck.problem(login);
        if (loginProblem.isPresent()) {
            return new Resolution.Refused("the login " + loginProblem.get()
                    + ", and the mapping file names no contact for it");
        }
        if (cpanel != null) {
            String domain = login.substring(login.indexOf('@') + 1);
            Optional<CpanelContacts.Contact> c = cpanel.lookup(domain);
            if (c.isPresent()) {
                Optional<String> p = AddressCheck.problem(c.get().address());
                if (p.isEmpty()) {
                    return found(c.get().address(), "the cPanel contact of user " + c.get().user());
                }
                log.warn("cPanel user {}'s CONTACTEMAIL is unusable ({}); using the mailbox instead",
                        c.get().user(), p.get());
            }
        }
        if (mailboxFallback) {
            return found(login, "the mailbox itself");
        }
        return new Resolution.Refused("no contact for " + SafeText.quoted(login)
                + ": add it to the mapping file (--notice-contacts) or allow mailing the mailbox itself");
    }

    private Resolution checked(String address, String via) {
        Optional<String> p = AddressCheck.problem(address);
        return p.isPresent() ? new Resolution.Refused("the contact in " + via + ": " + p.get()) : found(address, via);
    }

    private Resolution found(String to, String via) {
        String cc = adminCc == null || adminCc.equalsIgnoreCase(to) ? null : adminCc;
        return new Resolution.Found(to, cc, via);
    }
}
