package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.act.notice.DeviceSeen;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.event.Protocol;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The notices topic's JSON: exactly NoticeCandidate's components, read back to an equal record. */
class NoticeCandidateJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static NoticeCandidate full() {
        DeviceSeen d = new DeviceSeen("203.0.113.7", "203.0.113.0/24", EnumSet.of(Protocol.SMTP, Protocol.IMAP),
                new TreeSet<>(List.of(993, 465)), "iPhone \"mail\"\n<b>", Instant.parse("2026-12-01T08:00:00Z"));
        return new NoticeCandidate("Info@Example.com", "stale_password", 0.95, Instant.parse("2026-12-06T10:00:00Z"),
                true, false, false, "closed_port", d, Instant.parse("2026-12-06T09:00:00Z"),
                Instant.parse("2026-12-06T11:00:00Z"), 42, Instant.parse("2026-12-06T10:30:00Z"), "k1");
    }

    private static List<String> names(Class<?> record) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            out.add(c.getName());
        }
        return out;
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void fieldsAreExactlyTheRecordComponents_andReadBackEqual() throws Exception {
        NoticeCandidate c = full();
        String json = NoticeCandidateJson.write(c);
        JsonNode n = MAPPER.readTree(json);
        assertThat(fields(n)).containsExactlyElementsOf(names(NoticeCandidate.class));
        assertThat(fields(n.get("device"))).containsExactlyElementsOf(names(DeviceSeen.class));
        assertThat(n.get("detectedAt").asText()).isEqualTo("2026-12-06T10:00:00Z");
        assertThat(n.get("device").get("protocols").toString()).isEqualTo("[\"smtp\",\"imap\"]");
        assertThat(n.get("device").get("ports").toString()).isEqualTo("[465,993]");
        assertThat(json).doesNotContain("\n"); // one record, one line, whatever the client's name holds
        assertThat(NoticeCandidateJson.read(json)).isEqualTo(c);
    }

    @Test
    void absentValuesAreNull_andReadBack() throws Exception {
        DeviceSeen d = new DeviceSeen("2001:db8::7", "2001:db8::/48", EnumSet.noneOf(Protocol.class), new TreeSet<>(),
                null, null);
        NoticeCandidate c = new NoticeCandidate("a@example.com", "stale_password", 0.9,
                Instant.parse("2026-12-06T10:00:00Z"), true, false, false, null, d,
                Instant.parse("2026-12-06T09:00:00Z"), Instant.parse("2026-12-06T09:00:00Z"), 1, null, "k2");
        JsonNode n = MAPPER.readTree(NoticeCandidateJson.write(c));
        assertThat(n.get("blockCause").isNull()).isTrue();
        assertThat(n.get("firstBlockAt").isNull()).isTrue();
        assertThat(n.get("device").get("clientName").isNull()).isTrue();
        assertThat(n.get("device").get("lastWorked").isNull()).isTrue();
        assertThat(NoticeCandidateJson.read(NoticeCandidateJson.write(c))).isEqualTo(c);
    }

    @Test
    void notACandidate_isRefusedWithAReason() {
        assertThatThrownBy(() -> NoticeCandidateJson.read("{\"account\":\"a\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeCandidateJson.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
