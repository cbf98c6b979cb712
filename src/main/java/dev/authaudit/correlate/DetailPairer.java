package dev.authaudit.correlate;

import dev.authaudit.event.AuthFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Joins a Dovecot detail line (the passdb verdict: reason, password fingerprint) with the primary line
 * of the same attempt (Exim's 535, Dovecot's login summary, Postfix's SASL warning), in either order,
 * so the pair counts once. Lines wait in event time until their partner arrives or the window passes;
 * then a primary counts with whatever joined it and a lone detail counts on its own.
 */
final class DetailPairer {
    private final boolean eager;
    /** Pairs lines only of the same server ({@code origin.host}): one auditor reads several servers (the fleet). */
    private final boolean byServer;
    private final long windowMs;
    private final long sessionWindowMs;
    private final Consumer<Attempt> out;
    private final Map<String, List<Pending>> byIp = new HashMap<>();
    private final PriorityQueue<Pending> byDeadline = new PriorityQueue<>(
            (a, b) -> a.deadlineMs != b.deadlineMs ? Long.compare(a.deadlineMs, b.deadlineMs)
                    : Long.compare(a.seq, b.seq));
    /**
     * The latest primary line per (server, address, login), for telling Exim's syslog copy of a 535 from a new
     * attempt (a few thousand keys: a copy is the very next line or the one after).
     */
    private RecentPrimaries recentPrimary = new RecentPrimaries(RECENT_PRIMARIES);
    private static final int RECENT_PRIMARIES = 4096;
    private final java.util.function.BiConsumer<AuthFailure, AuthFailure> onCopy;
    private long seq;
    private long paired;
    private long alone;
    private long copies;

    /** A line waiting for its partner. */
    private static final class Pending {
        final AuthFailure line;
        /** The line's time, worked out once ({@link AuthFailure#instant()} makes a new one on each call). */
        final java.time.Instant at;
        final long ms;
        /** The detail lines joined so far; an immutable empty list until the first (most lines never get one). */
        List<AuthFailure> details = List.of();
        final long deadlineMs;
        final long seq;
        boolean done;
        /** Counted early (a success or block of its address came first); still absorbs a late partner. */
        boolean counted;
        /**
         * The address's list in {@link #byIp} this line waits in: it stays that list's (a list leaves the map
         * only once empty) until the line is done, so releasing it needs no lookup.
         */
        final List<Pending> waitsIn;

        Pending(AuthFailure line, java.time.Instant at, long deadlineMs, long seq, List<Pending> waitsIn) {
            this.waitsIn = waitsIn;
            this.line = line;
            this.at = at;
            this.ms = at.toEpochMilli();
            this.deadlineMs = deadlineMs;
            this.seq = seq;
        }

        void join(AuthFailure detail) {
            if (details.isEmpty()) {
                details = new ArrayList<>(1);
            }
            details.add(detail);
        }

        boolean full() {
            return details.size() >= line.attempts();
        }

        /** Returns a copy waiting in {@code list} (a fork's copy of its address's list). */
        Pending copy(List<Pending> list) {
            Pending c = new Pending(line, at, deadlineMs, seq, list);
            c.details = details.isEmpty() ? List.of() : new ArrayList<>(details);
            c.done = done;
            c.counted = counted;
            return c;
        }
    }

    DetailPairer(Duration window, Duration sessionWindow, Consumer<Attempt> out) {
        this(window, sessionWindow, out, false);
    }

    /**
     * @param eager count a primary line at once, with the detail lines already there, instead of
     *     waiting for a late one (live mode: a verdict within a second of the decisive line matters
     *     more than a fingerprint that might still arrive); a late detail is still absorbed, never
     *     counted as another attempt
     */
    DetailPairer(Duration window, Duration sessionWindow, Consumer<Attempt> out, boolean eager) {
        this(window, sessionWindow, out, eager, (copy, original) -> { });
    }

    /**
     * @param onCopy hears each line dropped as a copy of the line before it (copy, original), so explain can
     *     say which lines were merged
     */
    DetailPairer(Duration window, Duration sessionWindow, Consumer<Attempt> out, boolean eager,
                 java.util.function.BiConsumer<AuthFailure, AuthFailure> onCopy) {
        this(window, sessionWindow, out, eager, onCopy, false);
    }

    /**
     * @param byServer pair a line only with lines of the same server ({@code origin.host}) and take it for a
     *     copy only of its own server's line: for one auditor over several servers' events (the fleet). One
     *     server's own files may name it differently (a syslog header's host beside the input's name), so a
     *     single server's run leaves this off
     */
    DetailPairer(Duration window, Duration sessionWindow, Consumer<Attempt> out, boolean eager,
                 java.util.function.BiConsumer<AuthFailure, AuthFailure> onCopy, boolean byServer) {
        this.byServer = byServer;
        this.onCopy = onCopy;
        this.eager = eager;
        this.windowMs = window.toMillis();
        this.sessionWindowMs = Math.max(window.toMillis(), sessionWindow.toMillis());
        this.out = out;
    }

    void accept(AuthFailure f) {
        accept(f, f.instant());
    }

    /** As {@link #accept(AuthFailure)}, for a caller that has the line's time already ({@code at}, its instant). */
    void accept(AuthFailure f, java.time.Instant at) {
        if (!f.detail() && EXIM.equals(f.origin().source())) {
            // keyed by address and login: a guesser's lines for other logins in the same second fall between
            // a 535 and its copy in the reject log. Only Exim's lines have copies, and only Exim's lines are held
            // for them: Dovecot's own summary of the same failed login, written between a 535 and its syslog copy
            // (the client's IMAP session failing with the same password in the same second), must not take the
            // 535's place, or the copy would be counted as another attempt
            String host = byServer ? f.origin().host() : null;
            String ip = key(f.ip());
            String login = f.account() == null ? "" : f.account();
            AuthFailure before = recentPrimary.put(host, ip, login, f);
            if (copyOf(f, before) && (!byServer || sameServer(f, before))) {
                // Exim writes each 535 to its main and its reject log: twice into syslog
                // (syslog_duplication), or once into each file
                copies++;
                recentPrimary.remove(host, ip, login); // a line has one copy; a third line is an attempt again
                onCopy.accept(f, before);
                return;
            }
        }
        List<Pending> here = byIp.computeIfAbsent(key(f.ip()), k -> new ArrayList<>(2));
        if (f.detail()) {
            for (int i = 0; i < here.size(); i++) {
                Pending p = here.get(i);
                if (!p.done && !p.line.detail() && !p.full() && belong(p.line, p.ms, f, at.toEpochMilli())) {
                    p.join(f);
                    if (p.counted) {
                        // its primary was already counted: the detail is the same attempt, not another one
                        paired++;
                        if (p.full()) {
                            p.done = true;
                            tidy(f.ip());
                        }
                    } else if (p.full()) {
                        emit(p);
                    }
                    return;
                }
            }
        } else {
            Pending primary = hold(f, at, here);
            boolean joined = false;
            for (int i = 0; i < here.size(); i++) {
                Pending p = here.get(i);
                if (primary.full()) {
                    break;
                }
                if (!p.done && p.line.detail() && belong(f, primary.ms, p.line, p.ms)) {
                    primary.join(p.line);
                    p.done = true;
                    joined = true;
                }
            }
            if (primary.full()) {
                emit(primary);
            } else if (eager) {
                paired += primary.details.size();
                out.accept(Attempt.of(primary.line, primary.at, primary.details));
                primary.counted = true;
            }
            if (joined) {
                // (a line is only ever waiting, or done: nothing else to tidy when none joined)
                tidy(f.ip());
            }
            return;
        }
        hold(f, at, here);
    }

    /** Counts every line whose window has passed by {@code nowMs}. */
    void flushUntil(long nowMs) {
        while (!byDeadline.isEmpty() && byDeadline.peek().deadlineMs < nowMs) {
            release(byDeadline.poll());
        }
    }

    /**
     * Counts the waiting primary lines of one address now, before a success or block of that address is
     * applied, so "failed, then succeeded" keeps its order. Only primaries (Exim's 535, Dovecot's login
     * summary) are counted early, and they stay open for a detail line that arrives late; a waiting
     * detail line keeps waiting for its primary. Counting it alone would count the attempt twice: at a
     * busy NAT another device's success often falls between a detail line and its summary.
     *
     * @param login only that login's lines, or null for every login of the address
     */
    void flushIp(String ip, String login) {
        List<Pending> here = byIp.get(key(ip));
        if (here == null) {
            return;
        }
        for (int i = 0; i < here.size(); i++) {
            Pending p = here.get(i);
            if (!p.done && !p.counted && !p.line.detail() && (login == null || login.equals(p.line.account()))) {
                paired += p.details.size();
                out.accept(Attempt.of(p.line, p.at, p.details));
                p.counted = true;
                if (p.full()) {
                    p.done = true;
                }
            }
        }
        tidy(ip);
    }

    /** Counts every waiting line (end of input). */
    void flushAll() {
        while (!byDeadline.isEmpty()) {
            release(byDeadline.poll());
        }
    }

    long paired() {
        return paired;
    }

    /** Returns the lines dropped as syslog copies of the line before them. */
    long copies() {
        return copies;
    }

    /**
     * Returns true when {@code f} is Exim's syslog copy of {@code before}: the same Exim failure (time to the
     * second, address, login, HELO, interface, port, protocol, reason) written one or two lines later in
     * the same file, or up to {@link #INTERLEAVED_APART} lines later in a syslog file, where parallel
     * connections' lines fall in between. Two attempts of one client in the same second that close would
     * be taken for one; undercounting a bot by one is the lesser error than counting every customer
     * failure twice. A plain mainlog never has copies in the file itself, so the wide reach is syslog's
     * only.
     */
    private static final String EXIM = "exim";

    /** How many lines of a syslog file may fall between an Exim line and its copy. */
    static final long INTERLEAVED_APART = 64;

    static boolean copyOf(AuthFailure f, AuthFailure before) {
        if (before == null || before == f || !EXIM.equals(f.origin().source())
                || !f.origin().source().equals(before.origin().source())) {
            return false;
        }
        // In one file (syslog), the copy is the next line or the one after. In another file, it is Exim's
        // reject log, which repeats every rejection of the main log (or one log given twice): the same
        // line in the same second, whatever the distance.
        // In syslog, other Exim processes' lines fall between a line and its copy when connections run in
        // parallel (ten lines apart is common on a busy second); the copy is still the same process's very
        // next line, identical to the second.
        boolean sameFile = f.origin().file().equals(before.origin().file());
        long apart = f.origin().line() - before.origin().line();
        long within = f.origin().interleaved() && before.origin().interleaved() ? INTERLEAVED_APART : 2;
        return (!sameFile || apart >= 1 && apart <= within) && f.instant().equals(before.instant())
                && Objects.equals(f.helo(), before.helo()) && Objects.equals(f.localIp(), before.localIp())
                && Objects.equals(f.account(), before.account()) && Objects.equals(f.port(), before.port())
                && f.protocol() == before.protocol() && f.reason() == before.reason()
                && f.attempts() == before.attempts() && f.origin().rule().equals(before.origin().rule());
    }

    long alone() {
        return alone;
    }

    private Pending hold(AuthFailure f, java.time.Instant at, List<Pending> here) {
        boolean session = f.session() != null;
        long deadline = at.toEpochMilli() + (session ? sessionWindowMs : windowMs);
        Pending p = new Pending(f, at, deadline, seq++, here);
        here.add(p);
        byDeadline.add(p);
        return p;
    }

    private void release(Pending p) {
        if (p.done) {
            return;
        }
        if (p.counted) {
            p.done = true;
            tidy(p.line.ip());
            return;
        }
        // neither done nor counted: it still waits in its list, which is still the address's in the map
        List<Pending> here = p.waitsIn;
        here.remove(p);
        if (here.isEmpty()) {
            byIp.remove(key(p.line.ip()));
        }
        count(p);
    }

    private void emit(Pending p) {
        count(p);
        tidy(p.line.ip());
    }

    private void tidy(String ip) {
        List<Pending> here = byIp.get(key(ip));
        if (here != null) {
            here.removeIf(x -> x.done);
            if (here.isEmpty()) {
                byIp.remove(key(ip));
            }
        }
    }

    private void count(Pending p) {
        p.done = true;
        if (p.line.detail()) {
            alone++;
            out.accept(Attempt.alone(p.line, p.at));
        } else {
            paired += p.details.size();
            out.accept(Attempt.of(p.line, p.at, p.details));
        }
    }

    private boolean belong(AuthFailure primary, long primaryMs, AuthFailure detail, long detailMs) {
        if (byServer && !sameServer(primary, detail)) {
            return false; // one auditor reads several servers' lines (the fleet): a line pairs only with its own server's
        }
        long apart = Math.abs(primaryMs - detailMs);
        if (primary.session() != null && detail.session() != null) {
            return primary.session().equals(detail.session()) && apart <= sessionWindowMs;
        }
        // Postfix's warning and Exim lines without set_id carry no login; the detail line supplies it
        boolean sameLogin = primary.account() == null || detail.account() == null
                || Objects.equals(primary.account(), detail.account());
        return sameLogin && apart <= windowMs;
    }

    private static boolean sameServer(AuthFailure a, AuthFailure b) {
        return Objects.equals(a.origin().host(), b.origin().host());
    }

    private static String key(String ip) {
        return ip == null ? "" : ip;
    }

    /**
     * Returns a pairer holding the same waiting lines (each a copy) and counts, which counts into {@code out}
     * and changes on its own: a fork of the correlator, whose end of input counts them without the live
     * pairer losing them. Costs the waiting lines and the remembered primaries, not the lines seen.
     */
    DetailPairer copy(Consumer<Attempt> out, java.util.function.BiConsumer<AuthFailure, AuthFailure> onCopy) {
        DetailPairer c = new DetailPairer(java.time.Duration.ofMillis(windowMs), java.time.Duration.ofMillis(sessionWindowMs),
                out, eager, onCopy, byServer);
        java.util.IdentityHashMap<Pending, Pending> made = new java.util.IdentityHashMap<>();
        byIp.forEach((ip, here) -> {
            List<Pending> mine = new ArrayList<>(here.size());
            for (Pending p : here) {
                mine.add(made.computeIfAbsent(p, x -> x.copy(mine)));
            }
            c.byIp.put(ip, mine);
        });
        for (Pending p : byDeadline) {
            // a line done (or counted and gone from its list) is no longer in any list: it keeps an empty one
            c.byDeadline.add(made.computeIfAbsent(p, x -> x.copy(new ArrayList<>())));
        }
        c.recentPrimary = recentPrimary.copy();
        c.seq = seq;
        c.paired = paired;
        c.alone = alone;
        c.copies = copies;
        return c;
    }
}
