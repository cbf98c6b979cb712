package dev.authaudit.correlate;

import dev.authaudit.event.Protocol;

/**
 * A failure remembered in an address's window, for joining a later block to it. Without the failure's port,
 * which no block reads: held for each address in the table, it kept a boxed port alive per address.
 */
record RecentFailure(long timeMs, String account, Protocol protocol, int count, String passwordFp) {
}
