package dev.authaudit.act.notice;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.codes.WriteCode;
import dev.authaudit.config.ConfigException;
import dev.authaudit.text.Escape;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One notice template in Mustache ({@code {{name}}} values, {@code {{#name}}...{{/name}}} sections
 * shown only when the value is there, {@code {{^name}}...{{/name}}} when it is not), compiled with
 * Mustache.java. Loading is strict where Mustache is lenient: a name the composer does not fill, a
 * partial, or (in HTML) an unescaped {@code {{{name}}}} stops the load with the file, the line and the
 * fix, so a typo never reaches a customer's inbox as an empty gap.
 */
public final class Template {
    /** How values are written into the output. */
    public enum Flavor {
        /** Plain text and headers: values go in as they are (the composer has cleaned them). */
        TEXT,
        /** HTML: every value is escaped by {@link Escape#html}. */
        HTML
    }

    private static final Pattern UNESCAPED = Pattern.compile("\\{\\{\\{|\\{\\{\\s*&");
    private static final Pattern PARTIAL = Pattern.compile("\\{\\{\\s*[>$<]");

    private final String where;
    private final Mustache mustache;

    private Template(String where, Mustache mustache) {
        this.where = where;
        this.mustache = mustache;
    }

    /**
     * Compiles {@code text}.
     *
     * @param where the file name shown in errors
     * @param known the names the composer fills
     * @throws ConfigException naming {@code where:line} and the fix for a syntax error, an unknown
     *     name, a partial, or an unescaped value in HTML
     */
    public static Template parse(String where, String text, Set<String> known, Flavor flavor) {
        if (flavor == Flavor.HTML) {
            Matcher m = UNESCAPED.matcher(text);
            if (m.find()) {
                throw problem(where, text, m.start(), "'" + m.group() + "' would put text from the logs into the"
                        + " HTML unescaped; write {{name}} instead");
            }
        }
        Matcher p = PARTIAL.matcher(text);
        if (p.find()) {
            throw problem(where, text, p.start(), "'" + p.group() + "' (a partial or inheritance) is not supported;"
                    + " write the text into this file");
        }
        Mustache compiled;
        try {
            compiled = factory(flavor).compile(new StringReader(text), where);
        } catch (MustacheException e) {
            throw new ConfigException(where, null, where + ": " + e.getMessage()
                    + "; check that every {{#name}} or {{^name}} is closed by {{/name}} in the same order");
        }
        check(where, text, compiled.getCodes(), known, 0);
        return new Template(where, compiled);
    }

    /**
     * Returns the template filled with {@code values}: a null, false or empty value hides its section.
     *
     * @throws IllegalStateException when {@code values} lacks a name the template uses (a composer bug)
     */
    public String render(Map<String, ?> values) {
        StringWriter w = new StringWriter(2048);
        try {
            mustache.execute(w, values).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MustacheException e) {
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
        return w.toString();
    }

    private static void check(String where, String text, Code[] codes, Set<String> known, int depth) {
        if (codes == null) {
            return;
        }
        for (Code c : codes) {
            String name = c.getName();
            boolean section = c instanceof IterableCode || c instanceof NotIterableCode;
            if (c instanceof WriteCode || name == null || !(c instanceof ValueCode) && !section) {
                continue;
            }
            boolean ok = known.contains(name) || ".".equals(name) && depth > 0;
            if (!ok) {
                throw problem(where, text, tagAt(text, name), "unknown name {{" + name + "}}; the names a notice"
                        + " can use are " + String.join(", ", new TreeSet<>(known)));
            }
            check(where, text, c.getCodes(), known, section ? depth + 1 : depth);
        }
    }

    private static int tagAt(String text, String name) {
        Matcher m = Pattern.compile("\\{\\{[#^/>&{<$]?\\s*" + Pattern.quote(String.valueOf(name)) + "\\s*}").matcher(text);
        return m.find() ? m.start() : 0;
    }

    private static ConfigException problem(String where, String text, int offset, String what) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new ConfigException(where, null, where + ":" + line + ": " + what);
    }

    private static DefaultMustacheFactory factory(Flavor flavor) {
        // the resolver finds nothing: a template cannot pull in another file
        DefaultMustacheFactory f = new DefaultMustacheFactory(name -> null) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(flavor == Flavor.HTML ? Escape.html(value) : value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return f;
    }
}
