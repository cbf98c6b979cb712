package dev.authaudit.parse;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.FirewallDrop;
import dev.authaudit.event.FirewallUnblock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Origin;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns each line's outcome into the events it stands for, undoing syslog's reduction of repeated
 * lines the way lfd counts them: a failure written N times is one failure event of N attempts (as
 * Dovecot's own "N attempts"), a dropped packet written N times is N drops (lfd counts each as a hit),
 * and anything else once. syslogd's {@code last message repeated N times} repeats the file's previous
 * line at the repeat line's time and place. One per file, fed its lines in order; not thread-safe.
 */
public final class RepeatExpander {
    /** The previous line's event, or null when the previous line gave none. */
    private LogEvent previous;

    /**
     * Returns the events of one line, in order: none, one, or a drop's repetitions. A syslogd repeat
     * line after a line that gave no event gives none.
     *
     * @param line the file and line number of the outcome (for a repeat line's events)
     */
    public List<LogEvent> events(Parsed p, String file, long line) {
        if (p.status() == Parsed.Status.REPEAT) {
            if (previous == null || p.repeatAt() == null) {
                return List.of();
            }
            // the original stays "previous": a later repeat line stands for it again
            return expand(at(previous, p.repeatAt(), new Origin(previous.origin().source(),
                    previous.origin().rule(), file, line, previous.origin().host())), p.repeat());
        }
        previous = p.event();
        if (p.event() == null) {
            return List.of();
        }
        return p.repeat() <= 1 ? List.of(p.event()) : expand(p.event(), p.repeat());
    }

    /**
     * Whether the line's outcome stands for its own event once, or for none (no syslog repeat line, no
     * count of repetitions): then {@link #once} gives what {@link #events} would, without a list.
     */
    public boolean plain(Parsed p) {
        return p.status() != Parsed.Status.REPEAT && p.repeat() <= 1;
    }

    /** For an outcome that is {@link #plain}: its event, or null for none (what {@link #events} lists). */
    public LogEvent once(Parsed p) {
        previous = p.event();
        return previous;
    }

    private static List<LogEvent> expand(LogEvent e, int times) {
        int n = Math.max(1, Math.min(times, SyslogRepeat.MAX));
        if (e instanceof AuthFailure f) {
            return List.of(new AuthFailure(f.time(), f.origin(), f.ip(), f.account(), f.protocol(), f.port(),
                    f.reason(), (int) Math.min(10_000L, (long) f.attempts() * n), f.detail(), f.passwordFp(),
                    f.session(), f.mech(), f.helo(), f.localIp()));
        }
        if (e instanceof FirewallDrop) {
            List<LogEvent> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(e);
            }
            return out;
        }
        return List.of(e);
    }

    /** Returns the event as written again at another time and place. */
    private static LogEvent at(LogEvent e, OffsetDateTime t, Origin o) {
        if (e instanceof AuthFailure f) {
            return new AuthFailure(t, o, f.ip(), f.account(), f.protocol(), f.port(), f.reason(), f.attempts(),
                    f.detail(), f.passwordFp(), f.session(), f.mech(), f.helo(), f.localIp());
        }
        if (e instanceof AuthSuccess s) {
            return new AuthSuccess(t, o, s.ip(), s.account(), s.protocol(), s.port(), s.session(), s.mech(), s.helo(),
                    s.localIp());
        }
        if (e instanceof FirewallDrop d) {
            return new FirewallDrop(t, o, d.ip(), d.protocol(), d.port(), d.chain(), d.srcPort(), d.proto(), d.dst(),
                    d.inbound(), d.flags());
        }
        if (e instanceof FirewallBlock b) {
            return new FirewallBlock(t, o, b.ip(), b.account(), b.protocol(), b.port(), b.trigger(), b.hits(),
                    b.intervalS(), b.durationS(), b.permanent(), b.ports(), b.app(), b.message());
        }
        FirewallUnblock u = (FirewallUnblock) e;
        return new FirewallUnblock(t, o, u.ip(), u.protocol(), u.port(), u.trigger());
    }
}
