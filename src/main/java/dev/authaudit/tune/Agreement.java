package dev.authaudit.tune;

import dev.authaudit.event.FirewallBlock;
import java.util.List;

/**
 * How well a model reproduces the blocks a real firewall logged in the same logs.
 *
 * @param realBlocks the real blocks of kinds the model covers
 * @param reproduced how many of them the model made too (same address and trigger, within the slack)
 * @param missed real blocks the model did not make
 * @param extra model blocks the real firewall did not make
 * @param notModelled real blocks of kinds the model does not cover (CT_LIMIT, LF_DISTATTACK, other apps)
 * @param slackS how far apart in time a model block and a real one may be and still match
 */
public record Agreement(int realBlocks, int reproduced, List<FirewallBlock> missed, List<ModelBlock> extra,
                        int notModelled, int slackS) {
    public Agreement {
        missed = List.copyOf(missed);
        extra = List.copyOf(extra);
    }

    /** Returns the share of real blocks reproduced, 1 when there were none. */
    public double share() {
        return realBlocks == 0 ? 1.0 : (double) reproduced / realBlocks;
    }
}
