package dev.authaudit.run;

import dev.authaudit.act.firewall.LfdBlockReport;
import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.classify.BlockAssessment;
import dev.authaudit.classify.BlockCause;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.correlate.EventClock;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.Parsed;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Explains one lfd block from the lines lfd handed to its hook, with the same rules and classifiers as
 * {@code scan}: each line is parsed, the events and the block go through a fresh {@link Auditor} on an
 * event clock, and the block's cause comes out as {@code scan} would report it. lfd's message is
 * parsed by the lfd rules (it is hostile text) only to learn the hit count and window it states; the
 * address, permanence and trigger come from the validated arguments.
 */
public final class LfdBlockExplainer {
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private final LineParser parser;
    private final ZoneId zone;
    private final CsfConfig csf;

    /**
     * @param zone the server's zone, for the block's time
     * @param csf the server's csf.conf, to explain the block against its thresholds
     */
    public LfdBlockExplainer(LineParser parser, ZoneId zone, CsfConfig csf) {
        this.parser = parser;
        this.zone = zone;
        this.csf = csf;
    }

    /**
     * What the lines showed.
     *
     * @param block the block's assessment
     * @param accounts the verdicts on the logins in the lines
     * @param auditor the auditor that read them (its correlator holds the evidence for a notice)
     * @param events how many of the lines became events
     */
    public record Outcome(BlockAssessment block, List<AccountAssessment> accounts, Auditor auditor, int events) {
    }

    /**
     * Explains {@code r}, received at {@code now}.
     */
    public Outcome explain(LfdBlockReport r, Instant now) {
        List<LogEvent> events = new ArrayList<>();
        int n = 0;
        for (String line : r.logs()) {
            Parsed p = parser.parse(new RawLine("BLOCK_REPORT", ++n, line), now);
            if (p.status() == Parsed.Status.EVENT && !(p.event() instanceof FirewallBlock)) {
                events.add(p.event());
            }
        }
        events.sort(Comparator.comparing(LogEvent::instant));
        Instant at = events.isEmpty() || events.get(events.size() - 1).instant().isBefore(now) ? now
                : events.get(events.size() - 1).instant();
        Auditor auditor = Auditor.builder().clock(new EventClock(Instant.EPOCH)).csf(csf).build();
        events.forEach(auditor::accept);
        auditor.accept(block(r, at, now));
        AuditResult result = auditor.finish();
        BlockAssessment b = result.blocks().isEmpty() ? null : result.blocks().get(result.blocks().size() - 1);
        return new Outcome(b, result.accounts(), auditor, events.size());
    }

    /** Builds the block event: the validated arguments, plus the count and window lfd's message states. */
    private FirewallBlock block(LfdBlockReport r, Instant at, Instant now) {
        OffsetDateTime time = at.atZone(zone).toOffsetDateTime();
        FirewallBlock stated = statedBy(r, now);
        Origin origin = new Origin("lfd", "hook.lfd-block", "BLOCK_REPORT", 0);
        Long duration = r.permanent() ? null : (Long) r.timeoutS();
        return new FirewallBlock(time, origin, r.ip(), stated == null ? null : stated.account(),
                stated == null ? Protocol.OTHER : stated.protocol(), null, r.trigger(),
                stated == null ? null : stated.hits(), stated == null ? null : stated.intervalS(), duration,
                r.permanent(), r.ports(), stated == null ? null : stated.app(), r.message());
    }

    private FirewallBlock statedBy(LfdBlockReport r, Instant now) {
        // the message is lfd's block line without its suffix; put the suffix back and let the lfd rules read it
        String line = SYSLOG.format(now.atZone(zone)) + " localhost lfd[1]: " + r.message() + " - *Blocked in csf*"
                + (r.permanent() ? "" : " for " + r.timeoutS() + " secs") + " [" + r.trigger() + "]";
        Parsed p = parser.parse(new RawLine("BLOCK_REPORT", 0, line), now, "lfd");
        if (p.event() instanceof FirewallBlock b && r.ip().equals(b.ip())) {
            return b;
        }
        return null;
    }

    /** Returns true when the cause leaves room for what the state knows. */
    static boolean undecided(BlockAssessment b) {
        return b == null || b.cause() == BlockCause.UNKNOWN;
    }
}
