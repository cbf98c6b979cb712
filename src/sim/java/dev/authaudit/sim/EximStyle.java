package dev.authaudit.sim;

import java.util.SplittableRandom;

/**
 * How the simulated Exim writes its lines: version-dependent fields and log_selector choices
 * (field notes 1.1 and 1.2).
 *
 * @param version the Exim version, for the record only
 * @param pid {@code [pid]} after the timestamp (log_selector +pid)
 * @param millis {@code .mmm} on timestamps (+millisec)
 * @param incomingInterface {@code I=[lip]:port} (+incoming_interface)
 * @param connectionId {@code Ci=N} (4.98+)
 * @param hostPrefix {@code H=} before the host part of failures (4.99+)
 * @param hostLookup reverse DNS names are looked up and shown
 * @param syslog Exim logs to syslog ({@code exim[pid]:} in the mail log) instead of its main log
 * @param newMessageIds 4.97+ message ids ({@code 1rAbCd-00000000Abc-0000}) instead of {@code 1WD6R5-000DJZ-Lc}
 * @param authenticatorPrefix {@code dovecot} for {@code dovecot_login}/{@code dovecot_plain}, else e.g. {@code auth}
 */
public record EximStyle(String version, boolean pid, boolean millis, boolean incomingInterface,
                        boolean connectionId, boolean hostPrefix, boolean hostLookup, boolean syslog,
                        boolean newMessageIds, String authenticatorPrefix) {

    /** Returns a cPanel-like Exim 4.98 with pid, incoming interface and connection ids. */
    public static EximStyle cpanel() {
        return new EximStyle("4.98", true, false, true, true, false, true, false, true, "dovecot");
    }

    /** Picks one of several realistic versions and selector sets. */
    public static EximStyle random(SplittableRandom rng) {
        switch (rng.nextInt(6)) {
            case 0: return new EximStyle("4.93", false, false, false, false, false, true, false, false, "dovecot");
            case 1: return new EximStyle("4.94", true, false, true, false, false, true, false, false, "dovecot");
            case 2: return new EximStyle("4.96", true, true, true, false, false, false, false, false, "dovecot");
            case 3: return cpanel();
            case 4: return new EximStyle("4.99", true, false, true, true, true, true, false, true, "dovecot");
            default: return new EximStyle("4.95", false, false, false, false, false, true, true, false, "dovecot");
        }
    }
}
