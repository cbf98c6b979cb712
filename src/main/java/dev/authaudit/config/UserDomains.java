package dev.authaudit.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * cPanel's {@code /etc/userdomains}: one {@code domain: user} line per domain, addon and parked domains
 * included; {@code *: nobody} is the catch-all and owns nothing.
 *
 * @param owners domain (lower case) to cPanel user
 */
public record UserDomains(Map<String, String> owners) {
    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9.-]+)\\s*:\\s*([a-z0-9_][a-z0-9_.-]{0,31})\\s*");

    public UserDomains {
        owners = Map.copyOf(owners);
    }

    /**
     * Reads the file; lines that are not {@code domain: user} are skipped.
     *
     * @throws ConfigException when the file cannot be read, naming it and the option
     */
    public static UserDomains read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cpanel-userdomains", "cannot read " + file + " (" + e
                    + "); --by-account needs cPanel's domain-to-user file: pass --cpanel-userdomains FILE");
        }
        Map<String, String> owners = new HashMap<>();
        for (String l : lines) {
            var m = LINE.matcher(l);
            if (m.matches() && !"nobody".equals(m.group(2))) {
                owners.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
            }
        }
        return new UserDomains(owners);
    }

    /** Returns the cPanel user owning {@code login}'s domain, or the login itself when it is a cPanel user. */
    public Optional<String> ownerOf(String login) {
        String l = login.toLowerCase(Locale.ROOT);
        int at = l.lastIndexOf('@');
        if (at < 0) {
            return owners.containsValue(l) ? Optional.of(l) : Optional.empty();
        }
        return Optional.ofNullable(owners.get(l.substring(at + 1)));
    }

    /** Returns the domain of a login, or null for a bare user name. */
    public static String domainOf(String login) {
        int at = login.lastIndexOf('@');
        return at < 0 ? null : login.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
