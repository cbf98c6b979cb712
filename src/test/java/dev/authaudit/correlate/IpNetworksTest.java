package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link IpNetworks#keysOf}: the network {@link IpNetworks#networkOf} names, with both counter hashes, in one pass. */
class IpNetworksTest {

    private static void assertKeys(IpNetworks n, String ip) {
        String expected = new IpNetworks().networkOf(ip);
        String network = n.keysOf(ip);
        assertThat(network).as(ip).isEqualTo(expected);
        assertThat(n.ipHash()).as(ip).isEqualTo(DistinctCounter.hash(ip));
        assertThat(n.networkHash()).as(ip).isEqualTo(network == null ? 0 : DistinctCounter.hash(network));
    }

    @Test
    void keysOf_dottedQuads_v6_andNonAddresses_asNetworkOfWithTheirHashes() {
        IpNetworks n = new IpNetworks();
        for (String ip : new String[] {"45.0.0.1", "203.0.113.200", "1.2.3.4", "2001:db8:1:2::1", "::ffff:1.2.3.4",
                "10.0.0.0/8", "not-an-address", "1.2.3", "1.2.3.4.5", ".1.2.3", "fe80::1"}) {
            assertKeys(n, ip);
        }
    }

    @Test
    void keysOf_aNetworkSeenBefore_sameStringAndHash_andAddressesOfNetworksSharingACacheSlot() {
        IpNetworks n = new IpNetworks();
        String first = n.keysOf("45.1.2.3");
        long hash = n.networkHash();
        assertThat(n.keysOf("45.1.2.200")).isSameAs(first);
        assertThat(n.networkHash()).isEqualTo(hash);
        // many networks: slots are reused, and each answer is still the network's own name and hash
        for (int a = 0; a < 40; a++) {
            for (int b = 0; b < 40; b++) {
                assertKeys(n, "10." + a + "." + b + ".7");
                assertKeys(n, "10." + a + "." + b + ".8");
            }
        }
        // networkOf and keysOf share the cache: each finds what the other made
        assertThat(n.networkOf("45.1.2.9")).isEqualTo("45.1.2.0/24");
        assertKeys(n, "45.1.2.10");
    }
}
