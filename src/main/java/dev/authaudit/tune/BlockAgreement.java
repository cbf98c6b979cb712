package dev.authaudit.tune;

import dev.authaudit.event.FirewallBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compares a model's blocks with the block lines a firewall wrote in the same logs: a real block is
 * reproduced by a model block of the same address and trigger (a PERMBLOCK only by a PERMBLOCK) within a
 * few seconds, since lfd stamps hits when it reads them, every LF_PARSE (5 s), not when they were logged.
 */
public final class BlockAgreement {
    private static final Set<String> LFD_LOGIN_TRIGGERS = Set.of("LF_SMTPAUTH", "LF_IMAPD", "LF_POP3D", "LF_TRIGGER");
    private static final Set<String> LFD_RULES = Set.of("lfd.block-login", "lfd.block-trigger", "lfd.block-portscan",
            "lfd.block-permblock");

    private final int slackS;

    /**
     * @param slackS how far apart a model block and a real one may be, in seconds
     */
    public BlockAgreement(int slackS) {
        this.slackS = slackS;
    }

    /** Compares the lfd model's blocks with lfd's block lines. */
    public Agreement lfd(ModelRun model, List<FirewallBlock> real) {
        List<FirewallBlock> covered = new ArrayList<>();
        int notModelled = 0;
        Set<String> seen = new HashSet<>();
        for (FirewallBlock b : real) {
            boolean permblock = b.origin().rule().equals("lfd.block-permblock");
            String trigger = b.trigger();
            boolean modelled = LFD_RULES.contains(b.origin().rule())
                    && (trigger.equals("PS_LIMIT") || LFD_LOGIN_TRIGGERS.contains(trigger));
            // LF_SELECT writes one line per port for one block
            if (!seen.add(b.ip() + "|" + trigger + "|" + permblock + "|" + b.instant())) {
                continue;
            }
            if (modelled) {
                covered.add(b);
            } else {
                notModelled++;
            }
        }
        return compare(model, covered, b -> b.origin().rule().equals("lfd.block-permblock"), notModelled);
    }

    /** Compares a fail2ban model's bans with fail2ban's Ban lines; the trigger is the jail. */
    public Agreement fail2ban(ModelRun model, List<FirewallBlock> real, Set<String> jails) {
        List<FirewallBlock> covered = new ArrayList<>();
        int notModelled = 0;
        for (FirewallBlock b : real) {
            if (jails.contains(b.trigger())) {
                covered.add(b);
            } else {
                notModelled++;
            }
        }
        return compare(model, covered, b -> false, notModelled);
    }

    private Agreement compare(ModelRun model, List<FirewallBlock> real, Predicate<FirewallBlock> isPermblock,
                              int notModelled) {
        Set<ModelBlock> used = Collections.newSetFromMap(new IdentityHashMap<>());
        List<FirewallBlock> missed = new ArrayList<>();
        int reproduced = 0;
        for (FirewallBlock r : real) {
            long t = r.instant().getEpochSecond();
            boolean permblock = isPermblock.test(r);
            ModelBlock found = null;
            for (ModelBlock m : model.of(r.ip())) {
                if (!used.contains(m) && m.trigger().equals(r.trigger()) && m.permblock() == permblock
                        && Math.abs(m.at().getEpochSecond() - t) <= slackS) {
                    found = m;
                    break;
                }
            }
            if (found != null) {
                used.add(found);
                reproduced++;
            } else {
                missed.add(r);
            }
        }
        List<ModelBlock> extra = model.blocks().stream().filter(m -> !used.contains(m)).toList();
        return new Agreement(real.size(), reproduced, missed, extra, notModelled, slackS);
    }
}
