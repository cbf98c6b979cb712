package dev.authaudit.report;

import dev.authaudit.classify.AccountVerdict;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One login that failed at least once.
 *
 * @param detectedAt the event time at which evidence first reached the verdict; null for {@code ok}
 * @param sources its source addresses, most failures first
 */
public record AccountEntry(String account, AccountVerdict verdict, double confidence, OffsetDateTime detectedAt,
                           long failures, long successes, List<SourceEntry> sources, List<String> reasons) {
    public AccountEntry {
        sources = List.copyOf(sources);
        reasons = List.copyOf(reasons);
    }

    /** Returns the customer's own sources that failed, most failures first. */
    public List<SourceEntry> customerSources() {
        return sources.stream().filter(s -> s.role() == dev.authaudit.classify.SourceRole.CUSTOMER && s.failures() > 0)
                .toList();
    }

    /** Returns the sources guessing this login. */
    public List<SourceEntry> guessers() {
        return sources.stream().filter(s -> s.role() == dev.authaudit.classify.SourceRole.GUESSER).toList();
    }
}
