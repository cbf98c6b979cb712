package dev.authaudit.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte writer against Jackson: the same bytes as Jackson's UTF-8 generator with surrogate pairs combined
 * (a character beyond U+FFFF as its UTF-8 bytes, as the report's writers write it) for every kind of event and
 * hostile strings in every string field, a lone surrogate written as {@code ?} (as the report writes it), and
 * Jackson reads every string back as it was (lone surrogates as {@code ?}).
 */
class EventJsonWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /** Strings a log line could carry into a field, and a few the decoder never makes (lone surrogates). */
    private static final List<String> HOSTILE = List.of(
            "", "plain", "quote\"inside", "back\\slash", "\\\"", "\"}", "\"},{\"type\":\"auth_success\"",
            "new\nline", "cr\rlf\n", "tab\t", "\b\f", "\u0000nul", "\u0001\u001f\u007f", "\u001b[31mred\u001b[0m",
            "line\u2028sep\u2029para", "caf\u00e9", "\u00ff\u0100\u07ff\u0800", "\ufffe\uffff\ufeff",
            "emoji \ud83d\ude00", "lone high \ud83d", "lone low \ude00 end", "\ude00\ud83d reversed", "\ud800",
            "</script><script>alert(1)</script>", "'single'", "/slash/", "%s%n", "a".repeat(5000),
            "\"".repeat(300), "\u0000".repeat(300), "\ud83d".repeat(300));

    @Test
    void hostileStrings_sameBytesAsJackson_andReadBackExactly() throws IOException {
        for (String s : HOSTILE) {
            checkAll(s);
        }
    }

    @Test
    void randomStrings_sameBytesAsJackson_andReadBackExactly() throws IOException {
        SplittableRandom r = new SplittableRandom(20261207);
        char[] special = {'"', '\\', '\n', '\r', '\t', '\b', '\f', 0, 0x1f, 0x7f, 0x80, 0xff, 0x7ff, 0x800,
            0x2028, 0x2029, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffe, 0xffff, '/', '<', '>', '&'};
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(40);
            for (int k = 0; k < n; k++) {
                int kind = r.nextInt(4);
                b.append(kind == 0 ? special[r.nextInt(special.length)]
                        : kind == 1 ? (char) r.nextInt(0x10000)
                        : kind == 2 ? (char) r.nextInt(0x20) : (char) r.nextInt(0x20, 0x7f));
            }
            checkAll(b.toString());
        }
    }

    @Test
    void times_sameBytesAsJackson() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        int[] nanos = {0, 1, 10, 100_000_000, 120_000_000, 123_456_789, 784_598_000, 999_999_999};
        int[] offsets = {0, 3600, -4 * 3600, 5 * 3600 + 1800, -(9 * 3600 + 30 * 60), 3723, -18 * 3600, 18 * 3600};
        Origin o = new Origin("exim", "exim.auth-success", "f", 1);
        EventJsonWriter w = new EventJsonWriter(new byte[8]);
        for (int i = 0; i < 20_000; i++) {
            int year = i % 100 == 0 ? r.nextInt(1, 100_000) : r.nextInt(1970, 2100);
            OffsetDateTime t = OffsetDateTime.of(year, r.nextInt(1, 13), r.nextInt(1, 29), r.nextInt(24),
                    r.nextInt(60), r.nextInt(60), i % 3 == 0 ? r.nextInt(1_000_000_000) : nanos[r.nextInt(nanos.length)],
                    ZoneOffset.ofTotalSeconds(offsets[r.nextInt(offsets.length)]));
            LogEvent e = new AuthSuccess(t, o, "192.0.2.1", "a", Protocol.SMTP, 587, null, null, null, null);
            int before = w.length();
            int end = w.appendLine(e);
            assertThat(new String(w.bytes(), before, end - before - 1, StandardCharsets.UTF_8))
                    .isEqualTo(new String(jackson(e), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aStreamOfEvents_isTheirLinesOneAfterTheOther() throws IOException {
        EventJsonWriter w = new EventJsonWriter(new byte[16]);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int end = 0;
        for (String s : HOSTILE) {
            List<LogEvent> read = everyKind(lone(s));
            List<LogEvent> events = everyKind(s);
            for (int i = 0; i < events.size(); i++) {
                int before = end;
                end = w.appendLine(events.get(i));
                expected.write(jackson(read.get(i)));
                expected.write('\n');
                assertThat(new String(w.bytes(), before, end - before - 1, StandardCharsets.UTF_8))
                        .isEqualTo(new String(jackson(read.get(i)), StandardCharsets.UTF_8));
            }
        }
        assertThat(Arrays.copyOf(w.bytes(), w.length())).isEqualTo(expected.toByteArray());
        assertThat(w.length()).isEqualTo(end);
    }

    @Test
    void toJson_readsBackToTheSameEvent() {
        EventJson json = new EventJson();
        for (String s : HOSTILE) {
            List<LogEvent> read = everyKind(lone(s));
            List<LogEvent> events = everyKind(s);
            for (int i = 0; i < events.size(); i++) {
                assertThat(json.read(json.toJson(events.get(i)))).isEqualTo(read.get(i));
            }
        }
    }

    @Test
    void beyondU_FFFF_isItsUtf8Bytes_andALoneSurrogateIsAQuestionMark_neverAnEscape() {
        EventJson json = new EventJson();
        LogEvent e = everyKind("\ud83d\ude00 smile, lone \ud83d and \ude00, \ud834\udd1e clef").get(0);
        String text = json.toJson(e);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("\u00f0\u009f\u0098\u0080 smile",
                "\u00f0\u009d\u0084\u009e clef");
        assertThat(text).contains("\"account\":\"\ud83d\ude00 smile, lone ? and ?, \ud834\udd1e clef\"")
                .doesNotContainIgnoringCase("\\ud8").doesNotContainIgnoringCase("\\udc").doesNotContainIgnoringCase("\\ude");
        // what the report writes for the same text (a writer-based generator, encoded as UTF-8 like its output)
        java.io.StringWriter report = new java.io.StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(report)) {
            g.writeString(e.account());
        } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
        String reportBytes = new String(report.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(text).contains("\"account\":" + reportBytes);
        assertThat(json.read(text).account()).isEqualTo("\ud83d\ude00 smile, lone ? and ?, \ud834\udd1e clef");
    }

    /** Checks every kind of event carrying {@code s} against Jackson's bytes for the same text as it reads back. */
    private static void checkAll(String s) throws IOException {
        List<LogEvent> events = everyKind(s);
        List<LogEvent> read = everyKind(lone(s));
        for (int i = 0; i < events.size(); i++) {
            check(events.get(i), read.get(i));
        }
    }

    /** {@code s} with each lone surrogate as {@code ?}: the text an event of {@code s} reads back as. */
    private static String lone(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return b.toString();
    }

    private static void check(LogEvent e, LogEvent read) throws IOException {
        EventJsonWriter w = new EventJsonWriter(new byte[1]);
        w.append(e);
        byte[] mine = Arrays.copyOf(w.bytes(), w.length());
        byte[] theirs = jackson(read);
        assertThat(new String(mine, StandardCharsets.ISO_8859_1))
                .as("event with %s", e).isEqualTo(new String(theirs, StandardCharsets.ISO_8859_1));
        // strict UTF-8, and no raw control character: a line of JSON Lines stays one line
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(mine));
        for (byte b : mine) {
            assertThat(b < 0 || b >= 0x20).isTrue();
        }
        JsonNode n = MAPPER.readTree(mine);
        assertThat(n.get("account").isNull() ? null : n.get("account").asText()).isEqualTo(read.account());
        assertThat(n.get("file").asText()).isEqualTo(read.origin().file());
        assertThat(n.get("rule").asText()).isEqualTo(read.origin().rule());
        assertThat(n.has("host") ? n.get("host").asText() : null).isEqualTo(read.origin().host());
        assertThat(new EventJson().read(new String(mine, StandardCharsets.UTF_8))).isEqualTo(read);
    }

    private static List<LogEvent> everyKind(String s) {
        OffsetDateTime t = OffsetDateTime.of(2025, 3, 10, 4, 5, 6, 120_000_000, ZoneOffset.ofHours(-4));
        Origin o = new Origin("src" + s, "rule" + s, "file" + s, 123_456_789_012L, "host" + s);
        Origin bare = new Origin(s, s, s, 0);
        List<LogEvent> out = new ArrayList<>();
        out.add(new AuthFailure(t, o, s, s, Protocol.IMAP, 993, FailureReason.PASSWORD_MISMATCH, 3, true, s, s, s, s, s));
        out.add(new AuthFailure(t, bare, null, null, Protocol.OTHER, null, FailureReason.values()[0], 1, false,
                null, null, null, null, null));
        out.add(new AuthSuccess(t, o, s, s, Protocol.SMTP, 465, s, s, s, s));
        out.add(new AuthSuccess(t, bare, null, null, Protocol.POP3, null, null, null, null, null));
        out.add(new FirewallDrop(t, o, s, Protocol.SMTP, 25, s, 54321, s, s, true, s));
        out.add(new FirewallDrop(t, bare, null, Protocol.OTHER, null, s, null, null, null, false, null));
        out.add(new FirewallBlock(t, o, s, s, Protocol.IMAP, 143, s, 5, 3600, 86400L, false, List.of(25, 465, 587),
                s, s));
        out.add(new FirewallBlock(t, bare, null, null, Protocol.OTHER, null, s, null, null, null, true, List.of(),
                null, null));
        out.add(new FirewallUnblock(t, o, s, Protocol.OTHER, null, s));
        out.add(new FirewallUnblock(t, bare, null, Protocol.OTHER, null, null));
        return out;
    }

    /** The events-v1 object through Jackson's UTF-8 generator, surrogate pairs combined. */
    private static byte[] jackson(LogEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("time", EventJson.isoTime(event.time()));
            g.writeStringField("type", event.type().word());
            g.writeStringField("source", event.origin().source());
            g.writeStringField("rule", event.origin().rule());
            g.writeStringField("ip", event.ip());
            g.writeStringField("account", event.account());
            g.writeStringField("protocol", event.protocol().word());
            integer(g, "port", event.port());
            g.writeStringField("file", event.origin().file());
            g.writeNumberField("line", event.origin().line());
            optional(g, "host", event.origin().host());
            if (event instanceof AuthFailure f) {
                g.writeStringField("reason", f.reason().word());
                g.writeNumberField("attempts", f.attempts());
                g.writeBooleanField("detail", f.detail());
                optional(g, "password_fp", f.passwordFp());
                optional(g, "session", f.session());
                optional(g, "mech", f.mech());
                optional(g, "helo", f.helo());
                optional(g, "local_ip", f.localIp());
            } else if (event instanceof AuthSuccess s) {
                optional(g, "session", s.session());
                optional(g, "mech", s.mech());
                optional(g, "helo", s.helo());
                optional(g, "local_ip", s.localIp());
            } else if (event instanceof FirewallDrop d) {
                g.writeStringField("chain", d.chain());
                optional(g, "proto", d.proto());
                if (d.srcPort() != null) {
                    g.writeNumberField("src_port", d.srcPort());
                }
                optional(g, "dst", d.dst());
                g.writeBooleanField("inbound", d.inbound());
                optional(g, "flags", d.flags());
            } else if (event instanceof FirewallBlock b) {
                g.writeStringField("trigger", b.trigger());
                integer(g, "hits", b.hits());
                g.writeFieldName("duration_s");
                if (b.durationS() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(b.durationS());
                }
                g.writeBooleanField("permanent", b.permanent());
                integer(g, "interval_s", b.intervalS());
                g.writeFieldName("ports");
                g.writeStartArray();
                for (int p : b.ports()) {
                    g.writeNumber(p);
                }
                g.writeEndArray();
                optional(g, "app", b.app());
                optional(g, "message", b.message());
            } else if (event instanceof FirewallUnblock u) {
                optional(g, "trigger", u.trigger());
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void integer(JsonGenerator g, String name, Integer v) throws IOException {
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }

    private static void optional(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v);
        }
    }
}
