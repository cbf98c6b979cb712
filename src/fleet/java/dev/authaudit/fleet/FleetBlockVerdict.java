package dev.authaudit.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The fleet's explanation of one firewall block, as {@code fleet run} writes it to the block-verdict topic
 * (compacted, keyed by {@link #key()}): a block is one server's act, judged with that server's lines of the
 * address and the fleet-wide verdicts of the logins behind it.
 *
 * @param at the block's time (ISO-8601)
 * @param cause the report-v1 block cause word
 * @param account the login the block is about, or null
 */
record FleetBlockVerdict(String host, String ip, String at, String cause, double confidence, String account,
                         List<String> reasons) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    FleetBlockVerdict {
        reasons = List.copyOf(reasons == null ? List.of() : reasons);
    }

    /** The record key: server, address and time, which name one block. */
    String key() {
        return host + "|" + ip + "|" + at;
    }

    boolean sameAs(FleetBlockVerdict o) {
        return o != null && cause.equals(o.cause) && java.util.Objects.equals(account, o.account);
    }

    String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FleetBlockVerdict read(String json) {
        try {
            return MAPPER.readValue(json, FleetBlockVerdict.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
