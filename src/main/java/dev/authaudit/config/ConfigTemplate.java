package dev.authaudit.config;

/**
 * Writes a commented {@code authaudit.yaml} for a server flavour: every key with its default, the
 * optional ones commented out, so an admin edits rather than writes from nothing.
 */
public final class ConfigTemplate {
    private ConfigTemplate() {
    }

    /**
     * Returns the text of a config file.
     *
     * @param flavour whose default logs to list
     * @param csfConf the csf.conf to name, or null when there is none on this host
     */
    public static String render(LogDefaults flavour, String csfConf) {
        StringBuilder sb = new StringBuilder();
        sb.append("# authaudit.yaml: settings of 'authaudit watch' and 'hook lfd-block --config' (and 'config show').\n")
                .append("# Written by 'authaudit config init --flavour ").append(flavour.word()).append("'.\n")
                .append("# Command-line options win over this file. Durations: 250ms, 90s, 10m, 2h or PT10M.\n\n")
                .append("# Logs to follow (files or folders). Rotated copies (.1, -20250331, .gz) are not followed.\n")
                .append("logs:\n");
        for (String p : flavour.paths()) {
            sb.append("  - ").append(p).append('\n');
        }
        sb.append("\n# Zone of time stamps that carry none (syslog, lfd.log). Default: the system's zone.\n")
                .append("# tz: Europe/Paris\n\n")
                .append("# Server name of events whose line names none in its syslog header (events-v1 'host').\n")
                .append("# Default: this machine's host name.\n")
                .append("# host: mail1.example.net\n\n")
                .append("# The secret keying fingerprints of plaintext passwords; the same file on every server of a\n")
                .append("# fleet makes their fingerprints compare. Default: a new random key per run.\n")
                .append("# fingerprint_key_file: /etc/authaudit/fingerprint.key\n\n")
                .append("# The firewall's configuration: thresholds and open ports explain blocks.\n")
                .append(csfConf == null ? "# csf_conf: /etc/csf/csf.conf\n" : "csf_conf: " + csfConf + "\n")
                .append("# How csf is run when fleet.act blocks (below) and when the lfd hook (--act) lifts or allows;\n")
                .append("# csf.allow and csf.ignore are read beside csf_conf.\n")
                .append("# csf_command: /usr/sbin/csf        # a path, run without a shell\n")
                .append("# csf_timeout: 3s                   # the longest one csf command may take (1ms to 1m)\n")
                .append("# csf_tempban: /var/lib/csf/csf.tempban   # read before a block is lifted\n")
                .append("# How fail2ban is run when fleet.act blocks with: fail2ban (below).\n")
                .append("# fail2ban_client: /usr/bin/fail2ban-client   # a path, run without a shell\n")
                .append("# fail2ban_timeout: 5s              # the longest one fail2ban-client command may take (1ms to 1m)\n")
                .append("# fail2ban_conf: /etc/fail2ban      # ignoreip of [DEFAULT] and of the jail: never banned\n")
                .append("\n# Site rules; a rule here replaces a shipped rule with the same id.\n")
                .append("# rules_dirs:\n#   - /etc/authaudit/rules.d\n\n")
                .append("state:\n")
                .append("  dir: /var/lib/authaudit          # checkpoints and the notice ledger (authaudit.db)\n\n")
                .append("watch:\n")
                .append("  poll: 250ms                      # pause between polls once caught up\n")
                .append("  checkpoint_every: 1s             # longest time between checkpoint saves\n")
                .append("  look_back: 2h                    # log time re-read at start to rebuild memory\n")
                .append("  look_back_bytes: 64MiB           # at most this much of one file for that\n\n")
                .append("# Customer notices for stale_password logins. Without 'mode' no notice is decided.\n")
                .append("notices:\n")
                .append("  mode: drafts                     # drafts: .eml files in the outbox; send: mail them\n")
                .append("  # outbox: /var/lib/authaudit/outbox\n")
                .append("  from: 'Example Hosting <support@example.com>'\n")
                .append("  server_name: mail.example.com    # the mail server's name as customers know it\n")
                .append("  help_url: https://example.com/help/mail-password\n")
                .append("  lang: en\n")
                .append("  # cc: support@example.com\n")
                .append("  # contacts: /etc/authaudit/contacts.csv   # login,contact; wins over cPanel, mailbox\n")
                .append(flavour == LogDefaults.CPANEL ? "  cpanel: true                     # look up the owner's"
                        + " CONTACTEMAIL\n" : "  # cpanel: false\n")
                .append("  mailbox: true                    # false: never mail the login itself\n")
                .append("  min_confidence: 0.8\n")
                .append("  limit: 20                        # at most this many notices leave per hour\n")
                .append("  # smtp:                          # for mode: send\n")
                .append("  #   host: localhost\n")
                .append("  #   port: 587\n")
                .append("  #   security: starttls           # none (local relay only), starttls or tls\n")
                .append("  #   user: notices@example.com\n")
                .append("  #   password_file: /etc/authaudit/smtp-password   # chmod 600; not the password itself\n")
                .append("  #   password_env: AUTHAUDIT_SMTP_PASSWORD\n")
                .append("  #   connect_timeout: 30s\n")
                .append("  #   read_timeout: 30s\n\n")
                .append("# A fleet of servers on Kafka (the fleet jar; docs/fleet.md). Off unless set.\n")
                .append("# fleet:\n")
                .append("#   publish: kafka://kafka1.example.net:9092/authaudit.events     # send each event read live\n")
                .append("#   verdicts: kafka://kafka1.example.net:9092/authaudit.verdicts  # read the fleet's attacker"
                        + " verdicts\n")
                .append("#   act:                             # what to do with them; without it, say what a hook would do\n")
                .append("#     mode: block                    # block: a temporary block of each; none\n")
                .append("#     with: csf                      # csf (csf -td) or fail2ban (fail2ban-client set JAIL banip)\n")
                .append("#     # jail: authaudit-fleet        # only beside with: fail2ban: the jail kept for the fleet's bans\n")
                .append("#     execute: false                 # true runs csf or fail2ban-client; otherwise a dry run, recorded\n")
                .append("#     block_ttl: 24h                 # how long each csf block lasts, 1m to 7d (fail2ban: the jail's bantime)\n")
                .append("#     block_max: 20                  # the brake: at most this many blocks in any hour\n");
        return sb.toString();
    }
}
