package dev.authaudit.run;

import dev.authaudit.act.firewall.ActionOutcome;
import dev.authaudit.act.firewall.ActionStatus;
import dev.authaudit.act.firewall.Fail2banAction;
import dev.authaudit.act.firewall.FirewallCommand;
import dev.authaudit.act.firewall.ProcessRunner;
import dev.authaudit.text.Escape;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fleet blocks as bans in a fail2ban jail kept for them ({@code authaudit-fleet}): {@code fail2ban-client set JAIL
 * banip IP}, which lasts the jail's {@code bantime} and which fail2ban lifts by itself, and {@code set JAIL unbanip
 * IP} to lift one early. Both act in that jail only, so a ban another jail holds for this server's own reasons stays.
 * The comment has no place in fail2ban; the action log keeps the evidence.
 */
final class Fail2banFleetFirewall implements FleetFirewall {
    private final ProcessRunner client;
    private final String jail;
    private final Duration timeout;

    /**
     * @param client what runs fail2ban-client
     * @param jail the jail the bans go to (checked as a jail name)
     * @param timeout the longest one fail2ban-client command may take
     */
    Fail2banFleetFirewall(ProcessRunner client, String jail, Duration timeout) {
        this.client = client;
        this.jail = Fail2banAction.checkJail(jail);
        this.timeout = timeout;
    }

    /** Returns a firewall that runs {@code settings}' fail2ban-client. */
    static Fail2banFleetFirewall of(Fail2banSettings settings) {
        return new Fail2banFleetFirewall(new ProcessRunner(settings.client(), "fail2ban-client",
                "give --fail2ban-client the full path, e.g. /usr/bin/fail2ban-client", java.util.Map.of()),
                settings.jail(), settings.timeout());
    }

    @Override
    public String program() {
        return "fail2ban-client";
    }

    @Override
    public FirewallCommand block(String ip, Duration ttl, String comment) {
        return Fail2banAction.ban(jail, ip);
    }

    @Override
    public FirewallCommand lift(String ip) {
        return Fail2banAction.unban(jail, ip);
    }

    @Override
    public Optional<String> otherBlock(String ip, Instant now) {
        return Optional.empty(); // unbanip lifts the ban of this jail only
    }

    @Override
    public ActionOutcome run(FirewallCommand command) {
        return client.run(command, timeout);
    }

    /** What the jail says its ban time is: seconds, or why it could not be read. */
    record Bantime(Long seconds, String problem) {
    }

    /**
     * Asks the running fail2ban for the jail's {@code bantime} ({@code fail2ban-client get JAIL bantime}, which
     * changes nothing): how long each ban lasts.
     */
    Bantime bantime() {
        Fail2banAction ask = Fail2banAction.bantime(jail);
        ActionOutcome o = client.run(ask, timeout);
        if (o.status() != ActionStatus.DONE) {
            return new Bantime(null, ask.display() + " " + o.status().word() + (o.exitCode() == null ? ""
                    : " (exit " + o.exitCode() + ")") + (o.output().isEmpty() ? "" : ": " + Escape.line(o.output(),
                    200)));
        }
        String said = o.output().strip();
        if (!said.matches("-?\\d{1,12}")) {
            return new Bantime(null, ask.display() + " said " + Escape.quoted(said, 80) + ", not a number of seconds");
        }
        return new Bantime(Long.parseLong(said), null);
    }
}
