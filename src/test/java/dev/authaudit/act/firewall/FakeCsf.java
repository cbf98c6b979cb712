package dev.authaudit.act.firewall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A fake {@code csf} in its own folder, meant to be put first on a child process's PATH: it writes
 * each argument it receives, NUL-terminated, and a record separator after each call, to an argument file and prints what the real csf prints.
 */
public final class FakeCsf {
    private final Path dir;
    private final Path argsFile;

    private FakeCsf(Path dir) {
        this.dir = dir;
        this.argsFile = dir.resolve("args");
    }

    /** Writes the script into {@code dir}/bin/csf; {@code body} runs after the arguments are saved. */
    public static FakeCsf install(Path dir, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path csf = bin.resolve("csf");
        Files.writeString(csf, "#!/bin/sh\nf=\"${FAKE_CSF_ARGS:-" + dir.resolve("args") + "}\"\n"
                + "for a in \"$@\"; do printf '%s\\0' \"$a\"; done >> \"$f\"\nprintf '\\036' >> \"$f\"\n" + body + "\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(csf, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new FakeCsf(dir);
    }

    /** Returns the script's path. */
    public Path path() {
        return dir.resolve("bin").resolve("csf");
    }

    /** Returns the child environment that puts this csf first on PATH. */
    public Map<String, String> environment() {
        return Map.of("PATH", dir.resolve("bin") + ":/usr/bin:/bin", "FAKE_CSF_ARGS", argsFile.toString());
    }

    /** Returns the argument lists of every call so far. */
    public List<List<String>> calls() throws IOException {
        if (!Files.exists(argsFile)) {
            return List.of();
        }
        String all = Files.readString(argsFile, StandardCharsets.UTF_8);
        return Arrays.stream(all.split("\u001e", -1)).filter(s -> !s.isEmpty())
                .map(call -> Arrays.stream(call.split("\0", -1)).filter(a -> !a.isEmpty()).toList())
                .filter(l -> !l.isEmpty()).toList();
    }
}
