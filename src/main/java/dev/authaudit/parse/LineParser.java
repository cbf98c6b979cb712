package dev.authaudit.parse;

import dev.authaudit.rules.RulePattern;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Origin;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.rules.Emits;
import dev.authaudit.rules.FieldTemplate;
import dev.authaudit.rules.ParserRule;
import dev.authaudit.rules.RuleFile;
import dev.authaudit.rules.RuleSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one line into at most one event. Work is ordered by cost: the gate literals of every source
 * (one pass over the line for all of them, {@link GateScanner}) first, so the bulk of a mail log
 * (deliveries, cron, unrelated daemons) costs one scan; then each admitted source's rules, each
 * behind its own {@code require} literals; only then an RE2 (linear-time) match, the time stamp and
 * the field checks. Matched values travel by {@link FieldSlot}, not in a map.
 *
 * <p>Stateless apart from immutable tables and a lock-free table of logins that only picks which of equal
 * strings an event carries ({@link LoginInterner}), so one instance may serve several threads. A caller that
 * reads a file line by line passes a {@link Memo} of its own: consecutive lines of a log mostly share
 * their time stamp, and the memo spares them parsing and resolving it again.
 */
public final class LineParser {
    private final RuleSet rules;
    private final TimeResolver time;
    private final PasswordRedactor redactor;
    private final StampParser stamps = new StampParser();
    private final EventFactory factory = new EventFactory();
    private final GateScanner gates;
    private final RuleFile[] sources;
    private final Plan[][] plans;
    private final Claims claims;
    private final EnvelopeReader envelopes;
    /** The server name for lines whose header and input name none, or null. */
    private final String host;
    /** The gate bit of syslog's repeat wrapper (sources use the bits below it). */
    private static final int REPEAT_SOURCE = 63;
    private static final long REPEAT_BIT = 1L << REPEAT_SOURCE;

    /** A rule with its fields laid out by slot: the group feeding each slot and the constants. */
    private record Plan(ParserRule rule, int[] groupOfSlot, String[] constants, boolean readsPassword,
                        FieldTemplate[] templates, int[][] slotsOfTemplate) {
        static Plan of(ParserRule rule, boolean useTemplates) {
            int[] groups = new int[FieldSlot.COUNT];
            java.util.Arrays.fill(groups, -1);
            for (String g : rule.groups()) {
                int slot = FieldSlot.of(g);
                if (slot >= 0) {
                    groups[slot] = rule.pattern().groupIndex(g);
                }
            }
            String[] constants = new String[FieldSlot.COUNT];
            for (Map.Entry<String, String> c : rule.set().entrySet()) {
                int slot = FieldSlot.of(c.getKey());
                if (slot >= 0) {
                    constants[slot] = c.getValue();
                }
            }
            // only a rule that reads the server's "(given password: ...)" gets the cut password's
            // fingerprint; elsewhere the marker was client text (a login)
            FieldTemplate[] templates = useTemplates ? rule.templates().toArray(new FieldTemplate[0]) : new FieldTemplate[0];
            int[][] slots = new int[templates.length][];
            for (int t = 0; t < templates.length; t++) {
                slots[t] = templates[t].fields().stream().mapToInt(FieldSlot::of).toArray();
            }
            return new Plan(rule, groups, constants, rule.pattern().source().contains("given password"), templates, slots);
        }
    }

    /**
     * What one reader of one file remembers from its previous line: the time stamp as written and as
     * resolved. Not thread-safe; one per file being read.
     */
    public static final class Memo {
        private String line;
        private Stamp stamp;
        private Stamp resolvedStamp;
        private Instant resolvedReference;
        private OffsetDateTime resolved;
        /** The last resolved time found plausible (not in the future), or null. */
        private OffsetDateTime plausible;
        /** A line's field bounds and values, filled afresh for each line (nothing keeps them). */
        private int[] bounds;
        private String[] fields;
        private final FieldSpans spans = new FieldSpans();

        int[] bounds() {
            if (bounds == null) {
                bounds = new int[2 * FieldSlot.COUNT];
            }
            return bounds;
        }

        /** Returns the fields array, holding the rule's constants and nothing else (and no value in place). */
        String[] fields(String[] constants) {
            if (fields == null) {
                fields = new String[FieldSlot.COUNT];
            }
            System.arraycopy(constants, 0, fields, 0, FieldSlot.COUNT);
            spans.clear();
            return fields;
        }

        /** The values the last line's template left in place (see {@link FieldSpans}). */
        FieldSpans spans() {
            return spans;
        }

