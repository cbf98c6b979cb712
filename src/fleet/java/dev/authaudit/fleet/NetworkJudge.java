package dev.authaudit.fleet;

import dev.authaudit.event.LogEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The address-keyed step of the fleet, on records keyed by source network: keeps each network's events
 * (all servers) in a state store for the retention in event time, drops events later than the grace
 * period, keeps the login step's latest {@link LoginFact} of each login used from the network, and on a
 * punctuator judges every network that changed with the one correlator ({@link Judge#network}); it writes,
 * when they change: an address's verdict (key address), each block's explanation (key server|address|time)
 * and, for the login step, an {@link AddressFact} per (address, login it tried) (key login).
 * All state is in the stores (changelogged, restored after a crash; exactly_once_v2 makes a store
 * update and its output one transaction).
 *
 * <p>Input values are tagged: {@code E} + events-v1 JSON, {@code F} + a login fact, {@code M} + campaign members. Output values are tagged:
 * {@code V} address verdict, {@code B} block verdict, {@code C} address fact, {@code K} the network's campaign
 * candidates (for the campaign step, which answers with {@code M}: the network's campaign members).
 */
final class NetworkJudge implements Processor<String, String, String, String> {
    static final String EVENTS = "network-events";
    static final String DIRTY = "network-dirty";
    static final String VERDICTS = "address-verdicts";
    static final String FACTS = "network-login-facts";
    static final String CONTEXTS_SENT = "address-facts-sent";
    static final String BLOCKS = "block-verdicts";
    static final String CAMPAIGN = "network-campaign";
    static final String CANDIDATES_SENT = "campaign-candidates-sent";
    static final String[] STORES = {EVENTS, DIRTY, VERDICTS, FACTS, CONTEXTS_SENT, BLOCKS, CAMPAIGN, CANDIDATES_SENT};

    private final Judge judge;
    private final Duration grace;
    private final Duration retention;
    private final Duration judgeEvery;
    private final EventCache cache;
    private final LiveAuditors live;
    /** This task's keys' place among the live auditors. */
    private String liveNamespace;
    private ProcessorContext<String, String> context;
    private RetainedEvents events;
    private KeyValueStore<String, String> dirty;
    private KeyValueStore<String, String> verdicts;
    private KeyValueStore<String, String> facts;
    private KeyValueStore<String, String> contextsSent;
    private KeyValueStore<String, String> blocks;
    private KeyValueStore<String, String> campaign;
    private KeyValueStore<String, String> candidatesSent;

    NetworkJudge(Judge judge, Duration grace, Duration retention, Duration judgeEvery) {
        this(judge, grace, retention, judgeEvery, EventCache.off());
    }

    /** @param cache the instance's decoded events (derived from the store; see {@link EventCache}) */
    NetworkJudge(Judge judge, Duration grace, Duration retention, Duration judgeEvery, EventCache cache) {
        this(judge, grace, retention, judgeEvery, cache, LiveAuditors.off());
    }

    /** @param live the instance's live auditors (derived from the store; see {@link LiveAuditors}) */
    NetworkJudge(Judge judge, Duration grace, Duration retention, Duration judgeEvery, EventCache cache,
                 LiveAuditors live) {
        this.live = live;
        this.cache = cache;
        this.judge = judge;
        this.grace = grace;
        this.retention = retention;
        this.judgeEvery = judgeEvery;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.events = new RetainedEvents(context.getStateStore(EVENTS), grace, retention, "by network", cache,
                context.taskId() + "|" + EVENTS);
        // this processor (re)starts from the store: whatever was fed before is another copy's
        this.liveNamespace = context.taskId() + "|" + EVENTS + "|live|";
        live.drop(liveNamespace);
        this.dirty = context.getStateStore(DIRTY);
        this.verdicts = context.getStateStore(VERDICTS);
        this.facts = context.getStateStore(FACTS);
        this.contextsSent = context.getStateStore(CONTEXTS_SENT);
        this.blocks = context.getStateStore(BLOCKS);
        this.campaign = context.getStateStore(CAMPAIGN);
        this.candidatesSent = context.getStateStore(CANDIDATES_SENT);
        context.schedule(judgeEvery, PunctuationType.WALL_CLOCK_TIME, now -> judgeDirty());
        events.schedulePruning(context);
    }

    @Override
    public void process(Record<String, String> r) {
        String network = r.key();
        if (network == null || r.value() == null || r.value().isEmpty()) {
            return;
        }
        if (r.value().charAt(0) == 'F') {
            String text = r.value().substring(1);
            LoginFact f = LoginFact.read(text);
            String key = network + "|" + LoginJudge.prefix(f.login());
            if (!text.equals(facts.get(key))) {
                facts.put(key, text);
                dirty.put(network, "");
            }
            return;
        }
        if (r.value().charAt(0) == 'M') {
            String text = r.value().substring(1);
            if (!text.equals(campaign.get(network))) {
                campaign.put(network, text);
                dirty.put(network, "");
            }
            return;
        }
        if (r.value().charAt(0) != 'E') {
            return;
        }
        if (events.keep(network + "|", r.timestamp(), context.currentStreamTimeMs(), r.value().substring(1))) {
            dirty.put(network, "");
        }
    }

    @Override
    public void close() {
        if (events != null) {
            events.close();
            live.drop(liveNamespace);
        }
    }

    private void judgeDirty() {
        List<String> networks = new ArrayList<>();
        try (KeyValueIterator<String, String> it = dirty.all()) {
            it.forEachRemaining(kv -> networks.add(kv.key));
        }
        for (String network : networks) {
            judge(network);
            dirty.delete(network);
        }
    }

    /** The live auditors for a judgement now: events before the stream time minus the grace can no longer move. */
    private Judge.Live live() {
        return new Judge.Live(live, liveNamespace, context.currentStreamTimeMs() - grace.toMillis());
    }

    private void judge(String network) {
        List<LogEvent> got = events.read(network + "|");
        if (got.isEmpty()) {
            return;
        }
        Map<String, LoginFact> known = new HashMap<>();
        try (KeyValueIterator<String, String> it = facts.prefixScan(network + "|", new StringSerializer())) {
            while (it.hasNext()) {
                LoginFact f = LoginFact.read(it.next().value);
                known.put(f.login(), f);
            }
        }
        long now = Math.max(0, context.currentStreamTimeMs());
        String members = campaign.get(network);
        Judge.NetworkJudgement j = judge.network(network, got, known, members == null ? Map.of()
                : CampaignFacts.read(members, CampaignFacts.Members.class).members(), live());
        String candidates = CampaignFacts.write(CampaignFacts.Candidates.of(network, j.candidates()));
        String sentBefore = candidatesSent.get(network);
        if (!candidates.equals(sentBefore) && !(sentBefore == null && j.candidates().isEmpty())) {
            candidatesSent.put(network, candidates);
            context.forward(new Record<>(CampaignFacts.KEY, "K" + candidates, now));
        }
        for (FleetVerdict v : j.verdicts()) {
            String before = verdicts.get(v.ip());
            if (before == null || !v.sameAs(FleetVerdict.read(before))) {
                String text = v.toJson();
                verdicts.put(v.ip(), text);
                context.forward(new Record<>(v.ip(), "V" + text, now));
            }
        }
        for (FleetBlockVerdict b : j.blocks()) {
            String before = blocks.get(b.key());
            if (before == null || !b.sameAs(FleetBlockVerdict.read(before))) {
                String text = b.toJson();
                blocks.put(b.key(), text);
                context.forward(new Record<>(b.key(), "B" + text, now));
            }
        }
        for (AddressFact f : j.contexts()) {
            String key = LoginJudge.prefix(f.login()) + f.ip();
            String text = f.toJson();
            if (!text.equals(contextsSent.get(key))) {
                contextsSent.put(key, text);
                context.forward(new Record<>(f.login(), "C" + text, now));
            }
        }
    }
}
