package dev.authaudit.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.FailureReason;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The recent primaries' table against the insertion-ordered map that drops its eldest, which it replaces. */
class RecentPrimariesTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-12-07T02:56:44Z");

    private static AuthFailure line(long n) {
        return new AuthFailure(T, new Origin("exim", "exim.auth-failed", "maillog", n, "vm", true), "192.0.2.1",
                "info@example.com", Protocol.SMTP, 587, FailureReason.PASSWORD_MISMATCH, 1, false, null, null,
                null, null, null);
    }

    private record Key(String host, String ip, String login) {
    }

    /** The reference: what DetailPairer held before this table. */
    private static Map<Key, AuthFailure> model(int max) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, AuthFailure> eldest) {
                return size() > max;
            }
        };
    }

    @Test
    void put_returnsTheLineBefore_andKeepsTheKeysPlace() {
        RecentPrimaries t = new RecentPrimaries(2);
        AuthFailure a1 = line(1);
        AuthFailure a2 = line(2);
        assertThat(t.put(null, "10.0.0.1", "a", a1)).isNull();
        assertThat(t.put(null, "10.0.0.2", "b", line(3))).isNull();
        // a again: its line is replaced, but it stays the eldest
        assertThat(t.put(null, "10.0.0.1", "a", a2)).isSameAs(a1);
        assertThat(t.put(null, "10.0.0.3", "c", line(4))).isNull();
        assertThat(t.get(null, "10.0.0.1", "a")).isNull();
        assertThat(t.get(null, "10.0.0.2", "b")).isNotNull();
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void keys_differByHostIpAndLogin_evenWithTheSameHash() {
        RecentPrimaries t = new RecentPrimaries(8);
        // "Aa" and "BB" share a hash code: the same hash for both keys
        assertThat(RecentPrimaries.hash(null, "Aa", "x")).isEqualTo(RecentPrimaries.hash(null, "BB", "x"));
        AuthFailure a = line(1);
        AuthFailure b = line(2);
        t.put(null, "Aa", "x", a);
        t.put(null, "BB", "x", b);
        t.put("vm1", "Aa", "x", line(3));
        assertThat(t.get(null, "Aa", "x")).isSameAs(a);
        assertThat(t.get(null, "BB", "x")).isSameAs(b);
        assertThat(t.get("vm2", "Aa", "x")).isNull();
        t.remove(null, "Aa", "x");
        assertThat(t.get(null, "Aa", "x")).isNull();
        assertThat(t.get(null, "BB", "x")).isSameAs(b);
        assertThat(t.get("vm1", "Aa", "x")).isNotNull();
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void boundOfOne_holdsTheLatestKey() {
        RecentPrimaries t = new RecentPrimaries(1);
        t.put(null, "10.0.0.1", "a", line(1));
        AuthFailure b = line(2);
        t.put(null, "10.0.0.2", "a", b);
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.get(null, "10.0.0.1", "a")).isNull();
        assertThat(t.get(null, "10.0.0.2", "a")).isSameAs(b);
        t.remove(null, "10.0.0.2", "a");
        t.remove(null, "10.0.0.2", "a");
        assertThat(t.size()).isZero();
    }

    @Test
    void randomPutsAndRemoves_answerAsTheMapWould_throughEvictionHolesAndCompaction() {
        int compacted = 0;
        for (int max : new int[] {1, 2, 3, 7, 16, 100}) {
            for (long seed = 1; seed <= 5; seed++) {
                Random r = new Random(seed * 31 + max);
                RecentPrimaries t = new RecentPrimaries(max);
                Map<Key, AuthFailure> m = model(max);
                // few enough distinct keys that they come back often, with colliding hashes among them
                String[] ips = {"Aa", "BB", "10.0.0.1", "10.0.0.2", "2001:db8::1", "C#", "Bb"};
                String[] logins = {"", "a", "b", "AaAa", "BBBB", "AaBB"};
                String[] hosts = {null, "vm1", "vm2"};
                List<Key> keys = new ArrayList<>();
                for (String ip : ips) {
                    for (String login : logins) {
                        for (String host : hosts) {
                            keys.add(new Key(host, ip, login));
                        }
                    }
                }
                for (int i = 0; i < 10_000; i++) {
                    Key k = keys.get(r.nextInt(keys.size()));
                    if (r.nextInt(3) == 0) {
                        t.remove(k.host(), k.ip(), k.login());
                        m.remove(k);
                    } else {
                        AuthFailure f = line(i);
                        assertThat(t.put(k.host(), k.ip(), k.login(), f)).isSameAs(m.put(k, f));
                    }
                    assertThat(t.size()).isEqualTo(m.size());
                    if (i % 997 == 0) {
                        for (Key q : keys) {
                            assertThat(t.get(q.host(), q.ip(), q.login())).isSameAs(m.get(q));
                        }
                    }
                }
                for (Key q : keys) {
                    assertThat(t.get(q.host(), q.ip(), q.login())).isSameAs(m.get(q));
                }
                compacted += t.compactions();
            }
        }
        assertThat(compacted).isPositive();
    }

    @Test
    void manyNewKeys_stayBounded_andTheLatestAreHeld() {
        RecentPrimaries t = new RecentPrimaries(4096);
        Map<Key, AuthFailure> m = model(4096);
        for (int i = 0; i < 100_000; i++) {
            String ip = "45." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
            AuthFailure f = line(i);
            t.put(null, ip, "user" + (i % 3600), f);
            m.put(new Key(null, ip, "user" + (i % 3600)), f);
            if (i % 5 == 0) {
                // a copy found: the key is forgotten (holes in the ring)
                t.remove(null, ip, "user" + (i % 3600));
                m.remove(new Key(null, ip, "user" + (i % 3600)));
            }
        }
        assertThat(t.size()).isEqualTo(m.size()).isLessThanOrEqualTo(4096);
        m.forEach((k, f) -> assertThat(t.get(k.host(), k.ip(), k.login())).isSameAs(f));
    }

    @Test
    void copy_holdsTheSame_andChangesOnItsOwn() {
        RecentPrimaries t = new RecentPrimaries(3);
        AuthFailure a = line(1);
        t.put(null, "10.0.0.1", "a", a);
        t.put(null, "10.0.0.2", "a", line(2));
        RecentPrimaries c = t.copy();
        assertThat(c.get(null, "10.0.0.1", "a")).isSameAs(a);
        c.remove(null, "10.0.0.1", "a");
        c.put(null, "10.0.0.3", "a", line(3));
        c.put(null, "10.0.0.4", "a", line(4));
        assertThat(t.get(null, "10.0.0.1", "a")).isSameAs(a);
        assertThat(t.get(null, "10.0.0.3", "a")).isNull();
        assertThat(t.size()).isEqualTo(2);
        assertThat(c.size()).isEqualTo(3);
        assertThat(Objects.isNull(c.get(null, "10.0.0.1", "a"))).isTrue();
    }
}