        /**
         * Returns the stamp at the start of {@code text}, reusing the previous line's when the new line starts with
         * the same characters. The stamp parser reads nothing past a stamp's end except, for a zone-less
         * Exim stamp, whether a zone follows: a line with a sign there is parsed afresh.
         */
        Stamp find(StampParser parser, String text) {
            Stamp last = stamp;
            String prev = line;
            if (last != null) {
                int end = last.end();
                if (end > 0 && end < prev.length() && end < text.length() && text.regionMatches(0, prev, 0, end)
                        && notSign(text.charAt(end)) && notSign(prev.charAt(end))) {
                    line = text;
                    return last;
                }
            }
            Stamp s = parser.at(text, 0);
            line = text;
            stamp = s;
            return s;
        }

        OffsetDateTime resolve(TimeResolver time, Stamp s, Instant reference) {
            if (s == resolvedStamp && reference.equals(resolvedReference)) {
                return resolved;
            }
            OffsetDateTime t = time.resolve(s, reference);
            resolvedStamp = s;
            resolvedReference = reference;
            resolved = t;
            return t;
        }

        /**
         * As {@link TimeResolver#implausible}, asking the clock once per resolved time rather than per line: a time
         * found plausible stays so while this memo is in use (a block's or a file's lines), as the clock only
         * moves on.
         */
        String implausible(TimeResolver time, OffsetDateTime t) {
            if (t == plausible) {
                return null;
            }
            String why = time.implausible(t);
            if (why == null) {
                plausible = t;
            }
            return why;
        }

        private static boolean notSign(char c) {
            return c != '+' && c != '-';
        }
    }

    public LineParser(RuleSet rules, TimeResolver time, PasswordRedactor redactor) {
        this(rules, time, redactor, true);
    }

    /**
     * @param useTemplates false to read every line by the rules' regex patterns alone (the checker of
     *     the field templates: both must read every line alike)
     */
    public LineParser(RuleSet rules, TimeResolver time, PasswordRedactor redactor, boolean useTemplates) {
        this(rules, time, redactor, useTemplates, null);
    }

    /**
     * @param host the server name of events whose line names none in its syslog header and whose input
     *     gives none ({@code --host}, {@code host:}, else the machine's host name); null for none
     */
    public LineParser(RuleSet rules, TimeResolver time, PasswordRedactor redactor, boolean useTemplates, String host) {
        this.host = host;
        this.rules = rules;
        this.time = time;
        this.redactor = redactor;
        List<RuleFile> files = rules.files();
        if (files.size() > 62) {
            throw new IllegalArgumentException("at most 62 rule sources are supported, got " + files.size());
        }
        this.sources = files.toArray(new RuleFile[0]);
        List<String> lits = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        this.plans = new Plan[sources.length][];
        for (int i = 0; i < sources.length; i++) {
            for (String g : sources[i].gate()) {
                lits.add(g);
                owners.add(i);
            }
            plans[i] = sources[i].rules().stream().map(r -> Plan.of(r, useTemplates)).toArray(Plan[]::new);
        }
        // syslog's "message repeated N times" shares the gate scan, on a bit no source uses
        lits.add(SyslogRepeat.MARK);
        owners.add(REPEAT_SOURCE);
        this.gates = new GateScanner(lits, owners.stream().mapToInt(Integer::intValue).toArray());
        this.claims = new Claims(sources);
        this.envelopes = new EnvelopeReader(stamps, claims);
    }

    /**
     * Returns a line's container, program and message start: what decides which rules may read it.
     */
    public Envelope envelope(String line) {
        String entry = !line.isEmpty() && line.charAt(0) == '{' ? JournalJson.asSyslog(line) : null;
        return envelopes.read(entry != null ? entry : line, new Memo());
    }

