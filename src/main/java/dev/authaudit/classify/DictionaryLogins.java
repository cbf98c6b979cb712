package dev.authaudit.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The login names attackers guess everywhere (admin, info, test, ...), read from a resource file. */
public final class DictionaryLogins {
    private final Set<String> names;

    private DictionaryLogins(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /**
     * Loads the list from a class-path resource: one name per line, {@code #} comments.
     *
     * @throws IllegalStateException if the resource is missing
     * @throws UncheckedIOException if it cannot be read
     */
    public static DictionaryLogins load(String resource) {
        InputStream in = DictionaryLogins.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("dictionary resource " + resource + " is missing from the class path");
        }
        Set<String> names = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String name = line.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dictionary resource " + resource, e);
        }
        return new DictionaryLogins(names);
    }

    /** Returns true when the login's local part (digits at the end ignored) is a commonly guessed name. */
    public boolean contains(String login) {
        if (login == null) {
            return false;
        }
        int at = login.indexOf('@');
        String local = (at < 0 ? login : login.substring(0, at)).toLowerCase(Locale.ROOT);
        int end = local.length();
        while (end > 0 && Character.isDigit(local.charAt(end - 1))) {
            end--;
        }
        return names.contains(local) || names.contains(local.substring(0, end));
    }
}
