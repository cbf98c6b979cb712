package dev.authaudit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsfConfigTest {

    private static final String SAMPLE = String.join("\n",
            "###############################################################################",
            "# SECTION:Initial Settings",
            "TESTING = \"0\"",
            "",
            "# Allow incoming TCP ports",
            "TCP_IN = \"20,21,22,25,53,80,110,143,443,465,993,995,30000:35000\"",
            "TCP6_IN = \"22,25,587\"",
            "UDP_IN=\"53\"",
            "LF_SMTPAUTH = \"3\"",
            "LF_SMTPAUTH_PERM = \"1800\"",
            "LF_IMAPD = \"20\"   # raised for phones",
            "LF_INTERVAL = \"1800\"",
            "LF_SELECT = \"1\"",
            "PS_INTERVAL = \"300\"",
            "PS_LIMIT = \"10\"",
            "PS_PORTS = \"0:65535,ICMP,OPEN\"",
            "PS_DIVERSITY = \"2\"",
            "DROP_IP_LOGGING = '0'",
            "SOME_OTHER_KEY = \"whatever, with spaces\"",
            "");

    @Test
    void parse_realShapedFile_readsKeysAndKeepsDefaultsForAbsentOnes() {
        CsfConfig c = CsfConfig.parse("/etc/csf/csf.conf", SAMPLE);

        assertThat(c.path()).isEqualTo("/etc/csf/csf.conf");
        assertThat(c.lfSmtpAuth()).isEqualTo(3);
        assertThat(c.lfSmtpAuthPerm()).isEqualTo(1800);
        assertThat(c.lfImapd()).isEqualTo(20);
        assertThat(c.lfPop3d()).isEqualTo(10);
        assertThat(c.lfInterval()).isEqualTo(1800);
        assertThat(c.lfSelect()).isTrue();
        assertThat(c.psInterval()).isEqualTo(300);
        assertThat(c.psDiversity()).isEqualTo(2);
        assertThat(c.psPorts().hasKeyword("OPEN")).isTrue();
        assertThat(c.psPorts().contains(587)).isTrue();
        assertThat(c.lfPermblockCount()).isEqualTo(4);
        assertThat(c.lfDistattackUniq()).isEqualTo(2);
        assertThat(c.thresholdFor("LF_IMAPD")).hasValue(20);
        assertThat(c.intervalFor("PS_LIMIT")).hasValue(300);
    }

    @Test
    void isOpen_portListWithRange_answersPerPortAndFamily() {
        CsfConfig c = CsfConfig.parse("csf.conf", SAMPLE);

        assertThat(c.isOpen(465)).isTrue();
        assertThat(c.isOpen(587)).isFalse();
        assertThat(c.isOpen(30000)).isTrue();
        assertThat(c.isOpen(32768)).isTrue();
        assertThat(c.isOpen(35001)).isFalse();
        assertThat(c.isOpenV6(587)).isTrue();
    }

    @Test
    void defaults_noFile_matchFieldNotes() {
        CsfConfig d = CsfConfig.defaults();

        assertThat(d.fromFile()).isFalse();
        assertThat(d.lfSmtpAuth()).isEqualTo(5);
        assertThat(d.lfImapd()).isEqualTo(10);
        assertThat(d.lfPop3d()).isEqualTo(10);
        assertThat(d.lfInterval()).isEqualTo(3600);
        assertThat(d.lfTrigger()).isZero();
        assertThat(d.psInterval()).isZero();
        assertThat(d.psLimit()).isEqualTo(10);
        assertThat(d.psBlockTime()).isEqualTo(3600);
        assertThat(d.psDiversity()).isEqualTo(1);
        assertThat(d.lfPermblock()).isTrue();
        assertThat(d.lfPermblockInterval()).isEqualTo(86400);
        assertThat(d.isOpen(587)).isTrue();
        assertThat(d.intervalFor("PS_LIMIT")).isEmpty();
    }

    @Test
    void parse_nonNumericThreshold_failsNamingFileLineKeyValueAndExpectation() {
        String text = "# comment\nLF_IMAPD = \"ten\"\n";

        assertThatThrownBy(() -> CsfConfig.parse("/etc/csf/csf.conf", text))
                .isInstanceOf(ConfigException.class)
                .hasMessage("/etc/csf/csf.conf:2: LF_IMAPD = \"ten\" is not valid; expected a whole number of 0 or more")
                .satisfies(e -> {
                    ConfigException c = (ConfigException) e;
                    assertThat(c.path()).isEqualTo("/etc/csf/csf.conf");
                    assertThat(c.key()).isEqualTo("LF_IMAPD");
                });
    }

    @Test
    void parse_badPortRange_failsNamingTheItem() {
        assertThatThrownBy(() -> CsfConfig.parse("csf.conf", "TCP_IN = \"25,587,35000:30000\""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("csf.conf:1: TCP_IN = \"25,587,35000:30000\" is not valid")
                .hasMessageContaining("'35000:30000'");
    }

    @Test
    void parse_flagOtherThanZeroOrOne_fails() {
        assertThatThrownBy(() -> CsfConfig.parse("csf.conf", "\n\nLF_SELECT = \"yes\""))
                .isInstanceOf(ConfigException.class)
                .hasMessage("csf.conf:3: LF_SELECT = \"yes\" is not valid; expected 0 (off) or 1 (on)");
    }

    @Test
    void read_missingFile_failsWithPathAndWayOut(@TempDir Path dir) {
        Path missing = dir.resolve("csf.conf");

        assertThatThrownBy(() -> CsfConfig.read(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read " + missing)
                .hasMessageContaining("/etc/csf/csf.conf");
    }

    @Test
    void read_file_sameAsParse(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("csf.conf");
        Files.writeString(file, SAMPLE);

        assertThat(CsfConfig.read(file)).isEqualTo(CsfConfig.parse(file.toString(), SAMPLE));
    }
}
