package dev.authaudit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Groups are read by number on the fast path, so both engines must number them alike. */
class RulePatternGroupsTest {

    @Test
    void compile_classesEscapesAndLookalikes_keepTheFastEngineWithTheRightNumbers() {
        RulePattern p = RulePattern.compile("(?:a|b)\\((?P<x>[()\\]]+)\\)(c)(?P<y>[^\\]a]?)(?P<z>\\d)");
        assertThat(p.accelerated()).isTrue();
        RulePattern.Match m = p.matcher("b(()])cx7");
        assertThat(m.find()).isTrue();
        assertThat(m.group(p.groupIndex("x"))).isEqualTo("()]");
        assertThat(m.group(p.groupIndex("y"))).isEqualTo("x");
        assertThat(m.group(p.groupIndex("z"))).isEqualTo("7");
        assertThat(m.group(p.groupIndex("x"))).isEqualTo(m.group("x"));
    }

    @Test
    void compile_quotedText_fallsBackToRe2() {
        RulePattern p = RulePattern.compile("\\Q(a)\\E(?P<x>b)");
        assertThat(p.accelerated()).isFalse();
        RulePattern.Match m = p.matcher("(a)b");
        assertThat(m.find()).isTrue();
        assertThat(m.group(p.groupIndex("x"))).isEqualTo("b");
    }

    @Test
    void shippedRules_allRunOnTheFastEngine() {
        RuleSet rules = RuleSet.load(List.of(Paths.get(System.getProperty("authaudit.repo", ".")).resolve("rules")));
        assertThat(rules.rules()).allSatisfy(r -> assertThat(r.pattern().accelerated()).as(r.id()).isTrue());
    }
}
