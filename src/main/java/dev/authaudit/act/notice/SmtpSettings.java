package dev.authaudit.act.notice;

import dev.authaudit.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where and how notices are submitted. The password never comes from the command line (it would show
 * in {@code ps} and shell history): {@link #readPassword} takes it from an environment variable or a
 * file. {@link #toString()} masks it.
 *
 * @param host the SMTP server
 * @param port its port (587 with STARTTLS, 465 with TLS, 25 for a local relay)
 * @param security how the connection is protected
 * @param username the login, or null to submit without authentication (local relay)
 * @param password the password, or null with no username
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long to wait for each reply
 */
public record SmtpSettings(String host, int port, Security security, String username, String password,
                           Duration connectTimeout, Duration readTimeout) {
    private static final Logger log = LoggerFactory.getLogger(SmtpSettings.class);

    /** Connection protection. */
    public enum Security {
        /** Plain SMTP: only for a relay on this machine. */
        NONE,
        /** STARTTLS, required: the connection fails rather than continue in clear. */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        TLS
    }

    /**
     * Checks the values without connecting.
     *
     * @throws ConfigException naming the option and what is expected
     */
    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new ConfigException(null, "smtp-host", "--smtp-host is required with --notify send");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException(null, "smtp-port", "--smtp-port " + port + " must be 1..65535");
        }
        if (security == null) {
            throw new ConfigException(null, "smtp-security", "--smtp-security must be none, starttls or tls");
        }
        if ((username == null) != (password == null)) {
            throw new ConfigException(null, "smtp-user", username == null
                    ? "an SMTP password was given without --smtp-user"
                    : "--smtp-user is set but no password: set $AUTHAUDIT_SMTP_PASSWORD or --smtp-password-file");
        }
        if (username != null && security == Security.NONE && !isLoopback(host)) {
            throw new ConfigException(null, "smtp-security", "--smtp-security none with --smtp-user would send the"
                    + " password in clear to " + host + "; use starttls (587) or tls (465)");
        }
        connectTimeout = positive(connectTimeout, "smtp-connect-timeout");
        readTimeout = positive(readTimeout, "smtp-read-timeout");
    }

    /**
     * Returns the password from {@code file} when given, else from the environment variable
     * {@code envName}, else null. A file's final line break is dropped.
     *
     * @throws ConfigException when the file cannot be read
     */
    public static String readPassword(String envName, Map<String, String> env, Path file) {
        if (file != null) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.contains(PosixFilePermission.OTHERS_READ)) {
                    log.warn("SMTP password file {} is readable by every user; chmod 600 it", file);
                }
            } catch (IOException | UnsupportedOperationException e) {
                log.debug("cannot read permissions of {}: {}", file, e.toString());
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\r?\n$", "");
            } catch (IOException e) {
                throw new ConfigException(file.toString(), "smtp-password-file", "cannot read the SMTP password"
                        + " file " + file + ": " + e + "; check --smtp-password-file and its permissions");
            }
        }
        String v = envName == null ? null : env.get(envName);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Returns the Jakarta Mail session properties for these settings (no password in them). */
    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", String.valueOf(port));
        p.setProperty("mail.smtp.connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        p.setProperty("mail.smtp.timeout", String.valueOf(readTimeout.toMillis()));
        p.setProperty("mail.smtp.writetimeout", String.valueOf(readTimeout.toMillis()));
        p.setProperty("mail.smtp.auth", String.valueOf(username != null));
        if (security == Security.STARTTLS) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        } else if (security == Security.TLS) {
            p.setProperty("mail.smtp.ssl.enable", "true");
        }
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        return p;
    }

    /** Returns the settings with the password masked. */
    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security + ", username="
                + username + ", password=" + (password == null ? "none" : "<masked>") + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }

    private static Duration positive(Duration d, String key) {
        if (d == null) {
            return Duration.ofSeconds(30);
        }
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(null, key, "--" + key + " " + d + " must be positive");
        }
        return d;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
