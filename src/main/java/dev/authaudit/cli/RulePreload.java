package dev.authaudit.cli;

import dev.authaudit.rules.RuleSet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The shipped rules read on a thread of their own while picocli builds the command line: reading the
 * YAML and compiling the patterns is about a sixth of a second of a cold start, and building the
 * command tree about as much, one after the other on the main thread before. A command takes the rule
 * set only when it asks for exactly the folders read ahead (no {@code --rules}, no {@code --rules-dir});
 * otherwise it reads its own, and what was read ahead is dropped.
 */
public final class RulePreload {
    private final List<Path> dirs;
    private final FutureTask<RuleSet> task;

    private RulePreload(Path dir) {
        this.dirs = List.of(dir);
        this.task = new FutureTask<>(() -> RuleSet.load(dirs));
    }

    /** Starts reading the rules of {@code dir} on a daemon thread. */
    public static RulePreload start(Path dir) {
        RulePreload p = new RulePreload(dir);
        Thread t = new Thread(p.task, "authaudit-rules");
        t.setDaemon(true);
        t.start();
        return p;
    }

    /**
     * Returns the rule set of {@code wanted} when those are the folders read ahead (waiting for it),
     * else null. A rule file that does not load throws here what {@link RuleSet#load} throws.
     */
    public RuleSet take(List<Path> wanted) {
        if (!dirs.equals(wanted)) {
            return null;
        }
        try {
            return task.get();
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
    }
}
