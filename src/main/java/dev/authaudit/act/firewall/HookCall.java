package dev.authaudit.act.firewall;

import java.time.Instant;
import java.util.List;

/**
 * One call of lfd's BLOCK_REPORT hook as the state recorded it: what lfd passed, how the block was
 * explained, what went wrong, and the actions decided. A rejected call has no address, only its
 * problem. Every string came from lfd's arguments or logs: escape it.
 *
 * @param ports the ports lfd named, or null
 * @param timeoutS the block's duration in seconds as lfd passed it, or null
 * @param logLines how many log lines lfd passed
 * @param cause the report-v1 cause word, or null when the call was not explained
 * @param confidence the cause's confidence, or null
 * @param noticeStatus what became of the customer notice, or null
 * @param problem what went wrong (several joined by "; "), or null
 */
public record HookCall(long id, Instant receivedAt, String ip, String ports, boolean permanent, String direction,
                       Long timeoutS, String trigger, String message, int logLines, String cause, Double confidence,
                       String account, boolean knownCustomer, String noticeStatus, List<String> reasons,
                       String problem, List<ActionRecord> actions) {
    public HookCall {
        reasons = List.copyOf(reasons);
        actions = List.copyOf(actions);
    }

    /** Returns true when lfd's arguments could not be read as a block. */
    public boolean rejected() {
        return ip == null;
    }

    HookCall withActions(List<ActionRecord> a) {
        return new HookCall(id, receivedAt, ip, ports, permanent, direction, timeoutS, trigger, message, logLines,
                cause, confidence, account, knownCustomer, noticeStatus, reasons, problem, a);
    }
}
