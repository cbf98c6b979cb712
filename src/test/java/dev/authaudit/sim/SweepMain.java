package dev.authaudit.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores the engine over many simulated hosts: {@code SweepMain [--max-days N] [--max-mailboxes N]
 * [--keep DIR] FROM TO} runs seeds FROM..TO (inclusive), each with a spec from {@link SweepSpecs},
 * prints each run's figures and then the pooled ones. Run it from the test class path, e.g.
 * {@code java -cp target/authaudit-0.1.0-SNAPSHOT.jar:target/authaudit-0.1.0-SNAPSHOT-sim.jar:target/test-classes
 * dev.authaudit.sim.SweepMain 1 24}.
 */
public final class SweepMain {
    private SweepMain() {
    }

    public static void main(String[] args) throws IOException {
        int maxDays = 7;
        int maxBoxes = 300;
        Path keep = null;
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--max-days": maxDays = Integer.parseInt(args[++i]); break;
                case "--max-mailboxes": maxBoxes = Integer.parseInt(args[++i]); break;
                case "--keep": keep = Path.of(args[++i]); break;
                default: seeds.add(Long.parseLong(args[i]));
            }
        }
        if (seeds.size() != 2) {
            System.err.println("usage: SweepMain [--max-days N] [--max-mailboxes N] [--keep DIR] FROM TO");
            System.exit(2);
        }
        TruthEvaluation all = TruthEvaluation.empty();
        long claimsRejected = 0;
        for (long seed = seeds.get(0); seed <= seeds.get(1); seed++) {
            SimulationSpec spec = SweepSpecs.forSeed(seed, maxDays, maxBoxes);
            Path dir = keep != null ? keep.resolve("seed" + seed) : Files.createTempDirectory("sweep");
            long t0 = System.nanoTime();
            SimulatedScan.Outcome o = SimulatedScan.run(spec, dir);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            TruthEvaluation e = o.evaluation();
            // every claim of the same logs, recomputed from their event stream
            List<String> rejected = dev.authaudit.cli.ClaimRun.run(dir, spec.zone(), null).rejected();
            claimsRejected += rejected.size();
            System.out.printf("%s (%d ms)%n  %s | claims rejected %d%n", SweepSpecs.describe(spec), ms, oneLine(e),
                    rejected.size());
            rejected.stream().limit(5).forEach(r -> System.out.println("    rejected: " + r));
            all.add(e);
            if (keep == null) {
                deleteTree(dir);
            }
        }
        System.out.println("== pooled over seeds " + seeds.get(0) + ".." + seeds.get(1));
        all.figures().forEach((k, v) -> System.out.printf("%-36s %s%n", k, v));
        System.out.printf("%-36s %d%n", "claims rejected:", claimsRejected);
        print("accounts (truth -> report)", all.accountConfusion());
        print("addresses (truth -> report)", all.ipConfusion());
        print("blocks (truth -> report)", all.blockConfusion());
    }

    static String oneLine(TruthEvaluation e) {
        return String.format("stale P %.2f R %.2f | cust->att %d | att R %.3f | block %.3f | early %.2f",
                e.stalePrecision(), e.staleRecall(), e.customersCalledAttacker(), e.attackerRecall(),
                e.blockCauseAccuracy(), e.detectedBeforeBlock());
    }

    private static void print(String title, Map<String, Long> m) {
        System.out.println(title + ":");
        m.forEach((k, v) -> System.out.printf("  %6d  %s%n", v, k));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
