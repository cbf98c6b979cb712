package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SubjectKeys}' tables: one {@link SubjectKeys.Login} per name and one {@link SubjectKeys.Address} per address,
 * found again while held, colliding hashes, growth, their bounds.
 */
class SubjectKeysTest {

    private static SubjectKeys keys(int maxLogins) {
        return new SubjectKeys(new IpNetworks(), 1000, maxLogins);
    }

    @Test
    void login_sameName_sameKeys_whetherTheSameStringOrAnEqualOne() {
        SubjectKeys k = keys(100);
        String name = new String("admin@example.com");
        SubjectKeys.Login l = k.login(name);
        assertThat(l.name).isSameAs(name);
        assertThat(k.login(name)).isSameAs(l);
        assertThat(k.login(new String("admin@example.com"))).isSameAs(l);
        assertThat(k.logins()).isEqualTo(1);
    }

    @Test
    void login_sameHashCode_keptApart() {
        SubjectKeys k = keys(100);
        // "Aa" and "BB" share a hash code, and so do "AaAa", "AaBB", "BBAa" and "BBBB"
        List<SubjectKeys.Login> made = new ArrayList<>();
        for (String n : new String[] {"Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB"}) {
            made.add(k.login(n));
        }
        String[] again = {"Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB"};
        for (int i = 0; i < again.length; i++) {
            assertThat(k.login(new String(again[i]))).isSameAs(made.get(i));
            assertThat(made.get(i).name).isEqualTo(again[i]);
        }
        assertThat(k.logins()).isEqualTo(6);
    }

    @Test
    void login_manyNames_growTheTable_andEachIsFoundAgain() {
        SubjectKeys k = keys(100_000);
        List<SubjectKeys.Login> made = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            made.add(k.login("user" + i));
        }
        for (int i = 0; i < 5_000; i++) {
            assertThat(k.login("user" + i)).isSameAs(made.get(i));
        }
        assertThat(k.logins()).isEqualTo(5_000);
    }

    @Test
    void login_atTheBound_startsOver() {
        SubjectKeys k = keys(3);
        SubjectKeys.Login a = k.login("a");
        k.login("b");
        k.login("c");
        assertThat(k.logins()).isEqualTo(3);
        assertThat(k.login("a")).isSameAs(a);
        // a fourth name drops the three: only it is held, and a comes back as new keys (equal in value)
        k.login("d");
        assertThat(k.logins()).isEqualTo(1);
        SubjectKeys.Login a2 = k.login("a");
        assertThat(a2).isNotSameAs(a);
        assertThat(a2.name).isEqualTo("a");
        assertThat(a2.hash).isEqualTo(a.hash);
        assertThat(k.logins()).isEqualTo(2);
    }

    @Test
    void pair_sameAddressAndLogin_sameKeys_sharingTheLogin() {
        SubjectKeys k = keys(100);
        SubjectKeys.Address a = k.address("192.0.2.1");
        SubjectKeys.Address b = k.address("192.0.2.2");
        SubjectKeys.Pair p = k.pair(a, "info@example.com");
        assertThat(k.pair(a, new String("info@example.com"))).isSameAs(p);
        assertThat(k.pair(b, "info@example.com").keys).isSameAs(p.keys);
    }

    @Test
    void pair_manyLoginsFromOneAddress_eachFoundAgain_asTheirKeysMoveFromFieldToArrayToMap() {
        SubjectKeys k = keys(1_000);
        SubjectKeys.Address a = k.address("192.0.2.1");
        List<SubjectKeys.Pair> made = new ArrayList<>();
        // one (the field), two to eight (the array, grown once), then past it (the map)
        for (int n = 1; n <= 12; n++) {
            made.add(k.pair(a, "user" + (n - 1) + "@example.com"));
            for (int i = 0; i < n; i++) {
                assertThat(k.pair(a, new String("user" + i + "@example.com"))).as("login %d of %d", i, n)
                        .isSameAs(made.get(i));
            }
        }
        assertThat(made).doesNotHaveDuplicates();
        assertThat(made).allSatisfy(p -> assertThat(p.address).isSameAs(a));
    }

    @Test
    void anAddressIsMadeOnceKept_withItsNetwork_nullIsNone() {
        SubjectKeys keys = new SubjectKeys(new IpNetworks(), 1_000, 1_000);
        SubjectKeys.Address a = keys.address("192.0.2.7");
        assertThat(a.network).isEqualTo("192.0.2.0/24");
        assertThat(keys.address("192.0.2.7")).as("not kept: made again").isNotSameAs(a);
        keys.keep(a);
        assertThat(keys.address(new String("192.0.2.7"))).isSameAs(a);
        keys.keep(a);
        assertThat(keys.address("192.0.2.7")).as("kept twice, held once").isSameAs(a);
        assertThat(keys.address(null)).isNull();
    }

    @Test
    void addressesOfOneHashCode_keptApart() {
        SubjectKeys keys = new SubjectKeys(new IpNetworks(), 1_000, 1_000);
        // "Aa" and "BB" share a hashCode, as do any strings built of them alike
        SubjectKeys.Address aa = keys.address("AaAa");
        SubjectKeys.Address bb = keys.address("BBBB");
        SubjectKeys.Address ab = keys.address("AaBB");
        keys.keep(aa);
        keys.keep(bb);
        keys.keep(ab);
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
            keys.keep(made.get(i));
        }
        for (int i = 0; i < 500; i++) {
            assertThat(keys.address("198.51." + (i / 256) + "." + (i % 256))).isSameAs(made.get(i));
        }
        SubjectKeys.Address next = keys.address("203.0.113.1");
        keys.keep(next);
        assertThat(keys.address("203.0.113.1")).isSameAs(next);
        assertThat(keys.address("198.51.0.0")).as("made again after the table was emptied").isNotSameAs(made.get(0));
    }
}
