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
 * ({@link Judge#login}) and writes, when they change: the account verdict (key login), a {@link LoginFact} for
 * each network the login was used from (key network, for the address step) and, for a stale password, the
 * notice candidate (key incident), once per incident.
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
    static final String[] STORES = {EVENTS, DIRTY, CONTEXTS, VERDICTS, FACTS_SENT, NOTICES};

    private final Judge judge;
    private final NoticePolicy policy;
    private final Duration grace;
    private final Duration retention;
    private final Duration judgeEvery;
    private final CandidateFactory candidates = new CandidateFactory();
    private final NoticeCandidateJson codec = new NoticeCandidateJson();
    private ProcessorContext<String, String> context;
    private RetainedEvents events;
    private KeyValueStore<String, String> dirty;
    private KeyValueStore<String, String> contexts;
    private KeyValueStore<String, String> verdicts;
    private KeyValueStore<String, String> factsSent;
    private KeyValueStore<String, String> notices;

    LoginJudge(Judge judge, NoticePolicy policy, Duration grace, Duration retention, Duration judgeEvery) {
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
        this.events = new RetainedEvents(context.getStateStore(EVENTS), grace, retention, "by login");
        this.dirty = context.getStateStore(DIRTY);
        this.contexts = context.getStateStore(CONTEXTS);
        this.verdicts = context.getStateStore(VERDICTS);
        this.factsSent = context.getStateStore(FACTS_SENT);
        this.notices = context.getStateStore(NOTICES);
        context.schedule(judgeEvery, PunctuationType.WALL_CLOCK_TIME, now -> judgeDirty());
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
            }
            return;
        }
        if (v.charAt(0) != 'E') {
            return;
        }
        if (events.keep(prefix(login), r.timestamp(), context.currentStreamTimeMs(), v.substring(1))) {
            dirty.put(login, "");
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

    private void judge(String login) {
        List<LogEvent> got = events.read(prefix(login));
        Map<String, AddressFact> known = new HashMap<>();
        try (KeyValueIterator<String, String> it = contexts.prefixScan(prefix(login), new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                AddressFact f = AddressFact.read(kv.value);
                known.put(f.ip(), f);
            }
        }
        if (got.isEmpty()) {
            return;
        }
        Judge.LoginJudgement j = judge.login(login, got, known);
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
        if (j.assessment() != null) {
            notice(j.assessment(), known).ifPresent(c -> {
                if (notices.get(c.incidentKey()) == null) {
                    notices.put(c.incidentKey(), c.account());
                    context.forward(new Record<>(c.incidentKey(), "N" + codec.write(c), now));
                }
            });
        }
    }

    /**
     * The notice candidate of a stale-password login, made and checked as {@code scan} and {@code watch} do
     * ({@link CandidateFactory}, then the {@link NoticePolicy} rules that depend on the verdict and evidence:
     * confidence, not guessed by others, no attacker's pattern, a success on record, no closed port). Who
     * receives it and the ledger's limits (one per login per period, the global brake) are the mailer's.
     * Decided only once the address step has said what it knows of every failing source of the login, so a
     * guesser's address is never taken for the customer's device for want of its other logins.
     */
    private Optional<NoticeCandidate> notice(AccountAssessment a, Map<String, AddressFact> known) {
        if (a.verdict() != AccountVerdict.STALE_PASSWORD || a.device() == null || a.detectedAt() == null) {
            return Optional.empty();
        }
        for (SourceEvidence s : a.evidence().sources()) {
            if (s.failures() > 0 && !known.containsKey(s.ip())) {
                return Optional.empty();
            }
        }
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
