package dev.authaudit.correlate;

/**
 * A firewall drop remembered in an address's window.
 *
 * @param retransmission true when it repeats an earlier drop's (source port, port) within the SYN
 *     retransmission window: the same connect attempt, not a new probe
 */
record RecentDrop(long timeMs, Integer port, Integer srcPort, boolean retransmission, String chain) {
}
