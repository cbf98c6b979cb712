package dev.authaudit.classify;

import static dev.authaudit.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.correlate.CorrelationStore;
import dev.authaudit.testing.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * Memory stays bounded by the caps, not by the number of addresses: a botnet of many distinct addresses
 * failing once each is run against small caps and every table is checked against its cap. The real
 * million-address run at -Xmx512m is {@code dev.authaudit.bench.BotnetMemoryMain} in the jmh source set.
 */
class BoundedMemoryTest {
    private static final int CAP = 400;
    private static final int ADDRESSES = 6_000;

    @Test
    void accept_botnetOfManyAddressesFailingOnce_keepsEveryTableWithinItsCap() {
        TestEvents ev = new TestEvents();
        CorrelationSettings settings = CorrelationSettings.defaults().withCacheCap(CAP);
        Auditor auditor = Auditor.builder().correlation(settings).build();
        for (int i = 0; i < ADDRESSES; i++) {
            String ip = i % 7 == 0 ? "2001:db8:" + Integer.toHexString(i) + "::1"
                    : "198.18." + (i >>> 8) + "." + (i & 0xff);
            TestEvents.FailureBuilder f = ev.failure(T0.plusSeconds(i), ip, "user" + (i % 900) + "@example.com")
                    .fp(Integer.toHexString(0x100000 + i));
            auditor.accept((i % 3 == 0 ? f.smtp() : f).build());
            if (i % 500 == 0) {
                auditor.tick();
            }
        }
        // a few customers log in too, so the success tables fill as well
        for (int i = 0; i < 2 * CAP; i++) {
            auditor.accept(ev.success(T0.plusSeconds(ADDRESSES + i), "10.0." + (i >>> 8) + "." + (i & 0xff),
                    "user" + i + "@example.com", dev.authaudit.event.Protocol.IMAP));
        }
        CorrelationStore s = auditor.correlator().store();
        AuditResult r = auditor.finish();

        s.ips().cleanUp();
        s.accounts().cleanUp();
        s.networks().cleanUp();
        s.pairWindows().cleanUp();
        s.pairHistory().cleanUp();
        assertThat(s.ips().size()).isLessThanOrEqualTo(CAP);
        assertThat(s.accounts().size()).isLessThanOrEqualTo(CAP);
        assertThat(s.networks().size()).isLessThanOrEqualTo(CAP);
        assertThat(s.pairWindows().size()).isLessThanOrEqualTo(CAP);
        assertThat(s.pairHistory().size()).isLessThanOrEqualTo(CAP);
        assertThat(s.ips().evicted()).isPositive();
        assertThat(r.ips()).hasSizeLessThanOrEqualTo(CAP);
        assertThat(r.accounts()).hasSizeLessThanOrEqualTo(CAP);
        assertThat(r.accounts()).allSatisfy(a -> assertThat(a.evidence().sources())
                .hasSizeLessThanOrEqualTo(settings.maxSourcesPerAccount()));
        assertThat(r.correlation().omitted().ips()).isEqualTo(s.ips().evicted());
    }
}
