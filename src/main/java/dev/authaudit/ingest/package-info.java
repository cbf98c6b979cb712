/**
 * The first stage: turns paths (files, rotated {@code .gz} archives, folders, stdin) into
 * {@link dev.authaudit.ingest.RawLine}s, oldest rotation first. Damaged input (binary bytes, invalid
 * UTF-8, oversized lines, truncated archives, unreadable files) is counted per file in
 * {@link dev.authaudit.ingest.InputStats} and never stops the run.
 */
package dev.authaudit.ingest;
