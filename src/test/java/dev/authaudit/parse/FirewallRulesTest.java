package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.FirewallDrop;
import dev.authaudit.event.FirewallUnblock;
import dev.authaudit.event.Protocol;
import dev.authaudit.ingest.RawLine;
import dev.authaudit.rules.RuleSet;
import dev.authaudit.testing.OutsideData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The firewall rule files (lfd, kernel, fail2ban, csf) read real-shaped lines into the right typed
 * events. The rules' inline examples are run by RuleExamplesTest; these tests check the typed records,
 * the fail2ban recidive corpus, and that hostile lines cannot stall the parser.
 */
class FirewallRulesTest {
    private static final Path REPO = Path.of(System.getProperty("authaudit.repo", "."));
    private static final Instant REFERENCE = Instant.parse("2026-12-31T00:00:00Z");
    private static RuleSet rules;
    private static LineParser utc;

    @BeforeAll
    static void load() {
        rules = RuleSet.load(List.of(REPO.resolve("rules")));
        utc = parser(ZoneOffset.UTC, 2026);
    }

    private static LineParser parser(ZoneId zone, Integer year) {
        return new LineParser(rules, new TimeResolver(zone, year),
                new PasswordRedactor("firewall-rules-test-key-0123".getBytes(StandardCharsets.UTF_8)));
    }

    private static Parsed parse(String line) {
        return utc.parse(new RawLine("test", 1, line), REFERENCE);
    }

    private static FirewallBlock block(String line) {
        Parsed p = parse(line);
        assertThat(p.status()).as(p.ruleId() + " " + p.problem()).isEqualTo(Parsed.Status.EVENT);
        assertThat(p.event()).isInstanceOf(FirewallBlock.class);
        return (FirewallBlock) p.event();
    }

    private static FirewallDrop drop(String line) {
        Parsed p = parse(line);
        assertThat(p.status()).as(p.ruleId() + " " + p.problem()).isEqualTo(Parsed.Status.EVENT);
        assertThat(p.event()).isInstanceOf(FirewallDrop.class);
        return (FirewallDrop) p.event();
    }

    // ---- lfd ----

    @Test
    void lfd_portScanFromServerFault2013_givesTemporaryPsLimitBlock() {
        FirewallBlock b = block("Mar 31 11:29:35 vps lfd[4242]: *Port Scan* detected from 24.2.190.167"
                + " (US/United States/c-24-2-190-167.hsd1.ct.comcast.net). 11 hits in the last 73 seconds"
                + " - *Blocked in csf* for 3600 secs [PS_LIMIT]");
        assertThat(b.ip()).isEqualTo("24.2.190.167");
        assertThat(b.trigger()).isEqualTo("PS_LIMIT");
        assertThat(b.hits()).isEqualTo(11);
        assertThat(b.intervalS()).isEqualTo(73);
        assertThat(b.durationS()).isEqualTo(3600L);
        assertThat(b.permanent()).isFalse();
        assertThat(b.ports()).isEmpty();
        assertThat(b.time()).isEqualTo(OffsetDateTime.of(2026, 3, 31, 11, 29, 35, 0, ZoneOffset.UTC));
        assertThat(b.origin().rule()).isEqualTo("lfd.block-portscan");
    }

    @Test
    void lfd_smtpauthBlock_givesPermanentSmtpBlockWithMessage() {
        FirewallBlock b = block("Mar 31 11:29:35 vps lfd[4242]: (smtpauth) Failed SMTP AUTH login from 198.51.100.7"
                + " (US/United States/host.example.net): 5 in the last 3600 secs - *Blocked in csf* [LF_SMTPAUTH]");
        assertThat(b.trigger()).isEqualTo("LF_SMTPAUTH");
        assertThat(b.app()).isEqualTo("smtpauth");
        assertThat(b.protocol()).isEqualTo(Protocol.SMTP);
        assertThat(b.hits()).isEqualTo(5);
        assertThat(b.intervalS()).isEqualTo(3600);
        assertThat(b.permanent()).isTrue();
        assertThat(b.durationS()).isNull();
        assertThat(b.message()).isEqualTo("(smtpauth) Failed SMTP AUTH login from 198.51.100.7"
                + " (US/United States/host.example.net): 5 in the last 3600 secs");
    }

