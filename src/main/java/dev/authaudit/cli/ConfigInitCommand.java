package dev.authaudit.cli;

import dev.authaudit.config.ConfigTemplate;
import dev.authaudit.config.LogDefaults;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authaudit config init}: write a commented config for the host it runs on. */
@Command(name = "init", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Write a commented authaudit.yaml with this host's default logs.",
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done", "2:usage error (the file exists)"})
public final class ConfigInitCommand implements Callable<Integer> {
    /** Which default log locations to write. */
    enum Flavour { CPANEL, DEBIAN, AUTO }

    @Option(names = "--flavour", paramLabel = "F", description = "cpanel, debian, or auto (from which default logs"
            + " exist).")
    Flavour flavour = Flavour.AUTO;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Option(names = "--force", description = "Overwrite --out when it exists.")
    boolean force;

    @Option(names = "--root", paramLabel = "DIR", hidden = true, description = "Look for logs under DIR (tests).")
    Path root = Path.of("/");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LogDefaults f = switch (flavour) {
            case CPANEL -> LogDefaults.CPANEL;
            case DEBIAN -> LogDefaults.DEBIAN;
            default -> LogDefaults.detect(root);
        };
        Path csf = root.resolve("etc/csf/csf.conf");
        String text = ConfigTemplate.render(f, Files.exists(csf) ? "/etc/csf/csf.conf" : null);
        PrintWriter w = spec.commandLine().getOut();
        if (out == null) {
            w.print(text);
            w.flush();
            return ExitCodes.OK;
        }
        if (Files.exists(out) && !force) {
            throw new Cli.UsageProblem(out + " exists; pass --force to overwrite it, or --out another file");
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        spec.commandLine().getErr().println("authaudit: wrote " + out + " (" + f.word().toLowerCase(Locale.ROOT)
                + " defaults); check it, then run: authaudit watch --config " + out);
        return ExitCodes.OK;
    }
}
