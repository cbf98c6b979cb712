package dev.authaudit.run;

import dev.authaudit.act.firewall.FirewallAction;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code watch --fleet-act block} acts on the fleet's attacker verdicts.
 *
 * @param ttl how long each temporary block lasts ({@code csf -td IP TTL}); csf lifts it by itself. With fail2ban a
 *     ban lasts the jail's bantime, which the run reads at start and puts here
 * @param maxPerHour the brake: at most this many blocks in any hour, counted in the state (a restart does not
 *     reset it); beyond it the run stops acting and dry-runs instead
 * @param execute true to run csf; false records each block as a dry run
 * @param csf the csf command: an absolute path or a name looked up on PATH ({@code /usr/sbin/csf})
 * @param csfTimeout the longest one csf command may take
 * @param never the address lists never blocked (csf.allow, csf.ignore); a missing file holds nothing
 * @param csfTempban csf's temporary blocks ({@code /var/lib/csf/csf.tempban}), read before lifting a block so that a
 *     block csf holds for another reason is never lifted with it; null when unknown
 * @param fail2ban how to ban with fail2ban ({@code --fleet-act-with fail2ban}), or null to block with csf
 */
public record FleetActSettings(Duration ttl, int maxPerHour, boolean execute, String csf, Duration csfTimeout,
                               java.util.List<Path> never, Path csfTempban, Fail2banSettings fail2ban) {
    /** The default block period: a day. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    /** The default brake: 20 blocks an hour. */
    public static final int DEFAULT_MAX_PER_HOUR = 20;

    public FleetActSettings {
        never = java.util.List.copyOf(never);
        if (ttl == null || ttl.toSeconds() < 60 || ttl.compareTo(FirewallAction.MAX_TTL) > 0) {
            throw new InvalidSetting("--fleet-block-ttl " + (ttl == null ? "" : ttl.toSeconds() + "s")
                    + " is out of range; use a value from 1m to 7d (24h is the default)");
        }
        if (maxPerHour < 1 || maxPerHour > 10_000) {
            throw new InvalidSetting("--fleet-block-max " + maxPerHour + " is out of range; use 1 to 10000 blocks an"
                    + " hour (" + DEFAULT_MAX_PER_HOUR + " is the default)");
        }
        if (csfTimeout == null || csfTimeout.isNegative() || csfTimeout.isZero()
                || csfTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidSetting("--csf-timeout must be between 1ms and 1m (3s is the default)");
        }
    }

    /** Settings that block with csf. */
    public FleetActSettings(Duration ttl, int maxPerHour, boolean execute, String csf, Duration csfTimeout,
                            java.util.List<Path> never, Path csfTempban) {
        this(ttl, maxPerHour, execute, csf, csfTimeout, never, csfTempban, null);
    }

    /** Returns these settings with {@code ttl} (the fail2ban jail's bantime, read at start). */
    public FleetActSettings withTtl(Duration ttl) {
        return new FleetActSettings(ttl, maxPerHour, execute, csf, csfTimeout, never, csfTempban, fail2ban);
    }

    /** Returns the program that blocks: {@code csf} or {@code fail2ban-client}. */
    public String program() {
        return fail2ban == null ? "csf" : "fail2ban-client";
    }
}
