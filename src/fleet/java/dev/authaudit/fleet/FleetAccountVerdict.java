package dev.authaudit.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet's verdict on one login, as {@code fleet run} writes it to the account-verdict topic (compacted,
 * keyed by login): the report-v1 account verdict from the login's events on every server together.
 *
 * @param device the customer's failing device the verdict is about, or null
 */
record FleetAccountVerdict(String login, String verdict, double confidence,
                           @JsonProperty("detected_at") String detectedAt, long failures,
                           @JsonProperty("failures_by_host") Map<String, Long> failuresByHost,
                           List<String> hosts, String device, List<String> reasons) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    FleetAccountVerdict {
        failuresByHost = new TreeMap<>(failuresByHost == null ? Map.of() : failuresByHost);
        hosts = List.copyOf(hosts == null ? List.of() : hosts);
        reasons = List.copyOf(reasons == null ? List.of() : reasons);
    }

    /** True when this and the other say the same thing (what is worth writing again). */
    boolean sameAs(FleetAccountVerdict o) {
        return o != null && verdict.equals(o.verdict) && failuresByHost.equals(o.failuresByHost)
                && hosts.equals(o.hosts) && java.util.Objects.equals(device, o.device);
    }

    String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FleetAccountVerdict read(String json) {
        try {
            return MAPPER.readValue(json, FleetAccountVerdict.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
