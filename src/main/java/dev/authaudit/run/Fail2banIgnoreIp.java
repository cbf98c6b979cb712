package dev.authaudit.run;

import dev.authaudit.text.Escape;
import dev.authaudit.tune.Fail2banIniLines;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses fail2ban is told never to ban ({@code ignoreip}), which a fleet ban must not name either:
 * fail2ban itself bans what {@code banip} names even when it is in {@code ignoreip}. Read from fail2ban's files in its
 * order (jail.conf, jail.d/*.conf, jail.local, jail.d/*.local), from {@code [DEFAULT]} and from the fleet's jail; every
 * address or network any of them names is kept (a value a later file replaced too: never fewer than fail2ban
 * ignores). Read again when a file changes, appears or goes. A host name, a {@code %(...)s} reference or a
 * {@code file:} list is not followed: it is counted as a problem for the admin.
 */
final class Fail2banIgnoreIp {
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?:/[0-9]{1,2})?"
            + "|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:/[0-9]{1,3})?");

    /** An address or network with the file and line that named it. */
    record Entry(IPAddress net, String where) {
    }

    private final Path conf;
    private final String jail;
    private Map<Path, FileTime> seen = Map.of();
    private boolean loaded;
    private List<Entry> entries = List.of();
    private List<String> problems = List.of();

    /**
     * @param conf fail2ban's folder ({@code /etc/fail2ban}); missing files hold nothing
     * @param jail the fleet's jail, whose own {@code ignoreip} counts beside {@code [DEFAULT]}'s
     */
    Fail2banIgnoreIp(Path conf, String jail) {
        this.conf = conf;
        this.jail = jail;
    }

    /** Returns where {@code a} is named, when an ignoreip covers it. */
    synchronized Optional<String> covering(IPAddress a) {
        reloadIfChanged();
        for (Entry e : entries) {
            if (e.net.getIPVersion() == a.getIPVersion() && e.net.contains(a)) {
                return Optional.of("it is in fail2ban's ignoreip (" + e.where + ": " + e.net.toCanonicalString() + ")");
            }
        }
        return Optional.empty();
    }

    /** Returns the ignoreip values that could not be read as an address, for the admin. */
    synchronized List<String> problems() {
        reloadIfChanged();
        return problems;
    }

    /** Returns the files fail2ban reads, in its order, that exist. */
    List<Path> files() {
        List<Path> out = new ArrayList<>();
        out.add(conf.resolve("jail.conf"));
        out.addAll(folder(".conf"));
        out.add(conf.resolve("jail.local"));
        out.addAll(folder(".local"));
        return out.stream().filter(Files::isRegularFile).toList();
    }

    private List<Path> folder(String suffix) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(conf.resolve("jail.d"), "*" + suffix)) {
            d.forEach(out::add);
        } catch (IOException e) {
            return out; // no jail.d
        }
        out.sort(null);
        return out;
    }

    private void reloadIfChanged() {
        Map<Path, FileTime> now = new HashMap<>();
        for (Path p : files()) {
            now.put(p, modified(p));
        }
        if (loaded && now.equals(seen)) {
            return;
        }
        List<Entry> read = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (Path p : files()) {
            read(p, read, bad);
        }
        entries = List.copyOf(read);
        problems = List.copyOf(bad);
        seen = Map.copyOf(now);
        loaded = true;
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private void read(Path file, List<Entry> out, List<String> bad) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            bad.add("cannot read " + file + ": " + e.getMessage());
            return;
        }
        Fail2banIniLines.read(file.getFileName().toString(), text, new Fail2banIniLines.Handler() {
            private String section;
            private boolean inIgnore;

            @Override
            public void section(String name, String where) {
                section = name;
                inIgnore = false;
            }

            @Override
            public void setting(String key, String value, String where) {
                inIgnore = key.equals("ignoreip") && ("DEFAULT".equals(section) || jail.equals(section));
                if (inIgnore) {
                    values(value, where, out, bad);
                }
            }

            @Override
            public void continuation(String value, String where) {
                if (inIgnore) {
                    values(value, where, out, bad);
                }
            }

            @Override
            public void malformed(String line, String where) {
                inIgnore = false; // fail2ban refuses such a file; what it named before still counts here
            }
        });
    }

    /** Reads the addresses of one value (space or comma separated, its comment already cut). */
    private static void values(String value, String where, List<Entry> out, List<String> bad) {
        for (String t : value.split("[\\s,]+")) {
            if (t.isEmpty()) {
                continue;
            }
            IPAddress a = t.length() <= 64 && LITERAL.matcher(t).matches() ? new IPAddressString(t).getAddress() : null;
            if (a == null) {
                bad.add(where + ": ignoreip " + Escape.quoted(t, 60) + " is not an address or a network (a host name,"
                        + " a reference or a file is not followed here)");
            } else {
                out.add(new Entry(a.toPrefixBlock(), where));
            }
        }
    }
}
