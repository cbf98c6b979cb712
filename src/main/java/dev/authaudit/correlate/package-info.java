/**
 * Joins events into evidence. {@link dev.authaudit.correlate.Correlator} takes events in event-time
 * order, pairs Dovecot detail lines with their primary line, keeps compact per-address, per-login and
 * per-(address, login) state behind a {@link dev.authaudit.correlate.CorrelationStore} (Caffeine caches
 * that expire by the {@code now} each call is given: event time in replay), joins each firewall
 * block to the failures and drops that led to it, and hands immutable evidence records to the classify
 * stage. It holds no clock, never reads the wall clock and does no I/O.
 *
 * <p>The per-event path is kept short: an address's network and its (address, login) key strings are
 * made once per run ({@code SubjectKeys}), and while a table vouches that nothing has left it
 * ({@link dev.authaudit.correlate.StateTable#generation}) a known device's login reuses the summaries it
 * was handed before instead of looking them up. Evidence records are built only when a login is judged
 * (at most every 10 s of event time per login while streaming) and at the end; address and block evidence
 * is not built while streaming unless a listener wants it. When, since a login was last judged, only its
 * totals can have moved (failures from addresses its source list does not itemise, no success or firewall
 * line in between, its sources' address summaries unchanged and still in their table), the listener is
 * asked whether its verdict stands ({@link dev.authaudit.correlate.CorrelationListener#keepsAccount})
 * before any evidence is built: a botnet's day against a few thousand logins is mostly such failures.
 * When besides the totals the list only took on sources, it is asked with their evidence alone (a targeted
 * login stays targeted when they are one-offs or attackers that are none of the customer's). The login's
 * summary carries its entry in the judgement throttle and the listener's own note of it
 * ({@link dev.authaudit.correlate.CorrelationListener.AccountSlot}), so such a judgement looks nothing up.
 */
package dev.authaudit.correlate;
