package dev.authaudit.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A model of lfd reading the logs and blocking (field notes section 2). Lines are read at lfd's next
 * LF_PARSE tick, not at their own time. Login failures count per address per application in a sliding
 * LF_INTERVAL; port-scan hits count per address in PS_INTERVAL windows that are wiped all at once
 * (tumbling); a block fires at the threshold (login failures) or above PS_LIMIT (scans), resets the
 * counters, and is temporary or permanent per csf.conf; the fifth temporary block within
 * LF_PERMBLOCK_INTERVAL becomes a PERMBLOCK. Hits from an address that is already blocked are ignored.
 */
final class LfdModel {
    private record Read(long readTime, long seq, String ip, HitKind kind, String account, LfdRules.Match match,
                        int port) {
    }

    private record Hit(long time, int count, HitKind kind, String account, int port) {
    }

    private static final class ScanWindow {
        long start;
        int hits;
        final List<Hit> seen = new ArrayList<>();
    }

    private final CsfSettings csf;
    private final LfdRules rules;
    private final LfdFormat format;
    private final LogFiles files;
    private final IpDecoration deco;
    private final Consumer<BlockRecord> onBlock;
    private final long start;
    private final PriorityQueue<Read> pending = new PriorityQueue<>((a, b) -> a.readTime != b.readTime
            ? Long.compare(a.readTime, b.readTime) : Long.compare(a.seq, b.seq));
    private final Map<String, Map<LfdApp, ArrayDeque<Hit>>> failures = new HashMap<>();
    private final Map<String, ScanWindow> scans = new HashMap<>();
    private final Map<String, Long> blockedUntil = new HashMap<>();
    private final PriorityQueue<long[]> expiries = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final Map<Long, String> expiryIp = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> tempHistory = new HashMap<>();
    private long seq;
    private long expirySeq;
    private int pid;

    LfdModel(CsfSettings csf, LfdFormat format, LogFiles files, IpDecoration deco, Consumer<BlockRecord> onBlock,
             long start, int firstPid) {
        this.csf = csf;
        this.rules = new LfdRules(csf);
        this.format = format;
        this.files = files;
        this.deco = deco;
        this.onBlock = onBlock;
        this.start = start;
        this.pid = firstPid;
    }

    /** Returns true when the firewall drops this address now (after {@link #advanceTo}). */
    boolean blocked(String ip) {
        return blockedUntil.containsKey(ip);
    }

    /** Offers a mail line (Exim or Dovecot) that was written at {@code lineTime}. */
    void readMail(long lineTime, String line, String ip, HitKind kind, String account) {
        LfdRules.Match m = rules.mailLine(line);
        if (m == null) {
            return;
        }
        pending.add(new Read(readTick(lineTime), seq++, ip, kind, account, m, 0));
    }

    /** Offers a kernel firewall line that was written at {@code lineTime}. */
    void readKernel(long lineTime, String line, String ip, HitKind kind, String account, int port) {
        if (csf.psInterval() <= 0 || !rules.scanHit(line)) {
            return;
        }
        pending.add(new Read(readTick(lineTime), seq++, ip, kind, account, null, port));
    }

    /** Processes every read and expiry due at or before {@code now}, in time order. */
    void advanceTo(long now) {
        while (true) {
            long nextRead = pending.isEmpty() ? Long.MAX_VALUE : pending.peek().readTime;
            long nextExpiry = expiries.isEmpty() ? Long.MAX_VALUE : expiries.peek()[0];
            if (Math.min(nextRead, nextExpiry) > now) {
                return;
            }
            if (nextExpiry <= nextRead) {
                long[] e = expiries.poll();
                String ip = expiryIp.remove(e[1]);
                Long until = blockedUntil.get(ip);
                if (until != null && until == e[0]) {
                    blockedUntil.remove(ip);
                    files.add(LogKind.LFD, e[0], format.unblock(e[0], nextPid(), ip));
                }
            } else {
                process(pending.poll());
            }
        }
    }

    private long readTick(long lineTime) {
        long p = csf.lfParse();
        return start + (Math.floorDiv(lineTime - start, p) + 1) * p;
    }

