package dev.authaudit.sim;

import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Where a device is at a given time, and so which address its connections come from: the home NAT,
 * the office NAT, a mobile carrier's CGNAT (a new address every few hours), or nowhere (switched off).
 */
final class Whereabouts {
    private final TimeFormat time;
    private final AddressPool pool;
    private final TruthRecorder truth;
    private final SplittableRandom rng;

    Whereabouts(TimeFormat time, AddressPool pool, TruthRecorder truth, SplittableRandom rng) {
        this.time = time;
        this.pool = pool;
        this.truth = truth;
        this.rng = rng;
    }

    /** Returns the source address of the device at {@code t}, or null when it is off. */
    String address(DeviceState s, long t) {
        Device d = s.device;
        // Shift each device's day by up to +/-45 minutes so households do not move in lockstep.
        LocalDateTime l = time.local(t + (d.phase() % 5400) - 2700);
        int h = l.getHour();
        boolean weekend = l.getDayOfWeek().getValue() >= 6;
        boolean office = d.officeIp() != null;
        boolean commuter = (d.phase() & 1) == 0;
        switch (d.kind()) {
            case PHONE:
                if (d.mobileOnly()) {
                    return mobile(s, t);
                }
                if (weekend) {
                    return h >= 10 && h < 16 && commuter ? mobile(s, t) : d.homeIp();
                }
                if (h < 7 || h >= 19) {
                    return d.homeIp();
                }
                if (h < 8 || (h >= 17 && h < 19)) {
                    return mobile(s, t);
                }
                return office ? d.officeIp() : commuter ? mobile(s, t) : d.homeIp();
            case TABLET:
                return h >= 7 && h < 23 ? d.homeIp() : null;
            case DESKTOP:
                if (weekend || h < 8 || h >= 18) {
                    return office || h < 8 || h >= 22 ? null : d.homeIp();
                }
                return office ? d.officeIp() : d.homeIp();
            default:
                if (h < 7 || h >= 23) {
                    return null;
                }
                if (weekend) {
                    return h >= 9 ? d.homeIp() : null;
                }
                if (h >= 8 && h < 17) {
                    return office ? d.officeIp() : d.homeIp();
                }
                return h == 17 ? null : d.homeIp();
        }
    }

    private String mobile(DeviceState s, long t) {
        if (s.mobileIp == null || t >= s.mobileUntil) {
            s.mobileIp = pool.allocate(AddressRange.MOBILE);
            s.mobileUntil = t + 3600 + rng.nextInt(5 * 3600);
            truth.role(s.mobileIp, "mobile");
        }
        return s.mobileIp;
    }
}
