package dev.authaudit.cli;

import dev.authaudit.classify.Observation;
import dev.authaudit.lab.LabEvent;
import dev.authaudit.lab.NoticeInbox;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the demo shows as it happens, each line stamped with lab time, and the moments the end-to-end
 * test checks: when a stale client was found, when its notice landed, when lfd blocked it. Log-derived
 * text is escaped for the terminal.
 */
final class DemoConsole {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final Clock lab;
    private final Set<String> told = new HashSet<>();
    private final List<String> staleFound = new CopyOnWriteArrayList<>();
    private final List<NoticeInbox.Landed> landed = new CopyOnWriteArrayList<>();
    private final List<String> hooks = new CopyOnWriteArrayList<>();
    private volatile Instant firstStale;
    private volatile Instant firstLanded;
    private volatile Instant phoneBlocked;
    private final String phone;

    /**
     * @param phone the address of the device the story is about
     */
    DemoConsole(PrintWriter out, Clock lab, String phone) {
        this.out = out;
        this.lab = lab;
        this.phone = phone;
    }

    void say(String who, String text) {
        synchronized (out) {
            out.printf("[%s] %-9s %s%n", TIME.format(lab.instant()), who, Terminal.safe(text));
            out.flush();
        }
    }

    void client(LabEvent e) {
        say("client", e.who() + " " + e.what() + (e.outcome() == null ? "" : ": " + e.outcome().word()));
    }

    void observed(Observation o) {
        boolean interesting = o.kind() == Observation.Kind.ACCOUNT && !o.verdict().equals("ok")
                || o.kind() == Observation.Kind.IP && o.verdict().equals("attacker");
        if (!interesting || !told.add(o.kind() + " " + o.subject() + " " + o.verdict() + " " + o.confidence())) {
            return;
        }
        if (o.verdict().equals("stale_password")) {
            staleFound.add(o.subject());
            if (firstStale == null) {
                firstStale = lab.instant();
            }
        }
        say("authaudit", o.subject() + " -> " + o.verdict() + String.format(Locale.ROOT, " (%.2f)", o.confidence())
                + (o.reasons().isEmpty() ? "" : ": " + o.reasons().get(0)));
    }

    void landed(NoticeInbox.Landed m) {
        landed.add(m);
        if (firstLanded == null) {
            firstLanded = lab.instant();
        }
        say("inbox", "notice landed for " + m.to() + ": \"" + m.subject() + "\"");
    }

    void lfd(String line) {
        if (line.contains("[" + phone + "]") || line.contains(" " + phone + " ")) {
            if (phoneBlocked == null) {
                phoneBlocked = lab.instant();
            }
        }
        say("lfd", line.substring(line.indexOf("lfd[") >= 0 ? line.indexOf("lfd[") : 0));
    }

    void hook(String summary) {
        hooks.add(summary);
        say("hook", summary);
    }

    Instant firstStale() {
        return firstStale;
    }

    Instant firstLanded() {
        return firstLanded;
    }

    Instant phoneBlocked() {
        return phoneBlocked;
    }

    List<String> staleLogins() {
        return List.copyOf(staleFound);
    }

    List<NoticeInbox.Landed> inbox() {
        return List.copyOf(landed);
    }

    List<String> hooks() {
        return List.copyOf(hooks);
    }
}
