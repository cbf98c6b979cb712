package dev.authaudit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data the project reads at test time but does not own (fail2ban's GPL corpus in {@code ../shared/corpus/}).
 * Only these may make a test skip; each skip says {@value #SKIP_PREFIX} so that {@link SkipSummary} counts it
 * apart in the build output. A file the project owns is never looked up here.
 */
public final class OutsideData {
    /** Starts the message of every skip for missing outside data. */
    public static final String SKIP_PREFIX = "OUTSIDE DATA MISSING: ";

    private OutsideData() {
    }

    /** Returns {@code ../shared/corpus/<relative>} beside the repository, or skips the test loudly when absent. */
    public static Path corpus(String relative) {
        Path p = ReportSchema.repo().resolve("../shared/corpus").resolve(relative).normalize();
        assumeTrue(Files.exists(p), () -> SKIP_PREFIX + p + " is absent (fail2ban's GPL samples are read from"
                + " ../shared beside the repository, never copied in); this test did not run");
        return p;
    }
}