    private void process(Read r) {
        if (blockedUntil.containsKey(r.ip)) {
            return;
        }
        if (r.match == null) {
            processScan(r);
            return;
        }
        LfdApp app = r.match.app();
        int count = r.match.count();
        ArrayDeque<Hit> q = failures.computeIfAbsent(r.ip, k -> new EnumMap<>(LfdApp.class))
                .computeIfAbsent(app, k -> new ArrayDeque<>());
        q.addLast(new Hit(r.readTime, count, r.kind, r.account, 0));
        long from = r.readTime - csf.lfInterval();
        while (!q.isEmpty() && q.peekFirst().time <= from) {
            q.pollFirst();
        }
        int total = 0;
        for (Hit h : q) {
            total += h.count;
        }
        if (total >= app.threshold(csf)) {
            List<Hit> counted = new ArrayList<>(q);
            failures.get(r.ip).clear();
            int perm = app.perm(csf);
            int hits = total;
            block(r.readTime, r.ip, app.trigger(), hits, csf.lfInterval(), perm == 1 ? 0 : perm, counted,
                    secs -> format.loginBlock(r.readTime, pid, app, r.ip, deco.of(r.ip), hits, csf.lfInterval(),
                            secs));
        }
    }

    private void processScan(Read r) {
        long windowStart = start + Math.floorDiv(r.readTime - start, csf.psInterval()) * csf.psInterval();
        ScanWindow w = scans.computeIfAbsent(r.ip, k -> new ScanWindow());
        if (w.start != windowStart) {
            w.start = windowStart;
            w.hits = 0;
            w.seen.clear();
        }
        w.hits++;
        w.seen.add(new Hit(r.readTime, 1, r.kind, r.account, r.port));
        if (w.hits > csf.psLimit()) {
            int hits = w.hits;
            long secs = r.readTime - windowStart;
            List<Hit> counted = new ArrayList<>(w.seen);
            scans.remove(r.ip);
            block(r.readTime, r.ip, "PS_LIMIT", hits, secs, csf.psPermanent() ? 0 : csf.psBlockTime(), counted,
                    s -> format.portScanBlock(r.readTime, pid, r.ip, deco.of(r.ip), hits, secs, s));
        }
    }

    private void block(long t, String ip, String trigger, int hits, long interval, int seconds, List<Hit> counted,
                       java.util.function.IntFunction<String> line) {
        nextPid();
        boolean permblock = false;
        if (seconds > 0 && csf.lfPermBlock()) {
            ArrayDeque<Long> h = tempHistory.computeIfAbsent(ip, k -> new ArrayDeque<>());
            while (!h.isEmpty() && h.peekFirst() <= t - csf.lfPermBlockInterval()) {
                h.pollFirst();
            }
            if (h.size() >= csf.lfPermBlockCount()) {
                permblock = true;
                h.clear();
            } else {
                h.addLast(t);
            }
        }
        if (permblock) {
            files.add(LogKind.LFD, t, format.permBlock(t, pid, ip, deco.of(ip), csf.lfPermBlockCount(),
                    csf.lfPermBlockInterval(), trigger));
            seconds = 0;
        } else {
            files.add(LogKind.LFD, t, line.apply(seconds));
        }
        if (seconds > 0) {
            long until = t + seconds;
            blockedUntil.put(ip, until);
            long id = expirySeq++;
            expiryIp.put(id, ip);
            expiries.add(new long[] {until, id});
        } else {
            blockedUntil.put(ip, Long.MAX_VALUE);
        }
        onBlock.accept(describe(ip, t, trigger, hits, interval, seconds, permblock, counted));
    }

    private BlockRecord describe(String ip, long t, String trigger, int hits, long interval, int seconds,
                                 boolean permblock, List<Hit> counted) {
        Map<HitKind, Integer> byKind = new LinkedHashMap<>();
        Map<String, Integer> byAccount = new LinkedHashMap<>();
        TreeSet<Integer> ports = new TreeSet<>();
        HitKind last = null;
        for (Hit h : counted) {
            byKind.merge(h.kind, h.count, Integer::sum);
            last = h.kind;
            if (h.account != null && h.kind.customer()) {
                byAccount.merge(h.account, h.count, Integer::sum);
            }
            if (h.port > 0) {
                ports.add(h.port);
            }
        }
        HitKind cause = last;
        int best = -1;
        for (Map.Entry<HitKind, Integer> e : byKind.entrySet()) {
            if (e.getValue() > best || (e.getValue() == best && e.getKey() == last)) {
                best = e.getValue();
                cause = e.getKey();
            }
        }
        String account = null;
        if (cause != null && cause.customer()) {
            int most = -1;
            for (Iterator<Map.Entry<String, Integer>> it = byAccount.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Integer> e = it.next();
                if (e.getValue() > most) {
                    most = e.getValue();
                    account = e.getKey();
                }
            }
        }
        return new BlockRecord(ip, t, trigger, hits, interval, seconds == 0, seconds, permblock, cause, account,
                new ArrayList<>(ports));
    }

    private int nextPid() {
        pid += 1 + (pid % 7);
        if (pid > 4_000_000) {
            pid = 3000;
        }
        return pid;
    }
}
