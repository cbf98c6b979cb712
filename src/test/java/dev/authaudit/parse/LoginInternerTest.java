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

    @Test
    void fromALine_lowerCased_withoutCopyOnAHit() {
        LoginInterner logins = new LoginInterner();
        String line = "x (set_id=Admin@Example.COM) y";
        String first = logins.internLower(line, 10, 27);
        assertThat(first).isEqualTo("admin@example.com");
        assertThat(logins.internLower("admin@example.com", 0, 17)).isSameAs(first);
        assertThat(logins.internLower("<ADMIN@EXAMPLE.COM>", 1, 18)).isSameAs(first);
        // the map and the table in front of it agree on the instance
        assertThat(logins.intern(new String("admin@example.com"))).isSameAs(first);
        assertThat(logins.size()).isEqualTo(1);
    }

    @Test
    void fromALine_aHeldLoginFromTheMap_isTheOneAnswered() {
        LoginInterner logins = new LoginInterner();
        String held = logins.intern(new String("bob"));
        assertThat(logins.internLower("BOB", 0, 3)).isSameAs(held);
    }

    @Test
    void fromALine_prefixesAndLongerTexts_stayApart() {
        LoginInterner logins = new LoginInterner();
        assertThat(logins.internLower("abc", 0, 3)).isEqualTo("abc");
        assertThat(logins.internLower("abcd", 0, 4)).isEqualTo("abcd");
        assertThat(logins.internLower("abcd", 0, 3)).isEqualTo("abc");
        assertThat(logins.internLower("abcd", 1, 4)).isEqualTo("bcd");
        assertThat(logins.internLower("a", 0, 1)).isEqualTo("a");
    }

    @Test
    void fromALine_beyondAscii_lowerCasedAsTheJdkDoes() {
        LoginInterner logins = new LoginInterner();
        // U+0130 lower-cases to two chars in the root locale: the length changes
        String dotted = "\u0130STANBUL";
        assertThat(logins.internLower(dotted, 0, dotted.length())).isEqualTo(dotted.toLowerCase(java.util.Locale.ROOT));
        assertThat(logins.internLower("J\u00dcRGEN", 0, 6)).isEqualTo("j\u00fcrgen");
        assertThat(logins.internLower("J\u00dcRGEN", 0, 6)).isSameAs(logins.internLower("j\u00fcrgen", 0, 6));
        // a cut between the halves of a surrogate pair (as a login clipped to its bound may be)
        String pair = "a\ud83d\ude00";
        assertThat(logins.internLower(pair, 0, 2)).isEqualTo(pair.substring(0, 2));
    }

    @Test
    void fromALine_collidingSlots_answerEqualLogins() {
        // more logins than the table has slots (fewer than the map holds): every answer equals its login, and a login the map holds
        // keeps its instance however often its slot was taken by another
        LoginInterner logins = new LoginInterner();
        String kept = logins.internLower("keeper", 0, 6);
        for (int i = 0; i < 2 * LoginInterner.RECENT; i++) {
            String login = "User" + i;
            assertThat(logins.internLower(login, 0, login.length())).isEqualTo("user" + i);
        }
        assertThat(logins.internLower("KEEPER", 0, 6)).isSameAs(kept);
    }

    @Test
    void fromALine_sameSlot_differentLogins_stayApart() {
        // "a@" and "b!" have the same hash code (97 * 31 + 64 = 98 * 31 + 33), so the same slot
        assertThat("a@".hashCode()).isEqualTo("b!".hashCode());
        LoginInterner logins = new LoginInterner();
        String a = logins.internLower("A@", 0, 2);
        String b = logins.internLower("b!", 0, 2);
        assertThat(a).isEqualTo("a@");
        assertThat(b).isEqualTo("b!");
        assertThat(logins.internLower("a@", 0, 2)).isSameAs(a);
        assertThat(logins.internLower("B!", 0, 2)).isSameAs(b);
        // a third of the same hash (99 * 31 + 2): the pair is full, the map still holds all three
        String c = logins.internLower("c\u0002", 0, 2);
        assertThat(c).isEqualTo("c\u0002");
        assertThat(logins.internLower("a@", 0, 2)).isSameAs(a);
        assertThat(logins.internLower("b!", 0, 2)).isSameAs(b);
        assertThat(logins.internLower("C\u0002", 0, 2)).isSameAs(c);
        assertThat(logins.size()).isEqualTo(3);
    }

    @Test
    void fromALine_lowerAndMixedCaseInPlace_answerOneInstance() {
        // the login read where it stands in a line, written in lower case (the plain compare) and in mixed case
        // (the lower-casing one), and texts one character off either way
        LoginInterner logins = new LoginInterner();
        String first = "x user=<Bob@Example.org>, y";
        String held = logins.internLower(first, 8, 23);
        assertThat(held).isEqualTo("bob@example.org");
        assertThat(logins.internLower("user=<bob@example.org>", 6, 21)).isSameAs(held);
        assertThat(logins.internLower("BOB@EXAMPLE.ORG", 0, 15)).isSameAs(held);
        assertThat(logins.internLower("bob@example.orgx", 0, 16)).isEqualTo("bob@example.orgx");
        assertThat(logins.internLower("bob@example.or", 0, 14)).isEqualTo("bob@example.or");
        assertThat(logins.internLower("bob@exbmple.org", 0, 15)).isEqualTo("bob@exbmple.org");
        assertThat(logins.internLower("bob@example.org", 0, 15)).isSameAs(held);
    }
}
