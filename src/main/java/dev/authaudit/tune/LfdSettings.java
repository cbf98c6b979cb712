package dev.authaudit.tune;

import static java.util.Objects.requireNonNull;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.config.PortList;
import dev.authaudit.config.PortRange;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The csf.conf values the lfd model applies, in a form the tuning grid can vary one key at a time.
 *
 * @param values every {@link LfdKey}, flags as 0 or 1
 * @param psPorts PS_PORTS: the ports scan hits count on, plus the keywords ICMP, INVALID, OPEN, BRD
 * @param tcpIn TCP_IN, the open inbound TCP ports (v4)
 * @param udpIn UDP_IN, the open inbound UDP ports (v4)
 * @param flavour which lfd build reads the logs
 */
public record LfdSettings(Map<LfdKey, Integer> values, PortList psPorts, PortList tcpIn, PortList udpIn,
                          LfdFlavour flavour) {
    /** lfd's default LF_PARSE: it reads the logs every 5 seconds. */
    public static final int DEFAULT_LF_PARSE = 5;

    public LfdSettings {
        EnumMap<LfdKey, Integer> copy = new EnumMap<>(LfdKey.class);
        copy.putAll(values);
        for (LfdKey k : LfdKey.values()) {
            Integer v = copy.get(k);
            if (v == null || v < 0) {
                throw new IllegalArgumentException(k + " must be set to 0 or more, was " + v);
            }
        }
        if (copy.get(LfdKey.LF_INTERVAL) == 0 || copy.get(LfdKey.LF_PARSE) == 0) {
            throw new IllegalArgumentException("LF_INTERVAL and LF_PARSE must be positive");
        }
        values = Map.copyOf(copy);
        requireNonNull(psPorts, "psPorts");
        requireNonNull(tcpIn, "tcpIn");
        requireNonNull(udpIn, "udpIn");
        requireNonNull(flavour, "flavour");
    }

    /** Returns the settings a csf.conf gives, read by the given lfd build. */
    public static LfdSettings from(CsfConfig c, LfdFlavour flavour) {
        Map<LfdKey, Integer> v = new EnumMap<>(LfdKey.class);
        v.put(LfdKey.LF_SMTPAUTH, c.lfSmtpAuth());
        v.put(LfdKey.LF_SMTPAUTH_PERM, c.lfSmtpAuthPerm());
        v.put(LfdKey.LF_IMAPD, c.lfImapd());
        v.put(LfdKey.LF_IMAPD_PERM, c.lfImapdPerm());
        v.put(LfdKey.LF_POP3D, c.lfPop3d());
        v.put(LfdKey.LF_POP3D_PERM, c.lfPop3dPerm());
        v.put(LfdKey.LF_INTERVAL, Math.max(1, c.lfInterval()));
        v.put(LfdKey.LF_TRIGGER, c.lfTrigger());
        v.put(LfdKey.LF_TRIGGER_PERM, c.lfTriggerPerm());
        v.put(LfdKey.PS_INTERVAL, c.psInterval());
        v.put(LfdKey.PS_LIMIT, c.psLimit());
        v.put(LfdKey.PS_DIVERSITY, c.psDiversity());
        v.put(LfdKey.PS_BLOCK_TIME, c.psBlockTime());
        v.put(LfdKey.PS_PERMANENT, c.psPermanent() ? 1 : 0);
        v.put(LfdKey.LF_PERMBLOCK, c.lfPermblock() ? 1 : 0);
        v.put(LfdKey.LF_PERMBLOCK_INTERVAL, c.lfPermblockInterval());
        v.put(LfdKey.LF_PERMBLOCK_COUNT, c.lfPermblockCount());
        v.put(LfdKey.LF_PARSE, DEFAULT_LF_PARSE);
        return new LfdSettings(v, c.psPorts(), c.tcpIn(), c.udpIn(), flavour);
    }

    /** Returns the cpanel-csf defaults read by cpanel-csf 16. */
    public static LfdSettings defaults() {
        return from(CsfConfig.defaults(), LfdFlavour.CPANEL_CSF_16);
    }

    /** Returns the value of a key. */
    public int get(LfdKey key) {
        return values.get(key);
    }

    /** Returns a copy with one key changed. */
    public LfdSettings with(LfdKey key, int value) {
        Map<LfdKey, Integer> v = new EnumMap<>(values);
        v.put(key, value);
        return new LfdSettings(v, psPorts, tcpIn, udpIn, flavour);
    }

    /** Returns a copy with a TCP port added to TCP_IN. */
    public LfdSettings withOpenTcpPort(int port) {
        if (tcpIn.contains(port)) {
            return this;
        }
        List<PortRange> ranges = new ArrayList<>(tcpIn.ranges());
        ranges.add(new PortRange(port, port));
        return new LfdSettings(values, psPorts, new PortList(ranges, Set.of()), udpIn, flavour);
    }

    /** Returns a copy read by another lfd build. */
    public LfdSettings withFlavour(LfdFlavour f) {
        return new LfdSettings(values, psPorts, tcpIn, udpIn, f);
    }

    /** Returns true when port-scan tracking is on (PS_INTERVAL above 0). */
    public boolean portScansTracked() {
        return get(LfdKey.PS_INTERVAL) > 0;
    }

    /** Returns the block length in seconds for a {@code _PERM} value, or 0 for a permanent block. */
    static int blockSeconds(int perm) {
        // csf: 1 means permanent, a larger value is a temporary block of that many seconds
        return perm > 1 ? perm : 0;
    }
}
