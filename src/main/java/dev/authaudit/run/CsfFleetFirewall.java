package dev.authaudit.run;

import dev.authaudit.act.firewall.ActionOutcome;
import dev.authaudit.act.firewall.Csf;
import dev.authaudit.act.firewall.CsfLists;
import dev.authaudit.act.firewall.FirewallAction;
import dev.authaudit.act.firewall.FirewallCommand;
import dev.authaudit.act.firewall.HeldBlock;
import dev.authaudit.text.Escape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Fleet blocks as csf's temporary blocks: {@code csf -td IP TTL "authaudit fleet ..."}, which csf lifts by itself,
 * and {@code csf -tr IP} to lift one early, only when csf.tempban shows no other temporary block of the address
 * ({@code -tr} lifts them all).
 */
final class CsfFleetFirewall implements FleetFirewall {
    private final Csf csf;
    private final Duration timeout;
    private final Path tempban;

    /**
     * @param csf what runs csf
     * @param timeout the longest one csf command may take
     * @param tempban csf's temporary blocks ({@code /var/lib/csf/csf.tempban}), or null when unknown
     */
    CsfFleetFirewall(Csf csf, Duration timeout, Path tempban) {
        this.csf = csf;
        this.timeout = timeout;
        this.tempban = tempban;
    }

    @Override
    public String program() {
        return "csf";
    }

    @Override
    public FirewallCommand block(String ip, Duration ttl, String comment) {
        return FirewallAction.tempDeny(ip, ttl, comment);
    }

    @Override
    public FirewallCommand lift(String ip) {
        return FirewallAction.lift(ip, false);
    }

    @Override
    public Optional<String> otherBlock(String ip, Instant now) {
        if (tempban == null || !Files.isReadable(tempban)) {
            return Optional.of("cannot read csf's temporary blocks (" + tempban + ") to make sure csf -tr would lift"
                    + " no other block of it");
        }
        CsfLists held = CsfLists.read(null, tempban, null, ZoneOffset.UTC, now);
        for (HeldBlock h : held.blocks()) {
            if (ip.equals(h.ip()) && !h.comment().startsWith("authaudit " + FleetBlocker.COMMENT)) {
                return Optional.of("csf also holds a temporary block of it that this hook did not make (" + h.where()
                        + ": " + Escape.line(h.comment(), 80) + "), which csf -tr would lift too");
            }
        }
        return Optional.empty();
    }

    @Override
    public ActionOutcome run(FirewallCommand command) {
        if (!(command instanceof FirewallAction action)) {
            throw new IllegalArgumentException("not a csf command: " + command.display());
        }
        return csf.run(action, timeout);
    }
}
