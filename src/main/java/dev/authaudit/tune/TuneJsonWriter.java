package dev.authaudit.tune;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.authaudit.event.FirewallBlock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** Writes a {@link TuneReport} as one JSON document (schema word {@code authaudit-tune/1}). */
public final class TuneJsonWriter {
    private final JsonFactory factory = new JsonFactory();

    /**
     * Writes the report.
     *
     * @throws UncheckedIOException if the writer fails
     */
    public void write(TuneReport r, Writer out) {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", "authaudit-tune/1");
            g.writeStringField("csf_conf", r.csfSource());
            g.writeStringField("lfd_flavour", r.settings().flavour().word());
            g.writeObjectFieldStart("lfd_settings");
            for (LfdKey k : LfdKey.values()) {
                g.writeNumberField(k.name(), r.settings().get(k));
            }
            g.writeStringField("TCP_IN", r.settings().tcpIn().toString());
            g.writeStringField("PS_PORTS", r.settings().psPorts().toString());
            g.writeEndObject();
            agreement(g, "lfd_agreement", r.lfdAgreement());
            outcome(g, "lfd_current", r.lfdCurrent());
            alternatives(g, "lfd_alternatives", r.lfdAlternatives());
            if (r.lfdCombined() != null) {
                outcome(g, "lfd_combined", r.lfdCombined());
            }
            g.writeArrayFieldStart("fail2ban_jails");
            for (Fail2banJail j : r.jails()) {
                g.writeStartObject();
                g.writeStringField("jail", j.name());
                g.writeStringField("filter", j.filter());
                g.writeNumberField("maxretry", j.maxretry());
                g.writeNumberField("findtime_s", j.findtimeS());
                g.writeNumberField("bantime_s", j.bantimeS());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (r.fail2banAgreement() != null) {
                agreement(g, "fail2ban_agreement", r.fail2banAgreement());
                outcome(g, "fail2ban_current", r.fail2banCurrent());
                alternatives(g, "fail2ban_alternatives", r.fail2banAlternatives());
            }
            g.writeArrayFieldStart("recommendations");
            for (Recommendation rec : r.recommendations()) {
                g.writeStartObject();
                g.writeStringField("firewall", rec.firewall());
                g.writeStringField("setting", rec.setting());
                g.writeStringField("from", rec.from());
                g.writeStringField("to", rec.to());
                g.writeBooleanField("change", rec.change());
                g.writeStringField("text", rec.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("closed_mail_ports");
            for (PortFinding p : r.closedPorts()) {
                g.writeStartObject();
                g.writeNumberField("port", p.port());
                g.writeStringField("list", p.list());
                g.writeNumberField("customers", p.customers());
                g.writeNumberField("attempts", p.attempts());
                g.writeNumberField("packets", p.packets());
                g.writeStringField("text", TuneTextWriter.portText(p));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void agreement(JsonGenerator g, String name, Agreement a) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("real_blocks", a.realBlocks());
        g.writeNumberField("reproduced", a.reproduced());
        g.writeNumberField("share", Math.round(a.share() * 1000) / 1000.0);
        g.writeNumberField("not_modelled", a.notModelled());
        g.writeNumberField("slack_s", a.slackS());
        g.writeArrayFieldStart("missed");
        for (FirewallBlock b : a.missed()) {
            g.writeStartObject();
            g.writeStringField("at", b.time().toString());
            g.writeStringField("ip", b.ip());
            g.writeStringField("trigger", b.trigger());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("extra");
        for (ModelBlock b : a.extra()) {
            g.writeStartObject();
            g.writeStringField("at", b.at().toString());
            g.writeStringField("ip", b.ip());
            g.writeStringField("trigger", b.trigger());
            g.writeBooleanField("permblock", b.permblock());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void alternatives(JsonGenerator g, String name, List<Alternative> rows) throws IOException {
        g.writeArrayFieldStart(name);
        for (Alternative a : rows) {
            g.writeStartObject();
            g.writeStringField("setting", a.setting());
            g.writeStringField("from", a.from());
            g.writeStringField("to", a.to());
            outcome(g, "outcome", a.outcome());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void outcome(JsonGenerator g, String name, Outcome o) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("blocks", o.blocks());
        g.writeNumberField("customer_blocks", o.customerBlocks());
        g.writeNumberField("customer_scan_blocks", o.customerScanBlocks());
        g.writeNumberField("stale_sources_blocked", o.staleSources());
        g.writeNumberField("typo_sources_blocked", o.typoSources());
        g.writeNumberField("other_customer_sources_blocked", o.otherCustomerSources());
        g.writeNumberField("attacker_sources", o.attackerSources());
        g.writeNumberField("attacker_sources_blocked", o.attackersBlocked());
        g.writeNumberField("scanner_sources", o.scannerSources());
        g.writeNumberField("scanner_sources_blocked", o.scannersBlocked());
        g.writeNumberField("within", o.within());
        g.writeNumberField("guessing_sources_with_n_attempts", o.guessersWithAtLeastN());
        g.writeNumberField("blocked_within_n", o.blockedWithinN());
        g.writeNumberField("median_attempts_before_block", o.medianAttempts());
        g.writeNumberField("p90_attempts_before_block", o.p90Attempts());
        g.writeNumberField("attempts_let_through", o.attemptsLetThrough());
        g.writeNumberField("attacker_attempts", o.attackerAttempts());
        g.writeEndObject();
    }
}
