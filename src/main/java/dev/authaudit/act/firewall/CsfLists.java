package dev.authaudit.act.firewall;

import dev.authaudit.text.Escape;
import inet.ipaddr.IPAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what csf holds now: {@code csf.deny} ({@code IP # comment - ctime}, advanced rules,
 * {@code Include} lines), {@code csf.tempban} ({@code epoch|ip|port|inout|ttl|comment}) and lfd's
 * history {@code csf.tempip} ({@code ip|perm|epoch|message}). A line that is none of these is counted
 * and described, never fatal.
 *
 * @param blocks the entries, csf.deny's first, each file in its order
 * @param history per address, how many temporary blocks lfd's history holds (PERMBLOCK counts them)
 * @param problems one sentence per line or file that could not be read
 */
public record CsfLists(List<HeldBlock> blocks, Map<String, Integer> history, List<String> problems) {
    private static final Pattern CTIME = Pattern.compile("\\s+-\\s+((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) "
            + "[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4})\\s*$");
    private static final DateTimeFormatter CTIME_FORMAT = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
            Locale.ENGLISH);
    private static final Pattern ADVANCED_SOURCE = Pattern.compile("(?:^|\\|)s=([^|\\s]+)");
    private static final int MAX_PROBLEMS = 20;

    public CsfLists {
        blocks = List.copyOf(blocks);
        history = Map.copyOf(history);
        problems = List.copyOf(problems);
    }

    /**
     * Reads the files; a null or missing file holds nothing (and says so in {@link #problems} when it
     * was expected).
     *
     * @param zone the server's zone, for csf.deny's ctime stamps
     * @param now the current time: a temporary block whose time is up is left out
     */
    public static CsfLists read(Path deny, Path tempban, Path tempip, ZoneId zone, Instant now) {
        List<HeldBlock> blocks = new ArrayList<>();
        Map<String, Integer> history = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int[] skipped = new int[1];
        for (Line l : lines(deny, problems)) {
            deny(l, zone, blocks, problems, skipped);
        }
        for (Line l : lines(tempban, problems)) {
            tempban(l, now, blocks, problems, skipped);
        }
        for (Line l : lines(tempip, problems)) {
            String[] f = l.text.split("\\|", 4);
            IPAddress a = f.length >= 3 ? IpLiteral.parse(f[0].strip()) : null;
            if (a == null) {
                problem(problems, skipped, l.where() + ": not ip|perm|epoch|message; skipped");
                continue;
            }
            history.merge(a.toCanonicalString(), 1, Integer::sum);
        }
        if (skipped[0] > MAX_PROBLEMS) {
            problems.add((skipped[0] - MAX_PROBLEMS) + " more lines skipped");
        }
        return new CsfLists(blocks, history, problems);
    }

    private static void deny(Line l, ZoneId zone, List<HeldBlock> out, List<String> problems, int[] skipped) {
        String s = l.text.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return;
        }
        if (s.regionMatches(true, 0, "Include", 0, 7)) {
            problems.add(l.where() + ": " + Escape.line(s, 100) + " is not followed; run blocks on that file too"
                    + " (--csf-deny)");
            return;
        }
        int hash = s.indexOf('#');
        String target = (hash < 0 ? s : s.substring(0, hash)).strip();
        String comment = hash < 0 ? "" : s.substring(hash + 1).strip();
        Instant since = null;
        Matcher t = CTIME.matcher(comment);
        if (t.find()) {
            try {
                since = LocalDateTime.parse(t.group(1), CTIME_FORMAT).atZone(zone).toInstant();
                comment = comment.substring(0, t.start()).strip();
            } catch (DateTimeParseException e) {
                since = null;
            }
        }
        String ip;
        if (target.indexOf('|') >= 0) {
            Matcher m = ADVANCED_SOURCE.matcher(target);
            IPAddress a = m.find() ? IpLiteral.parse(m.group(1)) : null;
            ip = a == null ? null : a.toCanonicalString();
        } else {
            IPAddress a = IpLiteral.parse(target);
            if (a == null) {
                problem(problems, skipped, l.where() + ": " + Escape.quoted(target, 60)
                        + " is not an address, a network or an advanced rule; skipped");
                return;
            }
            ip = a.toCanonicalString();
        }
        out.add(new HeldBlock(target, ip, true, since, null, "", comment,
                comment.toLowerCase(Locale.ROOT).contains("do not delete"), l.where()));
    }

    private static void tempban(Line l, Instant now, List<HeldBlock> out, List<String> problems, int[] skipped) {
        String s = l.text.strip();
        if (s.isEmpty()) {
            return;
        }
        String[] f = s.split("\\|", 6);
        IPAddress a = f.length == 6 ? IpLiteral.parse(f[1].strip()) : null;
        Instant since;
        long ttl;
        try {
            since = Instant.ofEpochSecond(Long.parseLong(f[0].strip()));
            ttl = Long.parseLong(f.length == 6 ? f[4].strip() : "x");
        } catch (NumberFormatException | DateTimeException e) {
            since = null;
            ttl = -1;
        }
        if (a == null || since == null || ttl < 0) {
            problem(problems, skipped, l.where() + ": not epoch|ip|port|inout|ttl|comment; skipped");
            return;
        }
        Instant until = since.plusSeconds(ttl);
        if (!until.isAfter(now)) {
            return; // over; lfd removes it within a minute
        }
        out.add(new HeldBlock(a.toCanonicalString(), a.toCanonicalString(), false, since, until, f[2].strip(),
                f[5].strip(), false, l.where()));
    }

    private static void problem(List<String> problems, int[] skipped, String p) {
        if (++skipped[0] <= MAX_PROBLEMS) {
            problems.add(p);
        }
    }

    private record Line(Path file, int number, String text) {
        String where() {
            return file.getFileName() + ":" + number;
        }
    }

    private static List<Line> lines(Path file, List<String> problems) {
        List<Line> out = new ArrayList<>();
        if (file == null) {
            return out;
        }
        if (!Files.exists(file)) {
            problems.add("no " + file + ": nothing read from it");
            return out;
        }
        try {
            // an admin's comment may be in any encoding: bad bytes become U+FFFD instead of failing
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < all.size(); i++) {
                out.add(new Line(file, i + 1, all.get(i)));
            }
        } catch (IOException e) {
            problems.add("cannot read " + file + ": " + e.getMessage());
        }
        return out;
    }
}
