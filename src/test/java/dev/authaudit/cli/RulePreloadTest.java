package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.rules.ParserRule;
import dev.authaudit.rules.RuleException;
import dev.authaudit.rules.RuleSet;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePreloadTest {
    private static Path rules() {
        String p = System.getProperty("authaudit.repo");
        return (p == null ? Paths.get("") : Paths.get(p)).toAbsolutePath().resolve("rules");
    }

    @Test
    void theFoldersReadAhead_giveWhatReadingThemGives() {
        RuleSet ahead = RulePreload.start(rules()).take(List.of(rules()));
        RuleSet read = RuleSet.load(List.of(rules()));
        assertThat(ahead.rules().stream().map(ParserRule::id).toList())
                .isNotEmpty().isEqualTo(read.rules().stream().map(ParserRule::id).toList());
        assertThat(ahead.files().stream().map(f -> f.source() + f.gate() + f.programs()).toList())
                .isEqualTo(read.files().stream().map(f -> f.source() + f.gate() + f.programs()).toList());
    }

    @Test
    void otherFolders_areNotAnswered(@TempDir Path site) {
        RulePreload p = RulePreload.start(rules());
        assertThat(p.take(List.of(rules(), site))).isNull();
        assertThat(p.take(List.of(site))).isNull();
    }

    @Test
    void aFolderThatDoesNotLoad_failsAsReadingItFails(@TempDir Path empty) {
        Path missing = empty.resolve("nothing-here");
        String expected;
        try {
            RuleSet.load(List.of(missing));
            throw new AssertionError("a missing folder must not load");
        } catch (RuleException e) {
            expected = e.getMessage();
        }
        assertThatThrownBy(() -> RulePreload.start(missing).take(List.of(missing)))
                .isInstanceOf(RuleException.class).hasMessage(expected);
    }
}
