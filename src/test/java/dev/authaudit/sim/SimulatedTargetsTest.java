package dev.authaudit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a few small seeded hosts end to end (simulate, scan, score against truth) and holds the engine
 * to the acceptance targets, pooled over the runs: stale_password precision and recall, no customer
 * called an attacker, attacker recall, block-cause accuracy, stale customers found before their first
 * block. Deterministic: the specs and seeds are fixed. The wider sweep is {@code SweepMain}.
 */
class SimulatedTargetsTest {
    @TempDir
    Path dir;

    private static List<SimulationSpec> specs() {
        return List.of(
                SimulationSpec.builder().seed(101).days(2).mailboxes(60).zone(ZoneId.of("America/New_York"))
                        .start(LocalDateTime.of(2026, 5, 4, 0, 0)).staleShare(0.15)
                        .attacks(new AttackMix(2, 1, 1, 1, 2, 1)).build(),
                SimulationSpec.builder().seed(202).days(2).mailboxes(50).zone(ZoneId.of("Europe/Berlin"))
                        .start(LocalDateTime.of(2026, 3, 28, 0, 0)).staleShare(0.12).layout(LogLayout.DEBIAN)
                        .rotate(true).csf(CsfSettings.cpanel().withFlavour(LfdFlavour.AETHERINOX_15))
                        .attacks(new AttackMix(3, 1, 1, 1, 1, 1)).build(),
                SimulationSpec.builder().seed(303).days(1).mailboxes(80).zone(ZoneId.of("Asia/Kolkata"))
                        .start(LocalDateTime.of(2026, 8, 10, 0, 0)).staleShare(0.1)
                        .attacks(new AttackMix(2, 2, 2, 1, 2, 0)).build());
    }

    @Test
    void scan_smallSimulatedHosts_meetsTheAcceptanceTargets() {
        TruthEvaluation all = TruthEvaluation.empty();
        for (SimulationSpec spec : specs()) {
            SimulatedScan.Outcome o = SimulatedScan.run(spec, dir.resolve("seed" + spec.seed()));
            all.add(o.evaluation());
        }
        String figures = all.figures() + "\n" + all.accountConfusion() + "\n" + all.ipConfusion() + "\n"
                + all.blockConfusion();
        assertThat(all.staleRecall()).as(figures).isGreaterThanOrEqualTo(0.95);
        assertThat(all.stalePrecision()).as(figures).isGreaterThanOrEqualTo(0.95);
        assertThat(all.customersCalledAttacker()).as(figures).isZero();
        assertThat(all.attackerRecall()).as(figures).isGreaterThanOrEqualTo(0.9);
        assertThat(all.blockCauseAccuracy()).as(figures).isGreaterThanOrEqualTo(0.95);
        assertThat(all.detectedBeforeBlock()).as(figures).isGreaterThanOrEqualTo(0.9);
        // the runs must exercise what they claim to: stale logins, blocks of them, attackers
        assertThat(all.accountConfusion()).containsKey("stale_password -> stale_password");
        assertThat(all.blockConfusion()).containsKey("stale_password -> stale_password");
        assertThat(all.ipConfusion()).containsKey("attacker -> attacker");
    }
}
