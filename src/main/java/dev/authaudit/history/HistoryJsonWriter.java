package dev.authaudit.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link HistorySummary} as the {@code authaudit-history/1} JSON document (see
 * {@code docs/history.md}); the only place that knows its field names.
 */
public final class HistoryJsonWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final JsonFactory factory = new JsonFactory();

    /**
     * Writes the document followed by a newline; does not close the writer.
     *
     * @throws UncheckedIOException if the writer fails
     */
    public void write(HistorySummary h, Writer out) {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", h.schema());
            g.writeStringField("generated_at", TIME.format(h.generatedAt()));
            g.writeObjectFieldStart("period");
            g.writeStringField("from", h.from().toString());
            g.writeStringField("to", h.to().toString());
            g.writeNumberField("days_recorded", h.days().size());
            g.writeArrayFieldStart("days_missing");
            for (var d : h.missing()) {
                g.writeString(d.toString());
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("totals");
            g.writeNumberField("failures", h.failures());
            g.writeNumberField("successes", h.successes());
            counts(g, "failures_by_verdict", h.failuresByVerdict());
            counts(g, "blocks_by_cause", h.blocksByCause());
            counts(g, "notices_by_status", h.noticesByStatus());
            g.writeEndObject();
            g.writeArrayFieldStart("days");
            for (DayAggregate d : h.days()) {
                ZoneId zone = ZoneId.of(d.zone());
                g.writeStartObject();
                g.writeStringField("day", d.day().toString());
                g.writeStringField("zone", d.zone());
                g.writeStringField("covered_from", time(d.coveredFrom(), zone));
                g.writeStringField("covered_to", time(d.coveredTo(), zone));
                g.writeNumberField("failures", d.failures());
                g.writeNumberField("successes", d.successes());
                counts(g, "failures_by_verdict", d.failuresByVerdict());
                counts(g, "blocks_by_cause", d.blocksByCause());
                counts(g, "notices_by_status", d.noticesByStatus());
                tops(g, "top_logins", d.topLogins(), false);
                tops(g, "top_addresses", d.topAddresses(), false);
                g.writeEndObject();
            }
            g.writeEndArray();
            tops(g, "top_logins", h.topLogins(), true);
            tops(g, "top_addresses", h.topAddresses(), true);
            tops(g, "stale_password_logins", h.customers(), true);
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String time(Instant t, ZoneId zone) {
        return TIME.format(t.atZone(zone).toOffsetDateTime());
    }

    private static void counts(JsonGenerator g, String name, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void tops(JsonGenerator g, String name, List<TopEntry> tops, boolean days) throws IOException {
        g.writeArrayFieldStart(name);
        for (TopEntry t : tops) {
            g.writeStartObject();
            g.writeStringField("subject", t.subject());
            g.writeStringField("verdict", t.verdict());
            g.writeNumberField("failures", t.failures());
            if (days) {
                g.writeNumberField("days", t.days());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
