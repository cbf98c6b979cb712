package dev.authaudit.parse;

import dev.authaudit.rules.RulePattern;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Origin;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.rules.Emits;
import dev.authaudit.rules.ParserRule;
import dev.authaudit.rules.RuleFile;
import dev.authaudit.rules.RuleSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one line into at most one event. Work is ordered by cost: the gate literals of every source
 * (one {@code indexOf} each) first, so the bulk of a mail log (deliveries, cron, unrelated daemons)
 * costs a few scans; then each admitted source's rules, each behind its own {@code require} literals;
 * only then an RE2 (linear-time) match, the time stamp and the field checks.
 *
 * <p>Not thread-safe only in the sense that it is stateless apart from immutable tables: one instance
 * may serve several threads.
 */
public final class LineParser {
    private final RuleSet rules;
    private final TimeResolver time;
    private final PasswordRedactor redactor;
    private final StampParser stamps = new StampParser();
    private final EventFactory factory = new EventFactory();
    private final String[] gateLiterals;
    private final int[] gateSource;
    private final RuleFile[] sources;

    public LineParser(RuleSet rules, TimeResolver time, PasswordRedactor redactor) {
        this.rules = rules;
        this.time = time;
        this.redactor = redactor;
        List<RuleFile> files = rules.files();
        if (files.size() > 63) {
            throw new IllegalArgumentException("at most 63 rule sources are supported, got " + files.size());
        }
        this.sources = files.toArray(new RuleFile[0]);
        List<String> lits = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            for (String g : sources[i].gate()) {
                lits.add(g);
                owners.add(i);
            }
        }
        this.gateLiterals = lits.toArray(new String[0]);
        this.gateSource = owners.stream().mapToInt(Integer::intValue).toArray();
    }

    public RuleSet rules() {
        return rules;
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
        String line = raw.text();
        long gated = 0;
        for (int i = 0; i < gateLiterals.length; i++) {
            int s = gateSource[i];
            if ((gated & (1L << s)) == 0 && line.contains(gateLiterals[i])) {
                gated |= 1L << s;
            }
        }
        if (gated == 0) {
            return Parsed.UNRELATED_LINE;
        }
        PasswordRedactor.Redacted red = redactor.redact(line);
        String text = red.text();
        Stamp stamp = stamps.find(text);
        String message = stamp == null ? text : text.substring(stamp.end());
        String firstSource = null;
        for (int s = 0; s < sources.length; s++) {
            if ((gated & (1L << s)) == 0) {
                continue;
            }
            RuleFile file = sources[s];
            if (onlySource != null && !onlySource.equals(file.source())) {
                continue;
            }
            if (firstSource == null) {
                firstSource = file.source();
            }
            for (ParserRule rule : file.rules()) {
                if (!rule.admits(text)) {
                    continue;
                }
                RulePattern.Match m = rule.pattern().matcher(message);
                if (!m.find()) {
                    continue;
                }
                return matched(raw, text, stamp, red.password(), reference, rule, m);
            }
        }
        if (firstSource == null) {
            return Parsed.UNRELATED_LINE;
        }
        return new Parsed(Parsed.Status.SKIPPED, null, firstSource, null, text, null);
    }

    private Parsed matched(RawLine raw, String text, Stamp stamp, String password, Instant reference,
                           ParserRule rule, RulePattern.Match m) {
        if (rule.emits() == Emits.IGNORE) {
            return new Parsed(Parsed.Status.IGNORED, null, rule.source(), rule.id(), text, null);
        }
        if (stamp == null) {
            return new Parsed(Parsed.Status.UNTIMED, null, rule.source(), rule.id(), text,
                    "no time stamp at the start of the line");
        }
        OffsetDateTime when = time.resolve(stamp, reference);
        Map<String, String> fields = new HashMap<>(rule.set());
        for (String g : rule.groups()) {
            String v = m.group(g);
            if (v != null) {
                fields.put(g, v);
            }
        }
        if (password != null && !fields.containsKey("password_fp")) {
            String account = fields.get("account");
            fields.put("password_fp", redactor.fingerprint(account == null ? null : account.toLowerCase(
                    java.util.Locale.ROOT), password));
        }
        try {
            LogEvent e = factory.build(rule, fields, when, new Origin(rule.source(), rule.id(), raw.file(), raw.line()));
            return new Parsed(Parsed.Status.EVENT, e, rule.source(), rule.id(), text, null);
        } catch (EventFactory.InvalidField bad) {
            return new Parsed(Parsed.Status.INVALID, null, rule.source(), rule.id(), text, bad.getMessage());
        }
    }
}
