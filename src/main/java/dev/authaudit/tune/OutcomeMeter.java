package dev.authaudit.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures a model run against the source classes: customer sources and blocks, attacker and scanner
 * sources blocked, and the attempts attackers made before and between blocks.
 */
public final class OutcomeMeter {
    private final SourceClasses classes;
    private final int within;

    /**
     * @param within the N of "blocked within N attempts"
     */
    public OutcomeMeter(SourceClasses classes, int within) {
        if (within < 1) {
            throw new IllegalArgumentException("within must be at least 1, was " + within);
        }
        this.classes = classes;
        this.within = within;
    }

    /** Returns the outcome of one run over the replayed events. */
    public Outcome measure(ModelRun run, List<TuneEvent> events) {
        Map<String, long[]> attempts = new HashMap<>(); // ip -> {before first block, total, let through}
        Set<String> scanners = new HashSet<>();
        for (TuneEvent e : events) {
            SourceClass c = classes.of(e.ip());
            if (c == SourceClass.SCANNER && e instanceof TuneEvent.Drop) {
                scanners.add(e.ip());
            }
            if (c != SourceClass.ATTACKER || !(e instanceof TuneEvent.Failure f) || f.attemptsSeen() == 0) {
                continue;
            }
            long t = e.time().getEpochSecond();
            List<ModelBlock> blocks = run.of(e.ip());
            long[] a = attempts.computeIfAbsent(e.ip(), k -> new long[3]);
            a[1] += f.attemptsSeen();
            // the attempt that fires a block got through; later ones in its span did not
            if (blocks.isEmpty() || t <= blocks.get(0).at().getEpochSecond()) {
                a[0] += f.attemptsSeen();
            }
            if (!insideBlock(blocks, t)) {
                a[2] += f.attemptsSeen();
            }
        }
        int[] customers = new int[3];
        Set<String> counted = new HashSet<>();
        int customerBlocks = 0;
        int customerScanBlocks = 0;
        Map<String, Integer> byTrigger = new HashMap<>();
        for (ModelBlock b : run.blocks()) {
            SourceClass c = classes.of(b.ip());
            if (!c.customer()) {
                continue;
            }
            customerBlocks++;
            byTrigger.merge(b.trigger(), 1, Integer::sum);
            if (b.portScan()) {
                customerScanBlocks++;
            }
            if (counted.add(b.ip())) {
                customers[c == SourceClass.STALE ? 0 : c == SourceClass.TYPO ? 1 : 2]++;
            }
        }
        int attackersBlocked = 0;
        int eligible = 0;
        int withinN = 0;
        long letThrough = 0;
        long total = 0;
        List<Long> before = new ArrayList<>();
        for (Map.Entry<String, long[]> en : attempts.entrySet()) {
            long[] a = en.getValue();
            boolean blocked = !run.of(en.getKey()).isEmpty();
            attackersBlocked += blocked ? 1 : 0;
            if (blocked) {
                before.add(a[0]);
            }
            total += a[1];
            letThrough += a[2];
            if (a[1] >= within) {
                eligible++;
                withinN += blocked && a[0] <= within ? 1 : 0;
            }
        }
        int scannersBlocked = (int) scanners.stream().filter(ip -> !run.of(ip).isEmpty()).count();
        Collections.sort(before);
        return new Outcome(run.blocks().size(), customerBlocks, customerScanBlocks, customers[0], customers[1],
                customers[2], attempts.size(), attackersBlocked, scanners.size(), scannersBlocked, within, eligible,
                withinN, (int) percentile(before, 50), (int) percentile(before, 90), letThrough, total, byTrigger);
    }

    private static boolean insideBlock(List<ModelBlock> blocks, long t) {
        for (ModelBlock b : blocks) {
            if (b.at().getEpochSecond() < t && t < b.until()) {
                return true;
            }
        }
        return false;
    }

    /** Returns the nearest-rank percentile of sorted values, 0 when empty. */
    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
