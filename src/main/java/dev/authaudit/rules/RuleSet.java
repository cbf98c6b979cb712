package dev.authaudit.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;

/**
 * The immutable set of parser rules in force: the shipped files, with site rules from later
 * directories replacing shipped ones of the same id (fail2ban's {@code .local} idea) or adding new ones.
 */
public final class RuleSet {
    private final List<RuleFile> files;
    private final Map<String, ParserRule> byId;

    private RuleSet(List<RuleFile> files) {
        this.files = List.copyOf(files);
        Map<String, ParserRule> ids = new LinkedHashMap<>();
        for (RuleFile f : files) {
            for (ParserRule r : f.rules()) {
                ids.put(r.id(), r);
            }
        }
        this.byId = Map.copyOf(ids);
    }

    /** Returns the rule files, one per source, in load order. */
    public List<RuleFile> files() {
        return files;
    }

    /** Returns the rule with this id, or null. */
    public ParserRule rule(String id) {
        return byId.get(id);
    }

    /** Returns every rule, in file order. */
    public List<ParserRule> rules() {
        List<ParserRule> all = new ArrayList<>();
        files.forEach(f -> all.addAll(f.rules()));
        return all;
    }

    /** Returns the source words, in load order. */
    public List<String> sources() {
        return files.stream().map(RuleFile::source).toList();
    }

    /** Returns a rule set of the given files, as they are. */
    public static RuleSet of(List<RuleFile> files) {
        return new RuleSet(files);
    }

    /**
     * Loads every {@code *.yaml} / {@code *.yml} under each directory (its {@code parsers/} folder when
     * it has one); a later directory overrides an earlier one by rule id.
     *
     * @throws RuleException if a directory is missing or a file or rule is invalid
     */
    public static RuleSet load(List<Path> dirs) {
        return Loading.of(dirs).get();
    }

    /**
     * A reading of rule folders that several threads can share: each file is read and its patterns
     * compiled by whichever thread comes to it first ({@link #help}), and {@link #get} puts the files
     * together in folder and name order, exactly as one thread reading them in turn would (the same
     * rule set, and the same first error: a folder that is missing or a file that does not load is
     * reported in that order, whichever thread met it). {@code RulePreload} reads the shipped rules on a
     * thread of its own while the main thread parses the command line; the main thread, once it needs
     * them, reads the files not yet started itself instead of only waiting.
     */
    public static final class Loading {
        /** Per folder, in order: its files to read, or why it cannot be listed. */
        private final List<List<FutureTask<RuleFile>>> files;
        private final List<RuleException> unlisted;
        /** Every file's task in order, for the helpers. */
        private final List<FutureTask<RuleFile>> all;
        /** The rule set, once put together (every caller of {@link #get} gets the same). */
        private RuleSet done;

        private Loading(List<List<FutureTask<RuleFile>>> files, List<RuleException> unlisted) {
            this.files = files;
            this.unlisted = unlisted;
            List<FutureTask<RuleFile>> flat = new ArrayList<>();
            files.forEach(flat::addAll);
            this.all = flat;
        }

        /** Lists the folders (reading nothing yet). */
        public static Loading of(List<Path> dirs) {
            List<List<FutureTask<RuleFile>>> files = new ArrayList<>();
            List<RuleException> unlisted = new ArrayList<>();
            for (Path dir : dirs) {
                List<FutureTask<RuleFile>> tasks = new ArrayList<>();
                RuleException problem = null;
                try {
                    for (Path y : list(dir)) {
                        tasks.add(new FutureTask<>(() -> new RuleLoader().load(y)));
                    }
                } catch (RuleException e) {
                    problem = e;
                }
                files.add(tasks);
                unlisted.add(problem);
            }
            return new Loading(files, unlisted);
        }

        /** Reads, on the calling thread, the files no thread has started, first to last. */
        public void help() {
            for (FutureTask<RuleFile> t : all) {
                t.run(); // does nothing when another thread started it
            }
        }

        /** As {@link #help}, last to first: a second thread meets the first in the middle. */
        private void helpFromTheEnd() {
            for (int i = all.size() - 1; i >= 0; i--) {
                all.get(i).run();
            }
        }

