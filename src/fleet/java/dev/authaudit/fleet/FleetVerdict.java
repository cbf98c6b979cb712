package dev.authaudit.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet's verdict on one address, as {@code fleet run} writes it to the verdict topic (compacted,
 * keyed by address): the report-v1 verdict word from all servers' events of its network together, the
 * servers it was seen on and its failures on each.
 */
record FleetVerdict(String ip, String network, String verdict, double confidence, Map<String, Long> failuresByHost,
                    List<String> hostsSeen, List<String> accounts, List<String> reasons, String lastEvent) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    FleetVerdict {
        failuresByHost = new TreeMap<>(failuresByHost);
        hostsSeen = List.copyOf(hostsSeen);
        accounts = List.copyOf(accounts);
        reasons = List.copyOf(reasons);
    }

    long failures() {
        return failuresByHost.values().stream().mapToLong(Long::longValue).sum();
    }

    /** True when this and the other say the same thing (what is worth writing again). */
    boolean sameAs(FleetVerdict o) {
        return o != null && verdict.equals(o.verdict) && failuresByHost.equals(o.failuresByHost)
                && hostsSeen.equals(o.hostsSeen);
    }

    String toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("ip", ip);
        n.put("network", network);
        n.put("verdict", verdict);
        n.put("confidence", confidence);
        n.put("failures", failures());
        ObjectNode by = n.putObject("failures_by_host");
        failuresByHost.forEach(by::put);
        hostsSeen.forEach(n.putArray("hosts")::add);
        accounts.forEach(n.putArray("accounts")::add);
        reasons.forEach(n.putArray("reasons")::add);
        n.put("last_event", lastEvent);
        try {
            return MAPPER.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FleetVerdict read(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            Map<String, Long> by = new TreeMap<>();
            n.path("failures_by_host").properties().forEach(f -> by.put(f.getKey(), f.getValue().asLong()));
            return new FleetVerdict(n.path("ip").asText(), n.path("network").asText(), n.path("verdict").asText(),
                    n.path("confidence").asDouble(), by, strings(n.path("hosts")), strings(n.path("accounts")),
                    strings(n.path("reasons")), n.path("last_event").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asText()));
        return out;
    }
}
