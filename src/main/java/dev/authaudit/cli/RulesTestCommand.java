package dev.authaudit.cli;

import dev.authaudit.parse.RuleVerifier;
import dev.authaudit.rules.RuleSet;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authaudit rules test}: runs every rule file's own examples. */
@Command(name = "test", mixinStandardHelpOptions = true,
        header = "Run every rule's inline examples and counter examples.",
        description = {"Each example must be read by its own rule only and give the expected fields;",
            "each counter example must not match. Year-less example lines resolve to "
                    + RuleVerifier.EXAMPLE_YEAR + ", zone UTC."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:all examples pass",
            "3:a rule file is invalid or an example fails"})
public final class RulesTestCommand implements Callable<Integer> {
    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = {"-v", "--verbose"}, description = "List every example, not only failures.")
    boolean verbose;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RuleSet rules = input.ruleSet();
        List<RuleVerifier.Check> checks = new RuleVerifier(rules).verifyAll();
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        for (RuleVerifier.Check c : checks) {
            if (!c.passed()) {
                failed++;
                out.println("FAIL " + c.where() + (c.counter() ? " (counter example)" : ""));
                out.println("     line: " + Terminal.safe(c.example().line()));
                c.failures().forEach(f -> out.println("     " + f));
            } else if (verbose) {
                out.println("ok   " + c.where() + (c.counter() ? " (counter example)" : ""));
            }
        }
        out.println(rules.rules().size() + " rules in " + rules.files().size() + " files; examples: "
                + (checks.size() - failed) + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.CONFIG;
    }
}
