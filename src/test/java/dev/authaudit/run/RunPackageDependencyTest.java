package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the flow of a run free of the command line: no class compiled from {@code dev.authaudit.run} may name
 * a picocli type or a {@code cli} class. A class file names every type it uses (fields, calls, annotations,
 * signatures) in its constant pool, in internal form ({@code picocli/CommandLine$Option}), so searching its
 * bytes finds a use however it is written in the source (an import, a fully qualified name, an annotation).
 */
class RunPackageDependencyTest {
    private static final List<String> FORBIDDEN = List.of("picocli/", "dev/authaudit/cli/");

    @Test
    void runPackage_namesNeitherPicocliNorCli() throws Exception {
        List<Path> classes = classesOf("dev/authaudit/run");
        assertThat(classes).as("compiled classes of dev.authaudit.run").hasSizeGreaterThan(10);
        List<String> found = new ArrayList<>();
        for (Path c : classes) {
            found.addAll(uses(c));
        }
        assertThat(found).as("picocli or cli named by dev.authaudit.run").isEmpty();
    }

    @Test
    void theSearch_findsWhatCliNames() throws Exception {
        // the same search over cli, which is built on picocli, must find it: the test above can fail
        List<String> found = new ArrayList<>();
        for (Path c : classesOf("dev/authaudit/cli")) {
            found.addAll(uses(c));
        }
        assertThat(found).anyMatch(s -> s.contains("picocli/")).anyMatch(s -> s.contains("dev/authaudit/cli/"));
    }

    @Test
    void fleet_reachesCliOnlyThroughItsCommands() throws Exception {
        // the fleet's commands are picocli commands and share cli's option mixins; what runs the fleet (the
        // topology, the judges, the mailer) takes plain values, as run does
        List<Path> classes = classesOf("dev/authaudit/fleet");
        assertThat(classes).as("compiled classes of dev.authaudit.fleet").hasSizeGreaterThan(10);
        List<String> found = new ArrayList<>();
        for (Path c : classes) {
            String name = c.getFileName().toString().replaceFirst("\\$.*|\\.class$", "");
            if (!name.endsWith("Command") && !name.endsWith("Options")) {
                found.addAll(uses(c));
            }
        }
        assertThat(found).as("picocli or cli named by the fleet's runner").isEmpty();
    }

    private static List<Path> classesOf(String pkg) throws Exception {
        Path root = Path.of(InvalidSetting.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> s = Files.list(root.resolve(pkg))) {
            return s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    /** Returns "Class.class names x" for each forbidden prefix the class file holds. */
    private static List<String> uses(Path classFile) throws IOException {
        // ISO-8859-1 maps each byte to one char, so the constant pool's ASCII names can be searched as text
        String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        for (String f : FORBIDDEN) {
            int at = bytes.indexOf(f);
            if (at >= 0) {
                int end = at;
                while (end < bytes.length() && bytes.charAt(end) > ' ' && bytes.charAt(end) < 127
                        && bytes.charAt(end) != ';') {
                    end++;
                }
                out.add(classFile.getFileName() + " names " + bytes.substring(at, end));
            }
        }
        return out;
    }
}