    /** Returns true when the rule file of {@code source} claims the line's container and program. */
    public boolean claims(Envelope e, String source) {
        long mask = claims.of(e);
        for (int i = 0; i < sources.length; i++) {
            if ((mask & (1L << i)) != 0 && sources[i].source().equals(source)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the sources whose rule files claim the line's program (one bit each, in rule-set order). */
    public long claimants(Envelope e) {
        return claims.of(e);
    }

    public RuleSet rules() {
        return rules;
    }

    /**
     * Returns true when a line's undecoded bytes hold a gate literal of some source (or syslog's repeat
     * note): a line that does not can give nothing but {@link Parsed.Status#UNRELATED}.
     */
    public boolean admitsBytes(byte[] line, int len) {
        return gates.admitsBytes(line, len);
    }

    /**
     * Returns the gate bits of an undecoded ASCII line, the same as {@link GateScanner#scan} gives for
     * its text: 0 when no source could read it; {@link RawLine#UNSCANNED} when the bytes cannot tell
     * (then the text is searched).
     */
    public long scanBytes(byte[] line, int off, int len) {
        return gates.scanBytes(line, off, len);
    }

    /**
     * Parses one line.
     *
     * @param reference the file's reference time for year-less stamps (its modification time)
     */
    public Parsed parse(RawLine raw, Instant reference) {
        return parse(raw, reference, null);
    }

    /**
     * Parses one line, trying only the sources in {@code onlySource} when it is not null.
     */
    public Parsed parse(RawLine raw, Instant reference, String onlySource) {
        return parse(raw, reference, onlySource, new Memo());
    }

    /**
     * Parses the next line of a file, trying only the sources in {@code onlySource} when it is not
     * null, with the memo of that file's reader.
     */
    public Parsed parse(RawLine raw, Instant reference, String onlySource, Memo memo) {
        String line = raw.text();
        if (!line.isEmpty() && line.charAt(0) == '{') {
            String entry = JournalJson.asSyslog(line);
            if (entry != null) {
                line = entry;
                raw = new RawLine(raw.file(), raw.line(), entry, RawLine.UNSCANNED, raw.host());
            }
        }
        // the reader's byte search already found the gate literals of most lines
        long gated = raw.gate() != RawLine.UNSCANNED ? raw.gate() : gates.scan(line);
        if (gated == 0) {
            return Parsed.UNRELATED_LINE;
        }
        if ((gated & REPEAT_BIT) != 0) {
            gated &= ~REPEAT_BIT;
            Stamp at = memo.find(stamps, line);
            SyslogRepeat repeat = at == null || at.end() == 0 ? null : SyslogRepeat.of(line, at.end());
            if (repeat != null && repeat.unwrapped() == null && memo.resolve(time, at, reference) == null) {
                return new Parsed(Parsed.Status.UNTIMED, null, "syslog", null, line, time.impossible(at, reference));
            }
            if (repeat != null && repeat.unwrapped() == null) {
                return new Parsed(Parsed.Status.REPEAT, null, "syslog", null, line, null, repeat.count(),
                        memo.resolve(time, at, reference));
            }
            if (repeat != null) {
                // the message inside, parsed as if written once (a wrapper inside it is not unwrapped again)
                String inner = repeat.unwrapped();
                long innerGated = gates.scan(inner) & ~REPEAT_BIT;
                if (innerGated == 0) {
                    return Parsed.UNRELATED_LINE;
                }
                Parsed once = parseOnce(new RawLine(raw.file(), raw.line(), inner, RawLine.UNSCANNED,
                        orElse(SyslogHost.of(line, memo.find(stamps, line)), raw.host())), inner, innerGated, reference,
                        onlySource, memo);
                return once.status() == Parsed.Status.UNRELATED ? once
                        : new Parsed(once.status(), once.event(), once.source(), once.ruleId(),
                        redactor.redact(line).text(), once.problem(), repeat.count(), null);
            }
            if (gated == 0) {
                return Parsed.UNRELATED_LINE;
            }
        }
        return parseOnce(raw, line, gated, reference, onlySource, memo);
    }

    private Parsed parseOnce(RawLine raw, String line, long gated, Instant reference, String onlySource, Memo memo) {
        Envelope env = envelopes.read(line, memo);
        long admitted = gated & claims.of(env);
        if (admitted == 0) {
            // no rule file claims this program (or none of its gate literals occurs): whatever the text
            // holds, it is not a line of a source we read
            return Parsed.UNRELATED_LINE;
        }
        // a login process never logs a password: a "given password: " there is a client's login
        PasswordRedactor.Redacted red = loginProcess(line, env.messageStart()) ? new PasswordRedactor.Redacted(line, null)
                : redactor.redact(line);
        String text = red.text();
        int from = env.messageStart();
        if (text != line && from > text.length()) {
            from = text.length();
        }
        String firstSource = null;
        for (int s = 0; s < sources.length; s++) {
            if ((admitted & (1L << s)) == 0) {
                continue;
            }
            RuleFile file = sources[s];
            if (onlySource != null && !onlySource.equals(file.source())) {
                continue;
            }
            if (firstSource == null) {
                firstSource = file.source();
            }
            for (Plan plan : plans[s]) {
                ParserRule rule = plan.rule();
                if (!rule.admits(text)) {
                    continue;
                }
                String[] captured = byTemplate(plan, text, from, memo);
                if (captured == null) {
                    RulePattern.Match m = rule.pattern().matcher(text, from);
                    if (!m.find()) {
                        continue;
                    }
                    captured = byPattern(plan, m, memo);
                }
                boolean syslog = env.container() == Envelope.Container.SYSLOG;
                return matched(raw, text, env.stamp(), red.password(), reference, plan, captured, memo,
                        syslog ? SyslogHost.of(line, env.stamp()) : null, syslog);
            }
        }
        if (firstSource == null) {
            return Parsed.UNRELATED_LINE;
        }
        return new Parsed(Parsed.Status.SKIPPED, null, firstSource, null, text, null);
    }

    /** Returns true when the message is a Dovecot login process's ({@code imap-login: ...}). */
    private static boolean loginProcess(String line, int from) {
        int p = from;
        if (line.startsWith("Info: ", p)) {
            p += 6;
        } else if (line.startsWith("dovecot: ", p)) {
            p += 9;
        }
        int colon = line.indexOf(": ", p);
        return colon > p && colon - p <= 24 && line.startsWith("-login", colon - 6);
    }

    /** Fields by slot from the first of the rule's templates that matches, or null. */
    private static String[] byTemplate(Plan plan, String text, int from, Memo memo) {
        FieldTemplate[] templates = plan.templates();
        if (templates.length == 0) {
            return null;
        }
        int[] bounds = memo.bounds();
        for (int t = 0; t < templates.length; t++) {
            if (templates[t].match(text, from, bounds)) {
                String[] fields = memo.fields(plan.constants());
                FieldSpans spans = memo.spans();
                int[] slots = plan.slotsOfTemplate()[t];
                for (int f = 0; f < slots.length; f++) {
                    int slot = slots[f];
                    if (slot < 0) {
                        continue;
                    }
                    if (FieldSpans.inPlace(slot)) {
                        // read where it stands (the rule's constant, if any, is not the value)
                        fields[slot] = null;
                        spans.set(text, slot, bounds[2 * f], bounds[2 * f + 1]);
                    } else {
                        fields[slot] = text.substring(bounds[2 * f], bounds[2 * f + 1]);
                    }
                }
                return fields;
            }
        }
        return null;
    }

    /** Fields by slot from a regex match. */
    private static String[] byPattern(Plan plan, RulePattern.Match m, Memo memo) {
        String[] fields = memo.fields(plan.constants());
        int[] groups = plan.groupOfSlot();
        for (int slot = 0; slot < groups.length; slot++) {
            if (groups[slot] >= 0) {
                String v = m.group(groups[slot]);
                if (v != null) {
                    fields[slot] = v;
                }
            }
        }
        return fields;
    }

    private Parsed matched(RawLine raw, String text, Stamp stamp, String password, Instant reference,
                           Plan plan, String[] fields, Memo memo, String headerHost, boolean interleaved) {
        ParserRule rule = plan.rule();
        if (rule.emits() == Emits.IGNORE) {
            return new Parsed(Parsed.Status.IGNORED, null, rule.source(), rule.id(), text, null);
        }
        if (stamp == null) {
            return new Parsed(Parsed.Status.UNTIMED, null, rule.source(), rule.id(), text,
                    "no time stamp at the start of the line");
        }
        OffsetDateTime when = memo.resolve(time, stamp, reference);
        String unusable = when == null ? time.impossible(stamp, reference) : memo.implausible(time, when);
        if (unusable != null) {
            return new Parsed(Parsed.Status.UNTIMED, null, rule.source(), rule.id(), text, unusable);
        }
        if (password != null && fields[FieldSlot.PASSWORD_FP] == null && plan.readsPassword()) {
            String account = memo.spans().value(fields, FieldSlot.ACCOUNT);
            fields[FieldSlot.PASSWORD_FP] = redactor.fingerprint(account == null ? null
                    : account.toLowerCase(java.util.Locale.ROOT), password);
        }
        try {
            LogEvent e = factory.build(rule, fields, memo.spans(), when, new Origin(rule.source(), rule.id(), raw.file(), raw.line(),
                    orElse(headerHost, orElse(raw.host(), host)), interleaved));
            return new Parsed(Parsed.Status.EVENT, e, rule.source(), rule.id(), text, null);
        } catch (EventFactory.InvalidField bad) {
            return new Parsed(Parsed.Status.INVALID, null, rule.source(), rule.id(), text, bad.getMessage());
        }
    }

    private static String orElse(String v, String fallback) {
        return v != null ? v : fallback;
    }
}
