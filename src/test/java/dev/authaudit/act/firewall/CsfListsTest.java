package dev.authaudit.act.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsfListsTest {
    private static final Instant NOW = Instant.parse("2025-03-11T22:30:00Z");

    @TempDir
    Path dir;

    @Test
    void read_ipv6AndPaddedCtime_areEntriesWithTheirUnblockCommand() throws Exception {
        Path deny = Files.writeString(dir.resolve("csf.deny"), "2001:db8::7 # lfd: (imapd) x - Mon Mar  3 10:00:00 2025\n"
                + "2001:0db8:0000::/48 # office\n");
        Path temp = Files.writeString(dir.resolve("csf.tempban"), "1741732000|2001:db8::9|993|in|3600|lfd - y\n");
        CsfLists l = CsfLists.read(deny, temp, null, ZoneOffset.UTC, NOW);
        assertThat(l.problems()).isEmpty();
        assertThat(l.blocks()).extracting(HeldBlock::ip).containsExactly("2001:db8::7", "2001:db8::/48",
                "2001:db8::9");
        assertThat(l.blocks().get(0).since()).isEqualTo(Instant.parse("2025-03-03T10:00:00Z"));
        assertThat(l.blocks().get(0).comment()).isEqualTo("lfd: (imapd) x");
        assertThat(l.blocks()).extracting(HeldBlock::unblock).containsExactly("csf -dr 2001:db8::7",
                "csf -dr 2001:db8::/48", "csf -tr 2001:db8::9");
    }

    @Test
    void read_hostileAndLenientForms_areSkippedWithTheirLine() throws Exception {
        Path deny = Files.writeString(dir.resolve("csf.deny"), "1.2.3 # short form\n0x7f000001\n-f # option\n"
                + "192.0.2.1;reboot # shell\n");
        CsfLists l = CsfLists.read(deny, null, null, ZoneOffset.UTC, NOW);
        assertThat(l.blocks()).isEmpty();
        assertThat(l.problems()).hasSize(4).allMatch(p -> p.startsWith("csf.deny:"));
    }

    @Test
    void read_manyBadLines_problemsAreCapped() throws Exception {
        Path temp = Files.writeString(dir.resolve("csf.tempban"), "garbage\n".repeat(50));
        CsfLists l = CsfLists.read(null, temp, null, ZoneOffset.UTC, NOW);
        assertThat(l.problems()).hasSize(21).last().isEqualTo("30 more lines skipped");
    }
}
