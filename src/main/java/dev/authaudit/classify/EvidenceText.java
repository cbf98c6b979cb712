package dev.authaudit.classify;

import dev.authaudit.event.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Writes evidence the way a mail admin reads it: times as the logs showed them ("09:00"), durations
 * rounded ("5 min"), protocols in capitals.
 */
final class EvidenceText {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATED = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);

    private final ZoneOffset offset;
    private final boolean multiDay;

    EvidenceText(ZoneOffset offset, boolean multiDay) {
        this.offset = offset;
        this.multiDay = multiDay;
    }

    String time(Instant t) {
        return t == null ? "?" : (multiDay ? DATED : CLOCK).format(t.atOffset(offset));
    }

    String exactTime(Instant t) {
        return t == null ? "?" : multiDay ? DATED.format(t.atOffset(offset)) + ":" + SECONDS.format(t.atOffset(offset)).substring(6)
                : SECONDS.format(t.atOffset(offset));
    }

    static String duration(long seconds) {
        if (seconds < 90) {
            return seconds + " s";
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 90) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
    }

    static String duration(Duration d) {
        return duration(d.toSeconds());
    }

    static String protocols(Collection<Protocol> protocols) {
        if (protocols.isEmpty()) {
            return "unknown protocol";
        }
        // in the protocols' natural order, each as often as it is given: counted, not a sorted stream (this
        // runs for each stale client's sentence, and the stream made one of the larger compiles at a scan's end)
        Protocol[] all = Protocol.values();
        int[] times = new int[all.length];
        for (Protocol p : protocols) {
            times[p.ordinal()]++;
        }
        List<String> words = new ArrayList<>(protocols.size());
        for (Protocol p : all) {
            for (int i = 0; i < times[p.ordinal()]; i++) {
                words.add(p.word().toUpperCase(Locale.ROOT));
            }
        }
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    static String list(Collection<?> values, int max) {
        if (values.size() == 1 && max >= 1) {
            return String.valueOf(values.iterator().next()); // most lists at the end of a big run name one
        }
        StringBuilder shown = new StringBuilder();
        int n = 0;
        for (Object v : values) {
            if (n == max) {
                break;
            }
            if (n++ > 0) {
                shown.append(", ");
            }
            shown.append(v);
        }
        return values.size() > max ? shown.append(", ...").toString() : shown.toString();
    }

    /** Above this, distinct counts are estimates (the correlator's counters are exact up to it). */
    static final int EXACT_DISTINCT = 64;

    /** Returns a distinct count as a number, or "about N" where the correlator only estimates it. */
    static String distinct(long n) {
        return n > EXACT_DISTINCT ? "about " + n : String.valueOf(n);
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
