package dev.authaudit.correlate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Everything the correlator learned in a run, for classification and the report.
 *
 * @param from the first event time seen, or null when there were no events
 * @param to the last event time seen, or null
 * @param offset the UTC offset of the first event, to print times as the logs did
 * @param accounts every login still held (bounded by {@link CorrelationSettings#maxAccounts()})
 * @param ips every address still held
 * @param blocks every block kept, in the order seen
 * @param omitted what the bounds left out, counted
 * @param stats counts of what was read and how it was paired
 * @param explainSubject the subject whose timeline was kept, or null
 * @param timeline that subject's events in order (empty without a subject)
 * @param timelineOmitted events of the subject beyond the timeline's cap
 */
public record CorrelationResult(Instant from, Instant to, ZoneOffset offset, List<AccountEvidence> accounts,
                                List<IpEvidence> ips, List<BlockEvidence> blocks, Omitted omitted, Stats stats,
                                ExplainFilter explainSubject, List<TimelineEntry> timeline, long timelineOmitted) {
    public CorrelationResult {
        accounts = List.copyOf(accounts);
        ips = List.copyOf(ips);
        blocks = List.copyOf(blocks);
        timeline = List.copyOf(timeline);
    }

    /**
     * What the memory bounds left out of a run, so a report can say so instead of silently shrinking.
     *
     * @param accounts logins evicted from the summary store
     * @param ips addresses evicted from the summary store
     * @param blocks blocks beyond the kept number
     */
    public record Omitted(long accounts, long ips, long blocks) {
    }

    /**
     * Counts of what the correlator read.
     *
     * @param events events accepted
     * @param attempts failure lines counted after pairing
     * @param pairedDetails detail lines joined to a primary line
     * @param loneDetails detail lines counted on their own
     * @param outboundDrops drops ignored because they were outbound
     */
    public record Stats(long events, long attempts, long pairedDetails, long loneDetails, long outboundDrops,
                        long syslogCopies) {
        /** Returns stats without syslog copies. */
        public Stats(long events, long attempts, long pairedDetails, long loneDetails, long outboundDrops) {
            this(events, attempts, pairedDetails, loneDetails, outboundDrops, 0);
        }
    }
}