    @Test
    void lfd_selectPortBlock_givesThatPortOnly() {
        FirewallBlock b = block("Apr  2 08:00:01 vps lfd[5120]: (imapd) Failed IMAP login from 2001:db8::20 (-):"
                + " 10 in the last 3600 secs - *Blocked in csf* port=993 [LF_IMAPD]");
        assertThat(b.ip()).isEqualTo("2001:db8::20");
        assertThat(b.ports()).containsExactly(993);
        assertThat(b.permanent()).isTrue();
        assertThat(b.protocol()).isEqualTo(Protocol.IMAP);
    }

    @Test
    void lfd_distributedAttack_givesAccountAndTrigger() {
        FirewallBlock b = block("Apr  3 02:00:00 vps lfd[7001]: 198.51.100.50 (US/United States/-), 5 distributed"
                + " pop3d attacks on account [Bob@Example.com] in the last 3600 secs - *Blocked in csf* [LF_DISTATTACK]");
        assertThat(b.account()).isEqualTo("bob@example.com");
        assertThat(b.trigger()).isEqualTo("LF_DISTATTACK");
        assertThat(b.protocol()).isEqualTo(Protocol.POP3);
    }

    @Test
    void lfd_permblockEscalation_keepsTheOriginalTriggerAndSaysSoInTheMessage() {
        FirewallBlock b = block("Mar 31 12:02:11 vps lfd[4301]: (PERMBLOCK) 198.51.100.167 (US/United States/-)"
                + " has had more than 4 temp blocks in the last 86400 secs - *Blocked in csf* [PS_LIMIT]");
        assertThat(b.trigger()).isEqualTo("PS_LIMIT");
        assertThat(b.permanent()).isTrue();
        assertThat(b.hits()).isNull();
        assertThat(b.intervalS()).isEqualTo(86400);
        assertThat(b.message()).startsWith("(PERMBLOCK) ");
    }

    @Test
    void lfd_netblock_isKnownButNotAnEvent() {
        Parsed p = parse("Apr  3 05:00:00 vps lfd[4303]: (NETBLOCK) 198.51.100.0/24 has had more than 3 blocks"
                + " in the last 86400 secs - *Blocked in csf* [LF_SMTPAUTH]");
        assertThat(p.status()).isEqualTo(Parsed.Status.IGNORED);
        assertThat(p.ruleId()).isEqualTo("lfd.block-network");
    }

    @Test
    void lfd_temporaryBlockRemoved_givesUnblockWithPort() {
        Parsed p = parse("Mar 31 12:29:41 vps lfd[4388]: Incoming IP 203.0.113.20:587 temporary block removed");
        assertThat(p.event()).isInstanceOfSatisfying(FirewallUnblock.class, u -> {
            assertThat(u.ip()).isEqualTo("203.0.113.20");
            assertThat(u.port()).isEqualTo(587);
            assertThat(u.protocol()).isEqualTo(Protocol.SMTP);
        });
    }

    @Test
    void lfd_ignoredHit_isKnownButNotAnEvent() {
        Parsed p = parse("Mar 31 11:28:22 vps lfd[4242]: Failed SMTP AUTH login from 198.51.100.167 - ignored");
        assertThat(p.status()).isEqualTo(Parsed.Status.IGNORED);
        assertThat(p.ruleId()).isEqualTo("lfd.ignored");
    }

