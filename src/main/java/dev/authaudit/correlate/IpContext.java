package dev.authaudit.correlate;

import java.util.List;

/**
 * What is known about a source address beyond one login, so a login's verdict can weigh whose device
 * is failing.
 *
 * @param known false when the address's summary was evicted and nothing more is known
 * @param distinctLogins how many different logins the address used (failed or succeeded)
 * @param successLogins logins that succeeded from the address (a sample of the most frequent)
 * @param distinctFingerprints different password fingerprints the address sent
 * @param networkSuccessLogins logins that succeeded from the address's network (a sample)
 * @param distinctFailedLogins how many different logins failed from the address
 * @param unknownUsers failures from the address the server answered with "unknown user"
 * @param maxFailuresOneLogin the most failures the address had on any one login
 */
public record IpContext(boolean known, long distinctLogins, long failures, long successes,
                        List<String> successLogins, long distinctFingerprints, long networkSuccesses,
                        List<String> networkSuccessLogins, long distinctFailedLogins, long unknownUsers,
                        long maxFailuresOneLogin) {
    public IpContext {
        successLogins = List.copyOf(successLogins);
        networkSuccessLogins = List.copyOf(networkSuccessLogins);
    }

    /** Returns the context of an address nothing is known about. */
    public static IpContext unknown() {
        return new IpContext(false, 0, 0, 0, List.of(), 0, 0, List.of(), 0, 0, 0);
    }
}
