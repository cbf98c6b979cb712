package dev.authaudit.sim;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Everything that decides a simulated run. Two runs with equal specs write identical files.
 *
 * @param seed the random seed
 * @param start local start time of the run (in {@code zone})
 * @param days how many days to simulate
 * @param mailboxes how many mailboxes exist
 * @param domains how many customer domains they are spread over
 * @param staleShare share of mailboxes that change their password while one device keeps the old one
 * @param typos how many typo episodes (a few failures, then success) to place over the run
 * @param attacks hostile and misconfigured actors
 * @param noise volume of unrelated mail traffic, 1.0 = a normal small shared host; ignored when
 *     {@code linesTarget} is set
 * @param zone the host's time zone; syslog and Exim times are local
 * @param csf the firewall settings lfd applies (written to {@code csf.conf})
 * @param layout which files the host writes
 * @param rotate split logs daily and name old parts as logrotate does ({@code maillog-20251231.gz},
 *     {@code mail.log.1}, {@code mail.log.2.gz})
 * @param linesTarget approximate total line count to reach by adding unrelated traffic; 0 = use {@code noise}
 * @param hostname the host's name (lines show the part before the first dot)
 * @param software Exim and Dovecot styles, or null to pick them from the seed
 */
public record SimulationSpec(long seed, LocalDateTime start, int days, int mailboxes, int domains,
                             double staleShare, int typos, AttackMix attacks, double noise, ZoneId zone,
                             CsfSettings csf, LogLayout layout, boolean rotate, long linesTarget,
                             String hostname, ServerSoftware software) {
    public SimulationSpec {
        requireNonNull(start, "start");
        requireNonNull(attacks, "attacks");
        requireNonNull(zone, "zone");
        requireNonNull(csf, "csf");
        requireNonNull(layout, "layout");
        requireNonNull(hostname, "hostname");
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days was " + days + ", must be 1..366");
        }
        if (mailboxes < 1 || mailboxes > 100_000) {
            throw new IllegalArgumentException("mailboxes was " + mailboxes + ", must be 1..100000");
        }
        if (domains < 1 || domains > mailboxes) {
            throw new IllegalArgumentException("domains was " + domains + ", must be 1..mailboxes (" + mailboxes + ")");
        }
        if (staleShare < 0 || staleShare > 1) {
            throw new IllegalArgumentException("staleShare was " + staleShare + ", must be 0..1");
        }
        if (typos < 0 || noise < 0 || linesTarget < 0) {
            throw new IllegalArgumentException("typos, noise and linesTarget must not be negative");
        }
    }

    /** Returns a builder preset to a realistic small host: 60 mailboxes, 3 days, cPanel layout. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this spec's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.start = start;
        b.days = days;
        b.mailboxes = mailboxes;
        b.domainsSet = domains;
        b.staleShare = staleShare;
        b.typosSet = typos;
        b.attacks = attacks;
        b.noise = noise;
        b.zone = zone;
        b.csf = csf;
        b.layout = layout;
        b.rotate = rotate;
        b.linesTarget = linesTarget;
        b.hostname = hostname;
        b.software = software;
        return b;
    }

    /** Returns the run's length in seconds. */
    public long durationSeconds() {
        return days * 86_400L;
    }

    /**
     * Builds a {@link SimulationSpec}. Unset counts scale with {@code days} and {@code mailboxes}:
     * typos default to about one per 30 mailboxes per day and attackers to {@link AttackMix#typical}.
     */
    public static final class Builder {
        private long seed = 1;
        private LocalDateTime start = LocalDateTime.of(2025, 3, 10, 0, 0);
        private int days = 3;
        private int mailboxes = 60;
        private Integer domainsSet;
        private double staleShare = 0.08;
        private Integer typosSet;
        private AttackMix attacks;
        private double noise = 1.0;
        private ZoneId zone = ZoneId.of("America/New_York");
        private CsfSettings csf = CsfSettings.cpanel().withClosedPort(587);
        private LogLayout layout = LogLayout.CPANEL;
        private boolean rotate;
        private long linesTarget;
        private String hostname = "server1.hosting.example.net";
        private ServerSoftware software;

        private Builder() {
        }

        /** Sets the random seed. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Sets the local start time. */
        public Builder start(LocalDateTime v) {
            start = v;
            return this;
        }

        /** Sets the number of days. */
        public Builder days(int v) {
            days = v;
            return this;
        }

        /** Sets the number of mailboxes. */
        public Builder mailboxes(int v) {
            mailboxes = v;
            return this;
        }

        /** Sets the number of customer domains. */
        public Builder domains(int v) {
            domainsSet = v;
            return this;
        }

        /** Sets the share of mailboxes with a stale device. */
        public Builder staleShare(double v) {
            staleShare = v;
            return this;
        }

        /** Sets the number of typo episodes. */
        public Builder typos(int v) {
            typosSet = v;
            return this;
        }

        /** Sets the attackers. */
        public Builder attacks(AttackMix v) {
            attacks = v;
            return this;
        }

        /** Sets the unrelated-traffic volume (1.0 = normal). */
        public Builder noise(double v) {
            noise = v;
            return this;
        }

        /** Sets the host's time zone. */
        public Builder zone(ZoneId v) {
            zone = v;
            return this;
        }

        /** Sets the firewall settings. */
        public Builder csf(CsfSettings v) {
            csf = v;
            return this;
        }

        /** Sets the file layout. */
        public Builder layout(LogLayout v) {
            layout = v;
            return this;
        }

        /** Turns daily rotation on or off. */
        public Builder rotate(boolean v) {
            rotate = v;
            return this;
        }

        /** Sets the approximate total line count (0 = off). */
        public Builder linesTarget(long v) {
            linesTarget = v;
            return this;
        }

        /** Sets the host name. */
        public Builder hostname(String v) {
            hostname = v;
            return this;
        }

        /** Fixes the Exim and Dovecot styles instead of picking them from the seed. */
        public Builder software(ServerSoftware v) {
            software = v;
            return this;
        }

        /**
         * Returns the spec.
         *
         * @throws IllegalArgumentException if a value is out of range (the message names it)
         */
        public SimulationSpec build() {
            int d = domainsSet != null ? domainsSet : Math.max(1, Math.min(mailboxes, mailboxes / 6 + 1));
            int t = typosSet != null ? typosSet : Math.max(1, mailboxes * days / 30);
            AttackMix a = attacks != null ? attacks : AttackMix.typical(days, mailboxes);
            return new SimulationSpec(seed, start, days, mailboxes, d, staleShare, t, a, noise, zone, csf, layout,
                    rotate, linesTarget, hostname, software);
        }
    }
}
