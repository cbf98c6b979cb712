package dev.authaudit.classify;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The thresholds behind every verdict, in one place.
 *
 * @param staleMinFailures failures before a login can be called stale
 * @param staleMaxSources most distinct failing addresses a stale login may have (one customer's devices)
 * @param staleScore signal score a stale verdict needs (0..1)
 * @param rhythmMinGaps polling gaps needed before a rhythm counts
 * @param rhythmMinMedian shortest median gap that is polling rather than a burst
 * @param rhythmSpreadFloor spread always tolerated around the median gap
 * @param rhythmSpreadRatio spread tolerated as a share of the median gap
 * @param pollingIntervals the intervals mail clients poll at, used to name a rhythm
 * @param oneFingerprintMin repeats of a single password fingerprint that count as "the same old password"
 * @param manyFingerprints distinct fingerprints that mean guessing, not one stale password
 * @param mistypedMaxFailures most failures before a success that still count as a typo
 * @param mistypedWindow how soon after the first failure the success must come
 * @param unknownUserShare share of failures saying "unknown user" for an unknown_user verdict
 * @param sprayMinLogins distinct logins from one address, without success, that mean guessing or spraying
 * @param guessMinPasswords distinct password fingerprints from one address that mean guessing
 * @param stuffingMinIps distinct addresses failing one login, none with history, that mean stuffing
 * @param burstShare share of gaps under a polling interval that means a fast burst
 * @param scannerMinPorts distinct destination ports (after SYN deduplication) that make a scanner
 * @param scanBlockMinPorts distinct ports in a block's window that make it a port scan
 * @param mailPorts the ports mail clients use
 * @param dictionaryResource the class-path resource listing guessed login names, one per line
 */
public record ClassifierSettings(int staleMinFailures, int staleMaxSources, double staleScore, int rhythmMinGaps,
                                 Duration rhythmMinMedian, Duration rhythmSpreadFloor, double rhythmSpreadRatio,
                                 List<Duration> pollingIntervals, int oneFingerprintMin, int manyFingerprints,
                                 int mistypedMaxFailures, Duration mistypedWindow, double unknownUserShare,
                                 int sprayMinLogins, int guessMinPasswords, int stuffingMinIps, double burstShare,
                                 int scannerMinPorts, int scanBlockMinPorts, Set<Integer> mailPorts,
                                 String dictionaryResource) {
    public ClassifierSettings {
        pollingIntervals = List.copyOf(pollingIntervals);
        mailPorts = Set.copyOf(mailPorts);
    }

    /** Returns the defaults the tests and the shipped configuration use. */
    public static ClassifierSettings defaults() {
        return new ClassifierSettings(3, 3, 0.5, 3, Duration.ofSeconds(45), Duration.ofSeconds(20), 0.15,
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
                        Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1)),
                3, 3, 5, Duration.ofHours(1), 0.5, 5, 4, 10, 0.5, 5, 3,
                Set.of(25, 465, 587, 110, 143, 993, 995), "/dev/authaudit/classify/dictionary-logins.txt");
    }
}
