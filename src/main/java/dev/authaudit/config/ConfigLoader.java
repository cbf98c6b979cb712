package dev.authaudit.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code authaudit.yaml} into an {@link AuditorConfig}. Everything that can be checked without
 * I/O is checked here (keys, types, ranges, contradictions); files, SMTP and csf are checked when
 * they are used. Every message names the file, the key, the value and what is expected.
 */
public final class ConfigLoader {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private final Path file;

    private ConfigLoader(Path file) {
        this.file = file;
    }

    /**
     * Loads and validates {@code file}.
     *
     * @throws ConfigException when the file cannot be read, is not YAML, or holds an unknown key or a bad value
     */
    public static AuditorConfig load(Path file) {
        String text;
        try {
            text = ConfigText.read(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), null, file + ": no such file; write one with"
                    + " 'authaudit config init > " + file + "' or pass another --config");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), null, file + ": cannot read: " + e.getMessage());
        }
        return new ConfigLoader(file).parse(text);
    }

    /** Parses YAML text said to come from {@code file}. */
    public static AuditorConfig parse(Path file, String text) {
        return new ConfigLoader(file).parse(text);
    }

    private AuditorConfig parse(String text) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(file.toString(), null, file + (at == null ? "" : ":" + at.getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return withFile(AuditorConfig.empty());
        }
        ConfigSection top = new ConfigSection(file, root, "");
        top.only("logs", "tz", "year", "rules", "rules_dirs", "csf_conf", "csf_command", "csf_timeout", "csf_tempban",
                "fail2ban_client", "fail2ban_timeout", "fail2ban_conf", "host", "fingerprint_key_file", "state", "watch",
                "notices", "fleet");
        List<String> logs = top.strings("logs");
        AuditorConfig.Input input = new AuditorConfig.Input(top.zone("tz"), top.integer("year", 1970, 2100,
                "a four-digit year"), top.path("rules"), top.paths("rules_dirs"), top.path("csf_conf"),
                top.string("host"), top.path("fingerprint_key_file"));
        ConfigSection st = top.section("state");
        st.only("dir", "db");
        AuditorConfig.State state = new AuditorConfig.State(st.path("dir"), st.path("db"));
        ConfigSection w = top.section("watch");
        w.only("poll", "checkpoint_every", "look_back", "look_back_bytes");
        AuditorConfig.Watch watch = new AuditorConfig.Watch(w.duration("poll", Duration.ofMillis(10),
                Duration.ofSeconds(10)), w.duration("checkpoint_every", Duration.ZERO, Duration.ofMinutes(1)),
                w.duration("look_back", Duration.ZERO, Duration.ofDays(2)), w.bytes("look_back_bytes"));
        ConfigSection n = top.section("notices");
        n.only("mode", "outbox", "from", "server_name", "help_url", "lang", "cc", "contacts", "cpanel",
                "cpanel_userdomains", "cpanel_users", "mailbox", "min_confidence", "limit", "smtp");
        ConfigSection s = n.section("smtp");
        if (s.node.has("password")) {
            throw s.problem("password", "passwords do not belong in the config file; put it in a file readable"
                    + " by root only and set notices.smtp.password_file, or set notices.smtp.password_env");
        }
        s.only("host", "port", "security", "user", "password_env", "password_file", "connect_timeout",
                "read_timeout");
        AuditorConfig.Smtp smtp = new AuditorConfig.Smtp(s.string("host"), s.integer("port", 1, 65535,
                "a TCP port such as 587"), s.word("security", Set.of("none", "starttls", "tls")), s.string("user"),
                s.string("password_env"), s.path("password_file"), s.duration("connect_timeout", Duration.ofSeconds(1),
                Duration.ofMinutes(5)), s.duration("read_timeout", Duration.ofSeconds(1), Duration.ofMinutes(5)));
        String mode = n.word("mode", Set.of("drafts", "send"));
        if ("send".equals(mode) && smtp.host() == null) {
            throw n.problem("mode", "'send' needs an SMTP server; set notices.smtp.host or use mode: drafts");
        }
        String help = n.string("help_url");
        if (help != null && !help.matches("https?://\\S+")) {
            throw n.error("help_url", help, "an http(s) URL such as https://example.com/help/mail-password");
        }
        AuditorConfig.Notices notices = new AuditorConfig.Notices(mode, n.path("outbox"), n.string("from"),
                n.string("server_name"), help, n.string("lang"), n.string("cc"), n.path("contacts"),
                n.bool("cpanel"), n.path("cpanel_userdomains"), n.path("cpanel_users"), n.bool("mailbox"),
                n.fraction("min_confidence"), n.integer("limit", 0, 10_000, "a number of notices per hour"), smtp);
        AuditorConfig.Csf csf = new AuditorConfig.Csf(top.command("csf_command"), top.duration("csf_timeout",
                Duration.ofMillis(1), Duration.ofMinutes(1)), top.path("csf_tempban"));
        AuditorConfig.Fail2ban fail2ban = new AuditorConfig.Fail2ban(top.command("fail2ban_client"),
                top.duration("fail2ban_timeout", Duration.ofMillis(1), Duration.ofMinutes(1)), top.path("fail2ban_conf"));
        return new AuditorConfig(file, logs, input, state, watch, notices, csf, fail2ban, fleet(top.section("fleet")));
    }

    /** Reads {@code fleet:}, checked as {@code watch}'s fleet options are. */
    private static AuditorConfig.Fleet fleet(ConfigSection f) {
        f.only("publish", "verdicts", "act");
        String publish = f.target("publish");
        String verdicts = f.target("verdicts");
        ConfigSection a = f.section("act");
        a.only("mode", "execute", "block_ttl", "block_max", "with", "jail");
        String mode = a.word("mode", Set.of("block", "none"));
        Boolean execute = a.bool("execute");
        // running csf is a choice written next to the action it runs for, never implied by another key
        if (Boolean.TRUE.equals(execute) && !"block".equals(mode)) {
            throw a.problem("execute", "true runs the firewall (csf or fail2ban) for fleet.act.mode: block, which this"
                    + " file does not set; set mode: block beside it, or remove execute");
        }
        String with = a.word("with", Set.of("csf", "fail2ban"));
        String jail = a.string("jail");
        if (jail != null && !"fail2ban".equals(with)) {
            throw a.problem("jail", "names the fail2ban jail of with: fail2ban, which this file does not set; set"
                    + " with: fail2ban beside it, or remove jail");
        }
        if (jail != null && !jail.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}")) {
            throw a.error("jail", jail, "a jail name of letters, digits, '.', '_' and '-' (at most 64, not starting"
                    + " with '-' or '.'), such as authaudit-fleet");
        }
        AuditorConfig.FleetAct act = new AuditorConfig.FleetAct(mode, execute, a.duration("block_ttl",
                Duration.ofMinutes(1), Duration.ofDays(7)), a.integer("block_max", 1, 10_000,
                "a number of blocks an hour"), with, jail);
        return new AuditorConfig.Fleet(publish, verdicts, act);
    }

    private AuditorConfig withFile(AuditorConfig c) {
        return new AuditorConfig(file, c.logs(), c.input(), c.state(), c.watch(), c.notices(), c.csf(), c.fail2ban(),
                c.fleet());
    }

    /**
     * Writes a duration as an admin writes it in this file and {@link #duration} reads it back to the same value:
     * the largest whole unit, {@code 250ms}, {@code 90s}, {@code 10m}, {@code 2h} or {@code 7d}.
     */
    public static String durationText(Duration d) {
        return ConfigSection.shortForm(d);
    }

    /** Reads durations as {@code 250ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d} or {@code PT10M}. */
    static Duration duration(String text) {
        Matcher m = SHORT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long v = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    return Duration.ofMillis(v);
                case "s":
                    return Duration.ofSeconds(v);
                case "m":
                    return Duration.ofMinutes(v);
                case "h":
                    return Duration.ofHours(v);
                default:
                    return Duration.ofDays(v);
            }
        }
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    }
}
