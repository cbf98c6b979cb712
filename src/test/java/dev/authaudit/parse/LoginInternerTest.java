package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginInternerTest {

    @Test
    void equalLogins_getTheFirstInstance() {
        LoginInterner logins = new LoginInterner();
        String first = new String("admin@example.com");
        String second = new String("admin@example.com");
        assertThat(logins.intern(first)).isSameAs(first);
        assertThat(logins.intern(second)).isSameAs(first).isEqualTo(second);
    }

    @Test
    void null_staysNull() {
        assertThat(new LoginInterner().intern(null)).isNull();
    }

    @Test
    void capacity_isAPowerOfTwo_atLeastOne() {
        assertThat(new LoginInterner(0).capacity()).isEqualTo(1);
        assertThat(new LoginInterner(1).capacity()).isEqualTo(1);
        assertThat(new LoginInterner(3).capacity()).isEqualTo(4);
        assertThat(new LoginInterner(4).capacity()).isEqualTo(4);
        assertThat(new LoginInterner(5).capacity()).isEqualTo(8);
        assertThat(new LoginInterner().capacity()).isEqualTo(LoginInterner.DEFAULT_SLOTS);
    }

    @Test
    void collision_replacesTheHeldLogin_andStillReturnsAnEqualString() {
        // "Aa" and "BB" have the same hash code: one slot, whatever the table's size
        LoginInterner logins = new LoginInterner(1024);
        String aa = new String("Aa");
        String bb = new String("BB");
        assertThat(logins.intern(aa)).isSameAs(aa);
        assertThat(logins.intern(bb)).isSameAs(bb);
        String aa2 = new String("Aa");
        assertThat(logins.intern(aa2)).isSameAs(aa2).isEqualTo("Aa");
        assertThat(logins.intern(new String("Aa"))).isSameAs(aa2);
    }

    @Test
    void manyMoreLoginsThanSlots_stayBounded_andEveryAnswerEqualsItsLogin() {
        LoginInterner logins = new LoginInterner(16);
        for (int i = 0; i < 100_000; i++) {
            String login = "user" + i;
            assertThat(logins.intern(login)).isEqualTo(login);
        }
        assertThat(logins.capacity()).isEqualTo(16);
        // the last one is held
        String last = new String("user99999");
        assertThat(logins.intern(last)).isNotSameAs(last).isEqualTo(last);
    }
}
