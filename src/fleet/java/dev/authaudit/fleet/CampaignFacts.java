package dev.authaudit.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.classify.CampaignCandidate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The records between the address step and the campaign step. A slow distributed campaign is many addresses
 * from many networks, each failing once or twice: no network's task can see it, so each sends its candidates
 * ({@link Candidates}, keyed by one constant key: the campaign step is one task) and the campaign step sends
 * each network its members ({@link Members}, keyed by network).
 */
final class CampaignFacts {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The key of every candidate record: one task sees them all. */
    static final String KEY = "campaign";

    private CampaignFacts() {
    }

    /** One candidate, as JSON carries it. */
    record Candidate(String ip, String first, long failures, Set<String> logins) {
        static Candidate of(CampaignCandidate c) {
            return new Candidate(c.ip(), c.first().toString(), c.failures(), c.logins());
        }

        CampaignCandidate candidate() {
            return new CampaignCandidate(ip, Instant.parse(first), failures, logins);
        }
    }

    /** A network's current candidates (replacing the ones it sent before). */
    record Candidates(String network, List<Candidate> candidates) {
        Candidates {
            candidates = List.copyOf(candidates == null ? List.of() : candidates);
        }

        static Candidates of(String network, List<CampaignCandidate> list) {
            List<Candidate> out = new ArrayList<>();
            list.forEach(c -> out.add(Candidate.of(c)));
            out.sort(java.util.Comparator.comparing(Candidate::ip));
            return new Candidates(network, out);
        }
    }

    /** A network's addresses that are members of a campaign, each with the sentence that says so. */
    record Members(String network, Map<String, String> members) {
        Members {
            members = new TreeMap<>(members == null ? Map.of() : members);
        }
    }

    static String write(Object record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
