package dev.authaudit.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code truth.json}: the run's settings, and the real label of every account, address and
 * block, in report-v1 words, plus the facts a quality measurement needs (when a stale device started
 * failing, when it was fixed, when its owner was first blocked).
 */
final class TruthWriter {
    private TruthWriter() {
    }

    /** Writes the truth file. */
    static void write(Path file, SimulationSpec spec, ServerSoftware sw, long start, long end, TimeFormat time,
                      TruthRecorder truth, List<String> files, long lines) {
        try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", "authaudit-sim-truth/1");
            g.writeObjectFieldStart("run");
            g.writeNumberField("seed", spec.seed());
            g.writeStringField("from", time.isoOffset(start));
            g.writeStringField("to", time.isoOffset(end));
            g.writeStringField("zone", spec.zone().getId());
            g.writeStringField("layout", spec.layout().word());
            g.writeStringField("hostname", spec.hostname());
            g.writeNumberField("mailboxes", spec.mailboxes());
            g.writeNumberField("lines", lines);
            g.writeStringField("exim_version", sw.exim().version());
            g.writeBooleanField("exim_to_syslog", sw.exim().syslog());
            g.writeStringField("dovecot_version", sw.dovecot().version());
            g.writeStringField("dovecot_passdb", sw.dovecot().passdb());
            g.writeBooleanField("dovecot_auth_verbose", sw.dovecot().authVerbose());
            g.writeNumberField("dovecot_sha1_digits", sw.dovecot().sha1Digits());
            g.writeStringField("lfd_flavour", spec.csf().flavour().name().toLowerCase(java.util.Locale.ROOT));
            g.writeArrayFieldStart("files");
            for (String f : files) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeEndObject();

            g.writeArrayFieldStart("accounts");
            for (TruthRecorder.AccountTruth a : truth.accounts().values()) {
                if (!a.exists && a.totalFailures() == 0) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("account", a.login);
                g.writeStringField("verdict", a.verdict());
                g.writeBooleanField("exists", a.exists);
                g.writeNumberField("failures", a.totalFailures());
                g.writeNumberField("successes", a.successes);
                g.writeObjectFieldStart("failures_by_kind");
                for (Map.Entry<HitKind, Integer> e : a.failures.entrySet()) {
                    g.writeNumberField(e.getKey().name().toLowerCase(java.util.Locale.ROOT), e.getValue());
                }
                g.writeEndObject();
                if (a.staleDevice != null) {
                    g.writeObjectFieldStart("stale");
                    g.writeStringField("device", a.staleDevice);
                    g.writeStringField("mode", a.staleMode);
                    g.writeStringField("password_changed_at", time.isoOffset(a.passwordChangedAt));
                    time(g, "started_at", a.staleFirstFailure, time);
                    time(g, "fixed_at", a.staleFixedAt == Long.MIN_VALUE ? Long.MAX_VALUE : a.staleFixedAt, time);
                    strings(g, "ips", a.staleIps);
                    strings(g, "protocols", a.staleProtocols);
                    g.writeNumberField("logged_failures", a.failures(HitKind.STALE));
                    g.writeBooleanField("knowable", a.staleKnowable());
                    g.writeEndObject();
                }
                if (!a.closedPortDevices.isEmpty()) {
                    strings(g, "closed_port_devices", a.closedPortDevices);
                }
                time(g, "first_block_at", a.firstCustomerBlock, time);
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("ips");
            for (TruthRecorder.IpTruth i : truth.ips().values()) {
                if (i.failures + i.successes + i.kernelHits + i.blocks + i.dropped == 0) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("ip", i.ip);
                g.writeStringField("verdict", i.verdict());
                strings(g, "roles", i.roles);
                strings(g, "accounts", i.accounts);
                g.writeNumberField("failures", i.failures);
                g.writeNumberField("successes", i.successes);
                g.writeNumberField("kernel_hits", i.kernelHits);
                g.writeNumberField("blocked", i.blocks);
                g.writeNumberField("dropped_while_blocked", i.dropped);
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("blocks");
            for (BlockRecord b : truth.blocks()) {
                g.writeStartObject();
                g.writeStringField("ip", b.ip());
                g.writeStringField("at", time.isoOffset(b.at()));
                g.writeStringField("source", "lfd");
                g.writeStringField("trigger", b.trigger());
                g.writeNumberField("hits", b.hits());
                g.writeNumberField("interval_s", b.intervalS());
                g.writeBooleanField("permanent", b.permanent());
                if (b.permanent()) {
                    g.writeNullField("duration_s");
                } else {
                    g.writeNumberField("duration_s", b.durationS());
                }
                g.writeBooleanField("permblock", b.permblock());
                g.writeStringField("cause", b.cause() == null ? "unknown" : b.cause().cause());
                if (b.account() == null) {
                    g.writeNullField("account");
                } else {
                    g.writeStringField("account", b.account());
                }
                g.writeArrayFieldStart("ports");
                for (int p : b.ports()) {
                    g.writeNumber(p);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void time(JsonGenerator g, String name, long t, TimeFormat time) throws IOException {
        if (t == Long.MAX_VALUE || t == Long.MIN_VALUE) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, time.isoOffset(t));
        }
    }

    private static void strings(JsonGenerator g, String name, Collection<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
