package dev.authaudit.act.notice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the cPanel account owner's contact address for a mail domain: {@code /etc/userdomains}
 * ({@code example.com: exampleuser}) gives the cPanel user, and {@code /var/cpanel/users/<user>}'s
 * {@code CONTACTEMAIL=} line gives the address. Both paths are configurable. Files are read on each
 * lookup, so an edit in WHM is seen without a restart.
 */
public final class CpanelContacts {
    private static final Logger log = LoggerFactory.getLogger(CpanelContacts.class);
    // cPanel user names are short lower-case words; anything else must never become a path.
    private static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private final Path userdomains;
    private final Path usersDir;

    /**
     * Creates a lookup.
     *
     * @param userdomains the domain-to-user file, normally {@code /etc/userdomains}
     * @param usersDir the folder of per-user files, normally {@code /var/cpanel/users}
     */
    public CpanelContacts(Path userdomains, Path usersDir) {
        this.userdomains = userdomains;
        this.usersDir = usersDir;
    }

    /** Returns a lookup on the standard cPanel paths. */
    public static CpanelContacts standard() {
        return new CpanelContacts(Path.of("/etc/userdomains"), Path.of("/var/cpanel/users"));
    }

    /**
     * Returns the owner of {@code domain} and the owner's contact address, if cPanel knows both.
     *
     * @param domain a mail domain, already validated as a plain domain name
     */
    public Optional<Contact> lookup(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        Optional<String> user = value(userdomains, d + ":");
        if (user.isEmpty() || user.get().equals("nobody") || !USER.matcher(user.get()).matches()) {
            return Optional.empty();
        }
        return value(usersDir.resolve(user.get()), "CONTACTEMAIL=")
                .filter(v -> !v.isEmpty())
                .map(v -> new Contact(user.get(), v));
    }

    private Optional<String> value(Path file, String prefix) {
        try {
            for (String line : dev.authaudit.config.ConfigText.read(file).split("\r?\n")) {
                if (line.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    return Optional.of(line.substring(prefix.length()).strip());
                }
            }
        } catch (NoSuchFileException e) {
            log.debug("cPanel file {} is absent", file);
        } catch (IOException e) {
            log.warn("cannot read cPanel file {} ({}); notices fall back to the mailbox", file, e.toString());
        }
        return Optional.empty();
    }

    /**
     * A cPanel account's contact.
     *
     * @param user the cPanel user that owns the domain
     * @param address the {@code CONTACTEMAIL} value, unchecked (the customer typed it)
     */
    public record Contact(String user, String address) {
    }
}
