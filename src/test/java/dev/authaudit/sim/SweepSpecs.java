package dev.authaudit.sim;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Derives a varied simulation spec from a seed, so a sweep over seeds covers zones, layouts,
 * rotation, run lengths, host sizes, stale shares, attack mixes and firewall settings without a
 * hand-written list. The simulator itself picks the Exim and Dovecot versions from the seed.
 */
final class SweepSpecs {
    private static final List<String> ZONES = List.of("America/New_York", "Europe/Berlin", "UTC", "Asia/Tokyo",
            "Australia/Sydney", "America/Los_Angeles", "Asia/Kolkata", "Europe/London", "America/Sao_Paulo");

    private SweepSpecs() {
    }

    /** Returns the spec for a seed: 1 to {@code maxDays} days, 20 to {@code maxMailboxes} mailboxes. */
    static SimulationSpec forSeed(long seed, int maxDays, int maxMailboxes) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        int days = 1 + r.nextInt(maxDays);
        int mailboxes = 20 + r.nextInt(Math.max(1, maxMailboxes - 19));
        ZoneId zone = ZoneId.of(ZONES.get(r.nextInt(ZONES.size())));
        // mostly recent dates; some runs cross a DST change or the new year
        int pick = r.nextInt(10);
        LocalDateTime start = pick == 0 ? LocalDateTime.of(2025, 12, 29, 0, 0)
                : pick == 1 ? LocalDateTime.of(2026, 3, 27, 0, 0)
                : LocalDateTime.of(2026, 1 + r.nextInt(10), 1 + r.nextInt(27), 0, 0);
        double stale = 0.03 + r.nextDouble() * 0.2;
        AttackMix typical = AttackMix.typical(days, mailboxes);
        AttackMix mix = new AttackMix(scale(r, typical.bruteForce()), scale(r, typical.spraying()),
                scale(r, typical.stuffing()), scale(r, typical.unknownUser()), scale(r, typical.portScanners()),
                r.nextInt(4) == 0 ? 0 : Math.max(1, typical.closedPort()));
        CsfSettings csf = r.nextBoolean() ? CsfSettings.cpanel().withClosedPort(587) : CsfSettings.cpanel();
        if (r.nextInt(3) == 0) {
            csf = csf.withFlavour(LfdFlavour.AETHERINOX_15);
        }
        if (r.nextInt(4) == 0) {
            csf = csf.withPerm(1, 1800, 1800);
        }
        return SimulationSpec.builder().seed(seed).days(days).mailboxes(mailboxes).zone(zone).start(start)
                .staleShare(stale).attacks(mix).csf(csf)
                .layout(r.nextInt(3) == 0 ? LogLayout.DEBIAN : LogLayout.CPANEL).rotate(r.nextInt(4) == 0)
                .build();
    }

    private static int scale(SplittableRandom r, int n) {
        // from none at all to three times the typical count
        return (int) Math.round(n * r.nextDouble() * 3);
    }

    static String describe(SimulationSpec s) {
        AttackMix a = s.attacks();
        return String.format("seed %d: %d d, %d boxes, %s, %s%s, start %s, stale %.2f, attacks %d,%d,%d,%d,%d,%d%s",
                s.seed(), s.days(), s.mailboxes(), s.zone(), s.layout().word(), s.rotate() ? " rotated" : "",
                s.start().toLocalDate(), s.staleShare(), a.bruteForce(), a.spraying(), a.stuffing(), a.unknownUser(),
                a.portScanners(), a.closedPort(), s.csf().isOpen(587) ? "" : ", 587 closed");
    }
}
