package dev.authaudit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RulePatternTest {
    @Test
    void matcher_underscoreGroupNames_areReadBack() {
        RulePattern p = RulePattern.compile("lip=(?P<local_ip>[0-9.]+), pw=(?P<password_fp>[0-9a-f]+)");
        assertThat(p.accelerated()).isTrue();
        RulePattern.Match m = p.matcher("x lip=192.0.2.1, pw=abc123 y");
        assertThat(m.find()).isTrue();
        assertThat(m.group("local_ip")).isEqualTo("192.0.2.1");
        assertThat(m.group("password_fp")).isEqualTo("abc123");
    }

    @Test
    void matcher_catastrophicSiteRuleOnCraftedLine_fallsBackToLinearEngine() {
        // a pattern an admin might write that backtracks exponentially in java.util.regex
        RulePattern p = RulePattern.compile("^(?P<account>(a|aa)+)+b$");
        String crafted = "a".repeat(100_000) + "c";
        boolean found = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> p.matcher(crafted).find());
        assertThat(found).isFalse();
        RulePattern.Match ok = p.matcher("aaab");
        assertThat(ok.find()).isTrue();
        assertThat(ok.group("account")).isEqualTo("aaa");
    }

    @Test
    void matcher_re2OnlySyntax_stillWorks() {
        RulePattern p = RulePattern.compile("(?P<ip>[[:digit:].]+) x");
        assertThat(p.accelerated()).isFalse();
        RulePattern.Match m = p.matcher("192.0.2.9 x");
        assertThat(m.find()).isTrue();
        assertThat(m.group("ip")).isEqualTo("192.0.2.9");
    }
}
