package dev.authaudit.run;

import dev.authaudit.act.firewall.HookCall;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.parse.FileParser;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.YearAnchor;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks lfd's own record of its blocks against the calls its BLOCK_REPORT hook made ({@code hook log --lfd-log}):
 * a block lfd logged with no hook call for that address within {@link #MATCH} means BLOCK_REPORT did not run or
 * did not reach authaudit. How the result is printed is the caller's.
 */
public final class HookCrossCheck {
    /** How far apart lfd's log line and the hook's record of the same block may be. */
    public static final Duration MATCH = Duration.ofMinutes(2);

    /**
     * What lfd's log says and what of it never reached the hook.
     *
     * @param problems what could not be read in each file, in order (the input set's own are the caller's)
     * @param blocks every block lfd logged since the start of the period, in log order
     * @param missed those of {@code blocks} with no hook call for their address within {@link #MATCH}
     */
    public record Outcome(List<String> problems, List<FirewallBlock> blocks, List<FirewallBlock> missed) {
        public Outcome {
            problems = List.copyOf(problems);
            blocks = List.copyOf(blocks);
            missed = List.copyOf(missed);
        }
    }

    private final LineParser parser;
    private final YearAnchor years;
    private final Clock wall;
    private final InputStream stdin;

    /**
     * @param years caps the year reference of lfd's year-less lines (see {@link YearAnchor})
     * @param wall the wall clock: the year reference of an input without a modification time
     * @param stdin what the input {@code -} reads
     */
    public HookCrossCheck(LineParser parser, YearAnchor years, Clock wall, InputStream stdin) {
        this.parser = parser;
        this.years = years;
        this.wall = wall;
        this.stdin = stdin;
    }

    /** Reads lfd's blocks at or after {@code from} in these files and matches each with the hook's calls. */
    public Outcome check(InputSet lfdLog, List<HookCall> calls, Instant from) {
        List<FirewallBlock> blocks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (InputFile f : lfdLog.files()) {
            Instant ref = years.reference(f.modified() != null ? f.modified() : wall.instant());
            try (FileParser fp = new FileParser(f, parser, ref, stdin, null)) {
                LogEvent e;
                while ((e = fp.nextEvent()) != null) {
                    if (e instanceof FirewallBlock b && b.ip() != null && !b.time().toInstant().isBefore(from)) {
                        blocks.add(b);
                    }
                }
                problems.addAll(fp.stats().problems());
            }
        }
        List<FirewallBlock> missed = blocks.stream().filter(b -> calls.stream().noneMatch(c -> b.ip().equals(c.ip())
                && Duration.between(b.time().toInstant(), c.receivedAt()).abs().compareTo(MATCH) <= 0)).toList();
        return new Outcome(problems, blocks, missed);
    }
}
