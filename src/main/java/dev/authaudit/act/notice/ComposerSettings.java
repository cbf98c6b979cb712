package dev.authaudit.act.notice;

import static java.util.Objects.requireNonNull;

import dev.authaudit.config.ConfigException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What every notice shares: the sender, how the server is named, where help lives, and the zone and
 * locale for times.
 *
 * @param from the From address; a display name is allowed ({@code Example Hosting <help@example.com>})
 * @param serverName the mail server's host name, as customers know it
 * @param helpUrl an http(s) page explaining the notice
 * @param zone the server's zone, for the failure times
 * @param locale the locale for dates (the template language)
 */
public record ComposerSettings(String from, String serverName, String helpUrl, ZoneId zone, Locale locale) {
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /**
     * Validates the values without I/O.
     *
     * @throws ConfigException naming the option, the value and what is expected
     */
    public ComposerSettings {
        requireNonNull(zone, "zone");
        requireNonNull(locale, "locale");
        if (from == null) {
            throw new ConfigException(null, "notice-from", "--notice-from is required to write notices");
        }
        try {
            InternetAddress[] all = InternetAddress.parse(from, true);
            if (all.length != 1 || all[0].isGroup()) {
                throw new AddressException("not exactly one address");
            }
            AddressCheck.problem(all[0].getAddress()).ifPresent(p -> {
                throw new ConfigException(null, "notice-from", "--notice-from: " + p);
            });
        } catch (AddressException e) {
            throw new ConfigException(null, "notice-from", "--notice-from " + SafeText.quoted(from)
                    + " is not one address (" + e.getMessage() + "); use help@example.com or"
                    + " 'Example Hosting <help@example.com>'");
        }
        if (serverName == null || !HOST.matcher(serverName).matches()) {
            throw new ConfigException(null, "notice-server-name", "--notice-server-name "
                    + SafeText.quoted(serverName) + " is not a host name such as mail.example.com");
        }
        try {
            URI u = new URI(helpUrl == null ? "" : helpUrl);
            if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("https")
                    || u.getScheme().equalsIgnoreCase("http")) || u.getHost() == null) {
                throw new URISyntaxException(String.valueOf(helpUrl), "not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(null, "notice-help-url", "--notice-help-url " + SafeText.quoted(helpUrl)
                    + " is not an http(s) URL such as https://example.com/help/mail-password");
        }
    }
}
