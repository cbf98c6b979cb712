package dev.authaudit.cli;

import dev.authaudit.ingest.InputFile;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every log-reading command shares: time interpretation and where the rules are. */
public final class InputOptions {
    @Option(names = "--tz", paramLabel = "ZONE",
            description = "Zone for time stamps that carry none (syslog, lfd.log, Exim without log_timezone)."
                    + " Default: the system's zone.")
    String tz;

    @Option(names = "--year", paramLabel = "YYYY",
            description = "Year for year-less syslog stamps. Default: inferred from each file's modification time.")
    Integer year;

    @Option(names = "--host", paramLabel = "NAME",
            description = "Server name of events whose line names none in its syslog header (events-v1 'host')."
                    + " Default: this machine's host name.")
    String host;

    @Option(names = "--fingerprint-key", paramLabel = "FILE", description = "A file holding the secret that keys"
            + " the fingerprints of plaintext passwords (at least 16 bytes). Give every server of a fleet the same"
            + " file so their fingerprints compare. Default: a new random key per run.")
    Path fingerprintKey;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Folder of shipped rules. Default: rules/ of the installation ($AUTHAUDIT_HOME).")
    Path rules;

    @Option(names = "--rules-dir", paramLabel = "DIR",
            description = "Site rules; a rule here replaces a shipped rule of the same id. Repeatable.")
    List<Path> siteRules = new ArrayList<>();

    /** The resolver of the latest {@link #parser}, for {@link #zoneNote}. */
    private TimeResolver resolver;

    /** Returns the zone to use. */
    public ZoneId zone() {
        if (tz == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new Cli.UsageProblem("--tz " + tz + " is not a zone; use a region such as Europe/Paris or an"
                    + " offset such as +02:00");
        }
    }

    /**
     * Returns the year anchor for these inputs: none with {@code --year}, else the latest fully dated
     * stamp among them (see {@link YearAnchor}).
     */
    public YearAnchor years(List<InputFile> inputs) {
        if (year != null) {
            return YearAnchor.none();
        }
        return YearAnchor.of(inputs, new TimeResolver(zone(), null));
    }

    /** Returns the shipped rules folder in use (also home of the notice templates). */
    public Path rulesDir() {
        return rules != null ? rules : defaultRules();
    }

    /** Loads the rule set: shipped rules, then site rules. */
    public RuleSet ruleSet() {
        return RuleSet.load(ruleDirs());
    }

    /**
     * As {@link #ruleSet()}, taking the rules read ahead by {@code ahead} when they are the folders asked
     * for (see {@link RulePreload}); null, or other folders, reads them here.
     */
    public RuleSet ruleSet(RulePreload ahead) {
        RuleSet read = ahead == null ? null : ahead.take(ruleDirs());
        return read != null ? read : ruleSet();
    }

    /** The folders {@link #ruleSet()} reads: the shipped rules, then the site rules. */
    public List<Path> ruleDirs() {
        List<Path> dirs = new ArrayList<>();
        dirs.add(rulesDir());
        dirs.addAll(siteRules);
        return dirs;
    }

    /** Builds a line parser with a fresh fingerprint key (fingerprints are comparable within one run). */
    public LineParser parser(RuleSet ruleSet) {
        return prepare().parser(ruleSet);
    }

    /**
     * As {@link #parser(RuleSet)} over {@link #ruleSet(RulePreload)}, with the fingerprint key, the zone and
     * the host name made first: the key's random source and the zone's rules take the main thread a few
     * tens of milliseconds of a cold start, which now pass while the rules are still being read ahead.
     */
    public LineParser parser(RulePreload ahead) {
        Prepared p = prepare();
        return p.parser(ruleSet(ahead));
    }

    /** What a line parser takes besides its rules, checked and made. */
    private record Prepared(TimeResolver resolver, PasswordRedactor redactor, String host) {
        LineParser parser(RuleSet ruleSet) {
            return new LineParser(ruleSet, resolver, redactor, true, host);
        }
    }

    private Prepared prepare() {
        if (year != null && (year < 1970 || year > 2100)) {
            throw new Cli.UsageProblem("--year " + year + " is out of range; give a four-digit year");
        }
        byte[] key = fingerprintKey();
        resolver = new TimeResolver(zone(), year);
        return new Prepared(resolver, new PasswordRedactor(key), host());
    }

    /** The fingerprint key: the file's bytes with {@code --fingerprint-key}, else a new random key. */
    private byte[] fingerprintKey() {
        if (fingerprintKey == null) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }
        byte[] key;
        try {
            key = Files.readAllBytes(fingerprintKey);
        } catch (java.io.IOException | SecurityException e) {
            throw new Cli.UsageProblem("--fingerprint-key " + Terminal.safe(fingerprintKey.toString())
                    + " cannot be read: " + e.getMessage());
        }
        if (key.length < 16) {
            throw new Cli.UsageProblem("--fingerprint-key " + Terminal.safe(fingerprintKey.toString()) + " holds "
                    + key.length + " bytes; give a secret of at least 16 (e.g. head -c 32 /dev/urandom > FILE)");
        }
        return key;
    }

    /** Returns the server name of events whose line names none: {@code --host}, else this machine's name. */
    public String host() {
        if (host != null) {
            if (!host.matches("[A-Za-z0-9._-]{1,255}")) {
                throw new Cli.UsageProblem("--host (or host: in the config) " + Terminal.safe(host) + " is not a host name (letters, digits,"
                        + " '.', '-', '_')");
            }
            return host;
        }
        return MachineName.get();
    }

    /**
     * Returns a note for stderr when stamps without a zone were read in the system's zone because
     * {@code --tz} was not given: a server whose logs were copied from elsewhere would be read hours off.
     */
    public java.util.Optional<String> zoneNote() {
        if (tz != null || resolver == null || resolver.zoneless() == 0) {
            return java.util.Optional.empty();
        }
        long n = resolver.zoneless();
        return java.util.Optional.of("note: " + n + " time stamp" + (n == 1 ? "" : "s") + " without a zone (syslog,"
                + " lfd.log, Exim without log_timezone) read in this system's zone, " + zone().getId()
                + "; pass --tz if the logs were written in another");
    }

    /**
     * Finds the shipped rules: $AUTHAUDIT_HOME/rules, the rules/ folder beside the jar's project or
     * install folder, ./rules, then /usr/share/authaudit/rules.
     */
    static Path defaultRules() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getenv("AUTHAUDIT_HOME");
        if (home != null && !home.isBlank()) {
            candidates.add(Paths.get(home, "rules"));
        }
        String prop = System.getProperty("authaudit.home");
        if (prop != null) {
            candidates.add(Paths.get(prop, "rules"));
        }
        try {
            Path jar = Paths.get(InputOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                candidates.add(p.resolve("rules"));
                if (candidates.size() > 6) {
                    break;
                }
            }
        } catch (Exception e) {
            // not from a file: fall through to the other places
        }
        candidates.add(Paths.get("rules"));
        candidates.add(Paths.get("/usr/share/authaudit/rules"));
        for (Path c : candidates) {
            if (Files.isDirectory(c.resolve("parsers"))) {
                return c;
            }
        }
        return candidates.get(0);
    }
}
