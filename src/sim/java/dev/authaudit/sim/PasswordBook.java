package dev.authaudit.sim;

import java.util.HashMap;
import java.util.Map;

/** The host's passdb: which logins exist and their current passwords. */
final class PasswordBook {
    private final Map<String, String> current = new HashMap<>();

    /** Creates or changes a login's password. */
    void set(String login, String password) {
        current.put(login, password);
    }

    /** Returns true when the login exists. */
    boolean exists(String login) {
        return current.containsKey(login);
    }

    /** Returns the current password, or null for an unknown login. */
    String password(String login) {
        return current.get(login);
    }

    /** Returns true when the password is right for the login. */
    boolean valid(String login, String password) {
        String p = current.get(login);
        return p != null && p.equals(password);
    }
}
