package dev.authaudit.correlate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spaces out how often one subject (a login or an address) is judged again while events stream. An
 * attack writes hundreds of lines a minute against one login; judging it anew on each costs more
 * than the rest of the engine together and changes nothing. A subject judged less than
 * {@code intervalMs} of event time ago is marked pending instead, and judged once the interval has
 * passed ({@link #due}), at the latest when the run ends. Bounded: the oldest marks fall off first
 * (the end-of-run judgement still covers them).
 */
final class NotifyThrottle {
    private final long intervalMs;
    private final int max;
    /**
     * When each subject was last judged; updated in place, so a judgement boxes no number. A login's entry is
     * also held by its summary ({@link AccountSummary#throttled}), so judging it again looks nothing up.
     */
    private final RecencyMap<String, Judged> lastMs;
    private final Map<String, Instant> pending = new LinkedHashMap<>();

    /** When a subject was last judged, in event-time milliseconds. */
    static final class Judged extends RecencyMap.Entry {
        long ms;

        Judged(long ms) {
            this.ms = ms;
        }
    }

    /** A subject and the event time it became pending. */
    private record Instant(java.time.Instant at) {
    }

    NotifyThrottle(long intervalMs, int max) {
        this.intervalMs = intervalMs;
        this.max = max;
        this.lastMs = new RecencyMap<>(max);
    }

    /**
     * Returns true when the subject may be judged now (and records that it was); otherwise marks it
     * pending.
     */
    boolean allow(String subject, java.time.Instant at) {
        return allow(subject, at, null);
    }

    /**
     * As {@link #allow(String, java.time.Instant)} for a login whose summary the caller holds ({@code held}, whose
     * login is {@code subject}; null for none): the summary keeps the login's entry, used again without a lookup.
     */
    boolean allow(String subject, java.time.Instant at, AccountSummary held) {
        long ms = at.toEpochMilli();
        Judged last = held != null && held.throttled != null && lastMs.touch(held.throttled) ? held.throttled
                : lastMs.get(subject);
        if (last == null || ms - last.ms >= intervalMs || ms < last.ms) {
            // (the lookup already made it the most recently used: updating in place keeps the same order)
            if (last == null) {
                last = new Judged(ms);
                lastMs.put(subject, last);
            } else {
                last.ms = ms;
            }
            if (held != null) {
                held.throttled = last;
            }
            if (!pending.isEmpty()) {
                pending.remove(subject);
            }
            return true;
        }
        if (held != null) {
            held.throttled = last;
        }
        if (!pending.containsKey(subject)) {
            if (pending.size() >= max) {
                pending.remove(pending.keySet().iterator().next());
            }
            pending.put(subject, new Instant(at));
        }
        return false;
    }

    /** Returns the pending subjects whose interval has passed at {@code nowMs}, and clears them. */
    List<Map.Entry<String, java.time.Instant>> due(long nowMs) {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, java.time.Instant>> out = new ArrayList<>();
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            Judged last = lastMs.get(e.getKey());
            if (last == null || nowMs - last.ms >= intervalMs) {
                out.add(Map.entry(e.getKey(), e.getValue().at()));
                if (last == null) {
                    lastMs.put(e.getKey(), new Judged(nowMs));
                } else {
                    last.ms = nowMs;
                }
                it.remove();
            }
        }
        return out;
    }

    /** Returns every pending subject, and clears them (end of run). */
    List<Map.Entry<String, java.time.Instant>> drain() {
        List<Map.Entry<String, java.time.Instant>> out = new ArrayList<>();
        pending.forEach((k, v) -> out.add(Map.entry(k, v.at())));
        pending.clear();
        return out;
    }

    /** Returns true when something is waiting. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Returns a throttle in the same state, which then changes on its own (a fork of the correlator). */
    NotifyThrottle copy() {
        NotifyThrottle c = new NotifyThrottle(intervalMs, max);
        // in use order, least recent first: put in that order, the copy's order is the same (the copy's entries
        // are its own: a summary that holds one of this throttle's looks its login up in the copy)
        lastMs.forEach((k, v) -> c.lastMs.put(k, new Judged(v.ms)));
        c.pending.putAll(pending);
        return c;
    }
}
