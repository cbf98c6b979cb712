package dev.authaudit.fleet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.Claim;
import dev.authaudit.classify.ClaimKind;
import dev.authaudit.classify.SourceRole;
import dev.authaudit.correlate.AccountEvidence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The link from the login-keyed step to the address-keyed step: what one login's verdict, made from all of
 * its events on every server, says about the addresses of one network. Written keyed by the network, so the
 * network's task judges its addresses with the login's fleet-wide verdict instead of its own share of the
 * login's attempts (whether an address is one of the customer's devices, one of many guessers, a one-off).
 *
 * @param login the login (hostile text)
 * @param network the network this record is for (IPv4 /24, IPv6 /48)
 * @param verdict the login's report-v1 verdict word
 * @param confidence the verdict's confidence
 * @param detectedAt when the evidence first reached it (ISO-8601), or null
 * @param successes the login's successful logins fleet-wide (a login in use is no dictionary guess)
 * @param omittedSources sources the login's bounded source list could only count
 * @param clientFingerprints the password fingerprints of the customer's own client
 * @param customerSources the network's addresses the verdict calls the customer's own devices
 * @param attackerSources the network's addresses the verdict calls guessers of the login
 * @param oneOffSources the network's addresses that failed the login once or twice, not the customer's client
 * @param roles what each of the network's listed sources is to the login (report-v1 role words)
 * @param device the customer's failing device when it is in this network, or null
 * @param claims the verdict's reasons, with the addresses and logins each names (a block's explanation quotes
 *     the one about the blocked address)
 */
record LoginFact(String login, String network, String verdict, double confidence, String detectedAt, long successes,
                 long omittedSources, Set<String> clientFingerprints, Set<String> customerSources,
                 Set<String> attackerSources, Set<String> oneOffSources, Map<String, String> roles, String device,
                 List<Reason> claims) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    LoginFact {
        clientFingerprints = new TreeSet<>(clientFingerprints == null ? Set.of() : clientFingerprints);
        customerSources = new TreeSet<>(customerSources == null ? Set.of() : customerSources);
        attackerSources = new TreeSet<>(attackerSources == null ? Set.of() : attackerSources);
        oneOffSources = new TreeSet<>(oneOffSources == null ? Set.of() : oneOffSources);
        roles = new TreeMap<>(roles == null ? Map.of() : roles);
        claims = List.copyOf(claims == null ? List.of() : claims);
    }

    /** One reason of the verdict: its kind, the addresses and logins it names, its sentence. */
    record Reason(String kind, List<String> addresses, List<String> logins, String text) {
        static Reason of(Claim c) {
            return new Reason(c.kind().name(), c.addresses(), c.logins(), c.text());
        }

        Claim claim() {
            return new Claim(ClaimKind.valueOf(kind), addresses, logins, Set.of(), List.of(), 0, 0, 0, null, null, null,
                    null, null, text);
        }
    }

    /** The part of {@code a} (a login's fleet-wide assessment) about the addresses of {@code network}. */
    static LoginFact of(AccountAssessment a, String network) {
        AccountEvidence e = a.evidence();
        Map<String, String> roles = new TreeMap<>();
        a.roles().forEach((ip, role) -> {
            if (network.equals(NetworkKey.of(ip))) {
                roles.put(ip, role.word());
            }
        });
        return new LoginFact(a.account(), network, a.verdict().word(), a.confidence(),
                a.detectedAt() == null ? null : a.detectedAt().toString(), e.successes() + e.successesElsewhere(),
                e.omittedSources(), a.clientFingerprints(), in(a.customerSources(), network),
                in(a.attackerSources(), network), in(a.oneOffSources(), network), roles,
                a.device() != null && network.equals(NetworkKey.of(a.device())) ? a.device() : null,
                a.claims().stream().map(Reason::of).toList());
    }

    private static Set<String> in(Set<String> ips, String network) {
        Set<String> out = new TreeSet<>();
        ips.forEach(ip -> {
            if (network.equals(NetworkKey.of(ip))) {
                out.add(ip);
            }
        });
        return out;
    }

    /**
     * The assessment the address step's auditor weighs in place of its own (see
     * {@link dev.authaudit.classify.OutsideFacts#account}): the verdict and the network's sources' roles; the
     * per-source evidence stays with the login step.
     */
    @JsonIgnore
    AccountAssessment assessment() {
        AccountEvidence thin = new AccountEvidence(login, 1, 1, successes, 0, 0, 0, null, null, null, null, 0, 0, 0,
                List.of(), List.of(), omittedSources, 0, null, null, 0, Set.of());
        Map<String, SourceRole> r = new TreeMap<>();
        roles.forEach((ip, w) -> r.put(ip, SourceRole.valueOf(w.toUpperCase(java.util.Locale.ROOT))));
        return new AccountAssessment(login, AccountVerdict.valueOf(verdict.toUpperCase(java.util.Locale.ROOT)),
                confidence, detectedAt == null ? null : Instant.parse(detectedAt), List.of(), customerSources,
                attackerSources, oneOffSources, clientFingerprints, thin, claims.stream().map(Reason::claim).toList(), r,
                device);
    }

    String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoginFact read(String json) {
        try {
            return MAPPER.readValue(json, LoginFact.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
