package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authaudit.act.notice.DeviceSeen;
import dev.authaudit.act.notice.IncidentKey;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NoticeCandidateJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private final NoticeCandidateJson json = new NoticeCandidateJson();

    static NoticeCandidate candidate(String account, Instant first) {
        DeviceSeen d = new DeviceSeen("203.0.113.7", "203.0.113.0/24", EnumSet.of(Protocol.IMAP, Protocol.SMTP),
                new TreeSet<>(Set.of(993, 587)), "iPhone\u0007 <b>", null);
        return new NoticeCandidate(account, "stale_password", 0.93, first.plusSeconds(1800), true, false, false, null,
                d, first, first.plusSeconds(1800), 42, null, IncidentKey.of(account, "203.0.113.0/24", first));
    }

    @Test
    void writeThenRead_givesTheSameCandidate_withNullsAndArrays() throws Exception {
        NoticeCandidate c = candidate("bob@example.com", T0);
        String text = json.write(c);
        assertThat(MAPPER.readTree(text).path("device").path("protocols").toString()).isEqualTo("[\"smtp\",\"imap\"]");
        assertThat(MAPPER.readTree(text).path("firstBlockAt").isNull()).isTrue();
        assertThat(json.read(c.incidentKey(), text)).isEqualTo(c);
    }

    private String with(String field, Object value) throws Exception {
        NoticeCandidate c = candidate("bob@example.com", T0);
        ObjectNode o = (ObjectNode) MAPPER.readTree(json.write(c));
        ObjectNode target = field.startsWith("device.") ? (ObjectNode) o.get("device") : o;
        String name = field.startsWith("device.") ? field.substring(7) : field;
        if (value == REMOVE) {
            target.remove(name);
        } else {
            target.set(name, MAPPER.valueToTree(value));
        }
        return MAPPER.writeValueAsString(o);
    }

    private static final Object REMOVE = new Object();

    private void rejects(String value, String says) {
        String key = candidate("bob@example.com", T0).incidentKey();
        assertThatThrownBy(() -> json.read(key, value)).isInstanceOf(NoticeCandidateJson.BadRecord.class)
                .hasMessageContaining(says);
    }

    @Test
    void read_hostileRecords_areRejectedNamingTheField() throws Exception {
        rejects(null, "no value");
        rejects("not json", "not JSON");
        rejects("[1,2]", "not a JSON object");
        rejects(with("extra", "x"), "unknown field 'extra'");
        rejects(with("device.hostname", "evil.example"), "unknown field device.'hostname'");
        rejects(with("failures", REMOVE), "missing field failures");
        rejects(with("device.ip", "mail.evil.example"), "device.ip is not an address literal");
        rejects(with("device.ip", "999.1.1.1"), "not an IP address literal");
        rejects(with("device.network", "10.0.0.0/24\nSubject: x"), "device.network");
        rejects(with("confidence", "0.9"), "confidence is not a number");
        rejects(with("confidence", 7), "must be between 0 and 1");
        rejects(with("failures", 0), "must be at least 1");
        rejects(with("failures", 1.5), "failures is not a whole number");
        rejects(with("verdict", "Stale Password; rm -rf"), "verdict is not a report-v1 word");
        rejects(with("successOnRecord", "true"), "successOnRecord is not true or false");
        rejects(with("lastFailure", "2026-12-05T10:00:00Z"), "is before firstFailure");
        rejects(with("detectedAt", "yesterday"), "detectedAt is not an ISO-8601 instant");
        rejects(with("device.ports", new int[] {0}), "not a port number");
        rejects(with("device.protocols", new String[] {"ssh"}), "not smtp, imap, pop3 or other");
        rejects(with("account", "x".repeat(400)), "account is longer than 320");
        rejects(with("account", " "), "account is empty");
        rejects(with("incidentKey", "inc-zz"), "incidentKey is not inc- and 20 hex digits");
        rejects(with("incidentKey", IncidentKey.of("eve@example.com", "203.0.113.0/24", T0)),
                "the record's key is not its incidentKey");
        rejects("{\"a\":" + "x".repeat(20_000) + "}", "more than a notice candidate can be");
    }

    @Test
    void read_clientNameWithControlCharacters_isKeptAsDataForTheComposerToClean() throws Exception {
        NoticeCandidate c = candidate("bob@example.com", T0);
        assertThat(json.read(c.incidentKey(), json.write(c)).device().clientName()).isEqualTo("iPhone\u0007 <b>");
    }
}
