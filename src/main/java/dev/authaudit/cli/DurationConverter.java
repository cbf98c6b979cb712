package dev.authaudit.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as {@code 250ms}, {@code 90s}, {@code 10m}, {@code 24h}, {@code 90d}, sums such as
 * {@code 1h30m}, or ISO-8601 {@code PT10M}; {@link #human} writes them the same way.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(?:\\d{1,9}(?:ms|[smhd]))+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|[smhd])");

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (SHORT.matcher(v).matches()) {
            Duration total = Duration.ZERO;
            Matcher m = PART.matcher(v);
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms":
                        total = total.plusMillis(n);
                        break;
                    case "s":
                        total = total.plusSeconds(n);
                        break;
                    case "m":
                        total = total.plusMinutes(n);
                        break;
                    case "h":
                        total = total.plusHours(n);
                        break;
                    default:
                        total = total.plusDays(n);
                }
            }
            return total;
        }
        try {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + Terminal.safe(value) + "' is not a duration; use 250ms, 90s, 10m,"
                    + " 24h, 90d or 1h30m");
        }
    }

    /**
     * Returns {@code d} as people write it and this converter reads it: {@code 30s}, {@code 10m},
     * {@code 1h30m}, {@code 90d}, {@code 250ms}.
     */
    public static String human(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toMillisPart() != 0 && d.getSeconds() == 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder b = new StringBuilder();
        if (d.toDaysPart() > 0) {
            b.append(d.toDaysPart()).append('d');
        }
        if (d.toHoursPart() > 0) {
            b.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            b.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            b.append(d.toSecondsPart()).append('s');
        }
        if (d.toMillisPart() > 0) {
            // as the options are written: 1s500ms, which convert reads back (1.500s it would not)
            b.append(d.toMillisPart()).append("ms");
        }
        return b.toString();
    }
}
