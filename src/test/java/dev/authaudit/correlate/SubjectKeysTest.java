package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SubjectKeys}'s table of addresses: found again while held, colliding hashes, growth, its bound. */
class SubjectKeysTest {

    @Test
    void anAddressIsMadeOnce_withItsNetwork_nullIsNone() {
        SubjectKeys keys = new SubjectKeys(new IpNetworks(), 1_000, 1_000);
        SubjectKeys.Address a = keys.address("192.0.2.7");
        assertThat(a.network).isEqualTo("192.0.2.0/24");
        assertThat(keys.address(new String("192.0.2.7"))).isSameAs(a);
        assertThat(keys.address(null)).isNull();
    }

    @Test
    void addressesOfOneHashCode_keptApart() {
        SubjectKeys keys = new SubjectKeys(new IpNetworks(), 1_000, 1_000);
        // "Aa" and "BB" share a hashCode, as do any strings built of them alike
        SubjectKeys.Address aa = keys.address("AaAa");
        SubjectKeys.Address bb = keys.address("BBBB");
        SubjectKeys.Address ab = keys.address("AaBB");
        assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode()).isEqualTo("AaBB".hashCode());
        assertThat(keys.address("BBBB")).isSameAs(bb);
        assertThat(keys.address("AaAa")).isSameAs(aa);
        assertThat(keys.address("AaBB")).isSameAs(ab);
        assertThat(aa).isNotSameAs(bb);
    }

    @Test
    void growing_keepsEveryAddress_untilTheBoundDropsThemAll() {
        SubjectKeys keys = new SubjectKeys(new IpNetworks(), 500, 1_000);
        List<SubjectKeys.Address> made = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            made.add(keys.address("198.51." + (i / 256) + "." + (i % 256)));
        }
        for (int i = 0; i < 500; i++) {
            assertThat(keys.address("198.51." + (i / 256) + "." + (i % 256))).isSameAs(made.get(i));
        }
        SubjectKeys.Address next = keys.address("203.0.113.1");
        assertThat(keys.address("203.0.113.1")).isSameAs(next);
        assertThat(keys.address("198.51.0.0")).as("made again after the table was emptied").isNotSameAs(made.get(0));
    }
}
