package dev.authaudit.act.notice;

import java.util.List;

/**
 * What one {@link NoticeDispatcher#dispatchDue} call did.
 *
 * @param sent notices accepted by the SMTP server
 * @param drafted notices written as drafts
 * @param retrying notices that failed and will be tried again
 * @param failed notices given up on
 * @param held notices kept queued by the global brake or for want of an SMTP server
 * @param problems one line per failure, for the admin
 */
public record DispatchResult(int sent, int drafted, int retrying, int failed, int held, List<String> problems) {
    /** Copies the list. */
    public DispatchResult {
        problems = List.copyOf(problems);
    }

    /** Returns true when a delivery failed (retrying or given up). */
    public boolean anyFailure() {
        return retrying > 0 || failed > 0;
    }
}
