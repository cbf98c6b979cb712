package dev.authaudit.fleet;

import dev.authaudit.classify.Auditor;
import dev.authaudit.classify.CampaignCandidate;
import dev.authaudit.classify.ClassifierSettings;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The campaign step: every network's campaign candidates (small records: an address, its first event, its
 * failures, the logins it tried once or twice) meet in one task, which finds slow distributed campaigns by
 * the rule a single server's run applies ({@link Auditor#campaign}) and tells each network which of its
 * addresses are members, when that changes. One task: the candidates are a small share of the addresses (no
 * history, one or two failures), and a campaign is only seen whole.
 */
final class CampaignJudge implements Processor<String, String, String, String> {
    static final String CANDIDATES = "campaign-candidates";
    static final String SENT = "campaign-members-sent";
    static final String DIRTY = "campaign-dirty";
    static final String[] STORES = {CANDIDATES, SENT, DIRTY};

    private final Duration judgeEvery;
    private final ClassifierSettings settings = ClassifierSettings.defaults();
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> candidates;
    private KeyValueStore<String, String> sent;
    private KeyValueStore<String, String> dirty;

    CampaignJudge(Duration judgeEvery) {
        this.judgeEvery = judgeEvery;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.candidates = context.getStateStore(CANDIDATES);
        this.sent = context.getStateStore(SENT);
        this.dirty = context.getStateStore(DIRTY);
        context.schedule(judgeEvery, PunctuationType.WALL_CLOCK_TIME, now -> judge());
    }

    @Override
    public void process(Record<String, String> r) {
        if (r.value() == null) {
            return;
        }
        CampaignFacts.Candidates c = CampaignFacts.read(r.value(), CampaignFacts.Candidates.class);
        if (!r.value().equals(candidates.get(c.network()))) {
            candidates.put(c.network(), r.value());
            dirty.put(CampaignFacts.KEY, "");
        }
    }

    private void judge() {
        if (dirty.get(CampaignFacts.KEY) == null) {
            return;
        }
        dirty.delete(CampaignFacts.KEY);
        List<CampaignCandidate> all = new ArrayList<>();
        Set<String> networks = new TreeSet<>();
        try (KeyValueIterator<String, String> it = candidates.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                networks.add(kv.key);
                CampaignFacts.read(kv.value, CampaignFacts.Candidates.class).candidates()
                        .forEach(c -> all.add(c.candidate()));
            }
        }
        Map<String, String> found = Auditor.campaign(all, settings, ZoneOffset.UTC);
        Map<String, Map<String, String>> byNetwork = new TreeMap<>();
        found.forEach((ip, why) -> byNetwork.computeIfAbsent(NetworkKey.of(ip), k -> new TreeMap<>()).put(ip, why));
        try (KeyValueIterator<String, String> it = sent.all()) {
            it.forEachRemaining(kv -> networks.add(kv.key));
        }
        long now = Math.max(0, context.currentStreamTimeMs());
        for (String network : networks) {
            String text = CampaignFacts.write(new CampaignFacts.Members(network,
                    byNetwork.getOrDefault(network, Map.of())));
            if (!text.equals(sent.get(network))) {
                sent.put(network, text);
                context.forward(new Record<>(network, text, now));
            }
        }
    }
}
