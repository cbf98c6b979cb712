package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {
    @TempDir
    Path dir;

    private final String rules = CliRun.repo().resolve("rules").toString();

    private static String fixture(String name) {
        return CliRun.repo().resolve("test-fixtures").resolve(name).toString();
    }

    @Test
    void tune_sample_modelReproducesLfdBlocks() throws IOException {
        CliRun r = CliRun.run("tune", "--rules", rules, "--year", "2025", "--tz", "America/New_York", "--format", "json",
                fixture("sample"));
        assertThat(r.code).as(r.err).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out);
        JsonNode a = doc.path("lfd_agreement");
        // print the disagreements so a drop in agreement is explained in the test log
        System.out.println("sample: model reproduces " + a.path("reproduced").asInt() + " of "
                + a.path("real_blocks").asInt() + " lfd blocks; missed " + a.path("missed") + "; extra " + a.path("extra"));
        assertThat(a.path("real_blocks").asInt()).isEqualTo(26);
        assertThat(a.path("share").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(a.path("extra").size()).isLessThanOrEqualTo(1);
        assertThat(doc.path("closed_mail_ports").get(0).path("text").asText())
                .startsWith("port 587 is not open in TCP_IN but 2 customer addresses try it");
    }

    @Test
    void tune_simulatorRun_modelReproducesLfdBlocks() throws IOException {
        Path sim = dir.resolve("sim");
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        java.io.PrintStream quiet = new java.io.PrintStream(sink, true, java.nio.charset.StandardCharsets.UTF_8);
        int made = dev.authaudit.sim.SimulateMain.run(new String[] {"--out", sim.toString(), "--days", "2",
            "--mailboxes", "30", "--seed", "5", "--start", "2025-03-10T00:00", "--zone", "America/New_York"}, quiet, quiet);
        assertThat(made).as(sink.toString()).isZero();
        CliRun r = CliRun.run("tune", "--rules", rules, "--year", "2025", "--tz", "America/New_York", "--format", "json",
                sim.toString());
        assertThat(r.code).as(r.err).isZero();
        JsonNode a = new ObjectMapper().readTree(r.out).path("lfd_agreement");
        System.out.println("simulator seed 5: model reproduces " + a.path("reproduced").asInt() + " of "
                + a.path("real_blocks").asInt() + " lfd blocks; missed " + a.path("missed") + "; extra " + a.path("extra"));
        assertThat(a.path("real_blocks").asInt()).isPositive();
        assertThat(a.path("share").asDouble()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void tune_zonelessStampsWithoutTz_noteSaysWhichZoneWasUsed_asScanDoes() {
        String logs = fixture("scenarios/port-scan-587");
        CliRun without = CliRun.run("tune", "--rules", rules, "--year", "2025", logs);
        assertThat(without.code).as(without.err).isZero();
        String note = "note: \\d+ time stamps without a zone .* read in this system's zone, "
                + java.util.regex.Pattern.quote(java.time.ZoneId.systemDefault().getId()) + "; pass --tz";
        assertThat(without.err).containsPattern(note);
        // the very line scan prints for the same logs
        CliRun scan = CliRun.run("scan", "--rules", rules, "--year", "2025", "--no-history", logs);
        assertThat(scan.err.lines().filter(l -> l.contains("without a zone")).toList())
                .isEqualTo(without.err.lines().filter(l -> l.contains("without a zone")).toList()).hasSize(1);
        CliRun with = CliRun.run("tune", "--rules", rules, "--year", "2025", "--tz", "UTC", logs);
        assertThat(with.err).doesNotContain("without a zone");
    }

    @Test
    void tune_portScan587_psDiversity2RemovesTheBlockAndPortIsNamed() {
        CliRun r = CliRun.run("tune", "--rules", rules, "--year", "2025", "--tz", "UTC", fixture("scenarios/port-scan-587"));
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("Model check: the lfd model reproduces 1 of 1 lfd blocks (100%",
                "PS_DIVERSITY 1 to 2: removes the closed-port customer block",
                "port 587 is not open in TCP_IN but 1 customer address tries it (2 connection attempts, 11 dropped"
                        + " packets)");
        assertThat(r.out).containsPattern("\\n  PS_DIVERSITY +1 +2 +0 +0 ");
    }

    @Test
    void tune_realPortScan_keepsTheScanBlockAndRecommendsNothing() {
        CliRun r = CliRun.run("tune", "--rules", rules, "--year", "2025", "--tz", "UTC",
                fixture("scenarios/real-port-scan"));
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("reproduces 1 of 1 lfd blocks", "scanners: 1 of 1",
                "none: no setting blocks a customer");
    }

    @Test
    void tune_jailConf_modelsFail2banAndReportsItsAlternatives() throws IOException {
        Path jail = dir.resolve("jail.local");
        Files.writeString(jail, "[DEFAULT]\nmaxretry = 3\nfindtime = 10m\n\n[dovecot]\nenabled = true\n\n"
                + "[exim]\nenabled = true\nbantime = 1h\n");
        CliRun r = CliRun.run("tune", "--rules", rules, "--year", "2025", "--tz", "UTC", "--jail-conf", jail.toString(),
                fixture("scenarios/dictionary-attack"));
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("Current fail2ban jails: [dovecot] maxretry 3, findtime 600, bantime 600; [exim]"
                + " maxretry 3, findtime 600, bantime 3600", "fail2ban alternatives:", "[exim] maxretry");
    }

    @Test
    void tune_badJailConf_exits3AndNamesFileLine() throws IOException {
        Path jail = dir.resolve("jail.local");
        Files.writeString(jail, "[dovecot]\nenabled = true\nmaxretry = lots\n");
        CliRun r = CliRun.run("tune", "--rules", rules, "--jail-conf", jail.toString(), fixture("scenarios/typo"));
        assertThat(r.code).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err).contains(jail + ":3: [dovecot] maxretry = \"lots\" is not valid");
    }

    @Test
    void tune_unknownFlavour_isAUsageError() {
        CliRun r = CliRun.run("tune", "--rules", rules, "--lfd-flavour", "17", fixture("scenarios/typo"));
        assertThat(r.code).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err).contains("--lfd-flavour 17 is not a known build; use cpanel-csf-16 or aetherinox-15");
    }
}
