package dev.authaudit.realdaemons;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One private mail server: Dovecot (IMAP, POP3, submission, and the auth socket Exim uses) and Exim
 * (submission with STARTTLS and TLS-on-connect), each with its own configuration in a temporary folder,
 * bound to 127.0.0.1 on free high ports and logging into that folder: to their own files, or through a
 * private rsyslog that both reach as {@code /dev/log} inside a mount namespace of their own.
 */
final class MailServers implements AutoCloseable {
    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z_]+@");
    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    /** How the daemons log. */
    enum Logging {
        /** Own files, Exim with {@code log_selector = +incoming_interface +incoming_port}. */
        FILES_SELECTOR("files, Exim +incoming_interface +incoming_port",
                "log_selector = +incoming_interface +incoming_port"),
        /** Own files, Exim's default log_selector. */
        FILES_DEFAULT("files, Exim's default log_selector", "# log_selector: Exim's default"),
        /**
         * Both through rsyslog into one maillog, Exim logging everything it can ({@code +all}: the ports, the
         * pipelining token {@code L.-}, the process id, milliseconds, ...), Dovecot with an
         * {@code instance_name} of its own, which becomes its syslog tag.
         */
        SYSLOG("rsyslog, Exim log_selector = +all", "log_selector = +all");

        final String title;
        final String selector;
        /** Whether Exim's lines carry the server port ({@code I=[ip]:port}). */
        final boolean eximPorts;

        Logging(String title, String selector) {
            this.title = title;
            this.selector = selector;
            this.eximPorts = selector.contains("+incoming_port") || selector.contains("+all");
        }
    }

    /** The listeners. */
    record Ports(int imap, int pop3, int dovecotSubmission, int eximSubmission, int eximSmtps) {
    }

    final String name;
    final Logging logging;
    final Path dir;
    final Ports ports;
    private final Path users;
    private final List<Daemon> daemons = new ArrayList<>();

    private MailServers(String name, Logging logging, Path dir, Ports ports) {
        this.name = name;
        this.logging = logging;
        this.dir = dir;
        this.ports = ports;
        this.users = dir.resolve("users");
    }

    Path logs() {
        return dir.resolve("logs");
    }

    /**
     * Writes the configuration and starts the daemons; on any failure stops what was started, keeps what it
     * wrote in {@code target/real-daemons/failed-<name>/} and deletes the temporary folder.
     */
    static MailServers start(String name, Logging logging, Map<String, String> passwords) {
        Path dir;
        try {
            dir = Files.createTempDirectory("authaudit-real-" + name + "-");
            // the daemons' own users (dovecot, dovenull, Debian-exim) must reach their files
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MailServers s = new MailServers(name, logging, dir,
                new Ports(freePort(), freePort(), freePort(), freePort(), freePort()));
        try {
            s.writeFiles(passwords);
            s.startDaemons();
            return s;
        } catch (RuntimeException | Error e) {
            s.close();
            try {
                s.keep(dev.authaudit.testing.ReportSchema.repo().resolve("target/real-daemons/failed-" + name));
            } catch (RuntimeException k) {
                e.addSuppressed(k);
            }
            s.delete();
            throw e;
        }
    }

    private void writeFiles(Map<String, String> passwords) {
        try {
            for (String d : List.of("logs", "home", "spool", "state", "syslog", "ns-dovecot", "ns-exim")) {
                Files.createDirectories(dir.resolve(d));
            }
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            own(dir.resolve("home"), lookup.lookupPrincipalByName("dovecot"), lookup.lookupPrincipalByGroupName("dovecot"));
            UserPrincipal eximUser = lookup.lookupPrincipalByName("Debian-exim");
            GroupPrincipal eximGroup = lookup.lookupPrincipalByGroupName("Debian-exim");
            own(dir.resolve("spool"), eximUser, eximGroup);
            own(dir.resolve("logs"), eximUser, eximGroup);
            Files.setPosixFilePermissions(dir.resolve("logs"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Installed.run(List.of(Installed.OPENSSL.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-days", "2", "-subj", "/CN=mail.example.com", "-addext", "subjectAltName=DNS:mail.example.com,IP:127.0.0.1", "-keyout", "key.pem", "-out", "cert.pem"), dir);
            // a throw-away key for loopback only; Exim reads it as Debian-exim
            Files.setPosixFilePermissions(dir.resolve("key.pem"), PosixFilePermissions.fromString("rw-r--r--"));
            writeUsers(passwords);

            Map<String, String> common = new LinkedHashMap<>();
            common.put("CERT", dir.resolve("cert.pem").toString());
            common.put("KEY", dir.resolve("key.pem").toString());
            boolean syslog = logging == Logging.SYSLOG;

            Map<String, String> dovecot = new LinkedHashMap<>(common);
            dovecot.put("RUN", dir.resolve("run").toString());
            dovecot.put("STATE", dir.resolve("state").toString());
            // through syslog, an instance_name of its own: Dovecot then writes it as the syslog tag, not "dovecot"
            dovecot.put("LOG", syslog ? "syslog_facility = mail\ninstance_name = dovecot-mail"
                    : "log_path = " + logs().resolve("dovecot.log"));
            dovecot.put("HOME", dir.resolve("home").toString());
            dovecot.put("USERS", users.toString());
            dovecot.put("IMAP", Integer.toString(ports.imap()));
            dovecot.put("POP3", Integer.toString(ports.pop3()));
            dovecot.put("SUBMISSION", Integer.toString(ports.dovecotSubmission()));
            dovecot.put("EXIM_SUBMISSION", Integer.toString(ports.eximSubmission()));
            render("dovecot.conf", dovecot);

            Map<String, String> exim = new LinkedHashMap<>(common);
            exim.put("SUBMISSION", Integer.toString(ports.eximSubmission()));
            exim.put("SMTPS", Integer.toString(ports.eximSmtps()));
            exim.put("LOGPATH", syslog ? "syslog" : logs().resolve("exim_%slog").toString());
            exim.put("SELECTOR", logging.selector);
            exim.put("SPOOL", dir.resolve("spool").toString());
            exim.put("PIDFILE", dir.resolve("exim.pid").toString());
            exim.put("AUTHSOCKET", dir.resolve("run/auth-client").toString());
            render("exim.conf", exim);

            if (syslog) {
                render("rsyslog.conf", Map.of("WORK", dir.resolve("syslog").toString(),
                        "SOCKET", dir.resolve("syslog/log.sock").toString(),
                        "MAILLOG", logs().resolve("maillog").toString()));
                try (InputStream in = resource("private-devlog.sh")) {
                    Files.copy(in, dir.resolve("private-devlog.sh"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startDaemons() {
        List<String> wrap = List.of();
        if (logging == Logging.SYSLOG) {
            Daemon rsyslog = started(Daemon.start("rsyslogd", List.of(Installed.RSYSLOGD.toString(), "-n", "-f",
                    dir.resolve("rsyslog.conf").toString(), "-i", dir.resolve("syslog/rsyslog.pid").toString()),
                    dir.resolve("rsyslogd.out")));
            Path socket = dir.resolve("syslog/log.sock");
            rsyslog.awaitReady("its socket " + socket, () -> Files.exists(socket), START_LIMIT);
        }
        Daemon dovecot = started(Daemon.start("dovecot", namespaced("ns-dovecot",
                List.of(Installed.DOVECOT.toString(), "-c", dir.resolve("dovecot.conf").toString(), "-F")),
                dir.resolve("dovecot.out")));
        Path authSocket = dir.resolve("run/auth-client");
        dovecot.awaitReady("listening", () -> Files.exists(authSocket) && listening(ports.imap())
                && listening(ports.pop3()) && listening(ports.dovecotSubmission()), START_LIMIT);
        Daemon exim = started(Daemon.start("exim", namespaced("ns-exim",
                List.of(Installed.EXIM.toString(), "-C", dir.resolve("exim.conf").toString(), "-bdf")),
                dir.resolve("exim.out")));
        exim.awaitReady("listening", () -> listening(ports.eximSubmission()) && listening(ports.eximSmtps()),
                START_LIMIT);
    }

    /** With syslog, runs the command in its own mount namespace with the private rsyslog as /dev/log. */
    private List<String> namespaced(String scratch, List<String> command) {
        if (logging != Logging.SYSLOG) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of(Installed.UNSHARE.toString(), "--mount", "--propagation", "private",
                "/bin/sh", dir.resolve("private-devlog.sh").toString(), dir.resolve("syslog/log.sock").toString(),
                dir.resolve(scratch).toString()));
        c.addAll(command);
        return c;
    }

    private Daemon started(Daemon d) {
        daemons.add(d);
        return d;
    }

    /**
     * Gives a login a new password, as a control panel would: the passwd-file is replaced in one move. Returns once
     * Dovecot will read it: its passwd-file driver looks at the file at most once per second of its event loop
     * ({@code passwd_file_sync}: a lookup in the second of the previous one is answered from memory), so a login
     * in the second of the change could still be checked against the old password. The wait is that rule's: until
     * the clock has entered the next second.
     */
    void changePassword(Map<String, String> passwords) {
        writeUsers(passwords);
        long written = System.currentTimeMillis() / 1000;
        try {
            while (System.currentTimeMillis() / 1000 == written) {
                Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUsers(Map<String, String> passwords) {
        StringBuilder sb = new StringBuilder();
        passwords.forEach((login, pw) -> sb.append(login).append(":{PLAIN}").append(pw).append("::::::\n"));
        try {
            Path tmp = dir.resolve("users.new");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, users, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Exim, then Dovecot, then rsyslog (so it takes their last lines), each by PID and bounded. */
    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).close();
        }
        daemons.clear();
    }

    /** Copies the logs ({@code raw/}) and configuration of this run to {@code target}, replacing what a previous run left. */
    void keep(Path target) {
        try {
            if (Files.exists(target)) {
                try (Stream<Path> s = Files.walk(target)) {
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(target.resolve("raw"));
            try (Stream<Path> s = Files.list(logs())) {
                for (Path p : s.toList()) {
                    Files.copy(p, target.resolve("raw").resolve(p.getFileName()));
                }
            }
            for (String f : List.of("dovecot.conf", "exim.conf", "rsyslog.conf", "dovecot.out", "exim.out",
                    "rsyslogd.out")) {
                if (Files.exists(dir.resolve(f))) {
                    Files.copy(dir.resolve(f), target.resolve("run-" + f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the temporary folder (the daemons are stopped). */
    void delete() {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("real daemons: could not delete " + dir + ": " + e.getMessage());
        }
    }

    private void render(String template, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = resource(template)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("@" + e.getKey() + "@", e.getValue());
        }
        Matcher left = PLACEHOLDER.matcher(text);
        if (left.find()) {
            throw new IllegalStateException(template + ": no value for " + left.group());
        }
        Files.writeString(dir.resolve(template), text, StandardCharsets.UTF_8);
    }

    private static InputStream resource(String name) {
        InputStream in = MailServers.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("test resource missing: dev/authaudit/realdaemons/" + name);
        }
        return in;
    }

    private static void own(Path p, UserPrincipal user, GroupPrincipal group) throws IOException {
        PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        v.setOwner(user);
        v.setGroup(group);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
