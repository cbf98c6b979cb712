package dev.authaudit.classify;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * An address that may be one of a slow distributed attack's many: no history, a login or two failed once or
 * twice each, and no login's verdict attributes it to a customer's own client. {@link DistributedCampaign}
 * counts such addresses within a window; a partitioned run (the fleet) gathers them from every step first.
 *
 * @param ip the address
 * @param first its first event
 * @param failures its failures
 * @param logins the logins that saw it as a one-off (hostile text)
 */
public record CampaignCandidate(String ip, Instant first, long failures, Set<String> logins) {
    public CampaignCandidate {
        requireNonNull(ip, "ip");
        requireNonNull(first, "first");
        // sorted; one login (the usual candidate) needs no tree
        logins = logins == null ? Set.of() : logins.size() <= 1 ? Set.copyOf(logins)
                : java.util.Collections.unmodifiableSet(new TreeSet<>(logins));
    }
}
