package dev.authaudit.cli;

import dev.authaudit.config.AuditorConfig;
import dev.authaudit.config.ConfigLoader;
import dev.authaudit.config.LogDefaults;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code authaudit config show}: print the settings {@code watch} would run with (the file over the
 * defaults), as YAML that reads back as a config file with the same settings (durations as the file writes them),
 * with the SMTP password shown only as a comment, {@code <masked>}.
 */
@Command(name = "show", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Print the effective settings (config file over defaults), secrets masked.",
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done", "2:usage error",
            "3:the config file is invalid"})
public final class ConfigShowCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "authaudit.yaml to read; without it, the defaults.")
    Path config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public ConfigShowCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AuditorConfig cfg = config == null ? AuditorConfig.empty() : ConfigLoader.load(config);
        WatchCommand w = new WatchCommand(context);
        ConfigOverlay overlay = new ConfigOverlay(cfg, option -> false);
        overlay.apply(w.input, w.state, w.notices);
        overlay.apply(w);
        List<String> logs = w.paths.isEmpty() ? LogDefaults.detect().paths() : w.paths;
        NoticeOptions n = w.notices;
        PrintWriter out = spec.commandLine().getOut();
        out.println("# effective settings" + (config == null ? " (defaults)" : " from " + config));
        out.println("logs:");
        logs.forEach(l -> out.println("  - " + q(l)));
        out.println("tz: " + w.input.zone());
        out.println("year: " + (w.input.year == null ? "null  # from each file's time" : w.input.year));
        out.println("host: " + (w.input.host == null ? "null  # the syslog header's, else this machine's name"
                : q(w.input.host)));
        out.println("fingerprint_key_file: " + (w.input.fingerprintKey == null ? "null  # a new random key per run"
                : q(w.input.fingerprintKey)));
        out.println("rules: " + q(w.input.rulesDir()));
        out.println("rules_dirs: " + w.input.siteRules.stream().map(ConfigShowCommand::q).toList());
        out.println("csf_conf: " + (w.csfConf != null ? q(w.csfConf)
                : Files.exists(Path.of("/etc/csf/csf.conf")) ? "/etc/csf/csf.conf" : "null  # csf defaults"));
        out.println("csf_command: " + q(w.csfCommand));
        out.println("csf_timeout: " + d(w.csfTimeout));
        out.println("csf_tempban: " + q(w.csfTempban));
        out.println("fail2ban_client: " + q(w.fail2banClient));
        out.println("fail2ban_timeout: " + d(w.fail2banTimeout));
        out.println("fail2ban_conf: " + q(w.fail2banConf));
        out.println("state:");
        out.println("  dir: " + q(w.state.state()));
        out.println("  db: " + q(w.state.db()));
        out.println("watch:");
        out.println("  poll: " + d(w.poll));
        out.println("  checkpoint_every: " + d(w.checkpointEvery));
        out.println("  look_back: " + d(w.lookBack));
        out.println("  look_back_bytes: " + w.lookBackBytes);
        out.println("notices:");
        out.println("  mode: " + (n.notify == null ? "null  # no notices" : n.notify.word()));
        out.println("  outbox: " + q(n.settings().draftsDir(w.state.state())));
        out.println("  from: " + q(n.from));
        out.println("  server_name: " + q(n.serverName));
        out.println("  help_url: " + q(n.helpUrl));
        out.println("  lang: " + q(n.lang));
        out.println("  cc: " + q(n.cc));
        out.println("  contacts: " + q(n.contacts));
        out.println("  cpanel: " + n.cpanel);
        out.println("  cpanel_userdomains: " + q(n.userdomains));
        out.println("  cpanel_users: " + q(n.cpanelUsers));
        out.println("  mailbox: " + !n.noMailbox);
        out.println("  min_confidence: " + n.minConfidence);
        out.println("  limit: " + n.limit);
        out.println("  smtp:");
        out.println("    host: " + q(n.smtpHost));
        out.println("    port: " + n.smtpPort);
        out.println("    security: " + n.smtpSecurity.name().toLowerCase(java.util.Locale.ROOT));
        out.println("    user: " + q(n.smtpUser));
        out.println("    password_env: " + q(n.smtpPasswordEnv));
        out.println("    password_file: " + q(n.smtpPasswordFile));
        boolean havePassword = (n.smtpPasswordFile != null && Files.exists(n.smtpPasswordFile))
                || (n.smtpPasswordEnv != null && System.getenv(n.smtpPasswordEnv) != null);
        out.println("    # password: " + (havePassword ? "<masked>" : "none found"));
        out.println("    connect_timeout: " + d(n.connectTimeout));
        out.println("    read_timeout: " + d(n.readTimeout));
        out.println("fleet:");
        out.println("  publish: " + (w.publish == null ? "null  # no events sent" : q(w.publish)));
        out.println("  verdicts: " + (w.fleetVerdicts == null ? "null  # no fleet verdicts read" : q(w.fleetVerdicts)));
        out.println("  act:");
        out.println("    mode: " + (w.fleetAct == null ? "none" : q(w.fleetAct)));
        boolean f2b = "fail2ban".equalsIgnoreCase(String.valueOf(w.fleetActWith).strip());
        out.println("    execute: " + w.execute + (w.execute ? "  # runs " + (f2b ? "fail2ban-client" : "csf")
                : "  # a dry run"));
        out.println("    block_ttl: " + d(w.fleetBlockTtl) + (f2b ? "  # with fail2ban, the jail's bantime decides" : ""));
        out.println("    block_max: " + w.fleetBlockMax);
        out.println("    with: " + q(w.fleetActWith));
        out.println("    " + (f2b ? "" : "# ") + "jail: " + q(w.fail2banJail) + (f2b ? "" : "  # with: fail2ban only"));
        out.flush();
        return ExitCodes.OK;
    }

    /** A duration as the file writes it ({@code 2h}, {@code 90s}), so that this output reads back as the same file. */
    private static String d(java.time.Duration v) {
        return dev.authaudit.config.ConfigLoader.durationText(v);
    }

    private static String q(Object v) {
        if (v == null) {
            return "null";
        }
        String s = Terminal.safe(v.toString());
        return s.matches("[A-Za-z0-9_./@+:-]+") && !s.startsWith("@") ? s : "'" + s.replace("'", "''") + "'";
    }
}
