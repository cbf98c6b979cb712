package dev.authaudit.cli;

import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.run.Replay;
import dev.authaudit.run.ScanInputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options shared by the replaying commands ({@code scan}, {@code explain}, {@code tune}): window, csf.conf, limits. */
public final class ReplayOptions {
    @Option(names = "--since", paramLabel = "T",
            description = "Only events at or after T: 2025-03-31, 2025-03-31T08:00, an ISO time with offset,"
                    + " or an age such as 24h or 7d.")
    String since;

    @Option(names = "--until", paramLabel = "T", description = "Only events before T (same forms as --since).")
    String until;

    @Option(names = "--csf-conf", paramLabel = "FILE",
            description = "The server's csf.conf (thresholds, open ports). Default: a csf.conf among the PATHs.")
    Path csfConf;

    @Option(names = "--no-progress", negatable = true, description = "Show a progress bar on a terminal.")
    boolean progress = true;

    @Option(names = "--max-logins", paramLabel = "N", defaultValue = "20000",
            description = "Logins whose history is kept (default: ${DEFAULT-VALUE}, about 512 MB of heap with a"
                    + " million-address botnet). Beyond it the least useful are dropped and the report says how"
                    + " many; a host with more mailboxes raises it and the heap (AUTHAUDIT_JAVA_OPTS=-Xmx2g).")
    int maxLogins;

    @Option(names = "--max-addresses", paramLabel = "N", defaultValue = "100000",
            description = "Remote addresses whose history is kept (default: ${DEFAULT-VALUE}).")
    int maxAddresses;

    /** Returns a replay of the inputs with the parser, year anchor and progress bar these options ask for. */
    Replay replay(InputOptions input, ScanInputs inputs, Context context, PrintWriter err) {
        // the year anchor and the parser's key and zone first, while the rules may still be read ahead
        YearAnchor years = input.years(inputs.logs());
        return new Replay(input.parser(context.rules()), years, context.clock(), context.stdin(), err, progress);
    }

    /** Returns the correlator's settings with the limits given. */
    CorrelationSettings correlation() {
        if (maxLogins < 1 || maxAddresses < 1) {
            throw new Cli.UsageProblem("--max-logins and --max-addresses must be at least 1");
        }
        return CorrelationSettings.defaults().withLimits(maxLogins, maxAddresses);
    }

    /** Returns the lower bound, or null. */
    Instant since(Clock clock, ZoneId zone) {
        return time("--since", since, clock, zone);
    }

    /** Returns the upper bound, or null. */
    Instant until(Clock clock, ZoneId zone) {
        return time("--until", until, clock, zone);
    }

    static Instant time(String option, String text, Clock clock, ZoneId zone) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.matches("\\d+[smhdw]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                char unit = t.toLowerCase(Locale.ROOT).charAt(t.length() - 1);
                Duration d = switch (unit) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> Duration.ofDays(7 * n);
                };
                return clock.instant().minus(d);
            }
            if (t.matches("\\d{4}-\\d\\d-\\d\\d")) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
            if (t.matches("\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?")) {
                return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            // fall through to the usage message
        }
        throw new Cli.UsageProblem(option + " " + text + " is not a time; use 2025-03-31, 2025-03-31T08:00,"
                + " 2025-03-31T08:00:00+02:00, or an age such as 24h or 7d");
    }
}
