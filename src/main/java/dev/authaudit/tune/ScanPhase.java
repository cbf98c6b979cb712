package dev.authaudit.tune;

import dev.authaudit.event.FirewallBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * When lfd wipes its port-scan counters. lfd clears every counter each PS_INTERVAL counted from its
 * own start, which no log states; but each port-scan block line does, indirectly: "11 hits in the last
 * 73 seconds" is the time since the last wipe. The wipes seen that way anchor the windows; before the
 * first and without any, windows are aligned to the epoch (multiples of PS_INTERVAL). The block lines
 * also show the phase of lfd's LF_PARSE reading ticks, which decides which window a hit lands in.
 */
public final class ScanPhase {
    private final long[] anchors;
    private final long tickPhase;

    private ScanPhase(long[] anchors, long tickPhase) {
        this.anchors = anchors;
        this.tickPhase = tickPhase;
    }

    /** Returns windows and read ticks aligned to the epoch. */
    public static ScanPhase epoch() {
        return new ScanPhase(new long[0], 0);
    }

    /** Returns the wipes implied by lfd's own port-scan block lines ({@code PS_LIMIT}, with a window). */
    public static ScanPhase fromBlocks(List<FirewallBlock> lfdBlocks) {
        List<Long> seen = new ArrayList<>();
        int[] phases = new int[LfdSettings.DEFAULT_LF_PARSE];
        for (FirewallBlock b : lfdBlocks) {
            phases[(int) Math.floorMod(b.instant().getEpochSecond(), (long) phases.length)]++;
            if (b.trigger().equals("PS_LIMIT") && !b.origin().rule().equals("lfd.block-permblock")
                    && b.intervalS() != null) {
                seen.add(b.instant().getEpochSecond() - b.intervalS());
            }
        }
        int phase = 0;
        for (int i = 1; i < phases.length; i++) {
            phase = phases[i] > phases[phase] ? i : phase;
        }
        return new ScanPhase(seen.stream().mapToLong(Long::longValue).sorted().toArray(), phase);
    }

    /**
     * Returns when lfd reads a line logged at {@code t}: at its next LF_PARSE tick, strictly after the line.
     * The ticks are taken as multiples of LF_PARSE from the epoch shifted by the phase most of lfd's own
     * block lines show (lfd stamps a block with the tick that read the hit).
     */
    long readAt(long t, int parse) {
        return t + parse - Math.floorMod(t - tickPhase, parse);
    }

    /** Returns the number of wipes seen in lfd's lines. */
    public int anchors() {
        return anchors.length;
    }

    /** Returns the start, in epoch seconds, of the window holding {@code t}. */
    long windowStart(long t, int interval) {
        long anchor = 0;
        for (long a : anchors) {
            if (a > t) {
                if (anchor == 0) {
                    anchor = a; // before the first wipe seen: extend its grid backwards
                }
                break;
            }
            anchor = a;
        }
        return anchor + Math.floorDiv(t - anchor, (long) interval) * interval;
    }
}
