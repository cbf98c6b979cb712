package dev.authaudit.classify;

import dev.authaudit.correlate.TimelineEntry;
import java.util.List;

/**
 * The story of one address or login: its events in order, each with file and line, then its verdict,
 * the reasons, and the blocks that hit it, explained.
 *
 * @param subject the address or login asked about
 * @param address true when the subject is an address
 * @param timelineOmitted events beyond the timeline's cap
 * @param verdict the report-v1 word, or null when the subject never appeared in a failure or block
 */
public record Explanation(String subject, boolean address, List<TimelineEntry> timeline, long timelineOmitted,
                          String verdict, double confidence, List<String> reasons, List<BlockAssessment> blocks,
                          AccountAssessment account, java.util.Map<String, SourceRole> roles) {
    /**
     * @param account for a login, its verdict with its sources and their roles; null for an address
     * @param roles for an address, its role for each login it used (login to role); empty for a login
     */
    public Explanation {
        timeline = List.copyOf(timeline);
        reasons = List.copyOf(reasons);
        blocks = List.copyOf(blocks);
        roles = roles == null ? java.util.Map.of() : java.util.Map.copyOf(roles);
    }

    /** Returns an explanation without source roles. */
    public Explanation(String subject, boolean address, List<TimelineEntry> timeline, long timelineOmitted,
                       String verdict, double confidence, List<String> reasons, List<BlockAssessment> blocks) {
        this(subject, address, timeline, timelineOmitted, verdict, confidence, reasons, blocks, null, null);
    }
}
