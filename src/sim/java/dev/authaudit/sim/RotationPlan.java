package dev.authaudit.sim;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * When logs rotate (daily, when cron.daily runs at a fixed local time) and how rotated parts are
 * named: cPanel's dateext ({@code maillog-20251231.gz}) or Debian's numbering with delaycompress
 * ({@code mail.log.1}, {@code mail.log.2.gz}).
 */
final class RotationPlan {
    private static final DateTimeFormatter DATEEXT = DateTimeFormatter.ofPattern("uuuuMMdd");

    private final ZoneId zone;
    private final int hour;
    private final int minute;
    private final boolean dateExt;

    RotationPlan(ZoneId zone, int hour, int minute, boolean dateExt) {
        this.zone = zone;
        this.hour = hour;
        this.minute = minute;
        this.dateExt = dateExt;
    }

    /** Returns the first rotation instant at or after an epoch second. */
    long next(long t) {
        LocalDateTime l = LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(t), zone);
        LocalDateTime r = l.toLocalDate().atTime(hour, minute);
        if (r.isBefore(l)) {
            r = r.plusDays(1);
        }
        return r.atZone(zone).toEpochSecond();
    }

    /** Returns the local date of a rotation instant. */
    LocalDate date(long t) {
        return LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(t), zone).toLocalDate();
    }

    /**
     * Returns the name of a rotated part.
     *
     * @param age 1 for the newest rotated part, 2 for the one before, ...
     */
    String rotatedName(String name, LocalDate rotatedOn, int age) {
        if (dateExt) {
            return name + "-" + DATEEXT.format(rotatedOn) + ".gz";
        }
        return age == 1 ? name + ".1" : name + "." + age + ".gz";
    }
}
