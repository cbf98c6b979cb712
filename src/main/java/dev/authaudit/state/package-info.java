/**
 * What {@code watch} keeps across restarts besides the notice ledger: followers' checkpoints and a
 * bounded history of earlier positions, in their own tables of the same SQLite database
 * ({@code authaudit.db}). The schema code is separate from the ledger's so either can change alone.
 */
package dev.authaudit.state;