        /**
         * Reads what is not started yet on this thread, waits for the rest and returns the rule set (the
         * same one to every caller).
         *
         * @throws RuleException if a directory is missing or a file or rule is invalid (the first in order)
         */
        public RuleSet get() {
            helpFromTheEnd();
            synchronized (this) {
                if (done == null) {
                    done = merge();
                }
                return done;
            }
        }

        private RuleSet merge() {
            Merge merge = new Merge();
            for (int d = 0; d < files.size(); d++) {
                if (unlisted.get(d) != null) {
                    throw unlisted.get(d);
                }
                for (FutureTask<RuleFile> t : files.get(d)) {
                    merge.add(result(t));
                }
                merge.endOfFolder();
            }
            return merge.result();
        }

        private static RuleFile result(FutureTask<RuleFile> t) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return t.get();
                    } catch (InterruptedException e) {
                        interrupted = true; // the file is being read by another thread: its result is needed
                    }
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error x) {
                    throw x;
                }
                throw new IllegalStateException("reading a rule file failed", e.getCause());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Puts the files together one at a time, in folder and name order: a later folder's rule replaces
     * one of the same id; the same id twice within a folder is an error.
     */
    private static final class Merge {
        private final Map<String, List<ParserRule>> bySource = new LinkedHashMap<>();
        private final Map<String, RuleFile> fileOfSource = new LinkedHashMap<>();
        private final Map<String, String> idOwner = new HashMap<>();
        private Map<String, String> seenHere = new HashMap<>();
        private boolean first = true;

        void add(RuleFile f) {
            fileOfSource.putIfAbsent(f.source(), f);
            List<ParserRule> rules = bySource.computeIfAbsent(f.source(), k -> new ArrayList<>());
            for (ParserRule r : f.rules()) {
                String here = seenHere.put(r.id(), f.file());
                if (here != null) {
                    throw new RuleException(f.file(), r.yamlLine(), r.id(),
                            "id is also used in " + here + "; rule ids must be unique");
                }
                String owner = idOwner.get(r.id());
                if (owner != null && !first) {
                    // a site rule replaces the shipped rule of the same id, in its place
                    for (List<ParserRule> list : bySource.values()) {
                        list.removeIf(old -> old.id().equals(r.id()));
                    }
                } else if (owner != null) {
                    throw new RuleException(f.file(), r.yamlLine(), r.id(), "id is also used in " + owner);
                }
                idOwner.put(r.id(), f.file());
                rules.add(r);
            }
            RuleFile base = fileOfSource.get(f.source());
            if (base != f) {
                // a site file of a shipped source adds its gate literals and program names
                fileOfSource.put(f.source(), new RuleFile(f.source(), base.description(),
                        union(base.gate(), f.gate()), union(base.programs(), f.programs()),
                        union(base.processes(), f.processes()), union(base.containers(), f.containers()),
                        base.attackerControlled(), List.of(), base.file()));
            }
        }

        void endOfFolder() {
            seenHere = new HashMap<>();
            first = false;
        }

        RuleSet result() {
            List<RuleFile> out = new ArrayList<>();
            for (Map.Entry<String, List<ParserRule>> e : bySource.entrySet()) {
                RuleFile f = fileOfSource.get(e.getKey());
                out.add(new RuleFile(f.source(), f.description(), f.gate(), f.programs(), f.processes(), f.containers(),
                        f.attackerControlled(), e.getValue(), f.file()));
            }
            return new RuleSet(out);
        }
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(x -> !out.contains(x)).forEach(out::add);
        return out;
    }

    private static List<Path> list(Path dir) {
        Path root = Files.isDirectory(dir.resolve("parsers")) ? dir.resolve("parsers") : dir;
        if (!Files.isDirectory(root)) {
            throw new RuleException(dir.toString(), 1, null,
                    "rules folder not found; pass --rules DIR or set AUTHAUDIT_HOME to the install folder");
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.startsWith(".");
            }).sorted().toList();
        } catch (IOException e) {
            throw new RuleException(dir.toString(), 1, null, "cannot list the rules folder: " + e.getMessage());
        }
    }
}
