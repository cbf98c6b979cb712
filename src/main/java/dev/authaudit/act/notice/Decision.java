package dev.authaudit.act.notice;

import static java.util.Objects.requireNonNull;

/**
 * What the policy decided for one candidate, and why.
 *
 * @param action send, draft or suppress
 * @param reason a sentence a mail admin can read, naming the evidence or the rule that applied
 */
public record Decision(Action action, String reason) {
    /** Checks the fields. */
    public Decision {
        requireNonNull(action, "action");
        requireNonNull(reason, "reason");
    }

    /** The three outcomes. */
    public enum Action {
        /** Deliver through SMTP. */
        SEND,
        /** Write a draft; mail nobody. */
        DRAFT,
        /** Hold back; the reason says why. */
        SUPPRESS
    }

    /** Returns a suppression with {@code reason}. */
    public static Decision suppress(String reason) {
        return new Decision(Action.SUPPRESS, reason);
    }
}
