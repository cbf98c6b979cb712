package dev.authaudit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldTemplateTest {
    private static String[] read(FieldTemplate t, String s) {
        int[] b = new int[64];
        if (!t.match(s, 0, b)) {
            return null;
        }
        String[] out = new String[t.fields().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.substring(b[2 * i], b[2 * i + 1]);
        }
        return out;
    }

    @Test
    void firstAndLastOccurrence_areDeclared() {
        String line = "user=<x>, rip=203.0.113.1>, rip=198.51.100.2, lip=192.0.2.1";
        FieldTemplate last = FieldTemplate.compile("user=<%{account:last}>, rip=%{ip}, lip=%{local_ip}");
        assertThat(read(last, line)).containsExactly("x>, rip=203.0.113.1", "198.51.100.2", "192.0.2.1");
        FieldTemplate first = FieldTemplate.compile("user=<%{account}>, rip=%{ip}, lip=%{local_ip}");
        assertThat(read(first, line)).as("first occurrence: the address would hold text, so no match").isNull();
    }

    @Test
    void lastFrom_isLastIndexOf_whereAnOccurrenceStartsAtOrAfterTheFrom() {
        // overlapping occurrences, none, one before the from only, one at the from, at the end, and random text
        String[][] cases = {{"aaaa", "aa"}, {"abcabc", "x"}, {"x>, y", ">, "}, {">, >, ", ">, "}, {"ab>, ", ">, "},
            {"))))", "))"}, {"", ">"}, {">", ">"}};
        for (String[] c : cases) {
            for (int pos = 0; pos <= c[0].length(); pos++) {
                int last = c[0].lastIndexOf(c[1]);
                assertThat(FieldTemplate.lastFrom(c[0], c[1], pos)).as("%s in %s from %d", c[1], c[0], pos)
                        .isEqualTo(last >= pos ? last : -1);
            }
        }
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                b.append("ab>, ".charAt(random.nextInt(5)));
            }
            String s = b.toString();
            String lit = new String[] {">, ", ">", "a", "aa", "b>"}[random.nextInt(5)];
            int pos = random.nextInt(n + 1);
            int last = s.lastIndexOf(lit);
            assertThat(FieldTemplate.lastFrom(s, lit, pos)).as("%s in %s from %d", lit, s, pos).isEqualTo(last >= pos ? last : -1);
        }
    }

    @Test
    void literalEnd_mustEndTheMessage_andFieldsMustFitTheirCharacters() {
        FieldTemplate t = FieldTemplate.compile("%{service}-login: rip=%{ip}, session=<%{session}>");
        assertThat(read(t, "imap-login: rip=192.0.2.1, session=<Ab+/=>")).containsExactly("imap", "192.0.2.1", "Ab+/=");
        assertThat(read(t, "imap-login: rip=192.0.2.1, session=<Ab>, extra")).isNull();
        assertThat(read(t, "lmtp-login: rip=192.0.2.1, session=<Ab>")).isNull();
        assertThat(read(t, "imap-login: rip=192.0.2.1 x, session=<Ab>")).isNull();
        assertThat(read(t, "x imap-login: rip=192.0.2.1, session=<Ab>")).as("anchored at the start").isNull();
    }

    @Test
    void badTemplates_areRejectedWithAReason() {
        assertThatThrownBy(() -> FieldTemplate.compile("%{ip}%{port}")).hasMessageContaining("two fields in a row");
        assertThatThrownBy(() -> FieldTemplate.compile("x %{nope}")).hasMessageContaining("unknown field 'nope'");
        assertThatThrownBy(() -> FieldTemplate.compile("x %{ip")).hasMessageContaining("no closing");
        assertThatThrownBy(() -> FieldTemplate.compile("x %{ip:first}")).hasMessageContaining("unknown field");
    }

    @Test
    void everyCharacterBeyondAscii_fitsAKindAlike() {
        // the templates keep one answer per kind for all of them (a table covers ASCII only)
        for (int kind = 1; kind <= 5; kind++) {
            boolean first = FieldTemplate.fitsKind(kind, (char) 128);
            int differs = -1;
            for (int c = 129; c <= 0xffff && differs < 0; c++) {
                if (FieldTemplate.fitsKind(kind, (char) c) != first) {
                    differs = c;
                }
            }
            assertThat(differs).as("kind %d", kind).isEqualTo(-1);
        }
    }
}
