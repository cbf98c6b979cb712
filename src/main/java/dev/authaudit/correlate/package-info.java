/**
 * Joins events into evidence. {@link dev.authaudit.correlate.Correlator} takes events in event-time
 * order, pairs Dovecot detail lines with their primary line, keeps compact per-address, per-login and
 * per-(address, login) state behind a {@link dev.authaudit.correlate.CorrelationStore} (Caffeine caches
 * that expire in event time through an {@link dev.authaudit.correlate.EventClock}), joins each firewall
 * block to the failures and drops that led to it, and hands immutable evidence records to the classify
 * stage. It never reads the wall clock and does no I/O.
 */
package dev.authaudit.correlate;
