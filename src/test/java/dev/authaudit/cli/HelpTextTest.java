package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help, at a narrow and a wide terminal, reads as people write. */
class HelpTextTest {
    /**
     * A dotted, slashed or dashed token (csf.conf, mail.example.com, /etc/csf, --[no-]history) cut at a
     * line end; a next line whose first word stands in a column (two spaces after it) is a new entry.
     */
    private static final Pattern CUT_TOKEN = Pattern.compile("(?:[a-z0-9][./]|--)\\n\\s+[a-z0-9\\[][^\\s]*(?! {2})(?:\\s|$)");

    private static List<CommandLine> all(CommandLine cl) {
        List<CommandLine> out = new ArrayList<>(List.of(cl));
        cl.getSubcommands().values().stream().filter(c -> c != cl && !"help".equals(c.getCommandName()))
                .distinct().forEach(c -> out.addAll(all(c)));
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void help_everyCommand_humanDurationsNoEmptyDefaultsNoCutTokens(int width) {
        CommandLine root = Cli.create(new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
        List<CommandLine> commands = all(root);
        assertThat(commands).hasSizeGreaterThan(20);
        for (CommandLine c : commands) {
            c.setUsageHelpAutoWidth(false);
            c.setUsageHelpWidth(width);
            StringWriter w = new StringWriter();
            c.usage(new PrintWriter(w));
            String help = w.toString();
            String name = c.getCommandSpec().qualifiedName();
            assertThat(help).as(name).doesNotContainPattern("\\bPT\\d").doesNotContain("Default: []");
            assertThat(CUT_TOKEN.matcher(help).find()).as("%s cuts a token:%n%s", name, help).isFalse();
            assertThat(help.lines()).as(name).allMatch(l -> l.length() <= width);
        }
    }

    @Test
    void help_durations_showAsWrittenOnTheCommandLine() {
        StringWriter w = new StringWriter();
        CommandLine root = Cli.create(new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
        root.getSubcommands().get("notices").getSubcommands().get("purge").usage(new PrintWriter(w));
        assertThat(w.toString()).contains("Default: 90d");
        StringWriter s = new StringWriter();
        root.getSubcommands().get("scan").usage(new PrintWriter(s));
        assertThat(s.toString()).contains("Default: 30s", "  5    a customer notice could not be sent");
    }

    @Test
    void human_roundTripsThroughTheConverter() {
        DurationConverter c = new DurationConverter();
        for (String s : List.of("250ms", "30s", "10m", "2h", "90d", "1h30m", "1d12h", "1s500ms", "1d2h3m4s5ms")) {
            assertThat(DurationConverter.human(c.convert(s))).isEqualTo(s);
        }
        assertThat(DurationConverter.human(java.time.Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(DurationConverter.human(java.time.Duration.ofDays(90))).isEqualTo("90d");
    }
}
