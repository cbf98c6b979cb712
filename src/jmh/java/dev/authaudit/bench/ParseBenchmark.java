package dev.authaudit.bench;

import dev.authaudit.ingest.RawLine;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.Parsed;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.rules.Example;
import dev.authaudit.rules.ParserRule;
import dev.authaudit.rules.RuleSet;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lines per second of the line parser on one core, per source, over input built from the rules' own
 * examples mixed with the unrelated lines that dominate real mail logs (deliveries, logouts, cron),
 * against a bare java.util.regex loop over the same lines as the baseline.
 *
 * <p>Run from the repository root (it reads {@code rules/}): {@code mvn -B -Pjmh -DskipTests package
 * && java -cp target/authaudit-0.1.0-SNAPSHOT.jar org.openjdk.jmh.Main ParseBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
    static final int LINES = 100_000;

    /** Which source's example lines are mixed in; {@code mixed} takes all. */
    @Param({"mixed", "exim", "dovecot", "lfd", "kernel"})
    public String source;

    /** Share of relevant lines in the mix, in percent. */
    @Param({"5"})
    public int relevantPercent;

    private LineParser parser;
    private RawLine[] lines;
    private Pattern baseline;
    private final Instant reference = Instant.parse("2026-12-31T00:00:00Z");

    @Setup
    public void setup() {
        RuleSet rules = RuleSet.load(List.of(Paths.get("rules")));
        parser = new LineParser(rules, new TimeResolver(ZoneOffset.UTC, null), new PasswordRedactor(new byte[32]));
        List<String> relevant = new ArrayList<>();
        for (ParserRule r : rules.rules()) {
            if (source.equals("mixed") || r.source().equals(source)) {
                for (Example e : r.examples()) {
                    relevant.add(e.line());
                }
            }
        }
        if (relevant.isEmpty()) {
            throw new IllegalStateException("no rule examples for source " + source);
        }
        String[] noise = {
            "2025-03-31 11:20:02 1tz8Kx-00000000Ab3-0000 => bob@example.com R=virtual_user T=virtual_delivery S=2211"
                    + " C=\"250 2.0.0 <bob@example.com> ok\"",
            "2025-03-31 11:20:02 1tz8Kx-00000000Ab3-0000 Completed",
            "Mar 31 11:20:03 vps dovecot: imap(bob@example.com)<31337><AbCdEfGh>: Logged out in=120 out=3456"
                    + " deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0",
            "Mar 31 11:20:04 vps CROND[4242]: (root) CMD (/usr/local/cpanel/scripts/update_db_cache)",
            "Mar 31 11:20:05 vps systemd[1]: Started Session 4242 of user root.",
            "2025-03-31 11:20:06 1tz8Kx-00000000Ab4-0000 <= info@example.org H=mx.example.org [198.51.100.1]"
                    + " P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=5120 id=x@example.org",
        };
        Random rnd = new Random(42);
        lines = new RawLine[LINES];
        for (int i = 0; i < LINES; i++) {
            String text = rnd.nextInt(100) < relevantPercent ? relevant.get(rnd.nextInt(relevant.size()))
                    : noise[rnd.nextInt(noise.length)];
            lines[i] = new RawLine("bench", i + 1, text);
        }
        baseline = Pattern.compile("authenticator failed for .*\\[(\\d+\\.\\d+\\.\\d+\\.\\d+)\\]"
                + "|rip=(\\d+\\.\\d+\\.\\d+\\.\\d+)|Blocked in csf|SRC=(\\S+)");
    }

    /** The full line parser: gates, stamp, rules, event records. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void lineParser(Blackhole bh) {
        for (RawLine l : lines) {
            Parsed p = parser.parse(l, reference);
            bh.consume(p);
        }
    }

    /** A bare regex loop: what a short script would do, with no time stamps or validation. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void bareRegexLoop(Blackhole bh) {
        for (RawLine l : lines) {
            Matcher m = baseline.matcher(l.text());
            bh.consume(m.find());
        }
    }
}
