package dev.authaudit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSimulatorTest {
    private static final Pattern EXIM_535 = Pattern.compile("set_id=([^)]+)\\)$");
    private static final Pattern DOVECOT_SUMMARY = Pattern.compile(
            "-login: .*\\(auth failed, (\\d+) attempts in \\d+ secs\\).*: user=<([^>]*)>, method=\\S+, rip=([\\d.]+)");
    private static final Pattern LOGIN_OK = Pattern.compile("-login: Login: user=<([^>]+)>, method=\\S+, rip=([\\d.]+)");
    private static final Pattern ARRIVAL_AUTH = Pattern.compile(" <= \\S+ H=.*\\[([\\d.]+)\\]:\\d+ .*A=\\w+:(\\S+) S=\\d+");

    @TempDir
    Path tmp;

    private static SimulationSpec.Builder small(long seed) {
        return SimulationSpec.builder().seed(seed).days(2).mailboxes(25).staleShare(0.2);
    }

    private static List<String> lines(Path f) throws IOException {
        if (!Files.exists(f)) {
            return List.of();
        }
        return Files.readAllLines(f, StandardCharsets.UTF_8);
    }

    private static JsonNode truth(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
    }

    @Test
    void run_sameSeed_writesIdenticalFiles() throws IOException {
        SimulationResult a = new LogSimulator(small(11).build()).run(tmp.resolve("a"));
        SimulationResult b = new LogSimulator(small(11).build()).run(tmp.resolve("b"));
        assertThat(a.files()).isEqualTo(b.files());
        for (String f : a.files()) {
            assertThat(Files.readAllBytes(tmp.resolve("b").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(f)));
        }
    }

    @Test
    void run_otherSeed_writesOtherLogs() throws IOException {
        new LogSimulator(small(11).build()).run(tmp.resolve("a"));
        new LogSimulator(small(12).build()).run(tmp.resolve("b"));
        assertThat(Files.readAllBytes(tmp.resolve("b/maillog"))).isNotEqualTo(Files.readAllBytes(tmp.resolve("a/maillog")));
    }

    @Test
    void run_truthFailureCounts_equalFailuresInTheLines() throws IOException {
        for (long seed : new long[] {3, 4, 5}) {
            Path dir = tmp.resolve("s" + seed);
            SimulationResult r = new LogSimulator(small(seed).build()).run(dir);
            Map<String, Integer> logged = new HashMap<>();
            List<String> all = new java.util.ArrayList<>(lines(dir.resolve("maillog")));
            if (!r.software().exim().syslog()) {
                all.addAll(lines(dir.resolve("exim_mainlog")));
            }
            for (String l : all) {
                if (l.contains(" authenticator failed for ")) {
                    Matcher m = EXIM_535.matcher(l);
                    assertThat(m.find()).as(l).isTrue();
                    logged.merge(m.group(1), 1, Integer::sum);
                }
                Matcher d = DOVECOT_SUMMARY.matcher(l);
                if (d.find()) {
                    logged.merge(d.group(2), Integer.parseInt(d.group(1)), Integer::sum);
                }
            }
            Map<String, Integer> truth = new HashMap<>();
            for (JsonNode a : truth(dir).get("accounts")) {
                if (a.get("failures").asInt() > 0) {
                    truth.put(a.get("account").asText(), a.get("failures").asInt());
                }
            }
            assertThat(logged).as("seed %d", seed).isEqualTo(truth);
        }
    }

    @Test
    void run_truthLabels_consistentWithLines() throws IOException {
        Path dir = tmp.resolve("t");
        SimulationSpec spec = SimulationSpec.builder().seed(21).days(3).mailboxes(40).staleShare(0.15)
                .attacks(new AttackMix(3, 1, 1, 2, 3, 2)).build();
        new LogSimulator(spec).run(dir);
        JsonNode t = truth(dir);
        Map<String, String> ipVerdict = new HashMap<>();
        for (JsonNode i : t.get("ips")) {
            ipVerdict.put(i.get("ip").asText(), i.get("verdict").asText());
        }
        List<String> mail = lines(dir.resolve("maillog"));
        List<String> exim = lines(dir.resolve("exim_mainlog"));
        Set<String> successIps = new HashSet<>();
        Stream.concat(mail.stream(), exim.stream()).forEach(l -> {
            Matcher m = LOGIN_OK.matcher(l);
            if (m.find()) {
                successIps.add(m.group(2));
            }
            Matcher a = ARRIVAL_AUTH.matcher(l);
            if (a.find()) {
                successIps.add(a.group(1));
            }
        });
        assertThat(successIps).isNotEmpty();
        for (String ip : successIps) {
            assertThat(ipVerdict.get(ip)).as("address %s logged in, so it is a customer's", ip).isEqualTo("customer");
        }

        List<String> lfdBlocks = lines(dir.resolve("lfd.log")).stream().filter(l -> l.contains("*Blocked in csf*"))
                .toList();
        JsonNode blocks = t.get("blocks");
        assertThat(lfdBlocks).hasSize(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode b = blocks.get(i);
            assertThat(lfdBlocks.get(i)).contains(" " + b.get("ip").asText() + " (", "[" + b.get("trigger").asText() + "]");
            String cause = b.get("cause").asText();
            assertThat(cause).isIn("stale_password", "mistyped", "brute_force", "port_scan", "closed_port", "unknown");
            if (cause.equals("stale_password") || cause.equals("closed_port")) {
                assertThat(ipVerdict.get(b.get("ip").asText())).isEqualTo("customer");
                assertThat(b.get("account").isNull()).isFalse();
            }
        }

        int stale = 0;
        for (JsonNode a : t.get("accounts")) {
            if (!a.get("verdict").asText().equals("stale_password")) {
                continue;
            }
            stale++;
            String login = a.get("account").asText();
            JsonNode s = a.get("stale");
            Set<String> ips = new HashSet<>();
            s.get("ips").forEach(n -> ips.add(n.asText()));
            boolean seen = Stream.concat(mail.stream(), exim.stream()).anyMatch(l -> (l.contains("user=<" + login + ">")
                    && l.contains("auth failed") || l.contains("(set_id=" + login + ")")) && ips.stream()
                    .anyMatch(ip -> l.contains("rip=" + ip + ",") || l.contains("[" + ip + "]")));
            assertThat(seen).as("a failure of %s from its stale device is logged", login).isTrue();
            assertThat(s.get("started_at").asText()).isGreaterThanOrEqualTo(s.get("password_changed_at").asText());
        }
        assertThat(stale).isPositive();
        assertThat(blocks.findValuesAsText("cause")).contains("brute_force");
    }

    @Test
    void run_eximMainlog_isInTimeOrder() throws IOException {
        Path dir = tmp.resolve("o");
        new LogSimulator(small(8).software(new ServerSoftware(EximStyle.cpanel(), DovecotStyle.typical())).build())
                .run(dir);
        String prev = "";
        for (String l : lines(dir.resolve("exim_mainlog"))) {
            String stamp = l.substring(0, 19);
            assertThat(stamp).isGreaterThanOrEqualTo(prev);
            prev = stamp;
        }
    }

    @Test
    void run_acrossNewYear_syslogDatesWrapAndEximShowsTheYear() throws IOException {
        Path dir = tmp.resolve("y");
        new LogSimulator(small(9).start(LocalDateTime.of(2025, 12, 30, 12, 0))
                .software(new ServerSoftware(EximStyle.cpanel(), DovecotStyle.typical())).build()).run(dir);
        List<String> mail = lines(dir.resolve("maillog"));
        assertThat(mail.get(0)).startsWith("Dec 30 ");
        assertThat(mail.get(mail.size() - 1)).startsWith("Jan  1 ");
        assertThat(lines(dir.resolve("exim_mainlog"))).anyMatch(l -> l.startsWith("2026-01-01 "))
                .anyMatch(l -> l.startsWith("2025-12-31 "));
    }

    @Test
    void run_rotateCpanel_writesDateExtGzipParts() throws IOException {
        Path dir = tmp.resolve("rc");
        SimulationResult r = new LogSimulator(small(5).days(3).rotate(true).start(LocalDateTime.of(2025, 12, 29, 0, 0))
                .software(new ServerSoftware(EximStyle.cpanel(), DovecotStyle.typical())).build()).run(dir);
        assertThat(r.files()).contains("maillog-20251229.gz", "maillog-20251230.gz", "maillog-20251231.gz", "maillog",
                "exim_mainlog-20251231.gz");
        long total = 0;
        for (String f : r.files()) {
            if (f.startsWith("maillog")) {
                total += f.endsWith(".gz") ? gunzipLines(dir.resolve(f)) : lines(dir.resolve(f)).size();
            }
        }
        assertThat(total).isEqualTo(r.linesPerFile().get("maillog"));
        assertThat(lines(dir.resolve("maillog")).get(0)).startsWith("Dec 31 ");
    }

    @Test
    void run_rotateDebian_writesNumberedParts() throws IOException {
        Path dir = tmp.resolve("rd");
        SimulationResult r = new LogSimulator(small(6).days(3).rotate(true).layout(LogLayout.DEBIAN)
                .software(new ServerSoftware(EximStyle.cpanel(), DovecotStyle.typical())).build()).run(dir);
        assertThat(r.files()).contains("mail.log", "mail.log.1", "mail.log.2.gz", "exim4/mainlog", "exim4/mainlog.1",
                "kern.log", "lfd.log", "csf.conf", "truth.json");
        assertThat(gunzipLines(dir.resolve("mail.log.2.gz"))).isPositive();
        assertThat(Files.readString(dir.resolve("csf.conf"))).contains("SMTPAUTH_LOG = \"/var/log/exim4/mainlog\"",
                "IPTABLES_LOG = \"/var/log/kern.log\"");
    }

    @Test
    void run_linesTarget_landsNearTheTarget() throws IOException {
        SimulationResult r = new LogSimulator(SimulationSpec.builder().seed(2).days(2).mailboxes(20)
                .linesTarget(60_000).build()).run(tmp.resolve("lt"));
        assertThat(r.totalLines()).isBetween(54_000L, 66_000L);
    }

    private static long gunzipLines(Path f) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return s.isEmpty() ? 0 : s.split("\n", -1).length - 1;
        }
    }
}
