package dev.authaudit.ingest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Keeps followers' checkpoints across restarts, and a bounded history of earlier positions per file
 * so a restart can re-read a look-back window before the checkpoint to rebuild the correlator's memory.
 */
public interface CheckpointStore extends AutoCloseable {

    /** Returns the checkpoint of {@code path}, if one was saved. */
    Optional<Checkpoint> load(String path);

    /** Returns when the checkpoint of {@code path} was last saved, if ever. */
    Optional<Instant> savedAt(String path);

    /** Returns every saved checkpoint, by path. */
    List<Checkpoint> all();

    /**
     * Saves the checkpoints in one transaction and records them as history marks where the last mark
     * of that path is older than the store's mark interval.
     *
     * @param at the wall-clock time of the save (history marks are found by it)
     */
    void save(Collection<Checkpoint> checkpoints, Instant at);

    /**
     * Saves the checkpoints as {@link #save(Collection, Instant)} does and records {@code handled}, the
     * lines handed over since the last save, in the same transaction.
     */
    void save(Collection<Checkpoint> checkpoints, Instant at, java.util.List<HandledLine> handled);

    /**
     * Returns the position to start the look-back from: the latest mark of the same file (inode) saved
     * at or before {@code notAfter}, or empty when there is none (the caller then bounds the look-back
     * itself).
     */
    Optional<Checkpoint> lookBackFrom(String path, long inode, Instant notAfter);

    /**
     * Records that a warm-up starts and returns how many warm-ups before it in a row were interrupted
     * (the process ended before {@link #warmUpFinished}): a service in a restart loop shortens its
     * warm-up instead of never getting past it.
     */
    int warmUpStarted();

    /** Records that the warm-up in progress ended (finished or cut short by its budget). */
    void warmUpFinished();

    /** Closes the store; further calls fail. */
    @Override
    void close();
}
