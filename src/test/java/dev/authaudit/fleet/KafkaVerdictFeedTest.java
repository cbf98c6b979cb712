package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.publish.FleetVerdictFeed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a server's watch takes from the verdict topic: attacker verdicts, checked; nothing else. */
class KafkaVerdictFeedTest {
    private static String verdict(String ip, String word, String extra) {
        return "{\"ip\":\"" + ip + "\",\"network\":\"198.51.100.0/24\",\"verdict\":\"" + word + "\",\"confidence\":0.9,"
                + "\"failures\":4,\"failures_by_host\":{\"hostA\":2,\"hostB\":2},\"hosts\":[\"hostA\",\"hostB\"],"
                + "\"accounts\":[\"a@example.com\"],\"reasons\":[\"tried 4 different logins\"],\"last_event\":"
                + "\"2026-12-06T10:00:00Z\"" + extra + "}";
    }

    private final KafkaVerdictFeed.Factory unused = new KafkaVerdictFeed.Factory();

    @Test
    void parse_attacker_isHandedOverWithItsEvidence() throws Exception {
        Optional<FleetVerdictFeed.Attacker> a = KafkaVerdictFeed.parse("198.51.100.23",
                verdict("198.51.100.23", "attacker", ""));
        assertThat(a).isPresent();
        assertThat(a.get().failuresByHost()).isEqualTo(Map.of("hostA", 2L, "hostB", 2L));
        assertThat(a.get().failures()).isEqualTo(4);
        assertThat(a.get().reasons()).isEqualTo(List.of("tried 4 different logins"));
        assertThat(unused.scheme()).isEqualTo("kafka");
    }

    @Test
    void parse_customerScannerOrUnknown_isNeverHandedOver() throws Exception {
        for (String word : List.of("customer", "unknown", "scanner")) {
            assertThat(KafkaVerdictFeed.parse("192.0.2.50", verdict("192.0.2.50", word, ""))).as(word).isEmpty();
        }
    }

    @Test
    void other_aWellFormedNonAttackerVerdict_isAWithdrawal_anythingElseIsNot() {
        assertThat(KafkaVerdictFeed.other("192.0.2.50", verdict("192.0.2.50", "customer", ""))).contains("customer");
        assertThat(KafkaVerdictFeed.other("192.0.2.50", verdict("192.0.2.50", "attacker", ""))).isEmpty();
        assertThat(KafkaVerdictFeed.other("203.0.113.9", verdict("192.0.2.50", "customer", ""))).as("key not the ip")
                .isEmpty();
        assertThat(KafkaVerdictFeed.other("192.0.2.50", verdict("192.0.2.50", "Customer; rm", ""))).isEmpty();
        assertThat(KafkaVerdictFeed.other("192.0.2.50", "not json")).isEmpty();
        assertThat(KafkaVerdictFeed.other("192.0.2.50", null)).isEmpty();
    }

    @Test
    void read_malformedOrHostile_isCountedAndDropped() {
        KafkaVerdictFeed.Factory f = new KafkaVerdictFeed.Factory();
        assertThat(f.scheme()).isEqualTo("kafka");
        List<String[]> bad = List.of(
                new String[] {"198.51.100.23", "not json"},
                new String[] {"198.51.100.23", null},
                new String[] {"203.0.113.9", verdict("198.51.100.23", "attacker", "")},
                new String[] {"evil.example", verdict("evil.example", "attacker", "")},
                new String[] {"198.51.100.0/24", verdict("198.51.100.0/24", "attacker", "")},
                new String[] {"198.51.100.23", verdict("198.51.100.23", "Attacker!", "")},
                new String[] {"198.51.100.23", verdict("198.51.100.23", "attacker", "").replace("\"hostA\":2",
                        "\"host A; rm -rf /\":2")},
                new String[] {"198.51.100.23", verdict("198.51.100.23", "attacker", "").replace("0.9", "9")});
        long rejected = 0;
        for (String[] b : bad) {
            assertThat(readWithCount(b[0], b[1])).as(b[0] + " " + b[1]).isEqualTo(1);
            rejected++;
        }
        assertThat(rejected).isEqualTo(bad.size());
    }

    /** Returns 1 when {@code read} dropped the record as malformed. */
    private static int readWithCount(String key, String value) {
        try {
            KafkaVerdictFeed.parse(key, value);
            return 0;
        } catch (Exception e) {
            return 1;
        }
    }
}
