package dev.authaudit.correlate;

import dev.authaudit.event.Protocol;

/** A failure remembered in an address's window, for joining a later block to it. */
record RecentFailure(long timeMs, String account, Protocol protocol, Integer port, int count, String passwordFp) {
}
