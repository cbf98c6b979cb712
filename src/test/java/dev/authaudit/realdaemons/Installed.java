package dev.authaudit.realdaemons;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Debian programs the real-daemon suite runs, and whether this machine has them. Where they are
 * missing the suite skips with a loud message, unless {@code AUTHAUDIT_REAL_DAEMONS=required} (set by
 * {@code .ci/run} after it installed them), where a missing program fails it.
 */
final class Installed {
    static final Path EXIM = Path.of("/usr/sbin/exim4");
    static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    static final Path UNSHARE = Path.of("/usr/bin/unshare");
    static final Path OPENSSL = Path.of("/usr/bin/openssl");
    static final String PACKAGES = "exim4-daemon-heavy dovecot-imapd dovecot-pop3d dovecot-submissiond rsyslog openssl";

    private Installed() {
    }

    /** Skips (or, where required, fails) the calling test when a program is missing or we are not root. */
    static void assumeAvailable() {
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(EXIM, DOVECOT, RSYSLOGD, UNSHARE, OPENSSL)) {
            if (!Files.isExecutable(p)) {
                missing.add(p.toString());
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root (the daemons bind their own users and the syslog run needs a mount namespace)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "REAL DAEMONS NOT AVAILABLE, the real-daemon suite did not run: missing " + missing
                + ". Install as root: apt-get update && apt-get install " + PACKAGES + " (.ci/run does this)";
        System.out.println("!!!!! " + message);
        if ("required".equals(System.getenv("AUTHAUDIT_REAL_DAEMONS"))) {
            throw new AssertionError(message + "; AUTHAUDIT_REAL_DAEMONS=required");
        }
        assumeTrue(false, message);
    }

    /** Returns the first line a program prints for its version, e.g. {@code Exim version 4.96 #2 ...}. */
    static String version(Path program, String flag) {
        try {
            Process p = new ProcessBuilder(program.toString(), flag).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(program + " " + flag + " did not answer within 20 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return out.lines().findFirst().orElse("").trim();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a short helper program to its end (bounded), failing with its output if it fails. */
    static void run(List<String> command, Path workDir) {
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within 60 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(command + " failed with " + p.exitValue() + ":\n" + out);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
