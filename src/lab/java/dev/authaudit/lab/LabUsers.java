package dev.authaudit.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lab's mailboxes: a users file of {@code login password} lines, read at start and rewritten when a
 * customer changes a password (which is how the phone ends up with an old one). Lab passwords are
 * fixtures, not secrets.
 */
public final class LabUsers {
    private final Path file;
    private final Map<String, String> passwords = new TreeMap<>();

    /** Writes {@code initial} to {@code file} and serves it. */
    public LabUsers(Path file, Map<String, String> initial) {
        this.file = file;
        passwords.putAll(initial);
        save();
    }

    /** Returns true when {@code password} is {@code login}'s. */
    public synchronized boolean check(String login, String password) {
        String p = passwords.get(login);
        return p != null && p.equals(password);
    }

    /** Changes a password, as a customer would on the webmail, and rewrites the file. */
    public synchronized void change(String login, String password) {
        passwords.put(login, password);
        save();
    }

    /** Returns the users file. */
    public Path file() {
        return file;
    }

    private synchronized void save() {
        StringBuilder b = new StringBuilder("# lab mailboxes: login password\n");
        passwords.forEach((l, p) -> b.append(l).append(' ').append(p).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
