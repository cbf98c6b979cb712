package dev.authaudit.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        RuleLoader loader = new RuleLoader();
        Map<String, List<ParserRule>> bySource = new LinkedHashMap<>();
        Map<String, RuleFile> fileOfSource = new LinkedHashMap<>();
        Map<String, String> idOwner = new HashMap<>();
        boolean first = true;
        for (Path dir : dirs) {
            List<Path> yamls = list(dir);
            Map<String, String> seenHere = new HashMap<>();
            for (Path y : yamls) {
                RuleFile f = loader.load(y);
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
            first = false;
        }
        List<RuleFile> out = new ArrayList<>();
        for (Map.Entry<String, List<ParserRule>> e : bySource.entrySet()) {
            RuleFile f = fileOfSource.get(e.getKey());
            out.add(new RuleFile(f.source(), f.description(), f.gate(), f.programs(), f.processes(), f.containers(),
                    f.attackerControlled(), e.getValue(), f.file()));
        }
        return new RuleSet(out);
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
