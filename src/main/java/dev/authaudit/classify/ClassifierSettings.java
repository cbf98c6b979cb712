package dev.authaudit.classify;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The thresholds behind every verdict, in one place.
 *
 * @param staleMinFailures failures from one source before it can be called a stale client
 * @param staleMinSpan a run of at least {@code staleMinFailures} failures from a customer's source lasting
 *     this long is a client retrying, not a person mistyping (a typo is over in a minute or two)
 * @param staleConfirmedFailures failures from a customer's source after the same login succeeded
 *     (elsewhere, or from another device behind the same address) that show the password works but this
 *     client does not have it
 * @param staleConfirmedSpan how long the run must have lasted for those failures to count
 * @param rhythmMinGaps polling gaps needed before a rhythm counts
 * @param rhythmMinMedian shortest median gap that is polling rather than a burst
 * @param rhythmSpreadFloor spread always tolerated around the median gap
 * @param rhythmSpreadRatio spread tolerated as a share of the median gap
 * @param pollingIntervals the intervals mail clients poll at, used to name a rhythm
 * @param oneFingerprintMin repeats of a single password fingerprint from one source that count as "the
 *     same old password"
 * @param manyFingerprints distinct fingerprints from one source for one login that mean guessing
 * @param mistypedMaxFailures most failures before a success that still count as a typo
 * @param mistypedWindow how soon after the first failure the success must come
 * @param unknownUserShare share of failures saying "unknown user" for an unknown_user verdict
 * @param sprayMinLogins distinct logins from one address, without success, that mean guessing or spraying
 * @param guessMinPasswords distinct password fingerprints from one address that mean guessing
 * @param oneOffMaxFailures most failures one address may have on a login to count as a one-off (the
 *     shape of distributed stuffing: each address tries a login once or twice)
 * @param oneOffMinLogins distinct logins an address without any history must fail as one-offs to be
 *     called an attacker on its own
 * @param stuffingMinSources one-off addresses without history failing one login that mean it is under a
 *     distributed attack
 * @param campaignMinSources one-off addresses without history across the server, within {@code campaignWindow},
 *     that make each of them part of a slow distributed attack
 * @param campaignWindow the stretch of time those addresses must fall in
 * @param burstShare share of gaps under a polling interval that means a fast burst
 * @param scannerMinPorts distinct destination ports (after SYN deduplication) that make a scanner
 * @param scanBlockMinPorts distinct ports in a block's window that make it a port scan
 * @param blockLoginShare share of a block's failures that must belong to one login to blame that login's
 *     client for the block
 * @param mailPorts the ports mail clients use
 * @param dictionaryResource the class-path resource listing guessed login names, one per line
 */
public record ClassifierSettings(int staleMinFailures, Duration staleMinSpan, int staleConfirmedFailures,
                                 Duration staleConfirmedSpan, int rhythmMinGaps, Duration rhythmMinMedian,
                                 Duration rhythmSpreadFloor, double rhythmSpreadRatio, List<Duration> pollingIntervals,
                                 int oneFingerprintMin, int manyFingerprints, int mistypedMaxFailures,
                                 Duration mistypedWindow, double unknownUserShare, int sprayMinLogins,
                                 int guessMinPasswords, int oneOffMaxFailures, int oneOffMinLogins,
                                 int stuffingMinSources, int campaignMinSources, Duration campaignWindow,
                                 double burstShare, int scannerMinPorts,
                                 int scanBlockMinPorts, double blockLoginShare, Set<Integer> mailPorts,
                                 String dictionaryResource) {
    public ClassifierSettings {
        pollingIntervals = List.copyOf(pollingIntervals);
        mailPorts = Set.copyOf(mailPorts);
    }

    /** Returns the defaults the tests and the shipped configuration use. */
    public static ClassifierSettings defaults() {
        return new ClassifierSettings(3, Duration.ofMinutes(20), 2, Duration.ofMinutes(5), 3, Duration.ofSeconds(45),
                Duration.ofSeconds(20), 0.15,
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
                        Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1)),
                3, 3, 5, Duration.ofHours(1), 0.5, 5, 4, 2, 2, 3, 10, Duration.ofHours(24), 0.5, 5, 3, 0.8,
                Set.of(25, 465, 587, 110, 143, 993, 995), "/dev/authaudit/classify/dictionary-logins.txt");
    }
}
