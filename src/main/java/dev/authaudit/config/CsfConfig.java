package dev.authaudit.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The csf.conf settings that decide when lfd counts and blocks, and which ports the firewall opens.
 * Values absent from the file keep the cpanel-csf defaults (FIELD-NOTES section 2).
 *
 * <p>Many parameters of one type are usually a smell; here each one mirrors a csf.conf key one to
 * one, users never build this record by hand (they {@link #read} it or take {@link #defaults}), and
 * a builder would only restate the key list.
 *
 * @param path the file read, or null for {@link #defaults()}
 * @param lfSmtpAuthPerm {@code _PERM} values: 1 = permanent, greater than 1 = temporary block for that many seconds
 * @param lfTrigger 0 = per-application thresholds; above 0 one cross-protocol total
 * @param psInterval 0 = port-scan tracking off; otherwise the tumbling window in seconds
 * @param psDiversity lfd does not block for port scans covering fewer distinct ports than this (1 = off)
 * @param ctLimit connections from one address that make lfd block it (CT_LIMIT; 0 = connection tracking off)
 */
public record CsfConfig(String path, PortList tcpIn, PortList tcp6In, PortList udpIn,
                        int lfSmtpAuth, int lfSmtpAuthPerm, int lfImapd, int lfImapdPerm,
                        int lfPop3d, int lfPop3dPerm, int lfInterval, int lfTrigger, int lfTriggerPerm,
                        boolean lfSelect, int psInterval, int psLimit, PortList psPorts, int psDiversity,
                        int psBlockTime, boolean psPermanent, boolean dropIpLogging, boolean lfPermblock,
                        int lfPermblockInterval, int lfPermblockCount, boolean lfDistattack,
                        int lfDistattackUniq, int ctLimit) {

    /** The keywords csf accepts in {@code PS_PORTS} besides port numbers. */
    public static final Set<String> PS_PORT_KEYWORDS = Set.of("ICMP", "INVALID", "OPEN", "BRD");

    /**
     * Returns the cpanel-csf defaults, used for every key a file leaves out and when no csf.conf is
     * given at all.
     */
    public static CsfConfig defaults() {
        PortList tcp = PortList.parse(
                "20,21,22,25,53,853,80,110,143,443,465,587,993,995,2077,2078,2079,2080,2082,2083,2086,2087,"
                        + "2095,2096", Set.of());
        return new CsfConfig(null, tcp, tcp, PortList.parse("20,21,53,853,80,443", Set.of()),
                5, 1, 10, 1, 10, 1, 3600, 0, 1, false,
                0, 10, PortList.parse("0:65535,ICMP", PS_PORT_KEYWORDS), 1, 3600, false, false,
                true, 86400, 4, false, 2, 0);
    }

    /**
     * Reads a csf.conf file; keys it does not set keep their {@link #defaults()}.
     *
     * @param file the csf.conf to read
     * @return the settings
     * @throws ConfigException if the file cannot be read or a value we use is malformed
     */
    public static CsfConfig read(Path file) {
        return new CsfConfReader().read(file);
    }

    /**
     * Parses csf.conf text; keys it does not set keep their {@link #defaults()}.
     *
     * @param name the file name to use in messages
     * @param text the file's content
     * @return the settings
     * @throws ConfigException if a value we use is malformed
     */
    public static CsfConfig parse(String name, String text) {
        return new CsfConfReader().parse(name, text);
    }

    /** Returns true when TCP_IN opens the port for IPv4 clients. */
    public boolean isOpen(int port) {
        return tcpIn.contains(port);
    }

    /** Returns true when TCP6_IN opens the port for IPv6 clients. */
    public boolean isOpenV6(int port) {
        return tcp6In.contains(port);
    }

    /** Returns true when these settings came from a file rather than the built-in defaults. */
    public boolean fromFile() {
        return path != null;
    }

    /**
     * Returns the threshold behind an lfd trigger ({@code LF_SMTPAUTH}, {@code LF_IMAPD},
     * {@code LF_POP3D}, {@code LF_TRIGGER}, {@code PS_LIMIT}, {@code CT_LIMIT} when on), or empty for other triggers.
     */
    public OptionalInt thresholdFor(String trigger) {
        switch (trigger == null ? "" : trigger.toUpperCase(Locale.ROOT)) {
            case "LF_SMTPAUTH":
                return OptionalInt.of(lfSmtpAuth);
            case "LF_IMAPD":
                return OptionalInt.of(lfImapd);
            case "LF_POP3D":
                return OptionalInt.of(lfPop3d);
            case "LF_TRIGGER":
                return OptionalInt.of(lfTrigger);
            case "PS_LIMIT":
                return OptionalInt.of(psLimit);
            case "CT_LIMIT":
                return ctLimit > 0 ? OptionalInt.of(ctLimit) : OptionalInt.empty();
            default:
                return OptionalInt.empty();
        }
    }

    /**
     * Returns the counting window, in seconds, behind an lfd trigger: PS_INTERVAL for port scans (or
     * empty when tracking is off), LF_INTERVAL for login failures, empty for other triggers.
     */
    public OptionalInt intervalFor(String trigger) {
        String t = trigger == null ? "" : trigger.toUpperCase(Locale.ROOT);
        if (t.equals("PS_LIMIT")) {
            return psInterval > 0 ? OptionalInt.of(psInterval) : OptionalInt.empty();
        }
        if (t.startsWith("LF_")) {
            return OptionalInt.of(lfInterval);
        }
        return OptionalInt.empty();
    }
}
