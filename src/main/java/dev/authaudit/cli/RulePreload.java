package dev.authaudit.cli;

import dev.authaudit.rules.RuleSet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The shipped rules read on a thread of their own while picocli builds the command line: reading the
 * YAML and compiling the patterns is about a sixth of a second of a cold start, and building the
 * command tree about as much, one after the other on the main thread before. The thread reads the
 * files first to last; a command that takes the rules before it is done reads the files not yet
 * started itself, last to first ({@link RuleSet.Loading}), instead of only waiting. A command takes the
 * rule set only when it asks for exactly the folders read ahead (no {@code --rules}, no
 * {@code --rules-dir}); otherwise it reads its own, and what was read ahead is dropped.
 */
public final class RulePreload {
    private final List<Path> dirs;
    /** The folders listed (on the thread): the files to read. */
    private final FutureTask<RuleSet.Loading> listing;

    private RulePreload(Path dir) {
        this.dirs = List.of(dir);
        this.listing = new FutureTask<>(() -> RuleSet.Loading.of(dirs));
    }

    /** Starts reading the rules of {@code dir} on a daemon thread. */
    public static RulePreload start(Path dir) {
        RulePreload p = new RulePreload(dir);
        Thread t = new Thread(p::read, "authaudit-rules");
        t.setDaemon(true);
        t.start();
        return p;
    }

    private void read() {
        listing.run();
        try {
            listing.get().help();
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            // take() reports it (a file that does not load fails there, as reading it would)
        }
    }

    /**
     * Returns the rule set of {@code wanted} when those are the folders read ahead (reading what is not
     * started yet, and waiting for the rest), else null. A rule file that does not load throws here what
     * {@link RuleSet#load} throws.
     */
    public RuleSet take(List<Path> wanted) {
        if (!dirs.equals(wanted)) {
            return null;
        }
        RuleSet.Loading loading;
        listing.run(); // nothing when the thread has listed the folders or is listing them
        try {
            loading = listing.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error x) {
                throw x;
            }
            throw new IllegalStateException("reading the rules failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return loading.get();
    }
}
