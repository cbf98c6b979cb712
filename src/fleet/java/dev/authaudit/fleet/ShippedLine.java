package dev.authaudit.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One raw log line as a shipper put it on Kafka, in JSON:
 * <ul>
 *   <li>rsyslog {@code omkafka} with the template of docs/fleet.md: {@code message} (the line as rsyslog
 *       would write it to a file), {@code host}, {@code file}, {@code timestamp};</li>
 *   <li>Vector's kafka sink with the JSON codec: {@code message}, {@code host}, {@code file},
 *       {@code timestamp};</li>
 *   <li>Filebeat's kafka output: {@code message}, {@code host.name}, {@code log.file.path},
 *       {@code @timestamp}.</li>
 * </ul>
 * The host and file are the shipper's (set by its configuration, not by a client); the message is hostile
 * text like any log line.
 *
 * @param time when the shipper read the line (the year reference of year-less stamps), or null
 */
record ShippedLine(String message, String host, String file, Instant time) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads one record; null when it is not a JSON object with a text {@code message}. */
    static ShippedLine read(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
        if (n == null || !n.isObject()) {
            return null;
        }
        JsonNode m = n.get("message");
        if (m == null || !m.isTextual()) {
            return null;
        }
        String message = stripEnd(m.asText());
        String host = text(n.get("host"));
        if (host == null) {
            host = text(n.path("host").get("name"));
        }
        if (host == null) {
            host = text(n.get("hostname"));
        }
        String file = text(n.get("file"));
        if (file == null) {
            file = text(n.path("log").path("file").get("path"));
        }
        Instant time = instant(text(n.get("@timestamp")));
        if (time == null) {
            time = instant(text(n.get("timestamp")));
        }
        return new ShippedLine(message, host == null || !host.matches("[A-Za-z0-9._-]{1,255}") ? null : host,
                file == null ? "-" : file, time);
    }

    private static String stripEnd(String s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == '\n' || s.charAt(e - 1) == '\r')) {
            e--;
        }
        return s.substring(0, e);
    }

    private static String text(JsonNode v) {
        return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
    }

    private static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
