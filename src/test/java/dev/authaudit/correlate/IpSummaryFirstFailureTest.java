package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.FailureReason;
import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A summary's first failure with its windows left implicit ({@link IpSummary#firstFailure}) reads and changes
 * afterwards exactly as one whose windows were made as the failure came: the address's window holding the
 * failure, and its login's polling window.
 */
class IpSummaryFirstFailureTest {
    private static final String IP = "198.51.100.7";
    private static final long IDLE = 7_200_000;
    private static final int CAPACITY = 3;
    private static final long T = 1_750_000_000_000L;

    private static Attempt attempt(long ms, String login, Protocol protocol, int count, String fp) {
        return new Attempt(Instant.ofEpochMilli(ms), IP, login, protocol, 587, FailureReason.PASSWORD_MISMATCH, count,
                fp, null, false, List.of(), fp == null ? 0 : 1);
    }

    private static long hash(String login) {
        return login == null ? 0 : DistinctCounter.hash(login);
    }

    /** The first failure with its windows left implicit. */
    private static IpSummary implicit(Attempt a, long now) {
        IpSummary s = new IpSummary(IP, "198.51.100.0/24");
        assertThat(s.blank()).isTrue();
        s.firstFailure(a, a.time().toEpochMilli(), now, CAPACITY, a.account(), hash(a.account()));
        assertThat(s.blank()).isFalse();
        return s;
    }

    /** The first failure with its windows made as the correlator makes them for any failure. */
    private static IpSummary explicit(Attempt a, long now) {
        IpSummary s = new IpSummary(IP, "198.51.100.0/24");
        failure(s, a, now);
        return s;
    }

    /** Applies a failure with the windows, as the correlator does for a summary that is not blank. */
    private static long failure(IpSummary s, Attempt a, long now) {
        long ms = a.time().toEpochMilli();
        long gap = -1;
        PairWindow pair = null;
        if (a.account() != null) {
            pair = s.pairWindow(a.account(), now, IDLE, true);
            gap = pair.failure(a.protocol(), ms);
            pair.failures += a.count();
        }
        s.failure(a, ms, 1_000, a.account(), hash(a.account()));
        if (pair != null) {
            s.maxFailuresOneLogin = Math.max(s.maxFailuresOneLogin, pair.failures);
        }
        s.window(now, IDLE, CAPACITY, true).addFailure(ms, a.account(), a.protocol(), a.count(), a.passwordFp());
        return gap;
    }

    /** What can be read of a summary at {@code now}, read from a copy (reading renews windows). */
    private static List<Object> read(IpSummary original, String login, long now) {
        IpSummary s = original.copy();
        List<Object> out = new ArrayList<>(List.of(s.failures, s.failureLines, s.maxFailuresOneLogin, s.lastFailureMs,
                s.protocolMask, s.failedLogins(), s.failedLoginCount(), s.fingerprintCount(), String.valueOf(s.firstFingerprint),
                s.gaps, s.burstGaps, s.changes));
        IpWindow w = s.window(now, IDLE, CAPACITY, false);
        out.add(w == null ? "no window" : List.of(List.copyOf(w.failures()), w.firstFailureMs(), w.failuresTruncated));
        if (w != null) {
            // the capacity shows when the window fills
            for (int i = 0; i < CAPACITY; i++) {
                w.addFailure(now + i, "x", Protocol.IMAP, 1, null);
            }
            out.add(List.of(List.copyOf(w.failures()), w.failuresTruncated));
        }
        PairWindow p = login == null ? null : s.pairWindow(login, now, IDLE, false);
        if (p == null) {
            out.add("no pair window");
        } else {
            out.add(List.of(p.login, p.failures, p.firstFailureMs, p.usedMs));
            for (Protocol protocol : Protocol.values()) {
                out.add(p.failure(protocol, T + 3_600_000));
            }
        }
        return out;
    }

    @Test
    void firstFailure_readsAsTheWindowsMadeAtOnce_withOrWithoutLoginAndFingerprint() {
        for (Protocol protocol : Protocol.values()) {
            for (String login : new String[] {"bob@example.com", null}) {
                for (String fp : new String[] {"712c344", null}) {
                    Attempt a = attempt(T, login, protocol, 3, fp);
                    IpSummary implicit = implicit(a, T + 5_000);
                    IpSummary explicit = explicit(a, T + 5_000);
                    for (long at : new long[] {T + 5_000, T + 60_000, T + 5_000 + IDLE - 1, T + 5_000 + IDLE}) {
                        assertThat(read(implicit, login, at)).as("%s %s %s at %d", protocol, login, fp, at)
                                .isEqualTo(read(explicit, login, at));
                    }
                }
            }
        }
    }

