package dev.authaudit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The csf.conf values the simulated lfd applies (field notes section 2). Only the keys that matter
 * for mail authentication and port scans are modelled; LF_TRIGGER, LF_SELECT, LF_DISTATTACK and
 * CT_LIMIT are always off.
 *
 * @param lfSmtpAuth LF_SMTPAUTH threshold (0 = off)
 * @param lfSmtpAuthPerm LF_SMTPAUTH_PERM: 1 = permanent, otherwise a temporary block of that many seconds
 * @param lfImapd LF_IMAPD threshold (0 = off)
 * @param lfImapdPerm LF_IMAPD_PERM
 * @param lfPop3d LF_POP3D threshold (0 = off)
 * @param lfPop3dPerm LF_POP3D_PERM
 * @param lfInterval LF_INTERVAL, the sliding window in seconds
 * @param lfParse LF_PARSE, how often lfd reads the logs, in seconds
 * @param psInterval PS_INTERVAL, the tumbling port-scan window in seconds (0 = port-scan tracking off)
 * @param psLimit PS_LIMIT; a block fires when hits exceed it
 * @param psBlockTime PS_BLOCK_TIME in seconds
 * @param psPermanent PS_PERMANENT
 * @param lfPermBlock LF_PERMBLOCK
 * @param lfPermBlockInterval LF_PERMBLOCK_INTERVAL in seconds
 * @param lfPermBlockCount LF_PERMBLOCK_COUNT
 * @param tcpIn TCP_IN, the open inbound TCP ports
 * @param dropNoLog DROP_NOLOG, ports whose drops are never logged
 * @param flavour which lfd build reads the logs
 */
public record CsfSettings(int lfSmtpAuth, int lfSmtpAuthPerm, int lfImapd, int lfImapdPerm, int lfPop3d,
                          int lfPop3dPerm, int lfInterval, int lfParse, int psInterval, int psLimit,
                          int psBlockTime, boolean psPermanent, boolean lfPermBlock, int lfPermBlockInterval,
                          int lfPermBlockCount, Set<Integer> tcpIn, Set<Integer> dropNoLog,
                          LfdFlavour flavour) {

    /** cPanel's TCP_IN list as shipped, with 587 open. */
    public static final List<Integer> CPANEL_TCP_IN = List.of(20, 21, 22, 25, 53, 80, 110, 143, 443, 465, 587,
            993, 995, 2077, 2078, 2079, 2080, 2082, 2083, 2086, 2087, 2095, 2096);

    /** DROP_NOLOG as shipped. */
    public static final List<Integer> DEFAULT_DROP_NOLOG = List.of(23, 67, 68, 111, 113, 135, 136, 137, 138,
            139, 445, 500, 513, 520);

    public CsfSettings {
        if (lfInterval <= 0 || lfParse <= 0) {
            throw new IllegalArgumentException("LF_INTERVAL and LF_PARSE must be positive, were " + lfInterval
                    + " and " + lfParse);
        }
        if (psInterval < 0 || psLimit < 1) {
            throw new IllegalArgumentException("PS_INTERVAL must be >= 0 and PS_LIMIT >= 1, were " + psInterval
                    + " and " + psLimit);
        }
        tcpIn = Set.copyOf(tcpIn);
        dropNoLog = Set.copyOf(dropNoLog);
        if (flavour == null) {
            flavour = LfdFlavour.CPANEL_CSF_16;
        }
    }

    /**
     * Returns a cPanel host's settings as many admins run them: per-app thresholds 5/10/10 in a
     * sliding hour, temporary one-hour blocks, port-scan tracking on (PS_INTERVAL 300, PS_LIMIT 10),
     * LF_PERMBLOCK after 4 temporary blocks in a day, and 587 open.
     */
    public static CsfSettings cpanel() {
        return new CsfSettings(5, 3600, 10, 3600, 10, 3600, 3600, 5, 300, 10, 3600, false, true, 86400, 4,
                Set.copyOf(CPANEL_TCP_IN), Set.copyOf(DEFAULT_DROP_NOLOG), LfdFlavour.CPANEL_CSF_16);
    }

    /** Returns these settings with one port removed from TCP_IN (the 2013 case: 587 not open). */
    public CsfSettings withClosedPort(int port) {
        Set<Integer> in = new TreeSet<>(tcpIn);
        in.remove(port);
        return withTcpIn(in);
    }

    /** Returns these settings with another TCP_IN list. */
    public CsfSettings withTcpIn(Set<Integer> ports) {
        return new CsfSettings(lfSmtpAuth, lfSmtpAuthPerm, lfImapd, lfImapdPerm, lfPop3d, lfPop3dPerm, lfInterval,
                lfParse, psInterval, psLimit, psBlockTime, psPermanent, lfPermBlock, lfPermBlockInterval,
                lfPermBlockCount, ports, dropNoLog, flavour);
    }

    /** Returns these settings read by another lfd build. */
    public CsfSettings withFlavour(LfdFlavour f) {
        return new CsfSettings(lfSmtpAuth, lfSmtpAuthPerm, lfImapd, lfImapdPerm, lfPop3d, lfPop3dPerm, lfInterval,
                lfParse, psInterval, psLimit, psBlockTime, psPermanent, lfPermBlock, lfPermBlockInterval,
                lfPermBlockCount, tcpIn, dropNoLog, f);
    }

    /** Returns these settings with other LF_*_PERM values (1 = permanent, else seconds). */
    public CsfSettings withPerm(int smtpAuthPerm, int imapdPerm, int pop3dPerm) {
        return new CsfSettings(lfSmtpAuth, smtpAuthPerm, lfImapd, imapdPerm, lfPop3d, pop3dPerm, lfInterval,
                lfParse, psInterval, psLimit, psBlockTime, psPermanent, lfPermBlock, lfPermBlockInterval,
                lfPermBlockCount, tcpIn, dropNoLog, flavour);
    }

    /** Returns these settings with another port-scan window and limit. */
    public CsfSettings withPortScan(int interval, int limit) {
        return new CsfSettings(lfSmtpAuth, lfSmtpAuthPerm, lfImapd, lfImapdPerm, lfPop3d, lfPop3dPerm, lfInterval,
                lfParse, interval, limit, psBlockTime, psPermanent, lfPermBlock, lfPermBlockInterval,
                lfPermBlockCount, tcpIn, dropNoLog, flavour);
    }

    /** Returns true when the port is listed in TCP_IN. */
    public boolean isOpen(int port) {
        return tcpIn.contains(port);
    }

    /** Returns TCP_IN as csf writes it: ascending, comma-separated. */
    public String tcpInText() {
        List<Integer> ports = new ArrayList<>(new TreeSet<>(tcpIn));
        StringBuilder b = new StringBuilder();
        for (int p : ports) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(p);
        }
        return b.toString();
    }
}
