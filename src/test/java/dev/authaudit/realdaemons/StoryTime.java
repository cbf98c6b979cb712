package dev.authaudit.realdaemons;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a short real session into a story of hours by moving the time stamps of the lines the daemons
 * really wrote, so that a client polling every few real seconds reads as one polling every few minutes.
 *
 * <p>The stories are played in slots: slot {@code k} starts {@code k * realSlot} after {@code start} and
 * every step of a story runs at the start of its slot and is over before the next one (the suite checks
 * that). A stamp {@code t} in slot {@code k} becomes {@code start + k * storySlot + (t - slotStart(k))}:
 * whole slots are stretched, time within a slot runs at real speed. So lines written for one step keep
 * their real distances (Exim's 535 and Dovecot's echo of it stay two seconds apart and still pair), the
 * steps of a story get the story's rhythm, the order of all lines is kept (the mapping never decreases
 * as long as a slot's real length is shorter than its story length), and a stamp before {@code start}
 * keeps its distance to it. Only the stamps change, every other byte of a line stays as written.
 *
 * <p>Stamps moved: Exim's own ({@code 2026-12-06 22:41:58} at the start of the line), Dovecot's own log
 * ({@code Dec 06 22:41:58}, zero-padded day), syslog's ({@code Dec  6 22:41:58}, space-padded day), and
 * the stamp Exim writes inside its syslog message ({@code exim[123]: 2026-12-06 22:41:58 ...}). Stamps
 * are UTC (the daemons run with {@code TZ=UTC}); a syslog stamp takes its year from {@code start}.
 *
 * @param start the real start of slot 0, a whole second
 * @param realSlot a slot's real length, whole seconds
 * @param storySlot a slot's length in the story
 */
record StoryTime(Instant start, Duration realSlot, Duration storySlot) {
    private static final Pattern EXIM = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})(?=[ .])");
    private static final Pattern SYSLOG = Pattern.compile("^([A-Z][a-z]{2}) ([ 0-3]\\d) (\\d{2}:\\d{2}:\\d{2}) ");
    /** Exim's own stamp inside a syslog message, after the part counter Exim puts on a split message ({@code [1\\2] }). */
    private static final Pattern EMBEDDED = Pattern.compile(
            "^(\\S+ exim\\[\\d+\\]: (?:\\[\\d+[\\\\/]\\d+\\] )?)(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MONTH_DAY_TIME = new DateTimeFormatterBuilder()
            .appendPattern("MMM d HH:mm:ss").parseDefaulting(ChronoField.YEAR, 2000).toFormatter(Locale.ROOT);

    StoryTime {
        if (start.getNano() != 0 || realSlot.toNanosPart() != 0 || realSlot.isZero() || realSlot.isNegative()) {
            throw new IllegalArgumentException("slots start on whole seconds");
        }
        if (storySlot.compareTo(realSlot) <= 0) {
            throw new IllegalArgumentException("a story slot must be longer than the real one, or order is lost");
        }
    }

    /** Returns the real time at which slot {@code k} starts. */
    Instant slotStart(int k) {
        return start.plus(realSlot.multipliedBy(k));
    }

    /** Returns the story time of a real instant. */
    Instant story(Instant real) {
        if (real.isBefore(start)) {
            return real;
        }
        long k = Duration.between(start, real).toSeconds() / realSlot.toSeconds();
        Instant slot = start.plus(realSlot.multipliedBy(k));
        return start.plus(storySlot.multipliedBy(k)).plus(Duration.between(slot, real));
    }

    /** Returns the line with its stamps moved to story time; a line without a known stamp is returned as is. */
    String shift(String line) {
        Matcher m = EXIM.matcher(line);
        if (m.find()) {
            return iso(m.group(1)) + line.substring(m.end(1));
        }
        m = SYSLOG.matcher(line);
        if (!m.find()) {
            return line;
        }
        int year = start.atOffset(ZoneOffset.UTC).getYear();
        String day = m.group(2);
        LocalDateTime real = LocalDateTime.parse(m.group(1) + " " + day.trim() + " " + m.group(3), MONTH_DAY_TIME)
                .withYear(year);
        LocalDateTime moved = LocalDateTime.ofInstant(story(real.toInstant(ZoneOffset.UTC)), ZoneOffset.UTC);
        String movedDay = day.charAt(0) == '0' ? String.format(Locale.ROOT, "%02d", moved.getDayOfMonth())
                : String.format(Locale.ROOT, "%2d", moved.getDayOfMonth());
        String head = moved.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT) + " " + movedDay
                + " " + moved.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)) + " ";
        String rest = line.substring(m.end());
        Matcher e = EMBEDDED.matcher(rest);
        if (e.find()) {
            rest = e.group(1) + iso(e.group(2)) + rest.substring(e.end());
        }
        return head + rest;
    }

    private String iso(String stamp) {
        Instant real = LocalDateTime.parse(stamp, ISO).toInstant(ZoneOffset.UTC);
        return LocalDateTime.ofInstant(story(real), ZoneOffset.UTC).format(ISO);
    }
}
