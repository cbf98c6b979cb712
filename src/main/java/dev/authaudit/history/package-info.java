/**
 * History: daily aggregates of what {@code scan} and {@code watch} found, kept in the state database so
 * {@code authaudit report --period 7d} works after the logs have rotated away.
 * {@link dev.authaudit.history.DayRollup} turns one run's report into {@link dev.authaudit.history.DayAggregate}s,
 * {@link dev.authaudit.history.HistoryStore} keeps one per day (a run that covers at least as much of a day
 * replaces it, so re-scanning the same logs never counts twice), and
 * {@link dev.authaudit.history.HistorySummary} sums a period for the writers.
 */
package dev.authaudit.history;
