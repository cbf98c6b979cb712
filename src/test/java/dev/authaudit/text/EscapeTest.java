package dev.authaudit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeUtility;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EscapeTest {
    /** Strings an attacker can put in a login, HELO name or lfd message. */
    static Stream<String> hostile() {
        return Stream.of(
                "ben@example.com\u001b[2J\u001b]0;owned\u0007",          // clear screen, retitle terminal
                "x\r\nBcc: victim@example.net",                         // header injection
                "x\nMay  1 00:00:01 mail dovecot: auth ok",             // a fake log line
                "\u202egro.elpmaxe@neb",                                 // right-to-left override
                "a\u200bdmin\u2066\u2069\ufeff\u00ad",                     // invisible characters
                "<script>alert(1)</script>\"'`=",                         // HTML
                "=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)", "\uff1d1+1", // formulas
                "\u0000nul\u007fdel\u0085nel\u009bcsi",                    // C0, DEL, C1 (8-bit CSI)
                "lone \ud800 surrogate \udc00",
                "\u2028line\u2029para");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void terminal_hostile_leavesNoUnsafeCharacter(String s) {
        String t = Escape.terminal(s);
        assertThat(t.codePoints().filter(Escape::unsafe)).isEmpty();
        assertThat(t).doesNotContain("\n", "\r", "\u001b", "\u202e");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void html_hostile_hasNoMarkupAndKeepsOnlyNewlinesAndTabs(String s) {
        String h = Escape.html(s);
        assertThat(h).doesNotContain("<", ">", "\"", "'", "`", "\u001b", "\r", "\u202e");
        assertThat(h.codePoints().filter(c -> Escape.unsafe(c) && c != '\n' && c != '\t')).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void csv_hostile_isOneQuotedCellWithNoFormula(String s) {
        String c = Escape.csv(s);
        assertThat(c).startsWith("\"").endsWith("\"").doesNotContain("\n", "\r");
        String inner = c.substring(1, c.length() - 1);
        assertThat(inner.replace("\"\"", "")).doesNotContain("\"");
        assertThat(inner).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@")
                .doesNotStartWith("\uff1d");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void header_hostile_isOneAsciiLineThatDecodesWithoutBreaks(String s) throws Exception {
        String h = Escape.header(s);
        assertThat(h.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
        String back = MimeUtility.decodeText(h);
        assertThat(back).doesNotContain("\r", "\n");
        assertThat(back.codePoints().filter(Escape::unsafe)).isEmpty();
    }

    @Test
    void terminal_escapeSequence_isVisibleAsQuestionMarks() {
        assertThat(Escape.terminal("a\u001b[2Jb")).isEqualTo("a?[2Jb");
        assertThat(Escape.terminal("plain ascii é 漢字 😀")).isEqualTo("plain ascii é 漢字 😀");
        assertThat(Escape.terminal(null)).isNull();
    }

    @Test
    void html_markup_isEscaped() {
        assertThat(Escape.html("<a href=\"x\" onclick='y'>&`</a>\n"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;\n");
        assertThat(Escape.html(null)).isEmpty();
    }

    @Test
    void csv_formula_isPrefixedWithApostrophe() {
        assertThat(Escape.csv("=1+1")).isEqualTo("\"'=1+1\"");
        assertThat(Escape.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Escape.csv("ben@example.com")).isEqualTo("\"ben@example.com\"");
        assertThat(Escape.csv(null)).isEmpty();
    }

    @Test
    void line_longValue_isCutWithEllipsisOnCodePoints() {
        assertThat(Escape.line("abcdef", 3)).isEqualTo("abc…");
        assertThat(Escape.line("😀😀😀", 2)).isEqualTo("😀😀…");
        assertThat(Escape.line("abc", 3)).isEqualTo("abc");
        assertThatThrownBy(() -> Escape.line("a", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void header_nonAscii_isEncodedAndRoundTrips() throws Exception {
        String h = Escape.header("Mot de passe périmé pour josé@example.com");
        assertThat(h).startsWith("=?UTF-8?");
        assertThat(MimeUtility.decodeText(h)).isEqualTo("Mot de passe périmé pour josé@example.com");
    }

    @Test
    void allDestinations_randomStrings_agreeOnWhatIsUnsafe() {
        Random r = new Random(15);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 12; j++) {
                sb.append((char) (r.nextBoolean() ? r.nextInt(0x100) : r.nextInt(0x3000)));
            }
            String s = sb.toString();
            for (String out : List.of(Escape.terminal(s), Escape.csv(s), Escape.line(s, 5))) {
                assertThat(out.codePoints().filter(Escape::unsafe)).as("%s from %s", out, s).isEmpty();
            }
            assertThat(Escape.html(s).codePoints().filter(c -> Escape.unsafe(c) && c != '\n' && c != '\t')).isEmpty();
        }
    }
}
