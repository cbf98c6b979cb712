package dev.authaudit.parse;

import dev.authaudit.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.util.List;

/** Where the tests find the repository, its shipped rules and the shared corpus. */
final class TestRules {
    static final byte[] KEY = "test-fingerprint-key-0123456789".getBytes(StandardCharsets.UTF_8);

    private TestRules() {
    }

    /** Returns the repository folder: the {@code authaudit.repo} property Maven sets, else the working folder. */
    static Path repo() {
        String p = System.getProperty("authaudit.repo");
        return (p == null ? Paths.get("") : Paths.get(p)).toAbsolutePath();
    }

    static Path rulesDir() {
        return repo().resolve("rules");
    }

    static RuleSet load() {
        return RuleSet.load(List.of(rulesDir()));
    }

    static LineParser parser(ZoneId zone, Integer year) {
        return new LineParser(load(), new TimeResolver(zone, year), new PasswordRedactor(KEY));
    }
}
