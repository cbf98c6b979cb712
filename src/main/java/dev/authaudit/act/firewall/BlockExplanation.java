package dev.authaudit.act.firewall;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Why a block happened, as the hook worked it out from lfd's log lines and the state.
 *
 * @param cause the report-v1 block cause word
 * @param confidence 0..1
 * @param account the customer login behind the block, or null
 * @param knownCustomer true when that login has a success on record
 * @param noticeStatus the customer's notice status ({@code sent}, {@code drafted}, {@code queued},
 *     {@code suppressed}, ...), or null when there is none
 * @param reasons the evidence, each a sentence an admin can read (hostile text already cleaned)
 */
public record BlockExplanation(String cause, double confidence, String account, boolean knownCustomer,
                               String noticeStatus, List<String> reasons) {
    public BlockExplanation {
        requireNonNull(cause, "cause");
        reasons = List.copyOf(reasons);
    }
}
