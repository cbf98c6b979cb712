package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link AccountSummary#source} keeps each itemised source's address hash, weight and one-off mark beside the
 * list: its decisions (the pair's tally, one more omitted source, a new tally appended or in the lightest's
 * slot) must be those of a scan of the tallies themselves, whatever the caller did to the tally handed out.
 */
class AccountSummarySourcesTest {
    private static final int MAX_ONE_OFFS = 2;
    private static final int ONE_OFF_FAILURES = 2;

    @Test
    void source_decidesAsAScanOfTheTallies_throughFindsCopiesAndReplacements() {
        Random random = new Random(20_261_207);
        SubjectKeys keys = new SubjectKeys(new IpNetworks(), 10_000, 10);
        AccountSummary summary = new AccountSummary("alice", 5);
        for (int step = 0; step < 50_000; step++) {
            // a few regular addresses and many passing ones
            String ip = random.nextInt(3) == 0 ? "192.0.2." + random.nextInt(6) : "198.51." + random.nextInt(40)
                    + "." + random.nextInt(250);
            SubjectKeys.Pair pair = keys.pair(keys.address(ip), "alice");
            if (random.nextInt(50) == 0) {
                summary = summary.copy();
            }
            if (random.nextInt(8) == 0) {
                // a success: found first, else given a tally as the success path does
                SourceTally found = summary.find(pair);
                assertThat(found).isSameAs(scanFor(summary, ip));
                if (found == null) {
                    PairHistory history = random.nextBoolean() ? null : historyOf(1 + random.nextInt(3));
                    found = checkedSource(summary, pair, 0, history, 0);
                }
                if (found != null) {
                    found.successes++;
                }
                continue;
            }
            long failures = random.nextInt(6) == 0 ? 1 + random.nextInt(4) : 1;
            long earlier = random.nextInt(10) == 0 ? random.nextInt(3) : 0;
            PairHistory history = random.nextInt(20) == 0 ? historyOf(1) : null;
            SourceTally t = checkedSource(summary, pair, failures, history, earlier);
            if (t != null) {
                t.failures += failures;
            }
        }
    }

    @Test
    void source_oneOffsBeyondTheirShare_areCountedNotListed() {
        SubjectKeys keys = new SubjectKeys(new IpNetworks(), 100, 10);
        AccountSummary summary = new AccountSummary("bob", 16);
        for (int i = 0; i < 10; i++) {
            SourceTally t = summary.source(keys.pair(keys.address("203.0.113." + i), "bob"), 1, null, 0,
                    MAX_ONE_OFFS, ONE_OFF_FAILURES);
            if (t != null) {
                t.failures++;
            }
        }

        assertThat(summary.sourceCount).isEqualTo(MAX_ONE_OFFS);
        assertThat(summary.omittedSources).isEqualTo(8);
        assertThat(summary.omittedSourceFailures).isEqualTo(8);
        // a listed one-off that failed more is no longer one: the next one-off takes its place in the share
        summary.find(keys.pair(keys.address("203.0.113.0"), "bob")).failures += 5;
        assertThat(summary.source(keys.pair(keys.address("203.0.113.50"), "bob"), 1, null, 0, MAX_ONE_OFFS,
                ONE_OFF_FAILURES)).isNotNull();
        assertThat(summary.sourceCount).isEqualTo(MAX_ONE_OFFS + 1);
    }

    private static PairHistory historyOf(int successes) {
        PairHistory h = new PairHistory();
        for (int i = 0; i < successes; i++) {
            h.success(1_000L * (i + 1));
        }
        return h;
    }

    /** Calls {@link AccountSummary#source} and checks its outcome against a scan of the tallies made before. */
    private static SourceTally checkedSource(AccountSummary summary, SubjectKeys.Pair pair, long failures,
                                             PairHistory history, long earlier) {
        String ip = pair.address.ip;
        SourceTally listed = scanFor(summary, ip);
        int oneOffs = 0;
        int lightestAt = -1;
        for (int i = 0; i < summary.sourceCount; i++) {
            SourceTally t = summary.sources[i];
            if (t.successes == 0 && t.failures > 0 && t.failures <= ONE_OFF_FAILURES) {
                oneOffs++;
            }
            if (lightestAt < 0 || t.weight() < summary.sources[lightestAt].weight()) {
                lightestAt = i;
            }
        }
        boolean oneOff = failures > 0 && (history == null || history.successes == 0)
                && earlier + failures <= ONE_OFF_FAILURES;
        long incoming = SourceTally.weight(earlier + failures,
                failures > 0 ? 0 : 1 + (history == null ? 0 : history.successes));
        int countBefore = summary.sourceCount;
        long omittedBefore = summary.omittedSources;
        SourceTally lightest = lightestAt < 0 ? null : summary.sources[lightestAt];

        SourceTally got = summary.source(pair, failures, history, earlier, MAX_ONE_OFFS, ONE_OFF_FAILURES);

        if (listed != null) {
            assertThat(got).isSameAs(listed);
            assertThat(summary.omittedSources).isEqualTo(omittedBefore);
        } else if (oneOff && oneOffs >= MAX_ONE_OFFS
                || countBefore == summary.sources.length && lightest.weight() > incoming) {
            assertThat(got).isNull();
            assertThat(summary.omittedSources).isEqualTo(omittedBefore + 1);
        } else if (countBefore < summary.sources.length) {
            assertThat(got).isNotNull().isSameAs(summary.sources[countBefore]);
            assertThat(summary.sourceCount).isEqualTo(countBefore + 1);
        } else {
            assertThat(got).isNotNull().isSameAs(summary.sources[lightestAt]);
            assertThat(summary.omittedSources).isEqualTo(omittedBefore + 1);
        }
        return got;
    }

    private static SourceTally scanFor(AccountSummary summary, String ip) {
        for (int i = 0; i < summary.sourceCount; i++) {
            if (summary.sources[i].ip.equals(ip)) {
                return summary.sources[i];
            }
        }
        return null;
    }
}
