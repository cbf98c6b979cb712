package dev.authaudit.cli;

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

/** Options shared by the replaying commands ({@code scan}, {@code explain}): the window and csf.conf. */
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
