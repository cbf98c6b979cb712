package dev.authaudit.act.firewall;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a firewall program ({@code csf}, {@code fail2ban-client}) with an argument list through
 * {@link ProcessBuilder}: no shell ever sees the arguments, so nothing in them is interpreted. A bare program name is
 * looked up on the child's {@code PATH} (given here, else the inherited one) by this class, not by the JVM, so the
 * child's environment decides which program runs. Output (stdout and stderr together) goes to a temporary file, so
 * a chatty program can never block on a full pipe; the first 2,000 characters are kept. A program that outlives its
 * time is killed.
 */
public final class ProcessRunner {
    private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);
    private static final int MAX_OUTPUT = 2000;

    private final String program;
    private final String name;
    private final String hint;
    private final Map<String, String> environment;

    /**
     * Creates a runner.
     *
     * @param program the executable: an absolute path ({@code /usr/sbin/csf}) or a bare name looked up on the
     *     child's PATH
     * @param name what the program is called in messages ({@code csf})
     * @param hint what to do when it is not found ({@code give --csf the full path, e.g. /usr/sbin/csf})
     * @param environment variables to set in the child (PATH among them), on top of the inherited ones
     */
    public ProcessRunner(String program, String name, String hint, Map<String, String> environment) {
        this.program = program;
        this.name = name;
        this.hint = hint;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Runs {@code command} and waits at most {@code timeout}.
     *
     * @return how it went; never throws for a failure of the program
     */
    public ActionOutcome run(FirewallCommand command, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder();
        pb.environment().putAll(environment);
        String exe = resolve(program, pb.environment().get("PATH"));
        if (exe == null) {
            return new ActionOutcome(ActionStatus.FAILED, null, name + " not found: '" + ActionText.safe(program)
                    + "' is not an executable file (" + hint + ")");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(exe);
        cmd.addAll(command.arguments());
        Path out = null;
        try {
            out = Files.createTempFile("authaudit-" + name.replaceAll("[^A-Za-z0-9]", "") + "-", ".out");
            pb.command(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                log.warn("{} did not finish within {} ms and was killed", command.display(), timeout.toMillis());
                return new ActionOutcome(ActionStatus.TIMED_OUT, null, head(out) + "[killed after "
                        + timeout.toMillis() + " ms]");
            }
            int code = p.exitValue();
            return new ActionOutcome(code == 0 ? ActionStatus.DONE : ActionStatus.FAILED, code, head(out));
        } catch (IOException e) {
            return new ActionOutcome(ActionStatus.FAILED, null, "cannot run " + exe + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ActionOutcome(ActionStatus.TIMED_OUT, null, "interrupted while waiting for " + name);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    log.debug("cannot delete {}: {}", out, e.toString());
                }
            }
        }
    }

    /** Returns the executable for {@code command}: itself when it contains a slash, else found on {@code path}. */
    public static String resolve(String command, String path) {
        if (command == null || command.isBlank()) {
            return null;
        }
        if (command.indexOf('/') >= 0) {
            return Files.isExecutable(Path.of(command)) ? command : null;
        }
        for (String dir : (path == null ? "" : path).split(":")) {
            if (dir.isEmpty()) {
                continue; // an empty PATH entry means the working directory: never for a root hook
            }
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static String head(Path out) {
        try (InputStream in = Files.newInputStream(out)) {
            byte[] b = in.readNBytes(MAX_OUTPUT * 2);
            String s = new String(b, StandardCharsets.UTF_8).strip();
            return s.length() > MAX_OUTPUT ? s.substring(0, MAX_OUTPUT) : s;
        } catch (IOException e) {
            return "";
        }
    }
}
