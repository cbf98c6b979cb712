package dev.authaudit.tune;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a fail2ban INI file (jail.conf, jail.d/*.local, ...) into what its lines are, as fail2ban reads them:
 * {@code [section]} headers, {@code key = value} settings (the key lower-cased, a {@code " #"} or {@code " ;"}
 * comment cut from the value) and indented continuation lines of the setting before them. Blank and comment lines
 * are skipped. What a caller keeps, and whether a malformed line is an error, is the caller's.
 */
public final class Fail2banIniLines {
    private static final Pattern SECTION = Pattern.compile("^\\[([^\\]]+)]\\s*$");
    private static final Pattern SETTING = Pattern.compile("^([A-Za-z0-9_.-]+)\\s*[=:]\\s?(.*)$");

    /** Receives the lines in order; {@code where} is the file's name and the line's number ({@code jail.local:3}). */
    public interface Handler {
        void section(String name, String where);

        /** A setting, in the last section given (or before any). */
        void setting(String key, String value, String where);

        /** An indented line after a setting of the same section: more of that setting's value. */
        void continuation(String value, String where);

        /** A line that is none of the above. */
        void malformed(String line, String where);
    }

    private Fail2banIniLines() {
    }

    /** Reads {@code text}, named {@code name} in each line's {@code where}, into {@code handler}. */
    public static void read(String name, String text, Handler handler) {
        String[] lines = text.split("\r?\n", -1);
        boolean afterSetting = false;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String where = name + ":" + (i + 1);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (afterSetting && Character.isWhitespace(raw.charAt(0))) {
                handler.continuation(stripComment(line), where);
                continue;
            }
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                afterSetting = false;
                handler.section(s.group(1).strip(), where);
                continue;
            }
            Matcher m = SETTING.matcher(line);
            if (m.matches()) {
                afterSetting = true;
                handler.setting(m.group(1).toLowerCase(Locale.ROOT), stripComment(m.group(2)), where);
            } else {
                handler.malformed(line, where);
            }
        }
    }

    private static String stripComment(String value) {
        // fail2ban allows "; comment" and "# comment" after a value when a space precedes them
        int cut = value.length();
        for (String p : new String[] {" #", " ;", "\t#", "\t;"}) {
            int at = value.indexOf(p);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return value.substring(0, cut).strip();
    }
}