    @Test
    void lfd_forgedTailInDecoration_numbersComeFromTheRealTail() {
        FirewallBlock b = block("Apr  2 09:10:20 vps lfd[28646]: (smtpauth) Failed SMTP AUTH login from 203.0.113.5"
                + " (XX/-/x.example.com): 1 in the last 1 secs - *Blocked in csf* [LF_FAKE] (x): 5 in the last 3600 secs"
                + " - *Blocked in csf* [LF_SMTPAUTH]");
        assertThat(b.ip()).isEqualTo("203.0.113.5");
        assertThat(b.trigger()).isEqualTo("LF_SMTPAUTH");
        assertThat(b.hits()).isEqualTo(5);
    }

    // ---- kernel ----

    @Test
    void kernel_csfTcpInLine_givesDropWithEveryField() {
        FirewallDrop d = drop("Mar 31 11:28:22 vps kernel: [2760494.944535] Firewall: *TCP_IN Blocked* IN=venet0 OUT="
                + " MAC= SRC=198.51.100.167 DST=192.0.2.10 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=7251 DF PROTO=TCP"
                + " SPT=50780 DPT=587 WINDOW=14600 RES=0x00 SYN URGP=0");
        assertThat(d.ip()).isEqualTo("198.51.100.167");
        assertThat(d.dst()).isEqualTo("192.0.2.10");
        assertThat(d.chain()).isEqualTo("TCP_IN");
        assertThat(d.proto()).isEqualTo("TCP");
        assertThat(d.port()).isEqualTo(587);
        assertThat(d.srcPort()).isEqualTo(50780);
        assertThat(d.inbound()).isTrue();
        assertThat(d.flags()).isEqualTo("SYN");
        assertThat(d.protocol()).isEqualTo(Protocol.SMTP);
    }

    @Test
    void kernel_portFloodPrefix_givesPortFloodChain() {
        FirewallDrop d = drop("Apr  4 01:00:04 vps kernel: Firewall: *Port Flood* IN=eth0 OUT= MAC= SRC=198.51.100.70"
                + " DST=192.0.2.10 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=1 DF PROTO=TCP SPT=50000 DPT=587 WINDOW=14600"
                + " RES=0x00 SYN URGP=0");
        assertThat(d.chain()).isEqualTo("PORT_FLOOD");
    }

    @Test
    void kernel_ipv6FullForm_isNormalized() {
        FirewallDrop d = drop("Apr  4 01:00:02 vps kernel: Firewall: *TCP6IN Blocked* IN=eth0 OUT= MAC="
                + " SRC=2001:0db8:0000:0000:0000:0000:0000:0007 DST=2001:0db8:0000:0000:0000:0000:0000:0001 LEN=80"
                + " TC=0 HOPLIMIT=56 FLOWLBL=0 PROTO=TCP SPT=41000 DPT=587 WINDOW=64800 RES=0x00 SYN URGP=0");
        assertThat(d.ip()).isEqualTo("2001:db8::7");
        assertThat(d.dst()).isEqualTo("2001:db8::1");
    }

    @Test
    void kernel_icmpErrorQuotingAPacket_takesTheOuterPacketOnly() {
        FirewallDrop d = drop("Apr  4 01:00:12 vps kernel: Firewall: *UDP_IN Blocked* IN=eth0 OUT= MAC="
                + " SRC=198.51.100.78 DST=192.0.2.10 LEN=56 TOS=0x00 PREC=0x00 TTL=50 ID=9 PROTO=ICMP TYPE=3 CODE=3"
                + " [SRC=192.0.2.10 DST=203.0.113.99 LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=UDP SPT=53 DPT=587 LEN=8 ]");
        assertThat(d.ip()).isEqualTo("198.51.100.78");
        assertThat(d.proto()).isEqualTo("ICMP");
        assertThat(d.port()).isNull();
        assertThat(d.srcPort()).isNull();
    }

