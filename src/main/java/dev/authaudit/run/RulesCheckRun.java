package dev.authaudit.run;

import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.parse.Envelope;
import dev.authaudit.parse.FileParser;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.Parsed;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.rules.RuleFile;
import dev.authaudit.rules.RuleSet;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code rules check}: every line of the inputs (or one line) through the rules, counted per rule and
 * per program, with the lines of a known source that no rule read. How it is printed, and the exit code, are the
 * caller's.
 */
public final class RulesCheckRun {
    /** Past this many programs, a new one is not counted (a file of random tags must not fill the memory). */
    private static final int MAX_PROGRAMS = 10_000;
    /** The programs whose lines look like Dovecot's, at most this many. */
    private static final int MAX_DOVECOT_LIKE = 10;
    /** The start of a Dovecot message: a login process's or the auth process's name. */
    private static final Pattern DOVECOT_SHAPE = Pattern.compile(
            "(?:imap|pop3|submission|managesieve)-login: |auth(?:-worker)?(?:\\([^)]{0,80}\\))?: ");

    /**
     * What to check.
     *
     * @param inputs the files, archives, folders or stdin to read ({@link InputSet#of}), or null for one line
     * @param years caps the year reference of year-less files (see {@link YearAnchor}); unused for one line
     * @param source only this source's rules, or null for all
     * @param maxMissed keep at most this many missed lines (0 keeps none; they are still counted)
     */
    public record Settings(InputSet inputs, YearAnchor years, String source, int maxMissed) {
    }

    /**
     * A line of a known source that no rule could use: no rule read it (skipped), or a rule read it and a
     * value or its time could not be used.
     *
     * @param problem why a rule's match could not be used, or null
     * @param text the line as the parser shows it
     */
    public record Missed(String file, long line, String source, Parsed.Status status, String problem, String text) {
    }

    /**
     * The lines of one program (per container) and the rule files that read them.
     *
     * @param key the container's word, then the program's name when there is one
     * @param claimedBy which rule files read the program's lines, as a phrase
     */
    public record Program(String key, long lines, long events, String claimedBy) {
    }

    /**
     * What the rules made of the inputs.
     *
     * @param hits lines read per rule id, every rule of the source(s) checked, in the rule files' order (0 for a
     *     rule that never matched)
     * @param programs per program, in the order of their keys
     * @param dovecotLike programs no rule file claims whose lines look like Dovecot's, with an example of that start
     * @param missed the first missed lines, at most {@link Settings#maxMissed}
     * @param missedTotal how many lines were missed in all
     * @param stats each input's counts and problems, in the order read
     * @param inputTrouble an input could not be read, or was damaged
     */
    public record Outcome(Map<String, Long> hits, List<Program> programs, Map<String, String> dovecotLike,
                          List<Missed> missed, long missedTotal, List<InputStats> stats, boolean inputTrouble) {
    }

    /**
     * What the rules make of one line.
     *
     * @param envelope the line's container and program
     * @param claimedBy which rule files read the program's lines, as a phrase
     * @param parsed what the rules made of it
     */
    public record LineCheck(Envelope envelope, String claimedBy, Parsed parsed) {
    }

    private final Settings settings;
    private final LineParser parser;
    private final RuleSet rules;
    private final Clock clock;
    private final InputStream stdin;

    /**
     * @param clock the wall clock: the year reference of an input without a modification time (stdin, one line)
     * @param stdin what the input {@code -} reads
     */
    public RulesCheckRun(Settings settings, LineParser parser, RuleSet rules, Clock clock, InputStream stdin) {
        this.settings = settings;
        this.parser = parser;
        this.rules = rules;
        this.clock = clock;
        this.stdin = stdin;
    }

    /** Reads every input through the rules and counts what each rule read. */
    public Outcome run() {
        String source = settings.source();
        Map<String, Long> hits = new LinkedHashMap<>();
        for (RuleFile f : rules.files()) {
            if (source == null || source.equals(f.source())) {
                f.rules().forEach(r -> hits.put(r.id(), 0L));
            }
        }
        List<InputStats> stats = new ArrayList<>();
        List<Missed> missed = new ArrayList<>();
        long missedTotal = 0;
        Map<String, long[]> programs = new TreeMap<>();
        Map<String, String> claimedBy = new HashMap<>();
        Map<String, String> dovecotLike = new HashMap<>();
        for (InputFile f : settings.inputs().files()) {
            Instant ref = settings.years().reference(f.modified() != null ? f.modified() : clock.instant());
            try (FileParser fp = new FileParser(f, parser, ref, stdin, source).decodeAll()) {
                Parsed p;
                while ((p = fp.next()) != null) {
                    tallyProgram(fp.current().text(), p, programs, claimedBy, dovecotLike);
                    if (p.ruleId() != null) {
                        hits.merge(p.ruleId(), 1L, Long::sum);
                    }
                    boolean gap = p.status() == Parsed.Status.SKIPPED || p.status() == Parsed.Status.INVALID
                            || p.status() == Parsed.Status.UNTIMED;
                    if (gap) {
                        missedTotal++;
                        if (missed.size() < settings.maxMissed()) {
                            RawLine raw = fp.current();
                            missed.add(new Missed(raw.file(), raw.line(), p.source(), p.status(), p.problem(),
                                    p.text()));
                        }
                    }
                }
                stats.add(fp.stats());
            }
        }
        List<Program> counted = new ArrayList<>();
        programs.forEach((key, n) -> counted.add(new Program(key, n[0], n[1], claimedBy.get(key))));
        boolean trouble = !settings.inputs().problems().isEmpty() || stats.stream().anyMatch(InputStats::damaged);
        return new Outcome(Collections.unmodifiableMap(hits), List.copyOf(counted),
                Collections.unmodifiableMap(dovecotLike), List.copyOf(missed), missedTotal, List.copyOf(stats),
                trouble);
    }

    /** Reads one line through the rules, as if it were written now. */
    public LineCheck checkLine(String line) {
        RawLine raw = new RawLine("--line", 1, line);
        Envelope env = parser.envelope(line);
        String claimed = claimants(env);
        return new LineCheck(env, claimed, parser.parse(raw, clock.instant(), settings.source()));
    }

    /** Counts a line under its container and program, and remembers who claims that program. */
    private void tallyProgram(String text, Parsed p, Map<String, long[]> programs, Map<String, String> claimedBy,
                              Map<String, String> dovecotLike) {
        Envelope env = parser.envelope(text);
        String key = env.container().word() + (env.program() == null ? "" : " " + env.program());
        long[] n = programs.get(key);
        if (n == null) {
            if (programs.size() >= MAX_PROGRAMS) {
                return;
            }
            n = new long[2];
            programs.put(key, n);
            claimedBy.put(key, claimants(env));
        }
        n[0]++;
        if (p.status() == Parsed.Status.EVENT) {
            n[1]++;
        }
        if (env.container() == Envelope.Container.SYSLOG && parser.claimants(env) == 0 && !dovecotLike.containsKey(key)
                && dovecotLike.size() < MAX_DOVECOT_LIKE) {
            String msg = text.substring(env.messageStart());
            Matcher m = DOVECOT_SHAPE.matcher(msg);
            if (m.lookingAt()) {
                dovecotLike.put(key, m.group());
            }
        }
    }

    private String claimants(Envelope env) {
        List<String> by = new ArrayList<>();
        for (String src : rules.sources()) {
            if (parser.claims(env, src)) {
                by.add(src);
            }
        }
        return by.isEmpty() ? "no rule file: no events" : "read by " + String.join(", ", by);
    }
}
