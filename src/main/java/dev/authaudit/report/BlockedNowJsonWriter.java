package dev.authaudit.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.authaudit.act.firewall.CsfLists;
import dev.authaudit.act.firewall.HeldBlock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes {@code authaudit blocks} as one JSON document (schema word {@code authaudit-blocks/1}) for
 * scripts and panels: each held block as csf holds it, what the logs say of the addresses it covers,
 * and the command that lifts it. Strings go out as JSON strings (escaped by the generator); times in
 * ISO-8601 with the zone's offset.
 */
public final class BlockedNowJsonWriter {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private final JsonFactory factory = new JsonFactory();

    /**
     * Writes the rows.
     *
     * @param logsGiven false when no logs were read: then no {@code logs} member is written
     * @throws UncheckedIOException if the writer fails
     */
    public void write(List<BlockedNow.Row> rows, CsfLists lists, ZoneId zone, boolean logsGiven, Writer out) {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", "authaudit-blocks/1");
            g.writeBooleanField("logs_read", logsGiven);
            g.writeArrayFieldStart("blocks");
            for (BlockedNow.Row r : rows) {
                row(g, r, zone, logsGiven);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("problems");
            for (String p : lists.problems()) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(JsonGenerator g, BlockedNow.Row r, ZoneId zone, boolean logsGiven) throws IOException {
        HeldBlock b = r.block();
        g.writeStartObject();
        g.writeStringField("target", b.target());
        if (b.ip() != null) {
            g.writeStringField("ip", b.ip());
        }
        g.writeStringField("kind", b.permanent() ? "permanent" : "temporary");
        g.writeStringField("list", b.permanent() ? "csf.deny" : "csf.tempban");
        time(g, "since", b.since(), zone);
        time(g, "until", b.until(), zone);
        if (!b.ports().isEmpty()) {
            g.writeStringField("ports", b.ports());
        }
        if (!b.comment().isEmpty()) {
            g.writeStringField("comment", b.comment());
        }
        g.writeBooleanField("do_not_delete", b.keep());
        g.writeBooleanField("by_lfd", b.byLfd());
        g.writeNumberField("earlier_temp_blocks", r.earlierTempBlocks());
        g.writeStringField("unblock", b.unblock());
        if (logsGiven) {
            g.writeObjectFieldStart("logs");
            g.writeStringField("verdict", r.verdict() == null ? "not_in_logs" : r.verdict().word());
            g.writeArrayFieldStart("addresses");
            for (String a : r.addresses()) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("accounts");
            for (String a : r.accounts()) {
                g.writeString(a);
            }
            g.writeEndArray();
            BlockEntry e = r.latest();
            if (e != null) {
                g.writeObjectFieldStart("latest_block");
                g.writeStringField("at", ISO.format(e.at().atZoneSameInstant(zone)));
                g.writeStringField("cause", e.cause().word());
                if (e.trigger() != null) {
                    g.writeStringField("trigger", e.trigger());
                }
                if (!e.reasons().isEmpty()) {
                    g.writeStringField("reason", e.reasons().get(0));
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String name, Instant t, ZoneId zone) throws IOException {
        if (t != null) {
            g.writeStringField(name, ISO.format(t.atZone(zone)));
        }
    }
}