    @Test
    void kernel_outboundDrop_namesTheRemoteEnd() {
        FirewallDrop d = drop("Apr  4 01:00:14 vps kernel: Firewall: *TCP_OUT Blocked* IN= OUT=eth0 SRC=192.0.2.10"
                + " DST=203.0.113.80 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP SPT=40000 DPT=25 WINDOW=29200"
                + " RES=0x00 SYN URGP=0 UID=1001 GID=1001");
        assertThat(d.ip()).isEqualTo("203.0.113.80");
        assertThat(d.inbound()).isFalse();
    }

    @Test
    void kernel_forgedSrcInPrefix_isNotRead() {
        Parsed p = parse("Apr  4 01:00:13 vps kernel: Firewall: *TCP_IN Blocked* SRC=203.0.113.66 IN=eth0 OUT= MAC="
                + " SRC=198.51.100.79 DST=192.0.2.10 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=1 DF PROTO=TCP SPT=1 DPT=587"
                + " WINDOW=1 RES=0x00 SYN URGP=0");
        assertThat(p.status()).isEqualTo(Parsed.Status.SKIPPED);
        Parsed q = parse("Apr  4 02:00:05 host kernel: [UFW BLOCK SRC=203.0.113.66] IN=eth0 OUT= MAC= SRC=198.51.100.94"
                + " DST=192.0.2.20 LEN=60 TOS=0x00 PREC=0x00 TTL=50 ID=1 DF PROTO=TCP SPT=1 DPT=587 WINDOW=1 RES=0x00"
                + " SYN URGP=0");
        assertThat(q.status()).isEqualTo(Parsed.Status.SKIPPED);
    }

    @Test
    void kernel_ufwBlock_givesGenericChain() {
        FirewallDrop d = drop("Apr  4 02:00:00 host kernel: [ 8123.456789] [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56"
                + " SRC=198.51.100.90 DST=192.0.2.20 LEN=44 TOS=0x00 PREC=0x00 TTL=243 ID=54321 PROTO=TCP SPT=51234"
                + " DPT=587 WINDOW=1024 RES=0x00 SYN URGP=0");
        assertThat(d.chain()).isEqualTo("UFW_BLOCK");
        assertThat(d.port()).isEqualTo(587);
    }

    @Test
    void kernel_knockLine_isKnownButNotADrop() {
        Parsed p = parse("Apr  4 03:00:01 vps kernel: Knock: *22_IN* IN=eth0 OUT= MAC= SRC=198.51.100.97 DST=192.0.2.10"
                + " LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=1 DF PROTO=TCP SPT=50001 DPT=22 WINDOW=14600 RES=0x00 SYN URGP=0");
        assertThat(p.status()).isEqualTo(Parsed.Status.IGNORED);
    }

    // ---- fail2ban ----

    @Test
    void fail2ban_paddedBanLine_givesBlockWithJailAsTrigger() {
        FirewallBlock b = block("2024-05-06 07:08:09,010 fail2ban.actions        [812]: NOTICE  [postfix-sasl] Ban 198.51.100.31");
        assertThat(b.trigger()).isEqualTo("postfix-sasl");
        assertThat(b.durationS()).isNull();
        assertThat(b.permanent()).isFalse();
    }

    @Test
    void fail2ban_restoreBan_givesBlockFromItsOwnRule() {
        FirewallBlock b = block("2024-05-06 08:00:00,001 fail2ban.actions        [900]: NOTICE  [dovecot] Restore Ban 2001:db8::34");
        assertThat(b.ip()).isEqualTo("2001:db8::34");
        assertThat(b.origin().rule()).isEqualTo("fail2ban.restore-ban");
    }

    @Test
    void fail2ban_unban_givesUnblockWithJail() {
        Parsed p = parse("Mar 05 09:41:28 mail fail2ban[15699]: [postfix-sasl] Unban 192.0.2.15");
        assertThat(p.event()).isInstanceOfSatisfying(FirewallUnblock.class,
                u -> assertThat(u.trigger()).isEqualTo("postfix-sasl"));
    }

