/**
 * The first stage: turns paths (files, rotated {@code .gz} archives, folders, stdin) into
 * {@link dev.authaudit.ingest.RawLine}s, oldest rotation first. Damaged input (binary bytes, invalid
 * UTF-8, oversized lines, truncated archives, unreadable files) is counted per file in
 * {@link dev.authaudit.ingest.InputStats} and never stops the run. {@link dev.authaudit.ingest.TailSource}
 * is the live counterpart: it follows one path through rotation and reports its
 * {@link dev.authaudit.ingest.Checkpoint} for a {@link dev.authaudit.ingest.CheckpointStore} to keep.
 */
package dev.authaudit.ingest;
