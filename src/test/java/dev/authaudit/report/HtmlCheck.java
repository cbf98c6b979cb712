package dev.authaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an HTML page the way the tests need without a browser: tags balance, no stray {@code <} in
 * text (so nothing from a log became markup), and nothing is fetched from elsewhere.
 */
public final class HtmlCheck {
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\\s+[^<>]*)?)>");
    private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link", "area", "base", "col",
            "embed", "source", "track", "wbr");
    private static final Pattern ATTR_URL = Pattern.compile("\\b(href|src|xlink:href|action|srcset|poster|data)\\s*="
            + "\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private HtmlCheck() {
    }

    /** Asserts tags balance and no {@code <} is left in text; returns how many elements opened. */
    public static int assertWellFormed(String html) {
        // the style sheet is ours and may use '>' as a CSS combinator
        String body = html.replaceFirst("(?i)^<!DOCTYPE html>", "").replaceAll("(?s)<style>.*?</style>",
                "<style></style>");
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(body);
        StringBuilder text = new StringBuilder();
        int last = 0;
        int elements = 0;
        while (m.find()) {
            text.append(body, last, m.start());
            last = m.end();
            String name = m.group(2).toLowerCase(Locale.ROOT);
            boolean closing = !m.group(1).isEmpty();
            boolean selfClosed = m.group(3).endsWith("/");
            if (closing) {
                assertThat(open).as("closing </%s> at %d", name, m.start()).isNotEmpty();
                assertThat(open.pop()).as("closing </%s> at %d", name, m.start()).isEqualTo(name);
            } else if (!VOID.contains(name) && !selfClosed) {
                open.push(name);
                elements++;
            } else {
                elements++;
            }
        }
        text.append(body.substring(last));
        assertThat(open).as("elements left open").isEmpty();
        assertThat(text.toString()).as("text outside tags").doesNotContain("<").doesNotContain(">");
        return elements;
    }

    /** Asserts the page loads nothing from elsewhere and runs nothing. */
    public static void assertSelfContained(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("<link").doesNotContain("<iframe")
                .doesNotContain("<object").doesNotContain("<embed").doesNotContain("<img").doesNotContain("@import")
                .doesNotContain("url(").doesNotContain("javascript:");
        Matcher m = ATTR_URL.matcher(html);
        while (m.find()) {
            assertThat(m.group(1).toLowerCase(Locale.ROOT)).as("only in-page links").isEqualTo("href");
            assertThat(m.group(2)).as("only in-page links").startsWith("#");
        }
        // any http(s) address must be plain text, never inside a tag
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            assertThat(tags.group().toLowerCase(Locale.ROOT)).doesNotContain("http:").doesNotContain("https:")
                    .doesNotContainPattern("\\son[a-z]+\\s*=");
        }
    }
}
