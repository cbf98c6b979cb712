package dev.authaudit.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The blocks one model run made, in time order, with look-ups by address. */
public final class ModelRun {
    private final List<ModelBlock> blocks;
    private final Map<String, List<ModelBlock>> byIp = new HashMap<>();

    /** Wraps the blocks of one run (in time order). */
    public ModelRun(List<ModelBlock> blocks) {
        this.blocks = List.copyOf(blocks);
        for (ModelBlock b : this.blocks) {
            byIp.computeIfAbsent(b.ip(), k -> new ArrayList<>()).add(b);
        }
    }

    /** Returns every block, in time order. */
    public List<ModelBlock> blocks() {
        return blocks;
    }

    /** Returns the blocks of one address, in time order (empty when none). */
    public List<ModelBlock> of(String ip) {
        return byIp.getOrDefault(ip, List.of());
    }

    /** Returns true when the address was blocked at the epoch second {@code t}. */
    public boolean blockedAt(String ip, long t) {
        for (ModelBlock b : of(ip)) {
            if (b.at().getEpochSecond() <= t && t < b.until()) {
                return true;
            }
        }
        return false;
    }
}
