package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.sim.SimulateMain;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the reports byte for byte as they were when the goldens were written: the JSON and the text
 * report of the shipped sample, of every hand-written scenario and of a sweep of small simulated hosts
 * (several seeds, both layouts). A change to the
 * engine that is meant to be invisible (speed, memory) must keep this green; a change that is meant to
 * alter a report regenerates the goldens on purpose and shows the difference in review:
 *
 * <pre>mvn -B -o test -Dtest=ReportGoldenTest -Dgolden.update=true</pre>
 *
 * The goldens live in {@code test-fixtures/golden/}. Inputs are given by their path relative to the
 * repository and written as {@code <dir>}, so the goldens do not depend on where the clone lives.
 */
class ReportGoldenTest {
    private static final Path GOLDEN = CliRun.repo().resolve("test-fixtures/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    /**
     * Where the simulated hosts are written: inside the build folder, so that the path the reports show
     * (and wrap at 120 columns) is the same relative path on every machine and in every clone.
     */
    private static final Path SIMS_DIR = CliRun.repo().resolve("target/golden-sims");

    /** A simulated host: seed, days, mailboxes, line target, layout, and extra scan options. */
    private record Sim(String name, long seed, int days, int mailboxes, long lines, String layout, List<String> scan) {
    }

    private static final List<Sim> SIMS = List.of(
            new Sim("sim-1", 1, 2, 20, 25_000, "cpanel", List.of()),
            new Sim("sim-2", 2, 3, 30, 30_000, "cpanel", List.of()),
            new Sim("sim-3", 3, 2, 25, 25_000, "debian", List.of()),
            new Sim("sim-7", 7, 1, 40, 30_000, "cpanel", List.of()));
    // No host with bounds below its size: which summaries a full table evicts is not reproducible even
    // from one run to the next (Caffeine's admission adds a random jitter against hash flooding), so a
    // bounded report has no golden; BoundedMemoryTest keeps its limits.

    @TestFactory
    Stream<DynamicTest> reportsAreUnchanged() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Path sample = CliRun.repo().resolve("test-fixtures/sample");
        tests.add(DynamicTest.dynamicTest("sample", () -> compare("sample", sample,
                List.of("--tz", "America/New_York", "--year", "2025"))));
        try (Stream<Path> s = Files.list(CliRun.repo().resolve("test-fixtures/scenarios"))) {
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest("scenario " + dir.getFileName(), () -> compare(
                        "scenario-" + dir.getFileName(), dir, List.of("--tz", "UTC", "--year", "2025"))));
            }
        }
        for (Sim sim : SIMS) {
            tests.add(DynamicTest.dynamicTest(sim.name(), () -> {
                Path dir = SIMS_DIR.resolve(sim.name());
                deleteTree(dir);
                Files.createDirectories(dir);
                int code = SimulateMain.run(new String[] {"--out", dir.toString(), "--days", Integer.toString(sim.days()),
                    "--mailboxes", Integer.toString(sim.mailboxes()), "--seed", Long.toString(sim.seed()),
                    "--lines-target", Long.toString(sim.lines()), "--layout", sim.layout()},
                        new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));
                assertThat(code).as("simulator exit code").isZero();
                List<String> options = new ArrayList<>(List.of("--tz", "America/New_York", "--year", "2025"));
                options.addAll(sim.scan());
                compare(sim.name(), dir, options);
            }));
        }
        return tests.stream();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void compare(String name, Path dir, List<String> options) throws IOException {
        for (String format : List.of("json", "text")) {
            List<String> args = new ArrayList<>(List.of("scan", "--no-history", "--no-progress", "--rules",
                    CliRun.repo().resolve("rules").toString(), "--format", format));
            args.addAll(options);
            // relative to the working folder (the repository in Maven): the text report wraps paths at 120
            // columns, so an absolute path would make the golden depend on where the clone lives
            String shown = Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath()).toString();
            args.add(shown);
            CliRun r = CliRun.run(args.toArray(String[]::new));
            assertThat(r.code).as("exit code of %s (stderr: %s)", args, r.err).isZero();
            String report = r.out.replace(dir.toAbsolutePath().toString(), "<dir>").replace(shown, "<dir>");
            Path golden = GOLDEN.resolve(name + "." + (format.equals("json") ? "json" : "txt"));
            if (UPDATE) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, report, StandardCharsets.UTF_8);
                continue;
            }
            assertThat(golden).as("golden report %s (write it with -Dgolden.update=true)", golden).exists();
            assertThat(report).as("%s report of %s against %s", format, name, golden)
                    .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }
    }
}
