package dev.authaudit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    private static final String GOOD = String.join("\n",
            "source: demo",
            "gate: ['failed for']",
            "rules:",
            "  - id: demo.fail",
            "    emits: auth_failure",
            "    pattern: 'failed for \\[(?P<ip>[0-9.]+)\\]'",
            "    examples:",
            "      - line: '2024-01-01 00:00:00 failed for [192.0.2.1]'",
            "        expect: {ip: 192.0.2.1}",
            "containers: [exim-mainlog]",
            "");

    @Test
    void load_goodFile_givesRule() throws IOException {
        RuleFile f = new RuleLoader().load(write("demo.yaml", GOOD));
        assertThat(f.source()).isEqualTo("demo");
        assertThat(f.rules()).singleElement().extracting(ParserRule::id).isEqualTo("demo.fail");
    }

    @Test
    void load_patternWithoutIpGroup_namesFileLineRuleAndFix() throws IOException {
        Path p = write("bad.yaml", GOOD.replace("(?P<ip>[0-9.]+)", "([0-9.]+)"));
        assertThatThrownBy(() -> new RuleLoader().load(p))
                .isInstanceOf(RuleException.class)
                .hasMessageContaining("bad.yaml:6: rule demo.fail: pattern has no named group 'ip'")
                .hasMessageContaining("(?P<ip>...)");
    }

    @Test
    void load_keyGivenTwice_isRejectedWithItsLine() throws IOException {
        Path p = write("bad.yaml", GOOD.replace("    emits: auth_failure\n", "    emits: auth_failure\n    emits: ignore\n"));
        assertThatThrownBy(() -> new RuleLoader().load(p))
                .isInstanceOf(RuleException.class)
                .hasMessageContaining("bad.yaml:6: 'emits' is given twice; keep one");
    }

    @Test
    void load_backreference_isRejectedAsNotRe2() throws IOException {
        Path p = write("bad.yaml", GOOD.replace("failed for \\[", "(a)\\1failed for \\["));
        assertThatThrownBy(() -> new RuleLoader().load(p))
                .isInstanceOf(RuleException.class).hasMessageContaining("not valid RE2 syntax");
    }

    @Test
    void load_unknownKey_suggests() throws IOException {
        Path p = write("bad.yaml", GOOD.replace("    emits:", "    emit: x\n    emits:"));
        assertThatThrownBy(() -> new RuleLoader().load(p))
                .isInstanceOf(RuleException.class).hasMessageContaining("unknown key 'emit'")
                .hasMessageContaining("did you mean 'emits'");
    }

    @Test
    void load_unknownGroupName_isRejected() throws IOException {
        Path p = write("bad.yaml", GOOD.replace("failed for", "(?P<usr>x)?failed for"));
        assertThatThrownBy(() -> new RuleLoader().load(p))
                .isInstanceOf(RuleException.class).hasMessageContaining("'usr' that is not a field");
    }

    @Test
    void load_noExamples_isRejected() throws IOException {
        Path p = write("bad.yaml", GOOD.substring(0, GOOD.indexOf("    examples:")));
        assertThatThrownBy(() -> new RuleLoader().load(p))
                .isInstanceOf(RuleException.class).hasMessageContaining("rule has no examples");
    }

    @Test
    void load_noProgramsOrContainers_isRejected() throws IOException {
        Path p = write("bad.yaml", GOOD.replace("containers: [exim-mainlog]\n", ""));
        assertThatThrownBy(() -> new RuleLoader().load(p))
                .isInstanceOf(RuleException.class).hasMessageContaining("must say whose lines it reads");
    }

    @Test
    void load_unknownContainer_isRejected() throws IOException {
        Path p = write("bad.yaml", GOOD.replace("[exim-mainlog]", "[syslog]"));
        assertThatThrownBy(() -> new RuleLoader().load(p))
                .isInstanceOf(RuleException.class).hasMessageContaining("container 'syslog' is not one of");
    }

    @Test
    void ruleSet_siteFileWithProgramsOnly_addsProgramToShippedSource() throws IOException {
        Path shipped = Files.createDirectories(dir.resolve("shipped"));
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(shipped.resolve("demo.yaml"), GOOD);
        Files.writeString(site.resolve("extra.yaml"), "source: demo\nprograms: [mail-imap]\n");
        RuleSet set = RuleSet.load(List.of(shipped, site));
        assertThat(set.files()).singleElement().satisfies(f -> {
            assertThat(f.programs()).containsExactly("mail-imap");
            assertThat(f.containers()).containsExactly("exim-mainlog");
            assertThat(f.rules()).hasSize(1);
        });
    }

    @Test
    void load_brokenYaml_namesLine() throws IOException {
        Path p = write("bad.yaml", "source: demo\ngate: [x\nrules: []\n");
        assertThatThrownBy(() -> new RuleLoader().load(p))
                .isInstanceOf(RuleException.class).hasMessageContaining("bad.yaml:").hasMessageContaining("YAML");
    }

    @Test
    void ruleSet_siteRuleWithSameId_replacesShipped() throws IOException {
        Path shipped = Files.createDirectories(dir.resolve("shipped"));
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(shipped.resolve("demo.yaml"), GOOD);
        Files.writeString(site.resolve("demo.yaml"), GOOD.replace("    emits: auth_failure",
                "    description: site version\n    emits: auth_failure"));
        RuleSet set = RuleSet.load(List.of(shipped, site));
        assertThat(set.rules()).singleElement().extracting(ParserRule::description).isEqualTo("site version");
    }

    @Test
    void ruleSet_duplicateIdInShippedFiles_isRejected() throws IOException {
        Path shipped = Files.createDirectories(dir.resolve("shipped"));
        Files.writeString(shipped.resolve("a.yaml"), GOOD);
        Files.writeString(shipped.resolve("b.yaml"), GOOD.replace("source: demo", "source: other"));
        assertThatThrownBy(() -> RuleSet.load(List.of(shipped)))
                .isInstanceOf(RuleException.class).hasMessageContaining("demo.fail").hasMessageContaining("also used");
    }

    @Test
    void loading_sharedByTwoThreads_givesWhatOneThreadGives() throws Exception {
        Path shipped = Paths.get(System.getProperty("authaudit.repo", ".")).resolve("rules");
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("extra.yaml"), "source: dovecot\nprograms: [mail-imap]\n");
        RuleSet alone = RuleSet.load(List.of(shipped, site));
        RuleSet.Loading loading = RuleSet.Loading.of(List.of(shipped, site));
        Thread helper = new Thread(loading::help);
        helper.start();
        RuleSet shared = loading.get();
        helper.join();
        assertThat(shared).isSameAs(loading.get());
        assertThat(shared.rules().stream().map(r -> r.id() + r.file() + r.pattern().source()).toList())
                .isNotEmpty()
                .isEqualTo(alone.rules().stream().map(r -> r.id() + r.file() + r.pattern().source()).toList());
        assertThat(shared.files().stream().map(f -> f.source() + f.gate() + f.programs() + f.containers()).toList())
                .isEqualTo(alone.files().stream().map(f -> f.source() + f.gate() + f.programs() + f.containers()).toList());
    }

    @Test
    void loading_reportsTheFirstProblemInOrder_whicheverThreadReadItFirst() throws IOException {
        Path shipped = Files.createDirectories(dir.resolve("shipped"));
        Files.writeString(shipped.resolve("a.yaml"), GOOD.replace("(?P<ip>[0-9.]+)", "([0-9.]+)"));
        Files.writeString(shipped.resolve("b.yaml"), "source: demo\ngate: [x\nrules: []\n");
        Path missing = dir.resolve("no-such-folder");
        // get() reads the last file first: the error is still a.yaml's, as one thread reading in order meets it
        assertThatThrownBy(() -> RuleSet.Loading.of(List.of(shipped, missing)).get())
                .isInstanceOf(RuleException.class).hasMessageContaining("a.yaml:6:");
        Files.writeString(shipped.resolve("a.yaml"), GOOD);
        assertThatThrownBy(() -> RuleSet.Loading.of(List.of(shipped, missing)).get())
                .isInstanceOf(RuleException.class).hasMessageContaining("b.yaml:");
        Files.writeString(shipped.resolve("b.yaml"), GOOD.replace("source: demo", "source: other")
                .replace("demo.fail", "other.fail"));
        assertThatThrownBy(() -> RuleSet.Loading.of(List.of(shipped, missing)).get())
                .isInstanceOf(RuleException.class).hasMessageContaining("no-such-folder")
                .hasMessageContaining("rules folder not found");
    }
}
