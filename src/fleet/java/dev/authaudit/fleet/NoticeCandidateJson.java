package dev.authaudit.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authaudit.act.notice.DeviceSeen;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.event.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The notices topic's value: a {@link NoticeCandidate} as a JSON object whose fields are exactly its record
 * components ({@code account}, {@code verdict}, ..., {@code incidentKey}), Instants as ISO-8601 strings and
 * null when absent, and {@code device} an object with {@link DeviceSeen}'s components ({@code ip},
 * {@code network}, {@code protocols} as events-v1 words, {@code ports} as numbers, {@code clientName},
 * {@code lastWorked}). The mailer reads what the login step writes.
 */
public final class NoticeCandidateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NoticeCandidateJson() {
    }

    /** Returns the candidate as one line of JSON. */
    public static String write(NoticeCandidate c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("account", c.account());
        n.put("verdict", c.verdict());
        n.put("confidence", c.confidence());
        n.put("detectedAt", iso(c.detectedAt()));
        n.put("successOnRecord", c.successOnRecord());
        n.put("targeted", c.targeted());
        n.put("attackerPattern", c.attackerPattern());
        n.put("blockCause", c.blockCause());
        ObjectNode d = n.putObject("device");
        DeviceSeen s = c.device();
        d.put("ip", s.ip());
        d.put("network", s.network());
        ArrayNode protocols = d.putArray("protocols");
        s.protocols().stream().sorted().forEach(p -> protocols.add(p.word()));
        ArrayNode ports = d.putArray("ports");
        s.ports().forEach(ports::add);
        d.put("clientName", s.clientName());
        d.put("lastWorked", iso(s.lastWorked()));
        n.put("firstFailure", iso(c.firstFailure()));
        n.put("lastFailure", iso(c.lastFailure()));
        n.put("failures", c.failures());
        n.put("firstBlockAt", iso(c.firstBlockAt()));
        n.put("incidentKey", c.incidentKey());
        try {
            return MAPPER.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a candidate written by {@link #write}.
     *
     * @throws IllegalArgumentException when the text is no such object (a field missing or of the wrong kind)
     */
    public static NoticeCandidate read(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject() || !n.path("device").isObject()) {
            throw new IllegalArgumentException("not a notice candidate object");
        }
        try {
            return candidate(n);
        } catch (NullPointerException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a notice candidate: " + e.getMessage(), e);
        }
    }

    private static NoticeCandidate candidate(JsonNode n) {
        JsonNode d = n.get("device");
        Set<Protocol> protocols = EnumSet.noneOf(Protocol.class);
        for (JsonNode p : d.path("protocols")) {
            protocols.add(Protocol.valueOf(p.asText().toUpperCase(Locale.ROOT)));
        }
        TreeSet<Integer> ports = new TreeSet<>();
        for (JsonNode p : d.path("ports")) {
            if (!p.canConvertToInt()) {
                throw new IllegalArgumentException("port " + p + " is not a number");
            }
            ports.add(p.asInt());
        }
        DeviceSeen device = new DeviceSeen(text(d, "ip"), text(d, "network"), protocols, ports, text(d, "clientName"),
                instant(d, "lastWorked"));
        return new NoticeCandidate(text(n, "account"), text(n, "verdict"), n.path("confidence").asDouble(Double.NaN),
                instant(n, "detectedAt"), bool(n, "successOnRecord"), bool(n, "targeted"), bool(n, "attackerPattern"),
                text(n, "blockCause"), device, instant(n, "firstFailure"), instant(n, "lastFailure"),
                n.path("failures").asLong(0), instant(n, "firstBlockAt"), text(n, "incidentKey"));
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException(field + " is not true or false");
        }
        return v.booleanValue();
    }

    private static Instant instant(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : Instant.parse(t);
    }
}
