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
 * @param org the hosting company as customers know it, named in the subject and the greeting
 * @param support how customers reach support (a phone number, an address or a page), or null
 * @param serverName the mail server's host name, as customers know it
 * @param helpUrl an http(s) page explaining the notice
 * @param zone the server's zone, for the failure times
 * @param locale the locale for dates (the template language)
 */
public record ComposerSettings(String from, String org, String support, String serverName, String helpUrl,
                               ZoneId zone, Locale locale) {
    /** The longest organisation name or support contact; longer ones are a mistake. */
    public static final int MAX_NAME = 80;
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
        if (org == null || org.isBlank()) {
            org = displayName(from).orElse(serverName);
        }
        org = org == null ? null : org.strip();
        support = support == null || support.isBlank() ? null : support.strip();
        for (String[] v : new String[][] {{"notice-org", org}, {"notice-support", support}}) {
            if (v[1] != null && (v[1].length() > MAX_NAME || v[1].codePoints().anyMatch(dev.authaudit.text.Escape::unsafe))) {
                throw new ConfigException(null, v[0], "--" + v[0] + " " + SafeText.quoted(v[1]) + " must be one line"
                        + " of at most " + MAX_NAME + " characters, such as 'Example Hosting' or '+1 555 0100'");
            }
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

    /** Returns settings whose organisation is From's display name (else the server) and with no support contact. */
    public ComposerSettings(String from, String serverName, String helpUrl, ZoneId zone, Locale locale) {
        this(from, null, null, serverName, helpUrl, zone, locale);
    }

    private static java.util.Optional<String> displayName(String from) {
        try {
            InternetAddress[] all = from == null ? new InternetAddress[0] : InternetAddress.parse(from, false);
            return all.length == 1 && all[0].getPersonal() != null && !all[0].getPersonal().isBlank()
                    ? java.util.Optional.of(all[0].getPersonal()) : java.util.Optional.empty();
        } catch (AddressException e) {
            return java.util.Optional.empty();
        }
    }
}
