package dev.authaudit.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of {@code authaudit.yaml}, read key by key: each reader checks the value's type and
 * range and throws a {@link ConfigException} naming the file, the dotted key, the value and what is
 * expected.
 */
final class ConfigSection {
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([kmg]i?b?|b)?");

    private final Path file;
    final JsonNode node;
    private final String prefix;

    ConfigSection(Path file, JsonNode node, String prefix) {
        this.file = file;
        this.node = node;
        this.prefix = prefix;
    }

    ConfigException error(String key, String value, String expected) {
        String k = prefix + key;
        return new ConfigException(file.toString(), k, file + ": " + k + ": " + (value == null ? ""
                : "'" + value + "' is not valid; expected ") + expected);
    }

    ConfigException problem(String key, String message) {
        return new ConfigException(file.toString(), prefix + key, file + ": " + prefix + key + ": " + message);
    }

    void only(String... keys) {
        Set<String> known = Set.of(keys);
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new ConfigException(file.toString(), prefix + k, file + ": " + prefix + k
                        + ": unknown key; known keys" + (prefix.isEmpty() ? "" : " under "
                        + prefix.substring(0, prefix.length() - 1)) + ": "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    ConfigSection section(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return new ConfigSection(file, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                    prefix + key + ".");
        }
        if (!v.isObject()) {
            throw error(key, v.asText(), "a mapping of settings (key: value lines indented below it)");
        }
        return new ConfigSection(file, v, prefix + key + ".");
    }

    String string(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw error(key, v.toString(), "a single value");
        }
        return v.asText();
    }

    String word(String key, Set<String> allowed) {
        String v = string(key);
        if (v != null && !allowed.contains(v.toLowerCase(Locale.ROOT))) {
            throw error(key, v, "one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    Path path(String key) {
        String v = string(key);
        if (v != null && v.isBlank()) {
            throw error(key, v, "a path");
        }
        return v == null ? null : Path.of(v);
    }

    List<String> strings(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isValueNode()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw error(key, v.toString(), "a list of paths");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isValueNode() || e.asText().isBlank()) {
                throw error(key, e.toString(), "a list of paths, one per line ('- /var/log/maillog')");
            }
            out.add(e.asText());
        }
        return out;
    }

    List<Path> paths(String key) {
        List<String> s = strings(key);
        return s == null ? null : s.stream().map(Path::of).toList();
    }

    Integer integer(String key, int min, int max, String what) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(key, v, what + " from " + min + " to " + max);
    }

    Double fraction(String key) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(key, v, "a confidence from 0 to 1, such as 0.8");
    }

    Boolean bool(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw error(key, v.asText(), "true or false");
        }
        return v.asBoolean();
    }

    Duration duration(String key, Duration min, Duration max) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        try {
            Duration d = ConfigLoader.duration(v);
            if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
                return d;
            }
            throw error(key, v, "a duration from " + shortForm(min) + " to " + shortForm(max));
        } catch (DateTimeParseException e) {
            throw error(key, v, "a duration such as 250ms, 90s, 10m, 2h or PT10M");
        }
    }

    /** Writes a duration as the file does: 250ms, 90s, 10m, 2h or 7d (the largest whole unit). */
    static String shortForm(Duration d) {
        long ms = d.toMillis();
        if (ms == 0 || ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    Long bytes(String key) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        Matcher m = SIZE.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw error(key, v, "a size such as 64MiB, 512KiB or 1048576");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        return switch (unit.charAt(0)) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> n;
        };
    }

    String zone(String key) {
        String v = string(key);
        if (v != null) {
            try {
                java.time.ZoneId.of(v);
            } catch (java.time.DateTimeException e) {
                throw error(key, v, "a zone such as Europe/Paris or UTC, or an offset such as +02:00");
            }
        }
        return v;
    }

    /**
     * Reads a fleet target, {@code SCHEME://HOST:PORT[,HOST:PORT...]/TOPIC}, checked as {@code --publish} and
     * {@code --fleet-verdicts} check it (the scheme is served by a jar on the class path, {@code kafka} by the
     * fleet jar, and checked when the run opens it).
     */
    String target(String key) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        String expected = "kafka://HOST:PORT/TOPIC, such as kafka://kafka1.example.net:9092/authaudit.events (a topic"
                + " is letters, digits, '.', '_' and '-')";
        int colon = v.indexOf("://");
        if (colon < 1 || !v.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw error(key, v, expected);
        }
        String rest = v.substring(colon + 3);
        int slash = rest.indexOf('/');
        if (slash < 1 || !rest.substring(slash + 1).matches("[A-Za-z0-9._-]{1,249}")) {
            throw error(key, v, expected);
        }
        for (String hp : rest.substring(0, slash).split(",", -1)) {
            if (!HOST_PORT.matcher(hp).matches()) {
                throw error(key, v, expected + "; '" + hp + "' is not HOST:PORT");
            }
        }
        return v;
    }

    /** Reads a command: a path or a name looked up on PATH, one word (it is run without a shell). */
    String command(String key) {
        String v = string(key);
        if (v != null && (v.isBlank() || !v.equals(v.strip()) || v.startsWith("-") || v.chars().anyMatch(c -> c < 0x20
                || c == ' '))) {
            throw error(key, v, "the path of a command such as /usr/sbin/csf (no arguments; it is run without a"
                    + " shell)");
        }
        return v;
    }
}
