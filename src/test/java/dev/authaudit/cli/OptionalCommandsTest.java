package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** lab, demo and fleet live in jars of their own: present, they run; absent, they say which jar they need. */
class OptionalCommandsTest {
    @Test
    void partOnTheClassPath_isItsOwnCommand() {
        CommandLine root = Cli.create(new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
        assertThat((Object) root.getSubcommands().get("lab").getCommand()).isInstanceOf(LabCommand.class);
        assertThat((Object) root.getSubcommands().get("demo").getCommand()).isInstanceOf(DemoCommand.class);
    }

    @Test
    void partMissing_namesItsJar_exitsWithTheConfigurationCode() {
        CommandLine root = new CommandLine(CommandLine.Model.CommandSpec.create().name("authaudit"));
        // a loader that sees only the JDK: as the product jar alone, installed without the lab and the fleet
        OptionalCommands.addTo(root, new ClassLoader(null) { });
        StringWriter err = new StringWriter();
        root.setErr(new PrintWriter(err, true));
        int code = root.execute("fleet", "run", "--bootstrap", "127.0.0.1:9092");
        assertThat(code).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString()).contains("'fleet' is in the fleet jar", "-fleet.jar", "target/fleet-lib/",
                "./authaudit");
        StringWriter help = new StringWriter();
        root.getSubcommands().get("demo").usage(new PrintWriter(help));
        assertThat(help.toString()).contains("(not installed)");
    }
}
