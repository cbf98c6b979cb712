package dev.authaudit.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommenderTest {
    private final Recommender recommender = new Recommender();

    /** An outcome with the numbers the wording uses; the rest follow from them. */
    private static Outcome outcome(int customerBlocks, int scanBlocks, int stale, int typo, int other, int attackers,
                                   int attackersBlocked, int guessers, int within, long letThrough, int scanners,
                                   int scannersBlocked, Map<String, Integer> byTrigger) {
        return new Outcome(customerBlocks + attackersBlocked, customerBlocks, scanBlocks, stale, typo, other, attackers,
                attackersBlocked, scanners, scannersBlocked, 5, guessers, within, 4, 9, letThrough, 1000, byTrigger);
    }

    @Test
    void recommend_looserImapdThatSparesCustomers_wordsSparedAndStillBlocked() {
        Outcome base = outcome(11, 0, 8, 3, 0, 40, 31, 30, 29, 200, 0, 0, Map.of("LF_IMAPD", 11));
        Outcome doubled = outcome(2, 0, 1, 1, 0, 40, 30, 30, 29, 230, 0, 0, Map.of("LF_IMAPD", 2));
        Outcome halved = outcome(15, 0, 9, 3, 0, 40, 31, 30, 30, 150, 0, 0, Map.of("LF_IMAPD", 15));
        List<Recommendation> r = recommender.recommend(base, List.of(
                new Alternative("lfd", "LF_IMAPD", "10", "5", halved),
                new Alternative("lfd", "LF_IMAPD", "10", "20", doubled)));
        assertThat(r).singleElement().satisfies(rec -> {
            assertThat(rec.to()).isEqualTo("20");
            assertThat(rec.change()).isTrue();
            assertThat(rec.text()).isEqualTo("LF_IMAPD 10 to 20: spares 9 of 11 customer blocks (7 of 8 stale-password"
                    + " sources, 2 of 3 typo sources), still blocks 29 of 30 guessing sources (97%) within 5 attempts,"
                    + " but lets 30 more attacker attempts through (230 of 1000)");
        });
    }

    @Test
    void recommend_psDiversityThatKeepsEveryScan_wordsClosedPortBlocksAndScans() {
        Outcome base = outcome(3, 3, 0, 0, 3, 0, 0, 0, 0, 0, 8, 8, Map.of("PS_LIMIT", 3));
        Outcome two = outcome(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 8, Map.of());
        Outcome three = outcome(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 6, Map.of());
        List<Recommendation> r = recommender.recommend(base, List.of(
                new Alternative("lfd", "PS_DIVERSITY", "1", "2", two),
                new Alternative("lfd", "PS_DIVERSITY", "1", "3", three)));
        assertThat(r).extracting(Recommendation::text)
                .containsExactly("PS_DIVERSITY 1 to 2: removes all 3 closed-port customer blocks, keeps all 8 real scans");
    }

    @Test
    void recommend_alternativeThatLosesScansOrAttackers_isNotRecommended() {
        Outcome base = outcome(3, 3, 0, 0, 3, 40, 20, 20, 18, 100, 8, 8, Map.of("PS_LIMIT", 3, "LF_SMTPAUTH", 2));
        Outcome losesScans = outcome(0, 0, 0, 0, 0, 40, 20, 20, 18, 100, 8, 7, Map.of());
        Outcome losesAttackers = outcome(0, 0, 0, 0, 0, 40, 15, 20, 12, 300, 8, 8, Map.of());
        List<Recommendation> r = recommender.recommend(base, List.of(
                new Alternative("lfd", "PS_LIMIT", "10", "20", losesScans),
                new Alternative("lfd", "LF_SMTPAUTH", "5", "15", losesAttackers)));
        assertThat(r).extracting(Recommendation::change).containsOnly(false);
        assertThat(r).extracting(Recommendation::text).containsExactly(
                "PS_LIMIT 10: keep; it makes 3 closed-port customer blocks, but no alternative tried (20) spares one"
                        + " without blocking fewer attackers or real scans",
                "LF_SMTPAUTH 5: keep; it makes 2 customer blocks, but no alternative tried (15) spares one without"
                        + " blocking fewer attackers");
    }

    @Test
    void recommend_openClosedMailPort_wordsThePort() {
        Outcome base = outcome(2, 2, 0, 0, 2, 0, 0, 0, 0, 0, 1, 1, Map.of("PS_LIMIT", 2));
        Outcome open = outcome(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, Map.of());
        assertThat(recommender.recommend(base, List.of(new Alternative("lfd", "TCP_IN", "without 587", "with 587",
                open)))).extracting(Recommendation::text)
                .containsExactly("open port 587 in TCP_IN: removes all 2 closed-port customer blocks, keeps the real scan");
    }

    @Test
    void portText_namesPortListAndCustomers() {
        assertThat(TuneTextWriter.portText(new PortFinding(587, true, 14, 30, 120)))
                .isEqualTo("port 587 is not open in TCP_IN but 14 customer addresses try it (30 connection attempts,"
                        + " 120 dropped packets)");
    }
}
