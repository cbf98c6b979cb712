package dev.authaudit.fleet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.correlate.IpContext;
import dev.authaudit.correlate.IpEvidence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The link from the address-keyed step to the login-keyed step: what all of an address's events on every
 * server say about it beyond one login that it tried (its other logins, successes, passwords, its network's
 * successes), written keyed by that login. The login's task weighs it in the login's evidence (a source that
 * fails many logins is no customer's device, one that logs in as a colleague of the same domain is), as one
 * auditor over all events would.
 *
 * @param login the login the address tried (hostile text)
 * @param ip the address
 * @param domainSuccesses the address's successful logins as any login of {@code login}'s domain
 */
record AddressFact(String login, String ip, long distinctLogins, long failures, long successes,
                   List<String> successLogins, long distinctFingerprints, long networkSuccesses,
                   List<String> networkSuccessLogins, long distinctFailedLogins, long unknownUsers,
                   long maxFailuresOneLogin, long domainSuccesses) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    AddressFact {
        successLogins = List.copyOf(successLogins == null ? List.of() : successLogins);
        networkSuccessLogins = List.copyOf(networkSuccessLogins == null ? List.of() : networkSuccessLogins);
    }

    static AddressFact of(String login, IpEvidence e, long domainSuccesses) {
        return new AddressFact(login, e.ip(), e.distinctLogins(), e.failures(), e.successes(), e.successLogins(),
                e.distinctFingerprints(), e.networkSuccesses(), e.networkSuccessLogins(), e.distinctFailedLogins(),
                e.unknownUsers(), e.maxFailuresOneLogin(), domainSuccesses);
    }

    /** The address's context as the correlator would have built it from all of its events. */
    @JsonIgnore
    IpContext context() {
        return new IpContext(true, distinctLogins, failures, successes, successLogins, distinctFingerprints,
                networkSuccesses, networkSuccessLogins, distinctFailedLogins, unknownUsers, maxFailuresOneLogin);
    }

    String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AddressFact read(String json) {
        try {
            return MAPPER.readValue(json, AddressFact.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
