package dev.authaudit.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistributedCampaignTest {
    private final ClassifierSettings settings = ClassifierSettings.defaults();
    private final DistributedCampaign campaign = new DistributedCampaign(settings, new EvidenceText(ZoneOffset.UTC, false));

    private List<CampaignCandidate> crowd(int n, Instant from) {
        List<CampaignCandidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new CampaignCandidate("198.51.100." + i, from.plusSeconds(60L * i), 1, Set.of("info@example.com")));
        }
        return out;
    }

    @Test
    void sentencesAreReadAsTheyWereWrittenBefore() {
        int n = settings.campaignMinSources();
        Instant t0 = Instant.parse("2025-03-31T08:00:00Z");
        List<CampaignCandidate> candidates = crowd(n, t0);
        // far outside the window: alone, not a member
        candidates.add(new CampaignCandidate("203.0.113.9", t0.plus(settings.campaignWindow()).plus(settings.campaignWindow()),
                2, Set.of("b@example.com", "a@example.com")));
        Map<String, String> found = campaign.find(candidates);

        assertEquals(n, found.size());
        assertFalse(found.containsKey("203.0.113.9"));
        assertNull(found.get("203.0.113.9"));
        assertTrue(found.containsKey("198.51.100.0"));
        assertEquals("198.51.100.0 failed info@example.com 1 time without any history here, one of " + n
                + " such addresses between 08:00 and " + new EvidenceText(ZoneOffset.UTC, false)
                .time(t0.plusSeconds(60L * (n - 1))) + " (within " + EvidenceText.duration(settings.campaignWindow())
                + "): a slow distributed attack", found.get("198.51.100.0"));
        // listing it gives the same sentences as asking for each
        Map<String, String> listed = new HashMap<>();
        found.forEach(listed::put);
        assertEquals(n, listed.size());
        listed.forEach((ip, why) -> assertEquals(found.get(ip), why));
        assertEquals(listed, found);
    }

    @Test
    void tooFewOrNoneMakeNoCampaign() {
        assertTrue(campaign.find(List.of()).isEmpty());
        assertTrue(campaign.find(crowd(settings.campaignMinSources() - 1, Instant.parse("2025-03-31T08:00:00Z")))
                .isEmpty());
    }

    @Test
    void candidatesKeepTheirLoginsSorted() {
        CampaignCandidate c = new CampaignCandidate("192.0.2.1", Instant.EPOCH, 2, Set.of("z@example.com", "a@example.com"));
        assertEquals(List.of("a@example.com", "z@example.com"), new ArrayList<>(c.logins()));
        assertEquals(Set.of("a@example.com"), new CampaignCandidate("192.0.2.1", Instant.EPOCH, 1,
                Set.of("a@example.com")).logins());
        assertTrue(new CampaignCandidate("192.0.2.1", Instant.EPOCH, 1, null).logins().isEmpty());
    }
}
