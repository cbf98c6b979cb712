package dev.authaudit.classify;

import dev.authaudit.correlate.IpEvidence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds slow distributed attacks across the whole server: many addresses without any history, each
 * failing a login or two once or twice, within the same stretch of time. One such address proves
 * nothing; dozens within a day are a botnet working through a list. Only addresses that no login's
 * verdict could attribute to a customer's own client take part.
 */
final class DistributedCampaign {
    private final ClassifierSettings settings;
    private final EvidenceText text;

    DistributedCampaign(ClassifierSettings settings, EvidenceText text) {
        this.settings = settings;
        this.text = text;
    }

    /**
     * Returns, per address that belongs to a campaign, the sentence that says so.
     *
     * @param oneOffOf per address, the logins that saw it as a one-off that cannot be the customer's client
     * @param customerOf per address, the logins that saw it as the customer's own
     */
    Map<String, String> find(List<IpEvidence> ips, Map<String, Set<String>> oneOffOf,
                             Map<String, Set<String>> customerOf) {
        return find(candidates(ips, oneOffOf, customerOf));
    }

    /** Returns the addresses that may take part in a campaign (see {@link CampaignCandidate}). */
    List<CampaignCandidate> candidates(List<IpEvidence> ips, Map<String, Set<String>> oneOffOf,
                                      Map<String, Set<String>> customerOf) {
        List<CampaignCandidate> out = new ArrayList<>();
        for (IpEvidence e : ips) {
            if (oneOffOf.containsKey(e.ip()) && !customerOf.containsKey(e.ip()) && e.successes() == 0
                    && e.networkSuccesses() == 0 && e.failures() > 0
                    && e.maxFailuresOneLogin() <= settings.oneOffMaxFailures() && e.first() != null) {
                out.add(new CampaignCandidate(e.ip(), e.first(), e.failures(), oneOffOf.get(e.ip())));
            }
        }
        return out;
    }

    /** Returns, per candidate that belongs to a campaign, the sentence that says so. */
    Map<String, String> find(List<CampaignCandidate> candidates) {
        List<CampaignCandidate> members = new ArrayList<>(candidates);
        members.sort(Comparator.comparing(CampaignCandidate::first).thenComparing(CampaignCandidate::ip));
        long half = settings.campaignWindow().toMillis() / 2;
        Map<String, String> out = new HashMap<>();
        int lo = 0;
        int hi = 0;
        for (CampaignCandidate e : members) {
            long t = e.first().toEpochMilli();
            while (members.get(lo).first().toEpochMilli() < t - half) {
                lo++;
            }
            while (hi < members.size() && members.get(hi).first().toEpochMilli() <= t + half) {
                hi++;
            }
            int around = hi - lo;
            if (around >= settings.campaignMinSources()) {
                Instant from = members.get(lo).first();
                Instant to = members.get(hi - 1).first();
                out.put(e.ip(), e.ip() + " failed " + EvidenceText.list(e.logins(), 2) + " "
                        + EvidenceText.plural(e.failures(), "time", "times") + " without any history here, one of "
                        + around + " such addresses between " + text.time(from) + " and " + text.time(to)
                        + " (within " + EvidenceText.duration(Duration.ofMillis(2 * half)) + "): a slow distributed attack");
            }
        }
        return out;
    }
}
