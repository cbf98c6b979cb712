package dev.authaudit.cli;

import dev.authaudit.act.notice.DeliveryMode;
import dev.authaudit.act.notice.SmtpSettings;
import dev.authaudit.config.AuditorConfig;
import dev.authaudit.config.ConfigException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Fills the options of {@code watch}, {@code hook lfd-block}, the fleet's commands (and {@code config show}) from
 * {@code authaudit.yaml}: a value from the file is used unless the same option was given on the command line, which
 * always wins.
 */
public final class ConfigOverlay {
    private final AuditorConfig config;
    private final Predicate<String> onCommandLine;
    /** The options whose value came from the file, with the file's key for each (for messages). */
    private final Map<String, String> fromFile = new HashMap<>();

    /**
     * @param onCommandLine tells whether an option (by its long name) was given on the command line
     */
    ConfigOverlay(AuditorConfig config, Predicate<String> onCommandLine) {
        this.config = config;
        this.onCommandLine = onCommandLine;
    }

    /**
     * Loads {@code file} for a command whose options were parsed into {@code spec}: the options given on its command
     * line win over the file.
     *
     * @throws dev.authaudit.config.ConfigException when the file cannot be read or holds a bad value
     */
    public static ConfigOverlay load(java.nio.file.Path file, picocli.CommandLine.Model.CommandSpec spec) {
        return new ConfigOverlay(dev.authaudit.config.ConfigLoader.load(file),
                spec.commandLine().getParseResult()::hasMatchedOption);
    }

    /** Returns the file's settings. */
    public AuditorConfig config() {
        return config;
    }

    /** Applies the file's input settings: zone, year, host, fingerprint key and rules. */
    public void apply(InputOptions input) {
        AuditorConfig.Input i = config.input();
        set("--tz", i.tz(), v -> input.tz = v);
        set("--year", i.year(), v -> input.year = v);
        set("--host", i.host(), v -> input.host = v);
        set("--fingerprint-key", i.fingerprintKeyFile(), v -> input.fingerprintKey = v);
        set("--rules", i.rules(), v -> input.rules = v);
        set("--rules-dir", i.rulesDirs(), v -> input.siteRules = new java.util.ArrayList<>(v));
    }

    /** Applies the file's input, state and notice settings. */
    public void apply(InputOptions input, StateOptions state, NoticeOptions n) {
        apply(input);
        set("--state", config.state().dir(), v -> state.state = v);
        set("--db", config.state().db(), v -> state.db = v);
        AuditorConfig.Notices c = config.notices();
        set("--notify", c.mode(), v -> n.notify = DeliveryMode.valueOf(v.toUpperCase(Locale.ROOT)));
        set("--outbox", c.outbox(), v -> n.outbox = v);
        set("--notice-from", c.from(), v -> n.from = v);
        set("--notice-server-name", c.serverName(), v -> n.serverName = v);
        set("--notice-help-url", c.helpUrl(), v -> n.helpUrl = v);
        set("--notice-lang", c.lang(), v -> n.lang = v);
        set("--notice-cc", c.cc(), v -> n.cc = v);
        set("--notice-contacts", c.contacts(), v -> n.contacts = v);
        set("--cpanel", c.cpanel(), v -> n.cpanel = v);
        set("--cpanel-userdomains", c.cpanelUserdomains(), v -> n.userdomains = v);
        set("--cpanel-users", c.cpanelUsers(), v -> n.cpanelUsers = v);
        set("--no-notice-mailbox", c.mailbox(), v -> n.noMailbox = !v);
        set("--notice-min-confidence", c.minConfidence(), v -> n.minConfidence = v);
        set("--notice-limit", c.limit(), v -> n.limit = v);
        AuditorConfig.Smtp s = c.smtp();
        set("--smtp-host", s.host(), v -> n.smtpHost = v);
        set("--smtp-port", s.port(), v -> n.smtpPort = v);
        set("--smtp-security", s.security(), v -> n.smtpSecurity = SmtpSettings.Security.valueOf(
                v.toUpperCase(Locale.ROOT)));
        set("--smtp-user", s.user(), v -> n.smtpUser = v);
        set("--smtp-password-env", s.passwordEnv(), v -> n.smtpPasswordEnv = v);
        set("--smtp-password-file", s.passwordFile(), v -> n.smtpPasswordFile = v);
        set("--smtp-connect-timeout", s.connectTimeout(), v -> n.connectTimeout = v);
        set("--smtp-read-timeout", s.readTimeout(), v -> n.readTimeout = v);
    }

