package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --fingerprint-key: two runs (two servers of a fleet) with the same key file give a plaintext password the
 * same fingerprint; without it each run makes its own key, so theirs differ.
 */
class FingerprintKeyTest {
    private static final String LINE = "Aug 30 00:10:57 mx dovecot: auth(ann@example.com,192.0.2.110,sasl:login)<CvN+E95Uf4e7eEnj>:"
            + " Info: sql: Password mismatch (given password: S3cret!)";

    @TempDir
    Path dir;

    private String fp(String... keyArgs) throws Exception {
        Path log = dir.resolve("dovecot.log");
        Files.writeString(log, LINE + "\n");
        String[] base = {"parse", "--rules", CliRun.repo().resolve("rules").toString(), "--tz", "UTC", "--year", "2026"};
        String[] args = new String[base.length + keyArgs.length + 1];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(keyArgs, 0, args, base.length, keyArgs.length);
        args[args.length - 1] = log.toString();
        CliRun r = CliRun.run(args);
        assertThat(r.code).as(r.err).isZero();
        String fp = new ObjectMapper().readTree(r.out.lines().findFirst().orElseThrow()).path("password_fp").asText();
        assertThat(fp).matches("k[0-9a-f]{8}");
        return fp;
    }

    @Test
    void sameKeyFile_sameFingerprint_acrossRuns() throws Exception {
        Path key = Files.write(dir.resolve("fp.key"), "a fleet-wide secret, 32 bytes..".getBytes());
        assertThat(fp("--fingerprint-key", key.toString())).isEqualTo(fp("--fingerprint-key", key.toString()));
        assertThat(fp()).isNotEqualTo(fp());
    }

    @Test
    void shortOrMissingKey_isAUsageError() {
        Path shortKey = dir.resolve("short.key");
        CliRun a = CliRun.run("parse", "--fingerprint-key", write(shortKey, "tiny"), "--tz", "UTC", dir.toString());
        assertThat(a.code).isEqualTo(ExitCodes.USAGE);
        assertThat(a.err).contains("holds 4 bytes; give a secret of at least 16");
        CliRun b = CliRun.run("parse", "--fingerprint-key", dir.resolve("none").toString(), "--tz", "UTC", dir.toString());
        assertThat(b.code).isEqualTo(ExitCodes.USAGE);
        assertThat(b.err).contains("cannot be read");
    }

    private static String write(Path p, String s) {
        try {
            return Files.writeString(p, s).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
