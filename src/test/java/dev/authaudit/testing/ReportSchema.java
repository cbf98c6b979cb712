package dev.authaudit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Validates report JSON against the repository's {@code spec/report-v1.schema.json}, the contract's
 * machine-checkable half. The file is the project's own (a copy of {@code ../shared/spec/}'s, kept equal by
 * {@code ReportSchemaCopyTest}), so a missing file fails the test: it is never a reason to skip.
 */
public final class ReportSchema {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportSchema() {
    }

    /** Returns the repository folder: the {@code authaudit.repo} property Maven sets, else the working folder. */
    public static Path repo() {
        return Path.of(System.getProperty("authaudit.repo", ".")).toAbsolutePath().normalize();
    }

    /** Returns the repository's copy of the schema. */
    public static Path location() {
        return repo().resolve("spec/report-v1.schema.json");
    }

    /** Returns where the shared contract keeps the original, beside the repository. */
    public static Path sharedLocation() {
        return repo().resolve("../shared/spec/report-v1.schema.json").normalize();
    }

    /**
     * Asserts the document is valid report-v1; fails when the schema file is missing.
     *
     * @return the parsed document, for further assertions
     */
    public static JsonNode assertValid(String json) {
        Path schemaFile = location();
        if (!Files.isRegularFile(schemaFile)) {
            throw new AssertionError("report-v1 schema missing at " + schemaFile + ": it is part of the repository"
                    + " (restore spec/report-v1.schema.json, or set -Dauthaudit.repo to the project folder)");
        }
        try (InputStream in = Files.newInputStream(schemaFile)) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            // the schema's $id is relative ("authaudit-report-1"); give it the file as its base URI
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(schemaFile.toUri(), MAPPER.readTree(in), config);
            JsonNode doc = MAPPER.readTree(json);
            Set<ValidationMessage> errors = schema.validate(doc);
            assertThat(errors).as("report-v1 schema violations in:%n%s", json).isEmpty();
            return doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