    /** Applies the file's logs, csf.conf and pacing to {@code watch}. */
    void apply(WatchCommand w) {
        if (w.paths.isEmpty() && config.logs() != null) {
            w.paths = new java.util.ArrayList<>(config.logs());
        }
        set("--csf-conf", config.input().csfConf(), v -> w.csfConf = v);
        AuditorConfig.Watch c = config.watch();
        set("--poll", c.poll(), v -> w.poll = v);
        set("--checkpoint-every", c.checkpointEvery(), v -> w.checkpointEvery = v);
        set("--look-back", c.lookBack(), v -> w.lookBack = v);
        set("--look-back-bytes", c.lookBackBytes(), v -> w.lookBackBytes = v);
        AuditorConfig.Csf csf = config.csf();
        set("--csf", "csf_command", csf.command(), v -> w.csfCommand = v);
        set("--csf-timeout", "csf_timeout", csf.timeout(), v -> w.csfTimeout = v);
        set("--csf-tempban", "csf_tempban", csf.tempban(), v -> w.csfTempban = v);
        AuditorConfig.Fail2ban f2b = config.fail2ban();
        set("--fail2ban-client", "fail2ban_client", f2b.client(), v -> w.fail2banClient = v);
        set("--fail2ban-timeout", "fail2ban_timeout", f2b.timeout(), v -> w.fail2banTimeout = v);
        set("--fail2ban-conf", "fail2ban_conf", f2b.conf(), v -> w.fail2banConf = v);
        AuditorConfig.Fleet f = config.fleet();
        set("--publish", "fleet.publish", f.publish(), v -> w.publish = v);
        set("--fleet-verdicts", "fleet.verdicts", f.verdicts(), v -> w.fleetVerdicts = v);
        AuditorConfig.FleetAct a = f.act();
        set("--fleet-act", "fleet.act.mode", a.mode(), v -> w.fleetAct = v);
        // only ever true when the file says execute: true beside mode: block (the loader refuses it alone)
        set("--execute", "fleet.act.execute", a.execute(), v -> w.execute = v);
        set("--fleet-block-ttl", "fleet.act.block_ttl", a.blockTtl(), v -> w.fleetBlockTtl = v);
        set("--fleet-block-max", "fleet.act.block_max", a.blockMax(), v -> w.fleetBlockMax = v);
        set("--fleet-act-with", "fleet.act.with", a.with(), v -> w.fleetActWith = v);
        set("--fail2ban-jail", "fleet.act.jail", a.jail(), v -> w.fail2banJail = v);
    }

    /** Applies the file's csf.conf and how csf is run ({@code csf_command}, {@code csf_timeout}) to lfd's hook. */
    void apply(LfdBlockCommand h) {
        set("--csf-conf", "csf_conf", config.input().csfConf(), v -> h.csfConf = v);
        AuditorConfig.Csf csf = config.csf();
        set("--csf", "csf_command", csf.command(), v -> h.csf = v);
        // the hook reads its durations itself (a bad one is recorded, not a usage error); the file's is checked
        set("--csf-timeout", "csf_timeout", csf.timeout(), v -> h.csfTimeout = v.toMillis() + "ms");
    }

    /** Returns the file's key that set {@code option}, or null when the command line or the default did. */
    String keyOf(String option) {
        return fromFile.get(option);
    }

    /**
     * Returns a problem with a value the file set for {@code option}, naming the file and its key.
     *
     * @param message what is wrong and what to write instead
     */
    ConfigException problem(String option, String message) {
        String key = fromFile.get(option);
        return new ConfigException(String.valueOf(config.file()), key, config.file() + ": " + key + ": " + message);
    }

    private <T> void set(String option, T value, Consumer<T> into) {
        set(option, null, value, into);
    }

    /**
     * Gives {@code option} the file's {@code value} (of {@code key}) unless the command line gave it or the file does
     * not set it.
     */
    public <T> void set(String option, String key, T value, Consumer<T> into) {
        if (value != null && !onCommandLine.test(option)) {
            into.accept(value);
            if (key != null) {
                fromFile.put(option, key);
            }
        }
    }
}