    @Test
    void afterTheFirstFailure_furtherFailuresSuccessesAndDrops_changeItAsTheMadeWindows() {
        Attempt first = attempt(T, "bob@example.com", Protocol.SMTP, 2, "712c344");
        IpSummary implicit = implicit(first, T + 1_000);
        IpSummary explicit = explicit(first, T + 1_000);

        Attempt second = attempt(T + 30_000, "bob@example.com", Protocol.SMTP, 1, "99aa");
        assertThat(failure(implicit, second, T + 31_000)).as("the gap since the first")
                .isEqualTo(failure(explicit, second, T + 31_000)).isEqualTo(30_000);
        assertThat(read(implicit, "bob@example.com", T + 40_000)).isEqualTo(read(explicit, "bob@example.com", T + 40_000));

        IpSummary lone = implicit(first, T + 1_000);
        IpSummary made = explicit(first, T + 1_000);
        lone.success("bob@example.com", Protocol.IMAP, T + 50_000);
        made.success("bob@example.com", Protocol.IMAP, T + 50_000);
        assertThat(read(lone, "bob@example.com", T + 60_000)).isEqualTo(read(made, "bob@example.com", T + 60_000));

        lone = implicit(first, T + 1_000);
        made = explicit(first, T + 1_000);
        lone.drop(T + 50_000, 25, false);
        made.drop(T + 50_000, 25, false);
        assertThat(read(lone, "bob@example.com", T + 60_000)).isEqualTo(read(made, "bob@example.com", T + 60_000));
        assertThat(lone.dropHits()).isEqualTo(1);

        lone = implicit(first, T + 1_000);
        made = explicit(first, T + 1_000);
        Attempt other = attempt(T + 30_000, "eve@example.com", Protocol.POP3, 1, null);
        failure(lone, other, T + 31_000);
        failure(made, other, T + 31_000);
        assertThat(read(lone, "bob@example.com", T + 40_000)).isEqualTo(read(made, "bob@example.com", T + 40_000));
        assertThat(read(lone, "eve@example.com", T + 40_000)).isEqualTo(read(made, "eve@example.com", T + 40_000));
    }

    @Test
    void expireWindows_dropsBothImplicitWindowsOnceIdle_notBefore() {
        Attempt a = attempt(T, "bob@example.com", Protocol.IMAP, 1, null);
        for (long at : new long[] {T + 1_000 + IDLE - 1, T + 1_000 + IDLE}) {
            IpSummary implicit = implicit(a, T + 1_000);
            IpSummary explicit = explicit(a, T + 1_000);
            implicit.expireWindows(at, IDLE);
            explicit.expireWindows(at, IDLE);
            // read back before the idle time, so a window that expired shows as gone rather than as idle
            assertThat(read(implicit, "bob@example.com", T + 2_000)).as("expired at %d", at)
                    .isEqualTo(read(explicit, "bob@example.com", T + 2_000));
        }
        IpSummary expired = implicit(a, T + 1_000);
        expired.expireWindows(T + 1_000 + IDLE, IDLE);
        assertThat(expired.window(T + 2_000, IDLE, CAPACITY, false)).isNull();
        assertThat(expired.pairWindow("bob@example.com", T + 2_000, IDLE, false)).isNull();
    }

    @Test
    void copy_ofAnImplicitSummary_changesOnItsOwn() {
        IpSummary original = implicit(attempt(T, "bob@example.com", Protocol.SMTP, 1, null), T);
        IpSummary copy = original.copy();
        failure(copy, attempt(T + 10_000, "bob@example.com", Protocol.SMTP, 1, null), T + 10_000);
        assertThat(copy.window(T + 10_000, IDLE, CAPACITY, false).failures()).hasSize(2);
        assertThat(original.window(T + 10_000, IDLE, CAPACITY, false).failures()).hasSize(1);
        assertThat(original.pairWindow("bob@example.com", T + 10_000, IDLE, false).failures).isEqualTo(1);
    }

    /** Everything a summary's evidence and the correlator read of it. */
    private static List<Object> readAll(IpSummary s, long now) {
        List<Object> out = new ArrayList<>(read(s, "bob@example.com", now));
        out.addAll(List.of(s.successes, s.loginCount(), s.successLogins(), s.lastSuccessMs(), s.dropHits(),
                s.dropAttempts(), s.retransmissions(), s.firstDropMs(), s.lastDropMs(), s.dropPortCount(),
                s.dropPortSample(), s.firstMs, s.lastMs, s.unknownUsers, s.reachedServer));
        for (int i = 0; i < IpSummary.INLINE_PAIRS; i++) {
            PairWindow p = s.copy().pairWindow("u" + i + "@example.com", now, IDLE, false);
            out.add(p == null ? "none" : List.of(p.failures, p.firstFailureMs, p.usedMs));
        }
        return out;
    }

    @Test
    void copy_ofASummaryWithEveryRarePart_readsTheSame_thenChangesOnItsOwn() {
        IpSummary s = implicit(attempt(T, "bob@example.com", Protocol.SMTP, 1, "712c344"), T);
        // as many logins as the summary holds windows for
        for (int i = 0; i < IpSummary.INLINE_PAIRS - 1; i++) {
            failure(s, attempt(T + 1_000 + i, "u" + i + "@example.com", Protocol.IMAP, 2, "fp" + i), T + 2_000);
        }
        s.success("bob@example.com", Protocol.IMAP, T + 3_000);
        s.success("carol@example.com", Protocol.POP3, T + 4_000);
        s.drop(T + 5_000, 25, false);
        s.drop(T + 5_100, 25, true);
        s.drop(T + 6_000, 465, false);

        IpSummary copy = s.copy();
        assertThat(readAll(copy, T + 10_000)).isEqualTo(readAll(s, T + 10_000));
        assertThat(copy.loginCount()).isEqualTo(IpSummary.INLINE_PAIRS + 1);
        assertThat(copy.dropPortSample()).containsExactlyInAnyOrder(25, 465);

        List<Object> before = readAll(s, T + 10_000);
        failure(copy, attempt(T + 7_000, "u1@example.com", Protocol.IMAP, 1, "other"), T + 7_000);
        copy.success("dave@example.com", Protocol.SMTP, T + 8_000);
        copy.drop(T + 9_000, 993, false);
        assertThat(readAll(s, T + 10_000)).as("the original, after its copy changed").isEqualTo(before);
        assertThat(readAll(copy, T + 10_000)).isNotEqualTo(before);
    }
}