    @Test
    void fail2ban_foundAndAlreadyBanned_areKnownButNotEvents() {
        assertThat(parse("2024-05-06 07:08:01,000 fail2ban.filter         [812]: INFO    [postfix-sasl] Found"
                + " 198.51.100.31 - 2024-05-06 07:08:00").status()).isEqualTo(Parsed.Status.IGNORED);
        assertThat(parse("2024-05-06 07:08:40,000 fail2ban.actions        [812]: NOTICE  [postfix-sasl] 198.51.100.31"
                + " already banned").status()).isEqualTo(Parsed.Status.IGNORED);
    }

    /**
     * fail2ban's recidive sample file: every line its harness expects to match gives a block for the
     * annotated host at the annotated local time (the harness runs in CET with the clock at
     * 2005-08-14 12:00 CEST); the recidive jail's own ban, which fail2ban's filter skips, is a block
     * for us too; the journal line without a time stamp is matched but has no time.
     */
    @Test
    void recidiveCorpus_matchingLines_giveBlocksForTheAnnotatedHost() throws IOException {
        Path file = OutsideData.corpus("fail2ban/recidive");
        LineParser cet = parser(ZoneId.of("Europe/Paris"), null);
        Instant harnessClock = Instant.ofEpochSecond(1124013600L);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int checked = 0;
        int recidive = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String a = lines.get(i);
            if (!a.matches("^#+ ?failJSON:.*")) {
                continue;
            }
            JsonNode want = json.readTree(a.substring(a.indexOf(':') + 1));
            String line = lines.get(i + 1);
            Parsed p = cet.parse(new RawLine(file.toString(), i + 2, line), harnessClock);
            if (want.path("match").asBoolean(false)) {
                checked++;
                String host = Addresses.normalize(want.path("host").asText());
                if (p.status() == Parsed.Status.UNTIMED && !want.has("time")) {
                    if (!"fail2ban.ban".equals(p.ruleId())) {
                        failures.add((i + 2) + ": untimed but not read by fail2ban.ban: " + p.ruleId());
                    }
                    continue;
                }
                if (!(p.event() instanceof FirewallBlock b)) {
                    failures.add((i + 2) + ": expected a block, got " + p.status() + " " + p.ruleId() + " " + p.problem());
                    continue;
                }
                if (!b.ip().equals(host)) {
                    failures.add((i + 2) + ": ip " + b.ip() + " instead of " + host);
                }
                if (want.has("time")) {
                    LocalDateTime t = LocalDateTime.parse(want.get("time").asText());
                    LocalDateTime got = b.time().atZoneSameInstant(ZoneId.of("Europe/Paris")).toLocalDateTime()
                            .truncatedTo(ChronoUnit.SECONDS);
                    if (!got.equals(t)) {
                        failures.add((i + 2) + ": time " + got + " instead of " + t);
                    }
                }
            } else if (line.contains("[recidive] Ban ")) {
                recidive++;
                assertThat(p.event()).as("recidive's own ban is a block for us").isInstanceOfSatisfying(
                        FirewallBlock.class, b -> assertThat(b.trigger()).isEqualTo("recidive"));
            } else if (line.contains("] Unban ")) {
                assertThat(p.event()).isInstanceOf(FirewallUnblock.class);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).as("match:true annotations found").isGreaterThanOrEqualTo(5);
        assertThat(recidive).isEqualTo(1);
    }

    // ---- csf state files ----

    @Test
    void csf_denyEntry_givesPermanentBlockAtItsCtime() {
        FirewallBlock b = block("192.0.2.58 # lfd: (smtpauth) Failed SMTP AUTH login from 192.0.2.58 (GB/United Kingdom/-):"
                + " 5 in the last 3600 secs - Thu Oct 30 06:27:30 2025");
        assertThat(b.trigger()).isEqualTo("LF_SMTPAUTH");
        assertThat(b.permanent()).isTrue();
        assertThat(b.hits()).isEqualTo(5);
        assertThat(b.time()).isEqualTo(OffsetDateTime.of(2025, 10, 30, 6, 27, 30, 0, ZoneOffset.UTC));
    }

