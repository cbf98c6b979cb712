package dev.authaudit.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.authaudit.event.Protocol;
import dev.authaudit.text.IsoTime;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Writes a {@link Report} as report-v1 JSON. This is the only place that knows the report's field names;
 * required fields are always written, as {@code null} when there is no value.
 */
public final class ReportJsonWriter {
    private final JsonFactory factory = new JsonFactory();

    /** Returns the report as a pretty-printed JSON document. */
    public String toJson(Report report) {
        StringWriter out = new StringWriter(4096);
        write(report, out);
        return out.toString();
    }

    /**
     * Writes the report as a pretty-printed JSON document followed by a newline; does not close the writer.
     *
     * @throws UncheckedIOException if the writer fails
     */
    public void write(Report report, Writer out) {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", report.schema());
            time(g, "generated_at", report.generatedAt());
            g.writeObjectFieldStart("period");
            time(g, "from", report.period().from());
            time(g, "to", report.period().to());
            g.writeEndObject();
            g.writeArrayFieldStart("inputs");
            for (InputSummary i : report.inputs()) {
                g.writeStartObject();
                g.writeStringField("path", i.path());
                g.writeStringField("format", i.format());
                g.writeNumberField("lines", i.lines());
                g.writeNumberField("events", i.events());
                g.writeNumberField("skipped", i.skipped());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("accounts");
            char[] buffer = new char[IsoTime.MAX_LENGTH];
            for (AccountEntry a : report.accounts()) {
                account(g, a, buffer);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("ips");
            for (IpEntry ip : report.ips()) {
                g.writeStartObject();
                g.writeStringField("ip", ip.ip());
                g.writeStringField("verdict", ip.verdict().word());
                g.writeFieldName("confidence");
                confidence(g, ip.confidence());
                strings(g, "accounts", ip.accounts());
                // the list holds the most frequent logins; the total says how many there were (an addition)
                g.writeNumberField("accounts_total", ip.accountsTotal());
                g.writeNumberField("failures", ip.failures());
                g.writeNumberField("successes", ip.successes());
                g.writeNumberField("blocked", ip.blocked());
                strings(g, "reasons", ip.reasons());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("blocks");
            for (BlockEntry b : report.blocks()) {
                block(g, b);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notices");
            for (NoticeEntry n : report.notices()) {
                g.writeStartObject();
                g.writeStringField("account", n.account());
                g.writeStringField("to", n.to());
                g.writeStringField("status", n.status().word());
                time(g, "at", n.at());
                g.writeStringField("reason", n.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!report.actions().isEmpty()) {
                g.writeArrayFieldStart("actions");
                for (ActionEntry a : report.actions()) {
                    g.writeStartObject();
                    time(g, "at", a.at());
                    g.writeStringField("ip", a.ip());
                    g.writeStringField("kind", a.kind());
                    g.writeStringField("status", a.status());
                    g.writeStringField("command", a.command());
                    if (a.exitCode() == null) {
                        g.writeNullField("exit_code");
                    } else {
                        g.writeNumberField("exit_code", a.exitCode());
                    }
                    g.writeStringField("reason", a.reason());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (report.omitted() != null) {
                g.writeObjectFieldStart("omitted");
                g.writeNumberField("accounts", report.omitted().accounts());
                g.writeNumberField("ips", report.omitted().ips());
                g.writeNumberField("blocks", report.omitted().blocks());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void account(JsonGenerator g, AccountEntry a, char[] buffer) throws IOException {
        g.writeStartObject();
        g.writeStringField("account", a.account());
        g.writeStringField("verdict", a.verdict().word());
        g.writeFieldName("confidence");
        confidence(g, a.confidence());
        time(g, "detected_at", a.detectedAt(), buffer);
        g.writeNumberField("failures", a.failures());
        g.writeNumberField("successes", a.successes());
        g.writeArrayFieldStart("sources");
        List<SourceEntry> sources = a.sources();
        for (int i = 0, n = sources.size(); i < n; i++) {
            SourceEntry s = sources.get(i);
            g.writeStartObject();
            g.writeStringField("ip", s.ip());
            g.writeNumberField("failures", s.failures());
            g.writeNumberField("successes", s.successes());
            g.writeArrayFieldStart("protocols");
            for (Protocol p : s.protocols()) {
                g.writeString(p.word());
            }
            g.writeEndArray();
            ints(g, "ports", s.ports());
            time(g, "first", s.first(), buffer);
            time(g, "last", s.last(), buffer);
            g.writeStringField("role", s.role().word());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "reasons", a.reasons());
        g.writeEndObject();
    }

    private static void block(JsonGenerator g, BlockEntry b) throws IOException {
        g.writeStartObject();
        g.writeStringField("ip", b.ip());
        time(g, "at", b.at());
        g.writeStringField("source", b.source());
        g.writeStringField("trigger", b.trigger());
        if (b.hits() == null) {
            g.writeNullField("hits");
        } else {
            g.writeNumberField("hits", b.hits());
        }
        ints(g, "ports", b.ports());
        g.writeStringField("cause", b.cause().word());
        g.writeFieldName("confidence");
        confidence(g, b.confidence());
        g.writeStringField("account", b.account());
        g.writeNumberField("failures", b.failures());
        time(g, "lifted_at", b.liftedAt());
        strings(g, "reasons", b.reasons());
        g.writeEndObject();
    }

    /** The few confidences verdicts state, as Double.toString writes them (as writeNumber(double) would). */
    private static final double[] CONFIDENCES = {0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
    private static final String[] CONFIDENCE_TEXT = java.util.Arrays.stream(CONFIDENCES).mapToObj(Double::toString)
            .toArray(String[]::new);

    /**
     * Writes a confidence as {@link JsonGenerator#writeNumber(double)} does, without formatting a double each time
     * (a twelfth of writing the botnet day's 100,000 addresses).
     */
    private static void confidence(JsonGenerator g, double c) throws IOException {
        for (int i = 0; i < CONFIDENCES.length; i++) {
            if (CONFIDENCES[i] == c) {
                g.writeNumber(CONFIDENCE_TEXT[i]);
                return;
            }
        }
        g.writeNumber(c);
    }

    private static void time(JsonGenerator g, String name, OffsetDateTime t) throws IOException {
        time(g, name, t, new char[IsoTime.MAX_LENGTH]);
    }

    /** Writes a time through {@code buffer} (see {@link IsoTime#format(OffsetDateTime, char[])}), not a string. */
    private static void time(JsonGenerator g, String name, OffsetDateTime t, char[] buffer) throws IOException {
        if (t == null) {
            g.writeNullField(name);
            return;
        }
        int n = IsoTime.format(t, buffer);
        g.writeFieldName(name);
        if (n < 0) {
            g.writeString(IsoTime.format(t));
        } else {
            g.writeString(buffer, 0, n);
        }
    }

    // the lists are the records' own immutable (random access) lists: read by index, without an iterator each

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (int i = 0, n = values.size(); i < n; i++) {
            g.writeString(values.get(i));
        }
        g.writeEndArray();
    }

    private static void ints(JsonGenerator g, String name, List<Integer> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (int i = 0, n = values.size(); i < n; i++) {
            g.writeNumber(values.get(i).intValue());
        }
        g.writeEndArray();
    }
}
