package dev.authaudit.rules;

import com.google.re2j.PatternSyntaxException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one rule file. It walks SnakeYAML's node tree rather than binding to classes so that every
 * error can name the line it is on.
 */
public final class RuleLoader {
    private static final Set<String> FILE_KEYS = Set.of("source", "description", "gate", "programs", "processes",
            "containers", "attacker_controlled", "rules", "notes");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "emits", "require", "require_any", "pattern", "template", "set",
            "notes", "examples", "counter_examples");
    private static final Set<String> EXAMPLE_KEYS = Set.of("line", "expect", "why");
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9_]+(?:\\.[a-z0-9_-]+)+");
    private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile("[a-z0-9_-]+");

    /**
     * Loads and validates one YAML rule file.
     *
     * @throws RuleException if the file cannot be read or a rule is invalid
     */
    public RuleFile load(Path path) {
        String name = path.toString();
        Node root;
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            // what Yaml.compose does, without building a Yaml: its constructor and representer (and
            // through them java.util.logging) were about a third of reading the shipped rules cold
            root = new Composer(new ParserImpl(new StreamReader(r), options), new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new RuleException(name, line, null, "not valid YAML: " + e.getProblem()
                    + "; check indentation and quote patterns with single quotes");
        } catch (IOException e) {
            throw new RuleException(name, 1, null, "cannot read the rule file: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new RuleException(name, 1, null, "not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode map)) {
            throw new RuleException(name, 1, null,
                    "a rule file is a mapping with 'source', 'gate' and 'rules'; see rules/parsers/exim.yaml");
        }
        Map<String, Node> top = entries(name, map, FILE_KEYS, null);
        String source = scalar(name, top, "source", null, true);
        if (!SOURCE.matcher(source).matches()) {
            throw new RuleException(name, line(top.get("source")), null,
                    "source '" + source + "' must be a lower-case word such as exim or dovecot");
        }
        String description = scalar(name, top, "description", null, false);
        List<String> gate = strings(name, top, "gate", null);
        if (gate.isEmpty() && top.get("rules") != null) {
            throw new RuleException(name, line(map), null,
                    "'gate' needs at least one literal that every line of this source contains,"
                            + " so unrelated lines cost one scan");
        }
        List<String> programs = strings(name, top, "programs", null);
        List<String> processes = strings(name, top, "processes", null);
        List<String> containers = strings(name, top, "containers", null);
        for (String c : containers) {
            if (!RuleFile.CONTAINERS.contains(c)) {
                throw new RuleException(name, line(top.get("containers")), null, "container '" + c
                        + "' is not one of " + String.join(", ", RuleFile.CONTAINERS)
                        + "; syslog, journal and multilog lines are claimed by their program in 'programs'");
            }
        }
        for (String p : programs) {
            checkName(name, top.get("programs"), p, true);
        }
        for (String p : processes) {
            checkName(name, top.get("processes"), p, false);
        }
        Node rulesNode = top.get("rules");
        List<ParserRule> rules = new ArrayList<>();
        if (rulesNode == null && (!programs.isEmpty() || !processes.isEmpty())) {
            // a site file that only adds program names (e.g. Dovecot's instance_name) to a source
            return new RuleFile(source, description == null ? "" : description, gate, programs, processes,
                    containers, attacker(name, top.get("attacker_controlled")), rules, name);
        }
        if (!(rulesNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw new RuleException(name, rulesNode == null ? line(map) : line(rulesNode), null,
                    "'rules' must be a non-empty list of rules");
        }
        for (Node n : seq.getValue()) {
            rules.add(rule(name, source, n));
        }
        if (programs.isEmpty() && processes.isEmpty() && containers.isEmpty()) {
            throw new RuleException(name, line(map), null, "a rule file must say whose lines it reads: 'programs'"
                    + " (syslog tags such as dovecot or postfix/smtpd), 'processes' (names that begin a line of"
                    + " the daemon's own log) or 'containers' (exim-mainlog, csf-state); a line of a program"
                    + " no rule file claims gives no event");
        }
        return new RuleFile(source, description == null ? "" : description, gate, programs, processes, containers,
                attacker(name, top.get("attacker_controlled")), rules, name);
    }

    private static final java.util.regex.Pattern PROGRAM = java.util.regex.Pattern.compile("[A-Za-z0-9_.*/@-]{1,128}");

    /** Reads {@code attacker_controlled}: a mapping of field name to where the client's text is. */
    private static Map<String, String> attacker(String file, Node node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof MappingNode m)) {
            throw new RuleException(file, line(node), null, "'attacker_controlled' must be a mapping of field: where");
        }
        for (NodeTuple t : m.getValue()) {
            String key = text(file, t.getKeyNode(), null);
            if (!Fields.KNOWN.containsKey(key)) {
                throw new RuleException(file, line(t.getKeyNode()), null, "'attacker_controlled' names an unknown"
                        + " field '" + key + "'");
            }
            out.put(key, text(file, t.getValueNode(), null));
        }
        return out;
    }

    private static void checkName(String file, Node where, String name, boolean slash) {
        if (!PROGRAM.matcher(name).matches() || (!slash && name.indexOf('/') >= 0) || name.equals("*")) {
            throw new RuleException(file, line(where), null, "program name '" + name + "' must be letters, digits,"
                    + " '_', '.', '-'" + (slash ? ", '/'" : "") + " and '*' (any run of characters), not '*' alone");
        }
    }

    private ParserRule rule(String file, String source, Node node) {
        if (!(node instanceof MappingNode map)) {
            throw new RuleException(file, line(node), null, "each rule must be a mapping with id, emits and pattern");
        }
        Map<String, Node> m = entries(file, map, RULE_KEYS, null);
        String id = scalar(file, m, "id", null, true);
        if (!ID.matcher(id).matches()) {
            throw new RuleException(file, line(m.get("id")), id,
                    "id must be 'source.what' in lower case (e.g. " + source + ".auth-failed)");
        }
        String description = scalar(file, m, "description", id, false);
        String emitsWord = scalar(file, m, "emits", id, true);
        Emits emits = Emits.fromWord(emitsWord);
        if (emits == null) {
            throw new RuleException(file, line(m.get("emits")), id, "emits '" + emitsWord
                    + "' is not one of auth_failure, auth_success, firewall_drop, firewall_block, firewall_unblock,"
                    + " ignore");
        }
        String patternText = scalar(file, m, "pattern", id, true);
        RulePattern pattern;
        try {
            pattern = RulePattern.compileAnchored(patternText);
        } catch (PatternSyntaxException e) {
            throw new RuleException(file, line(m.get("pattern")), id, "pattern is not valid RE2 syntax: "
                    + e.getDescription() + " near '" + e.getPattern() + "'; RE2 has no backreferences or"
                    + " lookaround; write (?P<name>...) or (?<name>...) for named groups");
        }
        Set<String> groups = pattern.groups();
        for (String g : groups) {
            if (!Fields.KNOWN.containsKey(g)) {
                throw new RuleException(file, line(m.get("pattern")), id, "pattern has a named group '" + g
                        + "' that is not a field; use one of " + String.join(", ", new java.util.TreeSet<>(
                        Fields.KNOWN.keySet())) + ", or make it a plain group (...)");
            }
        }
        Map<String, String> set = new LinkedHashMap<>();
        Node setNode = m.get("set");
        if (setNode != null) {
            if (!(setNode instanceof MappingNode sm)) {
                throw new RuleException(file, line(setNode), id, "'set' must be a mapping of field: value");
            }
            for (NodeTuple t : sm.getValue()) {
                String key = text(file, t.getKeyNode(), id);
                String value = text(file, t.getValueNode(), id);
                if (!Fields.KNOWN.containsKey(key)) {
                    throw new RuleException(file, line(t.getKeyNode()), id, "'set' names an unknown field '" + key
                            + "'; known fields: " + String.join(", ", new java.util.TreeSet<>(Fields.KNOWN.keySet())));
                }
                Set<String> words = Fields.WORDS.get(key);
                if (words != null && !words.contains(value.toLowerCase(Locale.ROOT))) {
                    throw new RuleException(file, line(t.getValueNode()), id, "'set' gives " + key + " the value '"
                            + value + "'; expected one of " + String.join(", ", new java.util.TreeSet<>(words)));
                }
                set.put(key, value);
            }
        }
        for (String need : emits.required()) {
            if (!groups.contains(need) && !set.containsKey(need)) {
                throw new RuleException(file, line(m.get("pattern")), id, "pattern has no named group '" + need
                        + "'; wrap it in (?P<" + need + ">...) or set 'emits: ignore'");
            }
        }
        List<String> require = strings(file, m, "require", id);
        List<String> requireAny = strings(file, m, "require_any", id);
        List<Example> examples = examples(file, m.get("examples"), id, true);
        List<Example> counter = examples(file, m.get("counter_examples"), id, false);
        if (examples.isEmpty()) {
            throw new RuleException(file, line(map), id,
                    "rule has no examples; add at least one real line under 'examples' with the fields it must give");
        }
        String notes = scalar(file, m, "notes", id, false);
        List<FieldTemplate> templates = new ArrayList<>();
        for (String t : strings(file, m, "template", id)) {
            try {
                FieldTemplate ft = FieldTemplate.compile(t);
                for (String f : ft.fields()) {
                    if (!groups.contains(f)) {
                        throw new IllegalArgumentException("field '" + f + "' is not a named group of the pattern,"
                                + " which must read the same fields");
                    }
                }
                templates.add(ft);
            } catch (IllegalArgumentException e) {
                throw new RuleException(file, line(m.get("template")), id, "template '" + t + "': " + e.getMessage());
            }
        }
        return new ParserRule(id, source, description == null ? "" : description, emits, require, requireAny, pattern,
                groups, set, notes == null ? "" : notes, examples, counter, file, line(map), templates);
    }

    private List<Example> examples(String file, Node node, String id, boolean positive) {
        List<Example> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        String key = positive ? "examples" : "counter_examples";
        if (!(node instanceof SequenceNode seq)) {
            throw new RuleException(file, line(node), id, "'" + key + "' must be a list");
        }
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s && !positive) {
                out.add(new Example(s.getValue(), Map.of(), null, line(s)));
                continue;
            }
            if (!(item instanceof MappingNode im)) {
                throw new RuleException(file, line(item), id, "each entry of '" + key + "' is a mapping with 'line'"
                        + (positive ? " and 'expect'" : " and 'why'"));
            }
            Map<String, Node> e = entries(file, im, EXAMPLE_KEYS, id);
            String line = scalar(file, e, "line", id, true);
            Map<String, String> expect = new LinkedHashMap<>();
            Node ex = e.get("expect");
            if (ex != null) {
                if (!positive) {
                    throw new RuleException(file, line(ex), id, "a counter example has no 'expect'; say 'why' instead");
                }
                if (!(ex instanceof MappingNode em)) {
                    throw new RuleException(file, line(ex), id, "'expect' must be a mapping of field: value");
                }
                for (NodeTuple t : em.getValue()) {
                    Node v = t.getValueNode();
                    String value = v instanceof ScalarNode sv && "null".equals(sv.getValue())
                            && sv.getTag().getValue().endsWith(":null") ? null : text(file, v, id);
                    expect.put(text(file, t.getKeyNode(), id), value == null ? "null" : value);
                }
            }
            out.add(new Example(line, expect, scalar(file, e, "why", id, false), line(im)));
        }
        return out;
    }

    private static Map<String, Node> entries(String file, MappingNode map, Set<String> allowed, String id) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = text(file, t.getKeyNode(), id);
            if (!allowed.contains(key)) {
                throw new RuleException(file, line(t.getKeyNode()), id, "unknown key '" + key + "'; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + suggestion(key, allowed));
            }
            if (out.put(key, t.getValueNode()) != null) {
                // the composer keeps both (only SnakeYAML's constructor, not used here, refuses them): a
                // second 'pattern:' would silently replace the first
                throw new RuleException(file, line(t.getKeyNode()), id, "'" + key + "' is given twice; keep one");
            }
        }
        return out;
    }

    private static String suggestion(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String a : allowed) {
            int d = distance(key, a);
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Returns the Levenshtein distance of two short keys. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String scalar(String file, Map<String, Node> m, String key, String id, boolean required) {
        Node n = m.get(key);
        if (n == null) {
            if (required) {
                int where = m.isEmpty() ? 1 : line(m.values().iterator().next());
                throw new RuleException(file, where, id, "missing '" + key + "'");
            }
            return null;
        }
        String v = text(file, n, id);
        if (required && v.isBlank()) {
            throw new RuleException(file, line(n), id, "'" + key + "' must not be empty");
        }
        return v;
    }

    private static List<String> strings(String file, Map<String, Node> m, String key, String id) {
        Node n = m.get(key);
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n instanceof ScalarNode s) {
            out.add(s.getValue());
            return out;
        }
        if (!(n instanceof SequenceNode seq)) {
            throw new RuleException(file, line(n), id, "'" + key + "' must be a list of literal strings");
        }
        for (Node item : seq.getValue()) {
            String v = text(file, item, id);
            if (v.isEmpty()) {
                throw new RuleException(file, line(item), id, "'" + key + "' has an empty literal, which matches every line");
            }
            out.add(v);
        }
        return out;
    }

    private static String text(String file, Node n, String id) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new RuleException(file, line(n), id, "expected a plain value here, found a "
                + (n instanceof SequenceNode ? "list" : "mapping"));
    }

    private static int line(Node n) {
        return n == null || n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
    }
}
