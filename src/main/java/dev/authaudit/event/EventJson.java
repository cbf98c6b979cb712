package dev.authaudit.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads events-v1 JSON objects. This is the only place that knows the contract's field
 * names, so a record and its JSON cannot drift apart.
 */
public final class EventJson {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonFactory factory = new JsonFactory();

    /** Returns one event as a single-line JSON object. */
    public String toJson(LogEvent event) {
        StringWriter out = new StringWriter(256);
        write(event, out);
        return out.toString();
    }

    /**
     * Writes one event as a single-line JSON object (no trailing newline).
     *
     * @throws UncheckedIOException if the writer fails
     */
    public void write(LogEvent event, Writer out) {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            fields(g, event, isoTime(event.time()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns a writer of JSON Lines for a whole stream of events: one generator and its buffer for all
     * of them, flushed only when the buffer fills and on {@link Lines#close()}, so a stream of events
     * costs a system call per buffer, not per event.
     */
    public Lines lines(Writer out) {
        try {
            JsonGenerator g = factory.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            g.setRootValueSeparator(null);
            return new Lines(g, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #lines(Writer)}, UTF-8 encoded into a stream of bytes. */
    public Lines lines(java.io.OutputStream out) {
        try {
            JsonGenerator g = factory.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            g.setRootValueSeparator(null);
            return new Lines(g, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One JSON object per line through one generator; close it to flush the stream. */
    public final class Lines implements java.io.Closeable {
        private final JsonGenerator g;
        private final java.io.Flushable out;

        private Lines(JsonGenerator g, java.io.Flushable out) {
            this.g = g;
            this.out = out;
        }

        /** The last event's time and its text: events of a log come in runs of the same second. */
        private OffsetDateTime lastTime;
        private String lastTimeText;

        /** Writes one event and its newline. */
        public void write(LogEvent event) {
            try {
                OffsetDateTime t = event.time();
                if (!t.equals(lastTime)) {
                    lastTime = t;
                    lastTimeText = isoTime(t);
                }
                fields(g, event, lastTimeText);
                g.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Returns how many characters (bytes, into a stream) the generator holds and has not handed on. */
        public int buffered() {
            return g.getOutputBuffered();
        }

        /** Hands what the generator has buffered to the writer, without flushing the writer itself. */
        public void flushBuffer() {
            try {
                g.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes what is buffered to the stream and flushes it (the stream stays open). */
        @Override
        public void close() {
            try {
                g.close();
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void fields(JsonGenerator g, LogEvent event, String time) throws IOException {
        {
            g.writeStartObject();
            string(g, "time", time);
            string(g, "type", event.type().word());
            string(g, "source", event.origin().source());
            string(g, "rule", event.origin().rule());
            string(g, "ip", event.ip());
            string(g, "account", event.account());
            string(g, "protocol", event.protocol().word());
            writeInt(g, "port", event.port());
            string(g, "file", event.origin().file());
            number(g, "line", event.origin().line());
            writeOptional(g, "host", event.origin().host());
            if (event instanceof AuthFailure f) {
                string(g, "reason", f.reason().word());
                number(g, "attempts", f.attempts());
                bool(g, "detail", f.detail());
                writeOptional(g, "password_fp", f.passwordFp());
                writeOptional(g, "session", f.session());
                writeOptional(g, "mech", f.mech());
                writeOptional(g, "helo", f.helo());
                writeOptional(g, "local_ip", f.localIp());
            } else if (event instanceof AuthSuccess s) {
                writeOptional(g, "session", s.session());
                writeOptional(g, "mech", s.mech());
                writeOptional(g, "helo", s.helo());
                writeOptional(g, "local_ip", s.localIp());
            } else if (event instanceof FirewallDrop d) {
                string(g, "chain", d.chain());
                writeOptional(g, "proto", d.proto());
                if (d.srcPort() != null) {
                    number(g, "src_port", d.srcPort());
                }
                writeOptional(g, "dst", d.dst());
                bool(g, "inbound", d.inbound());
                writeOptional(g, "flags", d.flags());
            } else if (event instanceof FirewallBlock b) {
                string(g, "trigger", b.trigger());
                writeInt(g, "hits", b.hits());
                if (b.durationS() == null) {
                    g.writeFieldName(name("duration_s"));
                    g.writeNull();
                } else {
                    number(g, "duration_s", b.durationS());
                }
                bool(g, "permanent", b.permanent());
                writeInt(g, "interval_s", b.intervalS());
                g.writeFieldName(name("ports"));
                g.writeStartArray();
                for (int p : b.ports()) {
                    g.writeNumber(p);
                }
                g.writeEndArray();
                writeOptional(g, "app", b.app());
                writeOptional(g, "message", b.message());
            } else if (event instanceof FirewallUnblock u) {
                writeOptional(g, "trigger", u.trigger());
            }
            g.writeEndObject();
        }
    }

    /**
     * Formats a time exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} does (seconds always,
     * the fraction without trailing zeros, "Z" for a zero offset), without its per-call machinery: it
     * runs once per event of a stream of millions.
     */
    static String isoTime(OffsetDateTime t) {
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            return TIME.format(t);
        }
        StringBuilder b = new StringBuilder(35);
        b.append(year).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append('T');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond());
        int nano = t.getNano();
        if (nano != 0) {
            String digits = Integer.toString(nano + 1_000_000_000).substring(1);
            int end = 9;
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(digits, 0, end);
        }
        int off = t.getOffset().getTotalSeconds();
        if (off == 0) {
            return b.append('Z').toString();
        }
        b.append(off < 0 ? '-' : '+');
        int a = Math.abs(off);
        two(b, a / 3600).append(':');
        two(b, (a / 60) % 60);
        if (a % 60 != 0) {
            b.append(':');
            two(b, a % 60);
        }
        return b.toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /**
     * Reads one events-v1 JSON object back into its record.
     *
     * @throws IllegalArgumentException if the text is not an events-v1 object
     */
    public LogEvent read(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object");
        }
        EventType type = EventType.fromWord(text(n, "type"));
        OffsetDateTime time = OffsetDateTime.parse(text(n, "time"));
        Origin origin = new Origin(orElse(text(n, "source"), "unknown"), orElse(text(n, "rule"), "unknown"),
                orElse(text(n, "file"), "-"), n.path("line").asLong(0), text(n, "host"));
        String ip = text(n, "ip");
        String account = text(n, "account");
        Protocol protocol = Protocol.fromService(text(n, "protocol"));
        Integer port = integer(n, "port");
        switch (type) {
            case AUTH_FAILURE:
                return new AuthFailure(time, origin, ip, account, protocol, port,
                        FailureReason.fromText(text(n, "reason")), Math.max(1, n.path("attempts").asInt(1)),
                        n.path("detail").asBoolean(false), text(n, "password_fp"), text(n, "session"),
                        text(n, "mech"), text(n, "helo"), text(n, "local_ip"));
            case AUTH_SUCCESS:
                return new AuthSuccess(time, origin, ip, account, protocol, port, text(n, "session"),
                        text(n, "mech"), text(n, "helo"), text(n, "local_ip"));
            case FIREWALL_DROP:
                return new FirewallDrop(time, origin, ip, protocol, port, orElse(text(n, "chain"), "UNKNOWN"),
                        integer(n, "src_port"), text(n, "proto"), text(n, "dst"),
                        n.path("inbound").asBoolean(true), text(n, "flags"));
            case FIREWALL_BLOCK:
                List<Integer> ports = new ArrayList<>();
                n.path("ports").forEach(p -> ports.add(p.asInt()));
                JsonNode dur = n.get("duration_s");
                return new FirewallBlock(time, origin, ip, account, protocol, port,
                        orElse(text(n, "trigger"), "unknown"), integer(n, "hits"), integer(n, "interval_s"),
                        dur == null || dur.isNull() ? null : dur.asLong(), n.path("permanent").asBoolean(false),
                        ports, text(n, "app"), text(n, "message"));
            case FIREWALL_UNBLOCK:
                return new FirewallUnblock(time, origin, ip, protocol, port, text(n, "trigger"));
            default:
                throw new IllegalArgumentException("unhandled type " + type);
        }
    }

    /** Field names quoted once, not escaped again for every event of a stream. */
    private static final java.util.concurrent.ConcurrentHashMap<String, com.fasterxml.jackson.core.io.SerializedString> NAMES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static com.fasterxml.jackson.core.io.SerializedString name(String n) {
        // a plain read first: computeIfAbsent costs more even when the name is there (every field of every event)
        com.fasterxml.jackson.core.io.SerializedString s = NAMES.get(n);
        return s != null ? s : NAMES.computeIfAbsent(n, com.fasterxml.jackson.core.io.SerializedString::new);
    }

    private static void string(JsonGenerator g, String field, String value) throws IOException {
        g.writeFieldName(name(field));
        g.writeString(value);
    }

    private static void number(JsonGenerator g, String field, long value) throws IOException {
        g.writeFieldName(name(field));
        g.writeNumber(value);
    }

    private static void bool(JsonGenerator g, String field, boolean value) throws IOException {
        g.writeFieldName(name(field));
        g.writeBoolean(value);
    }

    private static void writeInt(JsonGenerator g, String name, Integer value) throws IOException {
        if (value == null) {
            g.writeFieldName(name(name));
            g.writeNull();
        } else {
            number(g, name, value);
        }
    }

    private static void writeOptional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            string(g, name, value);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static String orElse(String v, String fallback) {
        return v == null ? fallback : v;
    }
}
