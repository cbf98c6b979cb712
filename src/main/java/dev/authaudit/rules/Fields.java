package dev.authaudit.rules;

import java.util.Map;
import java.util.Set;

/** The field names a rule may capture (as named groups) or set (as constants), with what each holds. */
public final class Fields {
    /** Field name to a short description, used in error messages and {@code rules --help}. */
    public static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("ip", "the remote address"),
            Map.entry("account", "the login"),
            Map.entry("port", "the server port"),
            Map.entry("service", "a service word mapped to the protocol (imap-login, pop3, submission, smtpauth)"),
            Map.entry("protocol", "smtp, imap, pop3 or other"),
            Map.entry("reason", "the server's result text or password_mismatch / unknown_user / other"),
            Map.entry("attempts", "how many failures one line stands for"),
            Map.entry("detail", "true for a Dovecot auth/auth-worker verdict line that accompanies a primary line"),
            Map.entry("password_fp", "a password fingerprint the server logged (hex)"),
            Map.entry("session", "the server's session id"),
            Map.entry("mech", "the SASL mechanism or Exim authenticator"),
            Map.entry("helo", "the client's HELO name"),
            Map.entry("local_ip", "the server address connected to"),
            Map.entry("chain", "the firewall prefix word (TCP_IN, UDP_IN, ...)"),
            Map.entry("proto", "the packet protocol (TCP, UDP, ICMP)"),
            Map.entry("src_port", "the client's source port (a packet's, or the peer port of an Exim line)"),
            Map.entry("dst", "the packet's destination address"),
            Map.entry("in", "the inbound interface (empty for outbound packets)"),
            Map.entry("flags", "TCP flags"),
            Map.entry("trigger", "the firewall rule name (LF_SMTPAUTH, PS_LIMIT, a fail2ban jail)"),
            Map.entry("hits", "the count the firewall stated"),
            Map.entry("interval", "the window in seconds the firewall stated"),
            Map.entry("duration", "the block length in seconds"),
            Map.entry("permanent", "true for a permanent block"),
            Map.entry("ports", "blocked ports, comma separated"),
            Map.entry("app", "lfd's application tag (smtpauth, imapd)"),
            Map.entry("message", "the firewall's own text for the block"));

    /** Fields whose {@code set} values must be a given word. */
    public static final Map<String, Set<String>> WORDS = Map.of(
            "protocol", Set.of("smtp", "imap", "pop3", "other"),
            "detail", Set.of("true", "false"),
            "permanent", Set.of("true", "false"));

    private Fields() {
    }
}
