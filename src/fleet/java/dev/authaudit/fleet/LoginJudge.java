package dev.authaudit.fleet;

import dev.authaudit.act.notice.CandidateFactory;
import dev.authaudit.act.notice.Decision;
import dev.authaudit.act.notice.DeliveryMode;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.act.notice.NoticePolicy;
import dev.authaudit.act.notice.Resolution;
import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.correlate.SourceEvidence;
import dev.authaudit.event.LogEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The login-keyed step of the fleet, on records keyed by login: keeps each login's attempts from every server
 * and network (events with a login) and what the address step knows about each of its sources
 * ({@link AddressFact}); on a punctuator it judges every login that changed with the one correlator
 * ({@link Judge#login}) and writes, when they change: the account verdict (key login) and a {@link LoginFact} for
 * each network the login was used from (key network, for the address step).
 *
 * <p>Notices are decided in event time, not at those wall-clock judgements: each event of a login opens the period
 * of {@link #DECIDE_EVERY} that holds it (one "pending" entry per login and period end), and a period is decided
 * once stream time is the grace period past its end, over the login's events up to that end (no event of the
 * period can still arrive: a later one is dropped as late) and the address step's facts; when a failing source's
 * facts are not in yet, the period waits for them. A batch run's end ({@link EndOfInput}) decides the periods
 * still open over all of the login's events. So which candidates are written depends on the events (and on which
 * were late), not on when a punctuator fired, how the input was chunked or where a run was restarted. A
 * stale-password candidate is written once per incident.
 *
 * <p>Input values are tagged: {@code E} + events-v1 JSON, {@code C} + an address fact. Output values are tagged
 * the same way: {@code A} account verdict, {@code F} login fact, {@code N} notice candidate.
 */
final class LoginJudge implements Processor<String, String, String, String> {
    static final String EVENTS = "login-events";
    static final String DIRTY = "login-dirty";
    static final String CONTEXTS = "login-contexts";
    static final String VERDICTS = "account-verdicts";
    static final String FACTS_SENT = "login-facts-sent";
    static final String NOTICES = "notices-written";
    /** The periods whose notice is not decided yet: key login prefix + period end (15 digits), value the login. */
    static final String PENDING = "notice-pending";
    static final String[] STORES = {EVENTS, DIRTY, CONTEXTS, VERDICTS, FACTS_SENT, NOTICES, PENDING};
    /** Judgements after the end of the input that a period short of facts waits for them. */
    static final int END_PATIENCE = 120;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoginJudge.class);
    /** The event-time period at whose end a login's notice is decided. */
    static final Duration DECIDE_EVERY = Duration.ofMinutes(15);

    private final Judge judge;
    private final NoticePolicy policy;
    private final Duration grace;
    private final Duration retention;
    private final Duration judgeEvery;
    private final EndOfInput end;
    private final EventCache cache;
    private final LiveAuditors live;
    /** This task's keys' place among the live auditors. */
    private String liveNamespace;
    private final CandidateFactory candidates = new CandidateFactory();
    private final NoticeCandidateJson codec = new NoticeCandidateJson();
    private ProcessorContext<String, String> context;
    private RetainedEvents events;
    private KeyValueStore<String, String> dirty;
    private KeyValueStore<String, String> contexts;
    private KeyValueStore<String, String> verdicts;
    private KeyValueStore<String, String> factsSent;
    private KeyValueStore<String, String> notices;
    private KeyValueStore<String, String> pending;
    private int endJudgements;

    LoginJudge(Judge judge, NoticePolicy policy, Duration grace, Duration retention, Duration judgeEvery,
               EndOfInput end) {
        this(judge, policy, grace, retention, judgeEvery, end, EventCache.off());
    }

    /** @param cache the instance's decoded events (derived from the store; see {@link EventCache}) */
    LoginJudge(Judge judge, NoticePolicy policy, Duration grace, Duration retention, Duration judgeEvery,
               EndOfInput end, EventCache cache) {
        this(judge, policy, grace, retention, judgeEvery, end, cache, LiveAuditors.off());
    }

    /** @param live the instance's live auditors (derived from the store; see {@link LiveAuditors}) */
    LoginJudge(Judge judge, NoticePolicy policy, Duration grace, Duration retention, Duration judgeEvery,
               EndOfInput end, EventCache cache, LiveAuditors live) {
        this.live = live;
        this.cache = cache;
        this.end = end;
        this.judge = judge;
        this.policy = policy;
        this.grace = grace;
        this.retention = retention;
        this.judgeEvery = judgeEvery;
    }

    /** A store key prefix for a login that no other login's keys begin with (a login may hold any text). */
    static String prefix(String login) {
        return login.length() + ":" + login + "|";
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.events = new RetainedEvents(context.getStateStore(EVENTS), grace, retention, "by login", cache,
                context.taskId() + "|" + EVENTS);
        // this processor (re)starts from the store: whatever was fed before is another copy's
        this.liveNamespace = context.taskId() + "|" + EVENTS + "|live|";
        live.drop(liveNamespace);
        this.dirty = context.getStateStore(DIRTY);
        this.contexts = context.getStateStore(CONTEXTS);
        this.verdicts = context.getStateStore(VERDICTS);
        this.factsSent = context.getStateStore(FACTS_SENT);
        this.notices = context.getStateStore(NOTICES);
        this.pending = context.getStateStore(PENDING);
        context.schedule(judgeEvery, PunctuationType.WALL_CLOCK_TIME, now -> {
            judgeDirty();
            if (end.ended()) {
                decideAll();
            }
        });
        context.schedule(DECIDE_EVERY, PunctuationType.STREAM_TIME, this::decideClosed);
        events.schedulePruning(context);
    }

    @Override
    public void process(Record<String, String> r) {
        String login = r.key();
        String v = r.value();
        if (login == null || v == null || v.isEmpty()) {
            return;
        }
        if (v.charAt(0) == 'C') {
            AddressFact f = AddressFact.read(v.substring(1));
            String key = prefix(login) + f.ip();
            String before = contexts.get(key);
            if (!v.substring(1).equals(before)) {
                contexts.put(key, v.substring(1));
                dirty.put(login, "");
                // a closed period that waited for this source's facts
                decideClosed(login, context.currentStreamTimeMs() - grace.toMillis());
            }
            return;
        }
        if (v.charAt(0) != 'E') {
            return;
        }
        if (events.keep(prefix(login), r.timestamp(), context.currentStreamTimeMs(), v.substring(1))) {
            dirty.put(login, "");
            pending.put(periodKey(login, periodEnd(r.timestamp())), login);
        }
    }

    /** The end of the period of {@link #DECIDE_EVERY} that holds {@code time} (a period holds its end). */
    static long periodEnd(long time) {
        long w = DECIDE_EVERY.toMillis();
        return Math.floorDiv(Math.max(0, time) + w - 1, w) * w;
    }

    private static String periodKey(String login, long end) {
        return String.format("%s%015d", prefix(login), end);
    }

    private static long periodOf(String key) {
        return Long.parseLong(key.substring(key.length() - 15));
    }

    /** Decides every period that stream time has closed (its end at least the grace period behind). */
    private void decideClosed(long streamTime) {
        long closed = streamTime - grace.toMillis();
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                if (periodOf(kv.key) <= closed) {
                    due.add(kv);
                }
            }
        }
        for (KeyValue<String, String> kv : due) {
            decidePeriod(kv.value, kv.key, closed);
        }
    }

    /** Decides the closed periods of one login (in time order). */
    private void decideClosed(String login, long closed) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = pending.prefixScan(prefix(login), new StringSerializer())) {
            while (it.hasNext()) {
                String k = it.next().key;
                if (periodOf(k) <= closed) {
                    due.add(k);
                }
            }
        }
        due.forEach(k -> decidePeriod(login, k, closed));
    }

    private void decidePeriod(String login, String key, long closed) {
        long at = periodOf(key);
        // a period whose facts never came is given up once its events are out of the retention
        if (decide(login, at) || at < context.currentStreamTimeMs() - retention.toMillis()) {
            pending.delete(key);
        }
    }

    /**
     * The end of the input: every period still pending is decided, the closed ones over their own events, the open
     * ones of a login together over all of its events (the input's end is their common end). A period still short
     * of a failing source's facts stays pending, and is decided again at the next judgements, as the facts may
     * still be on their way; after {@link #END_PATIENCE} judgements without them it is given up (no candidate).
     */
    private void decideAll() {
        List<KeyValue<String, String>> left = new ArrayList<>();
        try (KeyValueIterator<String, String> it = pending.all()) {
            it.forEachRemaining(left::add);
        }
        if (left.isEmpty()) {
            return;
        }
        boolean giveUp = ++endJudgements > END_PATIENCE;
        long closed = context.currentStreamTimeMs() - grace.toMillis();
        Map<String, List<String>> open = new java.util.LinkedHashMap<>();
        for (KeyValue<String, String> kv : left) {
            if (periodOf(kv.key) > closed) {
                open.computeIfAbsent(kv.value, k -> new ArrayList<>()).add(kv.key);
            } else if (decide(kv.value, periodOf(kv.key)) || giveUp) {
                pending.delete(kv.key);
            }
        }
        open.forEach((login, keys) -> {
            if (decide(login, Long.MAX_VALUE) || giveUp) {
                keys.forEach(pending::delete);
            }
        });
        if (giveUp) {
            LOG.warn("the input ended and {} notice period(s) were still without the facts of a failing source after"
                    + " {} judgements: no notice for them", left.size(), END_PATIENCE);
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
        List<String> logins = new ArrayList<>();
        try (KeyValueIterator<String, String> it = dirty.all()) {
            it.forEachRemaining(kv -> logins.add(kv.key));
        }
        for (String login : logins) {
            judge(login);
            dirty.delete(login);
        }
    }

    /** The live auditors for a judgement now: events before the stream time minus the grace can no longer move. */
    private Judge.Live live() {
        return new Judge.Live(live, liveNamespace, context.currentStreamTimeMs() - grace.toMillis());
    }

    private void judge(String login) {
        List<LogEvent> got = events.read(prefix(login));
        Map<String, AddressFact> known = facts(login);
        if (got.isEmpty()) {
            return;
        }
        Judge.LoginJudgement j = judge.login(login, got, known, live());
        long now = Math.max(0, context.currentStreamTimeMs());
        if (j.verdict() != null) {
            String before = verdicts.get(login);
            if (before == null || !j.verdict().sameAs(FleetAccountVerdict.read(before))) {
                String text = j.verdict().toJson();
                verdicts.put(login, text);
                context.forward(new Record<>(login, "A" + text, now));
            }
        }
        for (LoginFact f : j.facts()) {
            String key = prefix(login) + f.network();
            String text = f.toJson();
            if (!text.equals(factsSent.get(key))) {
                factsSent.put(key, text);
                context.forward(new Record<>(f.network(), "F" + text, now));
            }
        }
    }

    private Map<String, AddressFact> facts(String login) {
        Map<String, AddressFact> known = new HashMap<>();
        try (KeyValueIterator<String, String> it = contexts.prefixScan(prefix(login), new StringSerializer())) {
            while (it.hasNext()) {
                AddressFact f = AddressFact.read(it.next().value);
                known.put(f.ip(), f);
            }
        }
        return known;
    }

    /**
     * Decides the notice of a login over its events up to {@code until} (event time, inclusive) and the address
     * step's facts; false when a failing source's facts are not in yet (decide again when they are).
     */
    private boolean decide(String login, long until) {
        List<LogEvent> got = new ArrayList<>();
        for (LogEvent e : events.read(prefix(login))) {
            if (e.instant().toEpochMilli() <= until) {
                got.add(e);
            }
        }
        if (got.isEmpty()) {
            return true;
        }
        Map<String, AddressFact> known = facts(login);
        AccountAssessment a = judge.login(login, got, known, live()).assessment();
        if (a == null || a.verdict() != AccountVerdict.STALE_PASSWORD || a.device() == null
                || a.detectedAt() == null) {
            return true;
        }
        for (SourceEvidence s : a.evidence().sources()) {
            if (s.failures() > 0 && !known.containsKey(s.ip())) {
                return false;
            }
        }
        long at = until == Long.MAX_VALUE ? got.get(got.size() - 1).instant().toEpochMilli() : until;
        notice(a).ifPresent(c -> {
            if (notices.get(c.incidentKey()) == null) {
                notices.put(c.incidentKey(), c.account());
                context.forward(new Record<>(c.incidentKey(), "N" + codec.write(c), Math.max(0, at)));
            }
        });
        return true;
    }

    /**
     * The notice candidate of a stale-password login, made and checked as {@code scan} and {@code watch} do
     * ({@link CandidateFactory}, then the {@link NoticePolicy} rules that depend on the verdict and evidence:
     * confidence, not guessed by others, no attacker's pattern, a success on record, no closed port). Who
     * receives it and the ledger's limits (one per login per period, the global brake) are the mailer's.
     * Made only once the address step has said what it knows of every failing source of the login ({@link
     * #decide}), so a guesser's address is never taken for the customer's device for want of its other logins.
     */
    private Optional<NoticeCandidate> notice(AccountAssessment a) {
        Optional<NoticeCandidate> c = candidates.of(a.evidence(), a.verdict().word(), a.confidence(), a.detectedAt(),
                false, a.device());
        if (c.isEmpty()) {
            return c;
        }
        Decision d = policy.decide(c.get(), new Resolution.Found(c.get().account(), null, "resolved by the mailer"),
                (account, incident, since) -> Optional.empty(), DeliveryMode.DRAFTS, a.detectedAt());
        return d.action() == Decision.Action.SUPPRESS ? Optional.empty() : c;
    }
}
