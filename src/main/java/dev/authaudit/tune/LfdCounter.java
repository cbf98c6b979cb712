package dev.authaudit.tune;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Counts login failures the way lfd does (FIELD-NOTES section 2): per address and application in a
 * sliding LF_INTERVAL, or per address across applications when LF_TRIGGER is above 0, and fires when
 * the count reaches the threshold. Event time only; whoever fires a block calls {@link #reset}.
 */
final class LfdCounter {
    /** Why the counter fired: lfd's trigger, the applications counted, the count and its window. */
    record Fire(String trigger, String apps, int hits, int intervalS, LfdKey perm) {
    }

    private record Hit(long time, int count, LfdApp app) {
    }

    /** One sliding window: the hits within LF_INTERVAL and their sum. */
    private static final class Window {
        final ArrayDeque<Hit> hits = new ArrayDeque<>();
        int sum;

        int add(Hit h, long interval) {
            hits.addLast(h);
            sum += h.count;
            // a hit exactly LF_INTERVAL old has left the window
            while (!hits.isEmpty() && hits.peekFirst().time <= h.time - interval) {
                sum -= hits.pollFirst().count;
            }
            return sum;
        }
    }

    private final LfdSettings settings;
    private final Map<String, Map<LfdApp, Window>> byIp = new HashMap<>();

    LfdCounter(LfdSettings settings) {
        this.settings = settings;
    }

    /**
     * Counts {@code count} failures of an application from an address at {@code epochSecond}.
     *
     * @return the reason to block, or null while the threshold is not reached or the application is off
     */
    Fire add(long epochSecond, String ip, LfdApp app, int count) {
        int appThreshold = settings.get(app.threshold());
        if (appThreshold <= 0 || count <= 0) {
            return null; // LF_<APP> 0 turns the application off, also under LF_TRIGGER
        }
        int trigger = settings.get(LfdKey.LF_TRIGGER);
        boolean aggregate = trigger > 0;
        // under LF_TRIGGER one window per address holds every application's hits
        LfdApp slot = aggregate ? LfdApp.SMTPAUTH : app;
        Window w = byIp.computeIfAbsent(ip, k -> new EnumMap<>(LfdApp.class)).computeIfAbsent(slot, k -> new Window());
        int interval = settings.get(LfdKey.LF_INTERVAL);
        int sum = w.add(new Hit(epochSecond, count, app), interval);
        int threshold = aggregate ? trigger : appThreshold;
        if (sum < threshold) {
            return null;
        }
        String apps = app.tag();
        if (aggregate) {
            StringJoiner j = new StringJoiner(",");
            w.hits.stream().map(h -> h.app().tag()).distinct().forEach(j::add);
            apps = j.toString();
        }
        return aggregate ? new Fire("LF_TRIGGER", apps, sum, interval, LfdKey.LF_TRIGGER_PERM)
                : new Fire(app.threshold().name(), apps, sum, interval, app.perm());
    }

    /** Forgets every count of an address: lfd resets its counters when it blocks. */
    void reset(String ip) {
        byIp.remove(ip);
    }
}
