package dev.authaudit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores a report-v1 report against a simulation's {@code truth.json}: the figures the product is
 * accepted on (stale-password precision and recall, customers called attackers, attacker recall,
 * block-cause accuracy, stale customers detected before their first block) plus confusion tables.
 */
public final class TruthEvaluation {
    private final Map<String, Long> accountConfusion = new TreeMap<>();
    private final Map<String, Long> ipConfusion = new TreeMap<>();
    private final Map<String, Long> blockConfusion = new TreeMap<>();
    private int staleTruth;
    private int stalePredicted;
    private int staleHit;
    private int customersCalledAttacker;
    private int attackerTruth;
    private int attackerHit;
    private int blocksMatched;
    private int blocksCauseRight;
    private int blocksUnmatched;
    private int staleBlocked;
    private int staleDetectedBeforeBlock;

    /** Compares a report with the truth of the run that made its logs. */
    public static TruthEvaluation of(JsonNode report, JsonNode truth) {
        TruthEvaluation e = new TruthEvaluation();
        e.accounts(report, truth);
        e.ips(report, truth);
        e.blocks(report, truth);
        return e;
    }

    private void accounts(JsonNode report, JsonNode truth) {
        Map<String, JsonNode> predicted = index(report.path("accounts"), "account");
        Set<String> seen = new HashSet<>();
        for (JsonNode t : truth.path("accounts")) {
            String account = t.path("account").asText();
            String want = t.path("verdict").asText();
            JsonNode p = predicted.get(account);
            String got = p == null ? "(absent)" : p.path("verdict").asText();
            seen.add(account);
            accountConfusion.merge(want + " -> " + got, 1L, Long::sum);
            boolean stale = want.equals("stale_password");
            boolean called = got.equals("stale_password");
            staleTruth += stale ? 1 : 0;
            staleHit += stale && called ? 1 : 0;
            if (stale && !t.path("first_block_at").isNull() && !t.path("first_block_at").isMissingNode()) {
                staleBlocked++;
                if (called && !p.path("detected_at").isNull()) {
                    OffsetDateTime detected = OffsetDateTime.parse(p.path("detected_at").asText());
                    OffsetDateTime blocked = OffsetDateTime.parse(t.path("first_block_at").asText());
                    staleDetectedBeforeBlock += detected.isBefore(blocked) ? 1 : 0;
                }
            }
        }
        for (JsonNode p : report.path("accounts")) {
            if (p.path("verdict").asText().equals("stale_password")) {
                stalePredicted++;
                if (!seen.contains(p.path("account").asText())) {
                    accountConfusion.merge("(not in truth) -> stale_password", 1L, Long::sum);
                }
            }
        }
    }

    private void ips(JsonNode report, JsonNode truth) {
        Map<String, JsonNode> predicted = index(report.path("ips"), "ip");
        for (JsonNode t : truth.path("ips")) {
            String want = t.path("verdict").asText();
            JsonNode p = predicted.get(t.path("ip").asText());
            String got = p == null ? "(absent)" : p.path("verdict").asText();
            ipConfusion.merge(want + " -> " + got, 1L, Long::sum);
            if (want.equals("customer") && got.equals("attacker")) {
                customersCalledAttacker++;
            }
            if (want.equals("attacker")) {
                attackerTruth++;
                attackerHit += got.equals("attacker") ? 1 : 0;
            }
        }
    }

    private void blocks(JsonNode report, JsonNode truth) {
        Map<String, JsonNode> predicted = new HashMap<>();
        for (JsonNode b : report.path("blocks")) {
            predicted.put(blockKey(b), b);
        }
        for (JsonNode t : truth.path("blocks")) {
            JsonNode p = predicted.get(blockKey(t));
            String want = t.path("cause").asText();
            if (p == null) {
                blocksUnmatched++;
                blockConfusion.merge(want + " -> (absent)", 1L, Long::sum);
                continue;
            }
            String got = p.path("cause").asText();
            blocksMatched++;
            blocksCauseRight += want.equals(got) ? 1 : 0;
            blockConfusion.merge(want + " -> " + got, 1L, Long::sum);
        }
    }

    /** Adds another run's counts to this one, so figures can be pooled over many runs. */
    public TruthEvaluation add(TruthEvaluation o) {
        o.accountConfusion.forEach((k, v) -> accountConfusion.merge(k, v, Long::sum));
        o.ipConfusion.forEach((k, v) -> ipConfusion.merge(k, v, Long::sum));
        o.blockConfusion.forEach((k, v) -> blockConfusion.merge(k, v, Long::sum));
        staleTruth += o.staleTruth;
        stalePredicted += o.stalePredicted;
        staleHit += o.staleHit;
        customersCalledAttacker += o.customersCalledAttacker;
        attackerTruth += o.attackerTruth;
        attackerHit += o.attackerHit;
        blocksMatched += o.blocksMatched;
        blocksCauseRight += o.blocksCauseRight;
        blocksUnmatched += o.blocksUnmatched;
        staleBlocked += o.staleBlocked;
        staleDetectedBeforeBlock += o.staleDetectedBeforeBlock;
        return this;
    }

    /** Returns an evaluation with no runs in it, to {@link #add} runs to. */
    public static TruthEvaluation empty() {
        return new TruthEvaluation();
    }

    private static String blockKey(JsonNode b) {
        return b.path("ip").asText() + "@" + OffsetDateTime.parse(b.path("at").asText()).toInstant() + "/"
                + b.path("trigger").asText();
    }

    private static Map<String, JsonNode> index(JsonNode list, String field) {
        Map<String, JsonNode> m = new HashMap<>();
        list.forEach(n -> m.put(n.path(field).asText(), n));
        return m;
    }

    public double stalePrecision() {
        return stalePredicted == 0 ? 1.0 : (double) staleHit / stalePredicted;
    }

    public double staleRecall() {
        return staleTruth == 0 ? 1.0 : (double) staleHit / staleTruth;
    }

    public int customersCalledAttacker() {
        return customersCalledAttacker;
    }

    public double attackerRecall() {
        return attackerTruth == 0 ? 1.0 : (double) attackerHit / attackerTruth;
    }

    public double blockCauseAccuracy() {
        int all = blocksMatched + blocksUnmatched;
        return all == 0 ? 1.0 : (double) blocksCauseRight / all;
    }

    public double detectedBeforeBlock() {
        return staleBlocked == 0 ? 1.0 : (double) staleDetectedBeforeBlock / staleBlocked;
    }

    /** Returns the headline figures by name, for printing. */
    public Map<String, String> figures() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("stale_password precision", String.format("%.3f (%d of %d called)", stalePrecision(), staleHit,
                stalePredicted));
        f.put("stale_password recall", String.format("%.3f (%d of %d)", staleRecall(), staleHit, staleTruth));
        f.put("customer addresses called attacker", String.valueOf(customersCalledAttacker));
        f.put("attacker recall", String.format("%.3f (%d of %d)", attackerRecall(), attackerHit, attackerTruth));
        f.put("block cause accuracy", String.format("%.3f (%d of %d; %d not found)", blockCauseAccuracy(),
                blocksCauseRight, blocksMatched + blocksUnmatched, blocksUnmatched));
        f.put("stale detected before first block", String.format("%.3f (%d of %d blocked)", detectedBeforeBlock(),
                staleDetectedBeforeBlock, staleBlocked));
        return f;
    }

    public Map<String, Long> accountConfusion() {
        return accountConfusion;
    }

    public Map<String, Long> ipConfusion() {
        return ipConfusion;
    }

    public Map<String, Long> blockConfusion() {
        return blockConfusion;
    }
}
