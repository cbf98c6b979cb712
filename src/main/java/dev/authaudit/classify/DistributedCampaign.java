package dev.authaudit.classify;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
     * Returns whether an address with this evidence, seen by some login as a one-off that cannot be the
     * customer's client, may take part in a campaign, given whether any login saw it as the customer's own.
     */
    boolean candidate(dev.authaudit.correlate.IpEvidence e, boolean customer) {
        return !customer && e.successes() == 0 && e.networkSuccesses() == 0 && e.failures() > 0
                && e.maxFailuresOneLogin() <= settings.oneOffMaxFailures() && e.first() != null;
    }

    /**
     * Returns, per candidate that belongs to a campaign, the sentence that says so. The sentences are written
     * when read: a botnet day has ~100,000 members, and most are reported for a stronger reason (the logins
     * they guessed), so writing every member's sentence up front cost a sixth of the end of the run.
     */
    Map<String, String> find(List<CampaignCandidate> candidates) {
        List<CampaignCandidate> members = new ArrayList<>(candidates);
        members.sort((a, b) -> {
            int c = a.first().compareTo(b.first());
            return c != 0 ? c : a.ip().compareTo(b.ip());
        });
        long half = settings.campaignWindow().toMillis() / 2;
        int n = members.size();
        long[] at = new long[n];
        for (int i = 0; i < n; i++) {
            at[i] = members.get(i).first().toEpochMilli();
        }
        // sized for every candidate (looked up by address, or read into sorted maps: its order is nobody's)
        Map<String, Member> out = new HashMap<>(Auditor.capacity(n));
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < n; i++) {
            long t = at[i];
            while (at[lo] < t - half) {
                lo++;
            }
            while (hi < n && at[hi] <= t + half) {
                hi++;
            }
            int around = hi - lo;
            if (around >= settings.campaignMinSources()) {
                CampaignCandidate e = members.get(i);
                out.put(e.ip(), new Member(e, members.get(lo).first(), members.get(hi - 1).first(), around));
            }
        }
        return new Sentences(out, Duration.ofMillis(2 * half));
    }

    /** A campaign's member with the stretch of time its sentence names. */
    private record Member(CampaignCandidate candidate, Instant from, Instant to, int around) {
    }

    /** Per member address, its sentence, written each time it is read (see {@link #find}). */
    private final class Sentences extends AbstractMap<String, String> {
        private final Map<String, Member> members;
        private final Duration window;

        Sentences(Map<String, Member> members, Duration window) {
            this.members = members;
            this.window = window;
        }

        private String sentence(Member m) {
            CampaignCandidate e = m.candidate();
            return e.ip() + " failed " + EvidenceText.list(e.logins(), 2) + " "
                    + EvidenceText.plural(e.failures(), "time", "times") + " without any history here, one of "
                    + m.around() + " such addresses between " + text.time(m.from()) + " and " + text.time(m.to())
                    + " (within " + EvidenceText.duration(window) + "): a slow distributed attack";
        }

        @Override
        public String get(Object ip) {
            Member m = members.get(ip);
            return m == null ? null : sentence(m);
        }

        @Override
        public boolean containsKey(Object ip) {
            return members.containsKey(ip);
        }

        @Override
        public int size() {
            return members.size();
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, String>> iterator() {
                    Iterator<Entry<String, Member>> it = members.entrySet().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Entry<String, String> next() {
                            Entry<String, Member> m = it.next();
                            return new SimpleImmutableEntry<>(m.getKey(), sentence(m.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return members.size();
                }
            };
        }
    }
}
