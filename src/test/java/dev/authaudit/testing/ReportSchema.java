package dev.authaudit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/** Validates report JSON against {@code ../shared/spec/report-v1.schema.json}, the contract's machine-checkable half. */
public final class ReportSchema {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportSchema() {
    }

    /** Returns where the schema should be, relative to the repository root. */
    public static Path location() {
        String repo = System.getProperty("authaudit.repo", ".");
        return Path.of(repo).toAbsolutePath().resolve("../shared/spec/report-v1.schema.json").normalize();
    }

    /**
     * Asserts the document is valid report-v1; skips (not fails) when the schema file is absent.
     *
     * @return the parsed document, for further assertions
     */
    public static JsonNode assertValid(String json) {
        Path schemaFile = location();
        assumeTrue(Files.isRegularFile(schemaFile), "report-v1 schema not found at " + schemaFile
                + "; skipping schema validation (set -Dauthaudit.repo to the project directory)");
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
