package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Building only the command asked for gives that command exactly as the whole tree has it. */
class LazyCommandTreeTest {
    private static CommandLine create(String... args) {
        return Cli.create(new ByteArrayInputStream(new byte[0]), Clock.systemUTC(), null, args);
    }

    private static String usage(CommandLine c) {
        c.setUsageHelpAutoWidth(false);
        c.setUsageHelpWidth(100);
        StringWriter w = new StringWriter();
        c.usage(new PrintWriter(w));
        return w.toString();
    }

    private static List<String> usages(CommandLine c) {
        List<String> out = new ArrayList<>(List.of(usage(c)));
        c.getSubcommands().values().stream().filter(s -> s != c).distinct().forEach(s -> out.addAll(usages(s)));
        return out;
    }

    @Test
    void theNames_areTheAnnotatedNames_inOrder() {
        Map<String, CommandLine> whole = create().getSubcommands();
        List<String> names = new ArrayList<>(whole.keySet());
        assertThat(names.subList(0, Cli.NAMES.size())).isEqualTo(Cli.NAMES);
        for (int i = 0; i < Cli.NAMES.size(); i++) {
            assertThat(whole.get(Cli.NAMES.get(i)).getCommandSpec().userObject().getClass())
                    .isEqualTo(Cli.COMMANDS.get(i));
        }
        assertThat(names).containsSequence("lab", "demo", "fleet");
    }

    @Test
    void eachCommandBuiltAlone_readsAsInTheWholeTree() {
        Map<String, CommandLine> whole = create().getSubcommands();
        for (String name : whole.keySet()) {
            if ("help".equals(name)) {
                continue;
            }
            CommandLine alone = create(name, "--whatever");
            assertThat(alone.getSubcommands().keySet()).as(name).containsExactly(name);
            assertThat(usages(alone.getSubcommands().get(name))).as(name)
                    .isEqualTo(usages(create().getSubcommands().get(name)));
        }
    }

    @Test
    void help_options_andMistypedNames_getTheWholeTree() {
        int all = create().getSubcommands().size();
        for (String[] args : List.of(new String[] {"help", "scan"}, new String[] {"--debug", "scan"},
                new String[] {"scna"}, new String[] {})) {
            assertThat(create(args).getSubcommands()).as(String.join(" ", args)).hasSize(all);
        }
        assertThat(usage(create("scna"))).isEqualTo(usage(create()));
        assertThat(create("--version").getSubcommands()).isEmpty();
        assertThat(create("--version", "scan").getSubcommands()).hasSize(all);
        StringWriter alone = new StringWriter();
        create("--version").printVersionHelp(new PrintWriter(alone));
        StringWriter whole = new StringWriter();
        create().printVersionHelp(new PrintWriter(whole));
        assertThat(alone.toString()).isEqualTo(whole.toString()).isNotEmpty();
    }

    @Test
    void theRulesReadAhead_areTakenOnlyForTheirOwnFolders(@TempDir Path site) {
        String repo = System.getProperty("authaudit.repo");
        Path rules = (repo == null ? Paths.get("") : Paths.get(repo)).toAbsolutePath().resolve("rules");
        RulePreload ahead = RulePreload.start(rules);
        InputOptions input = new InputOptions();
        input.rules = rules;
        RuleSet taken = input.ruleSet(ahead);
        assertThat(taken).isSameAs(ahead.take(List.of(rules)));
        input.siteRules = new ArrayList<>(List.of(site));
        assertThat(input.ruleSet(ahead)).isNotSameAs(taken);
        assertThat(input.ruleSet(null).rules()).hasSameSizeAs(taken.rules());
    }
}
