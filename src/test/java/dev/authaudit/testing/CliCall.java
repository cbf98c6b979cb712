package dev.authaudit.testing;

import dev.authaudit.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import picocli.CommandLine;

/**
 * One in-process run of the command line ({@link Cli#create}) with its output and error output captured: what a
 * test reads instead of a child process.
 *
 * @param args the arguments, for messages
 * @param code the exit code
 * @param out what the command printed on standard output
 * @param err what it printed on standard error
 */
public record CliCall(List<String> args, int code, String out, String err) {
    /** The clock the fleet's tests run the command line at. */
    public static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

    public CliCall {
        args = List.copyOf(args);
    }

    /** Runs the command line at this wall clock with an empty standard input. */
    public static CliCall run(Clock clock, String... args) {
        return withStdin("", clock, args);
    }

    /** Runs the command line at this wall clock, reading {@code stdin} as standard input. */
    public static CliCall withStdin(String stdin, Clock clock, String... args) {
        CommandLine cl = Cli.create(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), clock);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliCall(List.of(args), code, out.toString(), err.toString());
    }

    /**
     * Returns the standard output when the command exited with one of these codes, or else throws with its error
     * output (for a test that prepares its input with the command line rather than tests it).
     */
    public String outIfExited(int... accepted) {
        if (IntStream.of(accepted).noneMatch(c -> c == code)) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + code + ": " + err);
        }
        return out;
    }
}
