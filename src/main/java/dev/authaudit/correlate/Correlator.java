package dev.authaudit.correlate;

import static java.util.Objects.requireNonNull;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.FailureReason;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.FirewallDrop;
import dev.authaudit.event.FirewallUnblock;
import dev.authaudit.event.LogEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Joins events into evidence, in event time. Feed events in time order with {@link #accept}; call
 * {@link #tick} when time passes without an event (live mode); call {@link #finish} at the end of
 * input. Evidence goes to the {@link CorrelationListener} as soon as it changes, and the whole picture
 * comes back from {@link #finish}. Pure: no I/O and no clock: each call is given {@code now} (in replay the
 * newest event time, live the wall clock, in a stream processor its stream time), by which pairing windows
 * close, throttles release and the in-memory store's windows expire. Not thread-safe; one correlator per
 * stream.
 */
public final class Correlator {
    /** The {@code now} of the current call, read by the tallies and the in-memory store's tables (a fork's too). */
    private final CallTime time;
    private final CorrelationStore store;
    private final CorrelationListener listener;
    /** Whether address and block evidence is built for the listener while events stream. */
    private final boolean judgeAddresses;
    /** How long after a failure a success still changes a live verdict (the idle window). */
    private final long recentMs;
    private final NotifyThrottle accountThrottle;
    private final NotifyThrottle ipThrottle;
    private final DetailPairer pairer;
    private final AuthTally auth;
    private final FirewallTally firewall;
    private final EvidenceBuilder evidence;
    private final TimelineRecorder timeline;
    private Instant from;
    private Instant to;
    private ZoneOffset offset;
    private long events;
    private long attempts;
    /**
     * Counts the events other than failures (successes and firewall lines): they change what is known
     * about addresses, networks and pairs, so a login judged before one came is judged on its whole
     * evidence again (see {@link EvidenceBuilder#unchangedSinceJudged}).
     */
    private long epoch;
    /** When {@link #expireWindows} last ran, in the calls' time. */
    private long windowsSweptMs;

    private Correlator(Builder b) {
        this.time = new CallTime();
        this.store = b.store != null ? b.store : new CaffeineCorrelationStore(b.settings, time.ticker());
        this.listener = b.listener;
        this.judgeAddresses = listener != CorrelationListener.NONE && listener.wantsAddresses();
        IpNetworks networks = new IpNetworks();
        this.auth = new AuthTally(store, b.settings, networks, time);
        this.firewall = new FirewallTally(store, b.settings, b.csf, networks, time, b.byServer);
        this.evidence = new EvidenceBuilder(store);
        this.recentMs = b.settings.windowIdle().toMillis();
        // judged again at most every 10 s of event time per subject: well inside a mail client's
        // polling interval, far outside an attack's line rate
        this.accountThrottle = new NotifyThrottle(10_000, b.settings.maxAccounts());
        this.ipThrottle = new NotifyThrottle(10_000, b.settings.maxIps());
        this.timeline = b.explain == null ? null : new TimelineRecorder(b.explain, b.settings.explainMaxEntries());
        this.pairer = new DetailPairer(b.settings.pairingWindow(), b.settings.sessionPairingWindow(), this::counted,
                b.eagerPrimaries, (copy, original) -> {
                    if (timeline != null) {
                        timeline.copy(copy, original);
                    }
                }, b.byServer);
    }

    /**
     * A fork of {@code live} (see {@link #fork}): the same counters, copies of the waiting lines, throttles and
     * firewall tally, and tables that copy the live ones' entries on first use.
     */
    private Correlator(Correlator live, CorrelationListener listener) {
        if (live.timeline != null) {
            throw new IllegalStateException("a correlator that keeps a timeline (explain) cannot be forked");
        }
        this.time = live.time;
        this.store = ForkStore.over(live.store);
        this.listener = listener;
        this.judgeAddresses = listener != CorrelationListener.NONE && listener.wantsAddresses();
        this.recentMs = live.recentMs;
        this.accountThrottle = live.accountThrottle.copy();
        this.ipThrottle = live.ipThrottle.copy();
        this.auth = live.auth.fork(store);
        this.firewall = live.firewall.copy(store);
        this.evidence = new EvidenceBuilder(store);
        this.timeline = null;
        this.pairer = live.pairer.copy(this::counted, (copy, original) -> { });
        this.from = live.from;
        this.to = live.to;
        this.offset = live.offset;
        this.events = live.events;
        this.attempts = live.attempts;
        this.epoch = live.epoch;
        this.windowsSweptMs = live.windowsSweptMs;
    }

    /**
     * Returns a correlator in this one's state that changes on its own, telling {@code listener} (a copy of
     * this one's, in the same state): its {@link #finish} gives what this one's would, and this one can keep
     * accepting events as if it had never been finished. For judging a stream at any time without replaying
     * it (the fleet keeps one live correlator per key). Costs the waiting lines, the throttles' subjects and
     * the firewall's blocks; a table entry is copied only when the fork looks it up (a subject whose line was
     * waiting or whose judgement was throttled, and what judging it reads). The fork's tables never evict,
     * so the fork's finish equals this one's only while the live tables have evicted nothing
     * ({@link CorrelationStore}'s {@code evicted()}): a table at its bound may drop other entries in the live
     * finish. Not with a timeline ({@link Builder#explain}). Both share the calls' time: use one at a time.
     */
    public Correlator fork(CorrelationListener listener) {
        return new Correlator(this, requireNonNull(listener, "listener"));
    }

    /** Returns a builder; every setting has a default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Accepts the next event at {@code nowMs} (epoch milliseconds). Events must come in event-time order (a few
     * seconds of disorder is tolerated); in replay, {@code now} is the newest event time so far (an
     * {@link EventClock} moved to each event), live the wall clock.
     */
    public void accept(LogEvent e, long nowMs) {
        accept(e, e.instant(), nowMs);
    }

    /**
     * As {@link #accept(LogEvent, long)}, for a caller that worked out the event's instant already: {@code t} must
     * be {@code e.instant()} (each call of which makes a new one from the event's local time and offset).
     */
    public void accept(LogEvent e, Instant t, long nowMs) {
        time.set(nowMs);
        events++;
        if (from == null || t.isBefore(from)) {
            from = t;
        }
        if (to == null || t.isAfter(to)) {
            to = t;
        }
        if (offset == null) {
            offset = e.time().getOffset();
        }
        if (timeline != null) {
            timeline.offer(e);
        }
        pairer.flushUntil(nowMs);
        judgePending(nowMs, false);
        if (e instanceof AuthFailure f) {
            pairer.accept(f, t);
        } else if (e instanceof AuthSuccess s) {
            epoch++;
            // count this address's waiting failures first, so "failed, then succeeded" keeps its order
            pairer.flushIp(s.ip(), s.account());
            // A success changes a live verdict only where a failure came since the previous success:
            // a typo corrected, a password changed on another device, a stale device fixed. After a
            // success the next one says nothing new; most logins never fail at all. Re-judging a
            // login on every poll of every device was most of the engine's cost on a busy host; the
            // end of the run judges every login on its whole record anyway.
            int news = auth.success(s, t.toEpochMilli(), recentMs);
            if ((news & AuthTally.ACCOUNT_NEWS) != 0) {
                notifyAccount(s.account(), t);
            }
            if ((news & AuthTally.IP_NEWS) != 0) {
                notifyIp(s.ip(), t);
            }
        } else if (e instanceof FirewallDrop d) {
            epoch++;
            if (firewall.drop(d)) {
                notifyIp(d.ip(), t);
            }
        } else if (e instanceof FirewallBlock b) {
            epoch++;
            pairer.flushIp(b.ip(), null);
            BlockEvidence joined = firewall.block(b);
            if (judgeAddresses) {
                listener.onBlock(joined);
            }
        } else if (e instanceof FirewallUnblock u) {
            epoch++;
            firewall.unblock(u);
        }
    }

    /** Lets time pass to {@code nowMs} without an event: counts waiting lines whose pairing window has passed. */
    public void tick(long nowMs) {
        time.set(nowMs);
        pairer.flushUntil(nowMs);
        judgePending(nowMs, false);
        store.pairWindows().cleanUp();
        expireWindows(nowMs);
    }

    /**
     * Drops the address windows that idled out, once per idle window: a watch that runs for months frees
     * them without waiting for the address to come back or leave the table.
     */
    private void expireWindows(long now) {
        if (now - windowsSweptMs < recentMs) {
            return;
        }
        windowsSweptMs = now;
        store.ips().forEach((ip, s) -> s.expireWindows(now, recentMs));
    }

    /** Returns the current evidence for a login, if it is held. */
    public Optional<AccountEvidence> account(String login) {
        AccountSummary a = store.accounts().get(login);
        return a == null ? Optional.empty() : Optional.of(evidence.account(a));
    }

    /** Returns the current evidence for an address, if it is held. */
    public Optional<IpEvidence> ip(String ip) {
        IpSummary s = store.ips().get(ip);
        return s == null ? Optional.empty() : Optional.of(evidence.ip(s));
    }

    /** Returns the store, e.g. to check its sizes. */
    public CorrelationStore store() {
        return store;
    }

    /**
     * Counts every waiting line at {@code nowMs} and returns everything learned. The correlator can keep
     * accepting events afterwards (live mode may take a snapshot this way).
     */
    public CorrelationResult finish(long nowMs) {
        time.set(nowMs);
        pairer.flushAll();
        judgePending(nowMs, true);
        store.accounts().cleanUp();
        store.ips().cleanUp();
        // sized up front (a hint: a table may hold a few more or fewer by the time it is walked)
        List<AccountEvidence> accounts = new ArrayList<>(hint(store.accounts().size()));
        store.accounts().forEach((k, a) -> accounts.add(evidence.account(a)));
        List<IpEvidence> ips = new ArrayList<>(hint(store.ips().size()));
        store.ips().forEach((k, s) -> ips.add(evidence.ip(s)));
        CorrelationResult.Omitted omitted = new CorrelationResult.Omitted(store.accounts().evicted(),
                store.ips().evicted(), firewall.omittedBlocks());
        CorrelationResult.Stats stats = new CorrelationResult.Stats(events, attempts, pairer.paired(),
                pairer.alone(), firewall.outboundDrops(), pairer.copies());
        return new CorrelationResult(from, to, offset == null ? ZoneOffset.UTC : offset, accounts, ips,
                firewall.finish(), omitted, stats, timeline == null ? null : timeline.filter(),
                timeline == null ? List.of() : timeline.entries(), timeline == null ? 0 : timeline.omitted());
    }

    /** Returns a list capacity for a table's size. */
    private static int hint(long size) {
        return (int) Math.min(Math.max(size, 0), 1 << 24);
    }

    private void counted(Attempt a) {
        attempts++;
        if (timeline != null) {
            timeline.counted(a);
        }
        AccountSummary held = auth.failure(a);
        // the summary's login string is the one the throttle's and the listener's maps hold: equal by identity
        notifyAccount(held != null ? held.login : a.account(), a.time(), held);
        notifyIp(a.ip(), a.time());
    }

    private void notifyAccount(String login, Instant at) {
        notifyAccount(login, at, null);
    }

    /** @param held the login's summary when the caller knows the table still holds it, else null */
    private void notifyAccount(String login, Instant at, AccountSummary held) {
        if (listener == CorrelationListener.NONE || login == null || !accountThrottle.allow(login, at, held)) {
            return;
        }
        judgeAccount(login, at, held);
    }

    private void judgeAccount(String login, Instant at) {
        judgeAccount(login, at, null);
    }

    private void judgeAccount(String login, Instant at, AccountSummary held) {
        AccountSummary a = held != null ? held : store.accounts().peek(login);
        if (a == null) {
            return;
        }
        // a botnet's failures mostly come from addresses the login's source list does not itemise: then
        // only the totals moved, and the listener may say its verdict stands without the whole evidence
        long unknownUsers = a.reasons[FailureReason.UNKNOWN_USER.ordinal()];
        if (evidence.unchangedSinceJudged(a, epoch)) {
            if (listener.keepsAccount(login, a, a.failures, unknownUsers, a.successes, at)) {
                return;
            }
        } else if (a.sourcesChanged && evidence.onlyAddedSinceJudged(a, epoch)) {
            // or its list took on sources and nothing else but the totals moved: their evidence alone may do,
            // built only when the listener asks for it (not for a verdict it would judge again anyway)
            AddedSources added = new AddedSources(evidence, a);
            if (listener.keepsAccount(login, a, added, a.failures, unknownUsers, a.successes, at)) {
                // the verdict stands on the evidence as it is now (the added sources' contexts recorded, whether
                // or not the listener read them): what later changes is weighed against it
                added.get();
                evidence.noteJudged(a, epoch);
                return;
            }
        }
        listener.onAccount(evidence.judged(a, epoch), at);
    }

    /** The evidence of the sources a login took on since it was judged, built when first asked for. */
    private static final class AddedSources implements Supplier<List<SourceEvidence>> {
        private final EvidenceBuilder evidence;
        private final AccountSummary account;
        private List<SourceEvidence> added;

        AddedSources(EvidenceBuilder evidence, AccountSummary account) {
            this.evidence = evidence;
            this.account = account;
        }

        @Override
        public List<SourceEvidence> get() {
            if (added == null) {
                added = evidence.added(account);
            }
            return added;
        }
    }

    private void notifyIp(String ip, Instant at) {
        if (!judgeAddresses || ip == null || !ipThrottle.allow(ip, at)) {
            return;
        }
        judgeIp(ip, at);
    }

    /** Judges the subjects whose throttle interval has passed (all of them at the end of the run). */
    private void judgePending(long nowMs, boolean all) {
        if (!accountThrottle.hasPending() && !ipThrottle.hasPending()) {
            return;
        }
        for (var e : all ? accountThrottle.drain() : accountThrottle.due(nowMs)) {
            judgeAccount(e.getKey(), e.getValue());
        }
        for (var e : all ? ipThrottle.drain() : ipThrottle.due(nowMs)) {
            judgeIp(e.getKey(), e.getValue());
        }
    }

    private void judgeIp(String ip, Instant at) {
        IpSummary s = store.ips().peek(ip);
        if (s != null) {
            listener.onIp(evidence.ip(s), at);
        }
    }

    /** Configures a {@link Correlator}. */
    public static final class Builder {
        private CorrelationSettings settings = CorrelationSettings.defaults();
        private CsfConfig csf = CsfConfig.defaults();
        private CorrelationStore store;
        private CorrelationListener listener = CorrelationListener.NONE;
        private ExplainFilter explain;
        private boolean eagerPrimaries;
        private boolean byServer;

        private Builder() {
        }

        /**
         * Pairs a failure line with detail lines, drops it as Exim's syslog copy, and lifts a block by an
         * unblock line, only within one server ({@code origin.host}): for one correlator over several servers'
         * events (the fleet). Off for one server, whose own files may name it differently.
         */
        public Builder byServer(boolean byServer) {
            this.byServer = byServer;
            return this;
        }

        /** Sets bounds and windows; {@link CorrelationSettings#defaults()} when not called. */
        public Builder settings(CorrelationSettings settings) {
            this.settings = requireNonNull(settings, "settings");
            return this;
        }

        /** Sets the server's csf.conf, whose LF_INTERVAL and PS_INTERVAL bound block joins. */
        public Builder csf(CsfConfig csf) {
            this.csf = requireNonNull(csf, "csf");
            return this;
        }

        /**
         * Replaces the in-memory store (for a partitioned or persistent one), whose tables expire by a time of
         * their own (a stream processor's stream time).
         */
        public Builder store(CorrelationStore store) {
            this.store = requireNonNull(store, "store");
            return this;
        }

        /** Sets who receives evidence as it changes. */
        public Builder listener(CorrelationListener listener) {
            this.listener = requireNonNull(listener, "listener");
            return this;
        }

        /** Keeps the timeline of one address or login (null for none). */
        /**
         * Counts primary failure lines at once rather than waiting for a late Dovecot detail line
         * (live mode; see {@link DetailPairer}).
         */
        public Builder eagerPrimaries(boolean eager) {
            this.eagerPrimaries = eager;
            return this;
        }

        public Builder explain(ExplainFilter explain) {
            this.explain = explain;
            return this;
        }

        /** Returns a new correlator; the builder can be reused. */
        public Correlator build() {
            return new Correlator(this);
        }
    }
}