    @Test
    void csf_tempbanEntry_givesTemporaryBlockAtItsEpoch() {
        FirewallBlock b = block("1364743775|198.51.100.167||in|3600|lfd - *Port Scan* detected from 198.51.100.167"
                + " (US/United States/-). 11 hits in the last 73 seconds");
        assertThat(b.trigger()).isEqualTo("PS_LIMIT");
        assertThat(b.durationS()).isEqualTo(3600L);
        assertThat(b.permanent()).isFalse();
        assertThat(b.time().toInstant()).isEqualTo(Instant.ofEpochSecond(1364743775L));
    }

    @Test
    void csf_advancedDenyEntry_givesThePort() {
        FirewallBlock b = block("tcp|in|d=587|s=198.51.100.67 # lfd: (smtpauth) Failed SMTP AUTH login from 198.51.100.67"
                + " (-): 5 in the last 3600 secs - Wed Nov  5 02:00:00 2025");
        assertThat(b.ports()).containsExactly(587);
        assertThat(b.protocol()).isEqualTo(Protocol.SMTP);
    }

    @Test
    void csf_doNotDeleteEntryWithoutDate_isReadButUntimed() {
        Parsed p = parse("203.0.113.69 # do not delete");
        assertThat(p.status()).isEqualTo(Parsed.Status.UNTIMED);
        assertThat(p.ruleId()).isEqualTo("csf.manual");
    }

    @Test
    void csf_allowEntry_isNotABlock() {
        Parsed p = parse("203.0.113.71 # Manually allowed: 203.0.113.71 (-) - Thu Nov  6 09:00:02 2025");
        assertThat(p.event()).isNull();
    }

    // ---- hostile lines ----

    @Test
    void hostileLongLines_finishQuicklyAndGiveNoEvent() {
        String many = "x".repeat(10);
        List<String> hostile = List.of(
                "Apr  2 09:10:20 vps lfd[1]: (smtpauth) Failed SMTP AUTH login from 203.0.113.5 ("
                        + "): 5 in the last 3600 secs - *Blocked in csf* [LF_SMTPAUTH] (".repeat(5000) + many,
                "Apr  2 09:10:20 vps lfd[1]: " + "(a,".repeat(20000) + " Login failure/trigger from 203.0.113.5 (",
                "Apr  2 09:10:20 vps lfd[1]: 203.0.113.5 " + ", 5 distributed imapd attacks on account [".repeat(5000)
                        + " - *Blocked in csf*",
                "Apr  4 01:00:13 vps kernel: Firewall: *TCP_IN Blocked* IN=eth0 OUT= "
                        + "MAC= ".repeat(20000) + "SRC=198.51.100.79 DST=192.0.2.10 " + "PROTO=TCP SPT=1 ".repeat(20000),
                "Apr  4 02:00:05 host kernel: " + "drop ".repeat(40000) + "IN=eth0 OUT= SRC=",
                "2024-05-06 07:08:09,010 fail2ban.actions [1]: NOTICE  [x] Ban " + "1:".repeat(50000),
                "192.0.2.58 # lfd: " + "(smtpauth) Failed SMTP AUTH login from 192.0.2.58 (".repeat(4000)
                        + " - Thu Oct 30 06:27:30 2025",
                "1364743775|" + "198.51.100.1|".repeat(20000) + "lfd - x",
                "203.0.113.69 # " + "do not delete - ".repeat(20000) + "Thu Oct 30 06:27:30 2025x");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (String line : hostile) {
                for (int k = 0; k < 3; k++) {
                    Parsed p = parse(line);
                    assertThat(p.event()).as(line.substring(0, 60)).isNull();
                }
            }
        });
    }
}
