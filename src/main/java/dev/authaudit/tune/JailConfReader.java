package dev.authaudit.tune;

import dev.authaudit.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads fail2ban's jail.conf / jail.local (INI: {@code [DEFAULT]} and one section per jail) into
 * {@link Fail2banJail}s. Files are read in order and a later file's key wins, as jail.local overrides
 * jail.conf. {@code %(name)s} is filled from the section, then {@code [DEFAULT]}. Errors name file:line.
 */
public final class JailConfReader {
    private static final Pattern INTERPOLATION = Pattern.compile("%\\(([A-Za-z0-9_.-]+)\\)s");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([a-z]*)");
    private static final Pattern FILTER_OPTIONS = Pattern.compile("^([^\\[\\s]+)\\s*\\[(.*)]$");
    private static final Pattern MODE_OPTION = Pattern.compile("(?:^|,)\\s*mode\\s*=\\s*\"?([\\w-]+)");

    /** A value and where it was set. */
    private record Value(String text, String where) {
    }

    private final Map<String, Map<String, Value>> sections = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    /**
     * Reads the files in order and returns every jail section (not {@code [DEFAULT]} or {@code [INCLUDES]}).
     *
     * @throws ConfigException naming file:line when a file cannot be read or a value is malformed
     */
    public List<Fail2banJail> read(List<Path> files) {
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException(f.toString(), null, "cannot read " + f + ": " + e.getMessage()
                        + "; pass fail2ban's jail.conf or jail.local (usually in /etc/fail2ban)");
            }
            parse(f.toString(), text);
        }
        return jails();
    }

    /**
     * Parses one file's text (may be called for several files in order) and returns the jails so far.
     *
     * @throws ConfigException naming file:line when a line or value is malformed
     */
    public List<Fail2banJail> parse(String name, String text) {
        Fail2banIniLines.read(name, text, new Fail2banIniLines.Handler() {
            private String section;
            private String lastKey;

            @Override
            public void section(String s, String where) {
                section = s;
                sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
                headers.putIfAbsent(section, where);
            }

            @Override
            public void setting(String key, String value, String where) {
                if (section == null) {
                    throw new ConfigException(name, key, where + ": " + key + " is set before any"
                            + " [section]; put it under [DEFAULT] or a jail");
                }
                lastKey = key;
                sections.get(section).put(key, new Value(value, where));
            }

            @Override
            public void continuation(String value, String where) {
                Value v = sections.get(section).get(lastKey);
                sections.get(section).put(lastKey, new Value(v.text() + "\n" + value, v.where()));
            }

            @Override
            public void malformed(String line, String where) {
                throw new ConfigException(name, null, where + ": '" + abbreviate(line) + "' is neither a [section]"
                        + " nor a key = value line; fix or comment it out with #");
            }
        });
        return jails();
    }

    private List<Fail2banJail> jails() {
        List<Fail2banJail> out = new ArrayList<>();
        for (String s : sections.keySet()) {
            if (s.equals("DEFAULT") || s.equals("INCLUDES") || s.equals("Definition") || s.equals("Init")) {
                continue;
            }
            Value filter = get(s, "filter");
            String f = filter == null ? s : filter.text().strip();
            String mode = null;
            Matcher opt = FILTER_OPTIONS.matcher(f);
            if (opt.matches()) {
                f = opt.group(1);
                Matcher md = MODE_OPTION.matcher(opt.group(2));
                mode = md.find() ? md.group(1) : null;
            }
            Value enabled = get(s, "enabled");
            out.add(new Fail2banJail(s, enabled != null && bool(s, "enabled", enabled), f,
                    mode == null && get(s, "mode") != null ? get(s, "mode").text().strip() : mode,
                    (int) positive(s, "maxretry", get(s, "maxretry"), 5), positive(s, "findtime", get(s, "findtime"), 600),
                    duration(s, "bantime", get(s, "bantime"), 600), headers.get(s)));
        }
        return out;
    }

    private Value get(String section, String key) {
        Value v = sections.get(section).get(key);
        if (v == null && sections.containsKey("DEFAULT")) {
            v = sections.get("DEFAULT").get(key);
        }
        if (v == null) {
            return null;
        }
        String text = v.text();
        for (int depth = 0; depth < 10 && text.contains("%("); depth++) {
            Matcher m = INTERPOLATION.matcher(text);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String ref = m.group(1).toLowerCase(Locale.ROOT);
                Value r = ref.equals(key) ? null : get(section, ref);
                m.appendReplacement(b, Matcher.quoteReplacement(r == null ? "" : r.text()));
            }
            m.appendTail(b);
            text = b.toString();
        }
        return new Value(text, v.where());
    }

    private static boolean bool(String section, String key, Value v) {
        switch (v.text().strip().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw bad(section, key, v, "true or false");
        }
    }

    private static long positive(String section, String key, Value v, long fallback) {
        long n = duration(section, key, v, fallback);
        if (n < 1) {
            throw bad(section, key, v, "a positive number");
        }
        return n;
    }

    /** Parses seconds, {@code 10m}, {@code 1h 30m}, {@code 1d}, {@code 1w} or {@code -1} (for ever). */
    private static long duration(String section, String key, Value v, long fallback) {
        if (v == null || v.text().isBlank()) {
            return fallback;
        }
        String t = v.text().strip().toLowerCase(Locale.ROOT);
        if (t.equals("-1")) {
            return -1;
        }
        Matcher m = DURATION.matcher(t);
        long total = 0;
        int end = 0;
        while (m.find()) {
            if (!t.substring(end, m.start()).isBlank()) {
                throw bad(section, key, v, "a number of seconds or a duration like 10m, 1h, 1d or -1");
            }
            long unit = unit(m.group(2));
            if (unit == 0) {
                throw bad(section, key, v, "a number of seconds or a duration like 10m, 1h, 1d or -1");
            }
            total += Long.parseLong(m.group(1)) * unit;
            end = m.end();
        }
        if (end == 0 || !t.substring(end).isBlank()) {
            throw bad(section, key, v, "a number of seconds or a duration like 10m, 1h, 1d or -1");
        }
        return total;
    }

    private static long unit(String u) {
        switch (u) {
            case "": case "s": case "sec": case "secs": case "second": case "seconds":
                return 1;
            case "m": case "min": case "mins": case "minute": case "minutes":
                return 60;
            case "h": case "hour": case "hours":
                return 3600;
            case "d": case "day": case "days":
                return 86400;
            case "w": case "week": case "weeks":
                return 604800;
            default:
                return 0;
        }
    }

    private static ConfigException bad(String section, String key, Value v, String expected) {
        String file = v.where().substring(0, v.where().lastIndexOf(':'));
        return new ConfigException(file, key, v.where() + ": [" + section + "] " + key + " = \"" + v.text().strip()
                + "\" is not valid; expected " + expected);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
