package dev.authaudit.act.notice;

import dev.authaudit.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notice template: text with {@code {{name}}} placeholders, checked against the known names when
 * loaded, so a typo fails at start with its file and line rather than in a customer's inbox. Values
 * are substituted once, never re-scanned: a value that contains {@code {{x}}} stays literal text.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]*)\\s*}}");

    private final String where;
    private final List<String> literals;
    private final List<String> names;

    private Template(String where, List<String> literals, List<String> names) {
        this.where = where;
        this.literals = List.copyOf(literals);
        this.names = List.copyOf(names);
    }

    /**
     * Parses {@code text}.
     *
     * @param where the file name shown in errors
     * @param text the template text
     * @param known the placeholder names the composer fills
     * @throws ConfigException naming {@code where:line} for an unknown or unterminated placeholder
     */
    public static Template parse(String where, String text, Set<String> known) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int pos = 0;
        while (m.find()) {
            checkNoStrayOpen(where, text, pos, m.start());
            String name = m.group(1);
            if (!known.contains(name)) {
                throw new ConfigException(where, name, where + ":" + line(text, m.start()) + ": unknown placeholder "
                        + m.group() + "; known: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
            literals.add(text.substring(pos, m.start()));
            names.add(name);
            pos = m.end();
        }
        checkNoStrayOpen(where, text, pos, text.length());
        literals.add(text.substring(pos));
        return new Template(where, literals, names);
    }

    /**
     * Returns the text with each placeholder replaced by {@code escape} applied to its value.
     *
     * @throws IllegalStateException when {@code values} lacks a placeholder's value (a composer bug)
     */
    public String render(Map<String, String> values, UnaryOperator<String> escape) {
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < names.size(); i++) {
            sb.append(literals.get(i));
            String v = values.get(names.get(i));
            if (v == null) {
                throw new IllegalStateException(where + ": no value for {{" + names.get(i) + "}}");
            }
            sb.append(escape.apply(v));
        }
        sb.append(literals.get(literals.size() - 1));
        return sb.toString();
    }

    /** Returns the placeholder names in order of appearance. */
    public List<String> names() {
        return names;
    }

    private static void checkNoStrayOpen(String where, String text, int from, int to) {
        int open = text.indexOf("{{", from);
        if (open >= 0 && open < to) {
            throw new ConfigException(where, null, where + ":" + line(text, open)
                    + ": '{{' does not start a placeholder such as {{login}}; close it with '}}'");
        }
    }

    private static int line(String text, int offset) {
        int n = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
