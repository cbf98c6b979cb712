package dev.authaudit.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;

/**
 * The journal's export as JSON ({@code journalctl -o json}, one object a line): the program is the
 * entry's {@code SYSLOG_IDENTIFIER} (else {@code _COMM}), written by the logging program or the journal,
 * never by a client; the message is {@code MESSAGE}. An entry is read as the syslog line it stands for,
 * {@code <RFC 3339 UTC time> <host> <identifier>[<pid>]: <message>}, so the same container and program
 * dispatch applies; the message, a client's text included, only ever follows the tag.
 */
final class JournalJson {
    private static final JsonFactory JSON = new JsonFactory();

    private JournalJson() {
    }

    /** Returns the syslog line an entry stands for, or null when the line is not such an entry. */
    static String asSyslog(String line) {
        if (!line.startsWith("{") || !line.contains("\"MESSAGE\"")) {
            return null;
        }
        String message = null;
        String ident = null;
        String comm = null;
        String host = null;
        String pid = null;
        String micros = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                    p.skipChildren(); // a binary MESSAGE is an array of bytes: not text we read
                    continue;
                }
                String v = t == JsonToken.VALUE_NULL ? null : p.getText();
                switch (name) {
                    case "MESSAGE" -> message = v;
                    case "SYSLOG_IDENTIFIER" -> ident = v;
                    case "_COMM" -> comm = v;
                    case "_HOSTNAME" -> host = v;
                    case "_PID" -> pid = v;
                    case "__REALTIME_TIMESTAMP" -> micros = v;
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String program = ident != null ? ident : comm;
        if (message == null || program == null || micros == null || !tag(program) || message.indexOf('\n') >= 0) {
            return null;
        }
        long us;
        try {
            us = Long.parseLong(micros);
        } catch (NumberFormatException e) {
            return null;
        }
        Instant at = Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
        String h = host == null || host.isEmpty() || !tag(host) ? "-" : host;
        String p = pid != null && pid.chars().allMatch(Character::isDigit) && !pid.isEmpty() ? "[" + pid + "]" : "";
        return at.toString() + " " + h + " " + program + p + ": " + message;
    }

    private static boolean tag(String s) {
        if (s.isEmpty() || s.length() > 128) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || c == '.' || c == '/' || c == '@')) {
                return false;
            }
        }
        return true;
    }
}
