package dev.authaudit.tune;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model of lfd in event time: login failures through {@link LfdCounter}, logged drops through
 * {@link PortScanCounter}, and the blocks they fire. A block resets the address's counters; while it
 * lasts the address's hits are not counted (the firewall drops them); the (LF_PERMBLOCK_COUNT + 1)th
 * temporary block within LF_PERMBLOCK_INTERVAL becomes permanent instead.
 *
 * <p>lfd stamps each hit with its own clock when it reads the log, at the next LF_PARSE tick (every
 * 5 s); the model does the same, with the tick phase {@link ScanPhase} reads from lfd's block lines, so
 * hits logged just before a port-scan wipe count in the window after it, as they do for lfd.
 */
public final class LfdModel {
    private final LfdSettings settings;
    private final ScanPhase phase;

    /**
     * @param phase when lfd wipes its port-scan counters (see {@link ScanPhase#fromBlocks})
     */
    public LfdModel(LfdSettings settings, ScanPhase phase) {
        this.settings = settings;
        this.phase = phase;
    }

    /** Returns the settings this model applies. */
    public LfdSettings settings() {
        return settings;
    }

    /** Replays the events (in time order) and returns the blocks lfd would have made. */
    public ModelRun run(List<TuneEvent> events) {
        LfdCounter logins = new LfdCounter(settings);
        PortScanCounter scans = new PortScanCounter(settings, phase);
        Map<String, Long> blockedUntil = new HashMap<>();
        Map<String, ArrayDeque<Long>> tempBlocks = new HashMap<>();
        List<ModelBlock> blocks = new ArrayList<>();
        int parse = settings.get(LfdKey.LF_PARSE);
        for (TuneEvent e : events) {
            // lfd stamps a hit with its own clock when it reads the line, at its next LF_PARSE tick
            long t = phase.readAt(e.time().getEpochSecond(), parse);
            Instant read = Instant.ofEpochSecond(t);
            Long until = blockedUntil.get(e.ip());
            if (until != null && t < until) {
                continue;
            }
            ModelBlock fired = null;
            if (e instanceof TuneEvent.Failure f) {
                int n = f.lfdCount(settings.flavour());
                LfdCounter.Fire fire = n > 0 ? logins.add(t, f.ip(), f.app(), n) : null;
                if (fire != null) {
                    fired = new ModelBlock(f.ip(), read, fire.trigger(), fire.hits(),
                            LfdSettings.blockSeconds(settings.get(fire.perm())), false, 0);
                }
            } else if (e instanceof TuneEvent.Drop d) {
                String key = scans.portKey(d);
                PortScanCounter.Fire fire = key == null ? null : scans.add(t, d.ip(), key);
                if (fire != null) {
                    long secs = settings.get(LfdKey.PS_PERMANENT) == 1 ? 0 : settings.get(LfdKey.PS_BLOCK_TIME);
                    fired = new ModelBlock(d.ip(), read, "PS_LIMIT", fire.hits(), secs, false,
                            fire.distinctPorts());
                }
            }
            if (fired == null) {
                continue;
            }
            logins.reset(fired.ip());
            scans.reset(fired.ip());
            fired = escalate(fired, tempBlocks);
            blocks.add(fired);
            blockedUntil.put(fired.ip(), fired.until());
        }
        return new ModelRun(blocks);
    }

    private ModelBlock escalate(ModelBlock b, Map<String, ArrayDeque<Long>> tempBlocks) {
        if (b.permanent() || settings.get(LfdKey.LF_PERMBLOCK) != 1) {
            return b;
        }
        long t = b.at().getEpochSecond();
        ArrayDeque<Long> history = tempBlocks.computeIfAbsent(b.ip(), k -> new ArrayDeque<>());
        while (!history.isEmpty() && history.peekFirst() <= t - settings.get(LfdKey.LF_PERMBLOCK_INTERVAL)) {
            history.pollFirst();
        }
        if (history.size() >= settings.get(LfdKey.LF_PERMBLOCK_COUNT)) {
            history.clear();
            return new ModelBlock(b.ip(), b.at(), b.trigger(), b.hits(), 0, true, b.ports());
        }
        history.addLast(t);
        return b;
    }
}
