package dev.authaudit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LfdModelTest {
    private static final long T0 = LocalDateTime.of(2025, 3, 31, 11, 0).toEpochSecond(ZoneOffset.UTC);
    private static final String IP = "198.51.100.7";

    @TempDir
    Path dir;

    private final List<BlockRecord> blocks = new ArrayList<>();
    private LogFiles files;

    private LfdModel model(CsfSettings csf) {
        TimeFormat time = new TimeFormat(ZoneId.of("UTC"));
        files = new LogFiles(dir, LogLayout.CPANEL, false, null, T0);
        return new LfdModel(csf, new LfdFormat(time, "vps"), files, new IpDecoration(new AddressPool(
                new SplittableRandom(1))), blocks::add, T0, 4242);
    }

    private static String eximFailure(String ip) {
        return "2025-03-31 11:00:00 dovecot_login authenticator failed for (User) [" + ip
                + "]:55379: 535 Incorrect authentication data (set_id=info@example.com)";
    }

    private static String syn(String ip, int spt, int dpt) {
        return "Mar 31 11:28:22 vps kernel: [2760494.944535] Firewall: *TCP_IN Blocked* IN=eth0 OUT= MAC=00:16 SRC="
                + ip + " DST=203.0.113.10 LEN=64 TOS=0x00 PREC=0x00 TTL=52 ID=0 DF PROTO=TCP SPT=" + spt + " DPT="
                + dpt + " WINDOW=65535 RES=0x00 SYN URGP=0";
    }

    private String lfdLog() throws IOException {
        files.close();
        return Files.readString(dir.resolve("lfd.log"));
    }

    @Test
    void smtpAuth_fifthFailureInSlidingHour_blocks() throws IOException {
        LfdModel lfd = model(CsfSettings.cpanel());
        for (int i = 0; i < 4; i++) {
            lfd.readMail(T0 + i * 600, eximFailure(IP), IP, HitKind.STALE, "bob@example.com");
        }
        lfd.advanceTo(T0 + 3000);
        assertThat(blocks).isEmpty();
        lfd.readMail(T0 + 3000, eximFailure(IP), IP, HitKind.STALE, "bob@example.com");
        lfd.advanceTo(T0 + 3010);
        assertThat(blocks).hasSize(1);
        BlockRecord b = blocks.get(0);
        assertThat(b.trigger()).isEqualTo("LF_SMTPAUTH");
        assertThat(b.hits()).isEqualTo(5);
        assertThat(b.cause()).isEqualTo(HitKind.STALE);
        assertThat(b.account()).isEqualTo("bob@example.com");
        assertThat(lfd.blocked(IP)).isTrue();
        assertThat(lfdLog()).contains("(smtpauth) Failed SMTP AUTH login from " + IP + " (",
                "5 in the last 3600 secs - *Blocked in csf* for 3600 secs [LF_SMTPAUTH]");
    }

    @Test
    void smtpAuth_oldestFailureSlidesOut_noBlockUntilFiveInWindow() {
        LfdModel lfd = model(CsfSettings.cpanel());
        long[] at = {0, 1000, 2000, 3000, 3700};
        for (long t : at) {
            lfd.readMail(T0 + t, eximFailure(IP), IP, HitKind.STALE, "bob@example.com");
        }
        lfd.advanceTo(T0 + 3800);
        assertThat(blocks).as("the failure at 0 left the window before the fifth arrived").isEmpty();
        lfd.readMail(T0 + 3800, eximFailure(IP), IP, HitKind.STALE, "bob@example.com");
        lfd.advanceTo(T0 + 3900);
        assertThat(blocks).singleElement().satisfies(b -> assertThat(b.hits()).isEqualTo(5));
    }

    @Test
    void imapd_dovecotSummaryCountsItsAttempts() {
        LfdModel lfd = model(CsfSettings.cpanel());
        String line = "Jun 13 16:30:54 mx dovecot: imap-login: Disconnected (auth failed, 4 attempts in 12 secs): "
                + "user=<a@example.com>, method=PLAIN, rip=" + IP + ", lip=203.0.113.10, TLS";
        lfd.readMail(T0, line, IP, HitKind.BRUTE_FORCE, null);
        lfd.readMail(T0 + 60, line, IP, HitKind.BRUTE_FORCE, null);
        lfd.advanceTo(T0 + 100);
        assertThat(blocks).isEmpty();
        lfd.readMail(T0 + 120, line, IP, HitKind.BRUTE_FORCE, null);
        lfd.advanceTo(T0 + 200);
        assertThat(blocks).singleElement().satisfies(b -> {
            assertThat(b.trigger()).isEqualTo("LF_IMAPD");
            assertThat(b.hits()).isEqualTo(12);
            assertThat(b.cause().cause()).isEqualTo("brute_force");
        });
    }

    @Test
    void imapd_loginAbortedWording_ignoredByCpanelCountedByAetherinox() {
        String line = "Jun 12 20:02:23 kvm456 dovecot[996]: imap-login: Login aborted: Connection closed (auth failed,"
                + " 5 attempts in 14 secs) (auth_failed): user=<x>, method=PLAIN, rip=" + IP + ", lip=203.0.113.10, TLS";
        assertThat(new LfdRules(CsfSettings.cpanel()).mailLine(line)).isNull();
        assertThat(new LfdRules(CsfSettings.cpanel().withFlavour(LfdFlavour.AETHERINOX_15)).mailLine(line))
                .isEqualTo(new LfdRules.Match(LfdApp.IMAPD, 5));
    }

    @Test
    void mailLine_eximHostPrefixWithoutHelo_notCounted() {
        LfdRules rules = new LfdRules(CsfSettings.cpanel());
        assertThat(rules.mailLine("2025-01-01 10:00:00 dovecot_login authenticator failed for H=[198.51.100.40]:54321: "
                + "535 Incorrect authentication data (set_id=a@example.com)")).isNull();
        assertThat(rules.mailLine("2025-01-01 10:00:00 dovecot_login authenticator failed for H=(mail.example.com) "
                + "[198.51.100.40]:54321: 535 Incorrect authentication data (set_id=a@example.com)")).isNotNull();
    }

    @Test
    void portScan_eleventhHitBlocks() throws IOException {
        LfdModel lfd = model(CsfSettings.cpanel().withClosedPort(587));
        for (int i = 0; i < 10; i++) {
            lfd.readKernel(T0 + 5 + i * 6, syn(IP, 50780 + i / 6, 587), IP, HitKind.CLOSED_PORT, "bob@example.com", 587);
        }
        lfd.advanceTo(T0 + 100);
        assertThat(blocks).isEmpty();
        lfd.readKernel(T0 + 70, syn(IP, 50790, 587), IP, HitKind.CLOSED_PORT, "bob@example.com", 587);
        lfd.advanceTo(T0 + 100);
        assertThat(blocks).singleElement().satisfies(b -> {
            assertThat(b.trigger()).isEqualTo("PS_LIMIT");
            assertThat(b.hits()).isEqualTo(11);
            assertThat(b.cause().cause()).isEqualTo("closed_port");
            assertThat(b.ports()).containsExactly(587);
        });
        assertThat(lfdLog()).contains("*Port Scan* detected from " + IP + " (",
                "11 hits in the last 75 seconds - *Blocked in csf* for 3600 secs [PS_LIMIT]");
    }

    @Test
    void portScan_windowTumbles_hitsSplitAcrossAWipeNeverBlock() {
        LfdModel lfd = model(CsfSettings.cpanel().withClosedPort(587));
        // Eight hits just before the wipe at T0+300 and eight just after: 16 within 60 s, never 11 in a window.
        for (int i = 0; i < 8; i++) {
            lfd.readKernel(T0 + 260 + i * 3, syn(IP, 40000 + i, 587), IP, HitKind.CLOSED_PORT, null, 587);
            lfd.readKernel(T0 + 300 + i * 3, syn(IP, 41000 + i, 587), IP, HitKind.CLOSED_PORT, null, 587);
        }
        lfd.advanceTo(T0 + 600);
        assertThat(blocks).isEmpty();
    }

    @Test
    void portScan_openTcpInPort_notCounted() {
        LfdModel lfd = model(CsfSettings.cpanel());
        for (int i = 0; i < 30; i++) {
            lfd.readKernel(T0 + i, syn(IP, 40000 + i, 993), IP, HitKind.SCANNER, null, 993);
        }
        lfd.advanceTo(T0 + 100);
        assertThat(blocks).isEmpty();
        assertThat(new LfdRules(CsfSettings.cpanel()).scanHit(syn(IP, 1, 993))).isFalse();
        assertThat(new LfdRules(CsfSettings.cpanel()).scanHit(syn(IP, 1, 3389))).isTrue();
    }

    @Test
    void tempBlock_expires_writesRemovedLineAndUnblocks() throws IOException {
        LfdModel lfd = model(CsfSettings.cpanel());
        for (int i = 0; i < 5; i++) {
            lfd.readMail(T0 + i, eximFailure(IP), IP, HitKind.BRUTE_FORCE, null);
        }
        lfd.advanceTo(T0 + 3600);
        assertThat(lfd.blocked(IP)).isTrue();
        lfd.advanceTo(T0 + 3700);
        assertThat(lfd.blocked(IP)).isFalse();
        assertThat(lfdLog()).contains("Incoming IP " + IP + " temporary block removed");
    }

    @Test
    void permBlock_fifthTemporaryBlockInADay_becomesPermanent() throws IOException {
        LfdModel lfd = model(CsfSettings.cpanel());
        long t = T0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 5; i++) {
                lfd.readMail(t + i, eximFailure(IP), IP, HitKind.STALE, "bob@example.com");
            }
            t += 3700;
            lfd.advanceTo(t);
        }
        assertThat(blocks).hasSize(5);
        assertThat(blocks.subList(0, 4)).allSatisfy(b -> assertThat(b.permanent()).isFalse());
        assertThat(blocks.get(4).permblock()).isTrue();
        assertThat(blocks.get(4).permanent()).isTrue();
        assertThat(lfd.blocked(IP)).isTrue();
        assertThat(lfdLog()).contains("(PERMBLOCK) " + IP + " (",
                "has had more than 4 temp blocks in the last 86400 secs - *Blocked in csf* [LF_SMTPAUTH]");
    }

    @Test
    void readMail_whileBlocked_ignored() {
        LfdModel lfd = model(CsfSettings.cpanel());
        for (int i = 0; i < 15; i++) {
            lfd.readMail(T0 + i, eximFailure(IP), IP, HitKind.BRUTE_FORCE, null);
        }
        lfd.advanceTo(T0 + 100);
        assertThat(blocks).hasSize(1);
    }
}
