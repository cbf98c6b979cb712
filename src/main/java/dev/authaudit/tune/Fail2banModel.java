package dev.authaudit.tune;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model of fail2ban's mail jails in event time: each jail bans an address once {@code maxretry} of
 * the lines its filter matches fall within a sliding {@code findtime}, for {@code bantime}, and
 * forgets the address's failures when it bans. fail2ban counts lines, not Dovecot's "N attempts", and
 * its dovecot filter matches the auth-worker verdict line as well as the login line of one attempt.
 * recidive counts the other jails' bans.
 */
public final class Fail2banModel {
    private final List<Fail2banJail> jails;

    /** Models the enabled jails among these that count events authaudit reads. */
    public Fail2banModel(List<Fail2banJail> jails) {
        this.jails = jails.stream().filter(j -> j.enabled() && j.feeds() != Fail2banJail.Feeds.NONE).toList();
    }

    /** Returns the jails modelled. */
    public List<Fail2banJail> jails() {
        return jails;
    }

    /** Replays the events (in time order) and returns the bans. */
    public ModelRun run(List<TuneEvent> events) {
        List<ModelBlock> bans = new ArrayList<>();
        Map<String, Map<String, ArrayDeque<Long>>> failures = new HashMap<>(); // jail -> ip -> times
        Map<String, Long> bannedUntil = new HashMap<>(); // jail|ip -> until
        Fail2banJail recidive = jails.stream().filter(j -> j.feeds() == Fail2banJail.Feeds.BANS).findFirst()
                .orElse(null);
        for (TuneEvent e : events) {
            if (!(e instanceof TuneEvent.Failure f)) {
                continue;
            }
            long t = e.time().getEpochSecond();
            if (recidive != null && bannedUntil.getOrDefault(recidive.name() + "|" + f.ip(), Long.MIN_VALUE) > t) {
                continue;
            }
            for (Fail2banJail j : jails) {
                if (!counts(j, f) || bannedUntil.getOrDefault(j.name() + "|" + f.ip(), Long.MIN_VALUE) > t) {
                    continue;
                }
                ModelBlock ban = count(j, f.ip(), t, e, failures, bannedUntil);
                if (ban == null) {
                    continue;
                }
                bans.add(ban);
                if (recidive != null) {
                    ModelBlock again = count(recidive, f.ip(), t, e, failures, bannedUntil);
                    if (again != null) {
                        bans.add(again);
                    }
                }
            }
        }
        bans.sort(Comparator.comparing(ModelBlock::at));
        return new ModelRun(bans);
    }

    private static ModelBlock count(Fail2banJail j, String ip, long t, TuneEvent e,
                                    Map<String, Map<String, ArrayDeque<Long>>> failures, Map<String, Long> bannedUntil) {
        ArrayDeque<Long> q = failures.computeIfAbsent(j.name(), k -> new HashMap<>())
                .computeIfAbsent(ip, k -> new ArrayDeque<>());
        q.addLast(t);
        while (!q.isEmpty() && q.peekFirst() <= t - j.findtimeS()) {
            q.pollFirst();
        }
        if (q.size() < j.maxretry()) {
            return null;
        }
        int hits = q.size();
        q.clear();
        long duration = j.permanent() ? 0 : Math.max(1, j.bantimeS());
        bannedUntil.put(j.name() + "|" + ip, duration == 0 ? Long.MAX_VALUE : t + duration);
        return new ModelBlock(ip, e.time(), j.name(), hits, duration, false, 0);
    }

    private static boolean counts(Fail2banJail j, TuneEvent.Failure f) {
        switch (j.feeds()) {
            case DOVECOT:
                return f.source().equals("dovecot");
            case POSTFIX:
                return f.source().equals("postfix");
            case EXIM:
                return f.source().equals("exim");
            default:
                return false;
        }
    }
}
