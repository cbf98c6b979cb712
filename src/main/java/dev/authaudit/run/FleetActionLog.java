package dev.authaudit.run;

import dev.authaudit.act.firewall.ActionStatus;
import dev.authaudit.text.Escape;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code watch --fleet-act} decided, for {@code hook log}: a summary line and, newest first, each decision with
 * its command, how the firewall (csf or fail2ban) went and the fleet's evidence. Empty when it never decided
 * anything in the period.
 */
public final class FleetActionLog {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private FleetActionLog() {
    }

    /** Returns the lines about the decisions made at or after {@code from}, at most {@code limit} of them. */
    public static List<String> lines(FleetActionStore store, Instant from, ZoneId zone, int limit) {
        List<FleetActionStore.Row> rows = new ArrayList<>(store.since(from));
        List<String> out = new ArrayList<>();
        if (rows.isEmpty()) {
            return out;
        }
        long run = rows.stream().filter(r -> r.kind() == FleetActionStore.Kind.BLOCK
                && r.status() != ActionStatus.DRY_RUN).count();
        long dry = rows.stream().filter(r -> r.kind() == FleetActionStore.Kind.BLOCK
                && r.status() == ActionStatus.DRY_RUN).count();
        long refused = rows.stream().filter(r -> r.kind() == FleetActionStore.Kind.REFUSED).count();
        long lifts = rows.stream().filter(r -> r.kind() == FleetActionStore.Kind.LIFT).count();
        long withdrawn = rows.stream().filter(r -> r.kind() == FleetActionStore.Kind.WITHDRAWN).count();
        out.add("watch --fleet-act since " + WHEN.format(from.atZone(zone)) + ": " + run + " block" + (run == 1 ? "" : "s")
                + " run, " + dry + " dry run" + (dry == 1 ? "" : "s") + ", " + refused + " refused, " + lifts + " lift"
                + (lifts == 1 ? "" : "s") + ", " + withdrawn + " left to their TTL or void"
                + (rows.size() > limit ? " (the latest " + limit + " shown; --limit shows more)" : ""));
        for (int i = rows.size() - 1; i >= 0 && i >= rows.size() - limit; i--) {
            FleetActionStore.Row r = rows.get(i);
            out.add("");
            out.add("  " + WHEN.format(r.at().atZone(zone)) + "  fleet #" + r.id() + "  " + Escape.terminal(r.ip())
                    + "  " + r.kind().word() + " " + r.status().word()
                    + (r.until() == null || r.kind() != FleetActionStore.Kind.BLOCK ? ""
                    : " until " + WHEN.format(r.until().atZone(zone)))
                    + (r.command() == null ? "" : ": " + Escape.terminal(r.command()))
                    + (r.exitCode() == null ? "" : " (exit " + r.exitCode() + ")"));
            out.add("      " + Escape.terminal(r.reason()));
            if (r.output() != null && !r.output().isEmpty() && r.status() != ActionStatus.DONE) {
                out.add("      " + program(r.command()) + ": " + Escape.line(r.output(), 200));
            }
        }
        return out;
    }

    /** Returns the program a stored command ran ({@code csf}, {@code fail2ban-client}): its first word. */
    private static String program(String command) {
        return command == null || command.indexOf(' ') < 0 ? "csf" : Escape.line(command.substring(0,
                command.indexOf(' ')), 20);
    }
}
