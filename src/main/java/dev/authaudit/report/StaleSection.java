package dev.authaudit.report;

import dev.authaudit.classify.AccountVerdict;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The HTML section on stale-password customers: per customer a timeline of their device's failures
 * with the password change marked, a histogram of the gaps between failures (a polling client fills one
 * bin), the facts, and the classifier's reasons.
 */
final class StaleSection {
    private static final List<String[]> LEGEND = List.of(
            new String[] {"#d95f02", "failure from the customer's device"},
            new String[] {"#8d8d8d", "failure from another address"},
            new String[] {"#1b9e77", "login OK from the device"},
            new String[] {"#1f4e99", "login OK elsewhere; dashed line: password changed"},
            new String[] {"#7570b3", "dotted line: verdict reached"},
            new String[] {"#c2185b", "solid line: first firewall block"});

    private final int width;
    private final DateTimeFormatter when;

    StaleSection(int width, DateTimeFormatter when) {
        this.width = width;
        this.when = when;
    }

    void write(HtmlPage p, Report r, ReportDetail d, ZoneOffset offset) {
        List<AccountEntry> stale = r.accounts().stream().filter(a -> a.verdict() == AccountVerdict.STALE_PASSWORD)
                .toList();
        p.section("stale", "Customers with a stale password in a mail client (" + stale.size() + ")");
        if (stale.isEmpty()) {
            p.html("<p>None: no login failed the way a client with an outdated password does.</p>\n").end();
            return;
        }
        p.html("<ul class=\"legend\">");
        for (String[] l : LEGEND) {
            p.html("<li><span class=\"sw\" style=\"background:" + l[0] + "\"></span>").text(l[1]).html("</li>");
        }
        p.html("</ul>\n");
        Map<String, AccountStrip> strips = d.strips().stream()
                .collect(Collectors.toMap(AccountStrip::account, Function.identity(), (a, b) -> a));
        int n = 0;
        for (AccountEntry a : stale) {
            n++;
            AccountStrip s = strips.get(a.account());
            p.html("<article id=\"stale-" + n + "\"><h3>").text(a.account()).html(" <span class=\"note\">")
                    .text(String.format(Locale.ROOT, "confidence %.2f · %,d failures · %,d successes · detected %s",
                            a.confidence(), a.failures(), a.successes(), at(a.detectedAt())))
                    .html("</span></h3>\n");
            if (s == null) {
                p.html("<p class=\"note\">No timeline: this login was past the report's memory cap.</p>\n");
            } else {
                Instant from = r.period().from().toInstant();
                Instant to = r.period().to().toInstant();
                p.html(new TimelineStrip(width).svg(s, from, to, offset)).html("\n");
                zoom(p, s, from, to, offset);
            }
            p.html("<div class=\"pair\"><div>");
            if (s != null && s.gaps().stream().mapToLong(Long::longValue).sum() > 0) {
                p.html(gapChart(s));
            } else {
                p.html("<p class=\"note\">Too few failures from one address to measure a rhythm.</p>");
            }
            p.html("</div><div><dl>");
            facts(p, a, s, r);
            p.html("</dl><ul class=\"reasons\">");
            a.reasons().forEach(x -> p.html("<li>").text(x).html("</li>"));
            p.html("</ul></div></div></article>\n");
        }
        p.end();
    }

    /**
     * Draws the failure episode again on its own scale when it is short against the period: a week-long
     * strip squeezes a morning of polling into one line.
     */
    private void zoom(HtmlPage p, AccountStrip s, Instant from, Instant to, ZoneOffset offset) {
        List<Instant> marks = new ArrayList<>(s.deviceFailures());
        Stream.of(s.passwordChangeAt(), s.detectedAt(), s.firstBlockAt()).filter(Objects::nonNull)
                .forEach(marks::add);
        if (s.deviceFailures().isEmpty()) {
            return;
        }
        Instant first = Collections.min(marks);
        Instant last = Collections.max(marks);
        Duration episode = Duration.between(first, last);
        Duration period = Duration.between(from, to);
        if (episode.multipliedBy(4).compareTo(period) >= 0) {
            return;
        }
        Duration margin = Duration.ofMinutes(Math.max(10, episode.toMinutes() / 10));
        Instant zFrom = first.minus(margin).isBefore(from) ? from : first.minus(margin);
        Instant zTo = last.plus(margin).isAfter(to) ? to : last.plus(margin);
        p.html("<p class=\"note\">").text("Zoomed to the failures: " + when.format(zFrom.atOffset(offset)) + " to "
                + when.format(zTo.atOffset(offset))).html("</p>\n");
        p.html(new TimelineStrip(width).svg(s, zFrom, zTo, offset)).html("\n");
    }

    private String gapChart(AccountStrip s) {
        List<StackedBarChart.Bar> bars = new ArrayList<>();
        List<StackedBarChart.Tick> ticks = new ArrayList<>();
        long total = 0;
        int top = 0;
        for (int i = 0; i < GapBins.count(); i++) {
            long v = s.gaps().get(i);
            total += v;
            top = v > s.gaps().get(top) ? i : top;
            bars.add(new StackedBarChart.Bar("gaps of " + GapBins.label(i), Map.of("failures", v)));
            ticks.add(new StackedBarChart.Tick(i, GapBins.shortLabel(i)));
        }
        String description = total + " gaps between consecutive failures of the device; most fall in "
                + GapBins.label(top);
        return "<p class=\"note\">Time between one failure and the next from the device</p>"
                + new StackedBarChart(540, 150).svg("Gaps between failures of " + s.account(), description, bars,
                ticks, List.of("failures"), "gaps");
    }

    private void facts(HtmlPage p, AccountEntry a, AccountStrip s, Report r) {
        String device = s == null || s.deviceIps().isEmpty()
                ? a.customerSources().stream().map(SourceEntry::ip).findFirst().orElse("-")
                : String.join(", ", s.deviceIps());
        dd(p, "Device", device);
        a.customerSources().stream().findFirst().ifPresent(x -> dd(p, "Client",
                x.protocols().stream().map(pr -> pr.word()).collect(Collectors.joining(", "))
                        + (x.ports().isEmpty() ? "" : " · ports " + x.ports().stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")))
                        + " · seen " + at(x.first()) + " to " + at(x.last())));
        if (s != null && s.passwordChangeAt() != null) {
            dd(p, "Password changed", when.format(s.passwordChangeAt().atOffset(offsetOf(r)))
                    + (s.passwordChangeIp() == null ? "" : " (login from " + s.passwordChangeIp() + ")"));
        }
        OffsetDateTime blocked = r.blocks().stream().filter(b -> a.account().equals(b.account()))
                .map(BlockEntry::at).min(OffsetDateTime::compareTo).orElse(null);
        dd(p, "Firewall", blocked == null ? "not blocked" : "first blocked " + at(blocked));
        if (s != null && s.failureStride() > 1) {
            dd(p, "Drawn", "one tick per " + s.failureStride() + " failures (the timeline keeps at most "
                    + AccountTrack.FAILURE_SAMPLE + ")");
        }
    }

    private static ZoneOffset offsetOf(Report r) {
        return r.period().from() == null ? ZoneOffset.UTC : r.period().from().getOffset();
    }

    private static void dd(HtmlPage p, String term, String value) {
        p.html("<dt>").text(term).html("</dt><dd>").text(value).html("</dd>");
    }

    private String at(OffsetDateTime t) {
        return t == null ? "-" : when.format(t);
    }
}
