package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.rules.Example;
import dev.authaudit.rules.ParserRule;
import dev.authaudit.rules.RuleFile;
import dev.authaudit.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every inline example and counter example of every shipped rule file as its own test (the
 * fail2ban sample-test idea), so a failing example names its file:line and rule.
 */
class RuleExamplesTest {
    private final RuleSet rules = TestRules.load();

    @TestFactory
    Stream<DynamicTest> everyExample() {
        RuleVerifier verifier = new RuleVerifier(rules);
        return rules.rules().stream()
                .flatMap(r -> verifier.verify(r).stream())
                .map(c -> DynamicTest.dynamicTest(c.where() + (c.counter() ? " (counter)" : ""), () ->
                        assertThat(c.failures()).as("%s%n     line: %s", c.where(), c.example().line()).isEmpty()));
    }

    @Test
    void everyRuleFile_hasExamples() {
        assertThat(rules.files()).extracting(RuleFile::source).contains("exim", "dovecot", "postfix");
        for (RuleFile f : rules.files()) {
            long examples = f.rules().stream().mapToLong(r -> r.examples().size()).sum();
            assertThat(examples).as("examples in %s", f.file()).isPositive();
        }
    }

    @Test
    void everyParser_hasAnInjectionExample() {
        for (RuleFile f : rules.files()) {
            List<Example> injections = new ArrayList<>();
            for (ParserRule r : f.rules()) {
                Stream.concat(r.examples().stream(), r.counterExamples().stream())
                        .filter(e -> e.why() != null && e.why().toLowerCase(Locale.ROOT).contains("inject"))
                        .forEach(injections::add);
            }
            assertThat(injections).as("examples whose 'why' mentions injection in %s", f.file()).isNotEmpty();
        }
    }
}
