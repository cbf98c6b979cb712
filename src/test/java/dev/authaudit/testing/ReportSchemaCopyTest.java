package dev.authaudit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The repository keeps its own copy of the report-v1 schema so that report tests run on a clone without
 * {@code ../shared}; where the shared contract is present, the copy must be byte for byte the same.
 */
class ReportSchemaCopyTest {
    @Test
    void repositoryCopy_isPresent() {
        assertThat(ReportSchema.location()).as("spec/report-v1.schema.json is the project's own copy").isRegularFile();
    }

    @Test
    void repositoryCopy_equalsTheSharedContract() throws IOException {
        Path shared = ReportSchema.sharedLocation();
        assumeTrue(Files.isRegularFile(shared), () -> OutsideData.SKIP_PREFIX + shared
                + " is absent, so the repository's schema copy was not compared with the shared contract");
        assertThat(Files.readAllBytes(ReportSchema.location()))
                .as("spec/report-v1.schema.json differs from %s: copy the contract in again", shared)
                .isEqualTo(Files.readAllBytes(shared));
    }
}
