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
        assertThat(logins.size()).isEqualTo(1);
    }

    @Test
    void null_staysNull() {
        LoginInterner logins = new LoginInterner();
        assertThat(logins.intern(null)).isNull();
        assertThat(logins.size()).isZero();
    }

    @Test
    void sameHashCode_differentLogins_stayApart() {
        // "Aa" and "BB" have the same hash code
        LoginInterner logins = new LoginInterner();
        String aa = new String("Aa");
        String bb = new String("BB");
        assertThat(logins.intern(aa)).isSameAs(aa);
        assertThat(logins.intern(bb)).isSameAs(bb);
        assertThat(logins.intern(new String("Aa"))).isSameAs(aa);
        assertThat(logins.intern(new String("BB"))).isSameAs(bb);
    }

    @Test
    void full_startsOver_andNeverHoldsMoreThanItsBound() {
        LoginInterner logins = new LoginInterner(3);
        String a = logins.intern(new String("a"));
        logins.intern("b");
        logins.intern("c");
        assertThat(logins.size()).isEqualTo(3);
        // a fourth starts over: only it is held
        logins.intern("d");
        assertThat(logins.size()).isEqualTo(1);
        String again = new String("a");
        assertThat(logins.intern(again)).isSameAs(again).isNotSameAs(a).isEqualTo(a);
    }

    @Test
    void manyMoreLoginsThanTheBound_stayBounded_andEveryAnswerEqualsItsLogin() {
        LoginInterner logins = new LoginInterner(16);
        for (int i = 0; i < 100_000; i++) {
            String login = "user" + i;
            assertThat(logins.intern(login)).isEqualTo(login);
            assertThat(logins.size()).isBetween(1, 16);
        }
    }

    @Test
    void boundBelowOne_holdsOne() {
        LoginInterner logins = new LoginInterner(0);
        String x = new String("x");
        assertThat(logins.intern(x)).isSameAs(x);
        assertThat(logins.intern(new String("x"))).isSameAs(x);
        assertThat(logins.size()).isEqualTo(1);
    }
}
