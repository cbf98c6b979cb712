package dev.authaudit.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.text.IsoTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads events-v1 JSON objects. This class and {@link EventJsonWriter} (which writes the
 * bytes) are the only places that know the contract's field names, so a record and its JSON cannot
 * drift apart.
 */
public final class EventJson {
    /** Created on the first read: {@code parse} only writes, and an ObjectMapper takes a tenth of a second to start. */
    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** Returns one event as a single-line JSON object. */
    public String toJson(LogEvent event) {
        EventJsonWriter w = new EventJsonWriter(new byte[256]);
        w.append(event);
        return new String(w.bytes(), 0, w.length(), StandardCharsets.UTF_8);
    }

    /**
     * Writes one event as a single-line JSON object (no trailing newline).
     *
     * @throws UncheckedIOException if the writer fails
     */
    public void write(LogEvent event, Writer out) {
        try {
            out.write(toJson(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Formats a time exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} does ({@link IsoTime}). */
    static String isoTime(OffsetDateTime t) {
        return IsoTime.format(t);
    }

    /**
     * Reads one events-v1 JSON object back into its record.
     *
     * @throws IllegalArgumentException if the text is not an events-v1 object
     */
    public LogEvent read(String json) {
        JsonNode n;
        try {
            n = Reader.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object");
        }
        EventType type = EventType.fromWord(text(n, "type"));
        OffsetDateTime time = OffsetDateTime.parse(text(n, "time"));
        Origin origin = new Origin(orElse(text(n, "source"), "unknown"), orElse(text(n, "rule"), "unknown"),
                orElse(text(n, "file"), "-"), n.path("line").asLong(0), text(n, "host"),
                n.path("interleaved").asBoolean(false));
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
