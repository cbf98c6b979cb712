package dev.authaudit.realdaemons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authaudit.testing.CliCall;
import dev.authaudit.testing.ReportSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Debian's Exim 4.96 and Dovecot 2.3.19 on loopback, driven by scripted clients ({@link Stories}), in three
 * set-ups played at the same time: both logging to their own files with Exim's
 * {@code +incoming_interface +incoming_port}, the same with Exim's default log_selector, and both through
 * a private rsyslog with Exim's {@code log_selector = +all}. Checks that every authentication line they wrote is read with the right address,
 * login, protocol and port, and that the stories get their verdicts. The raw logs of the last run stay in
 * {@code target/real-daemons/<set-up>/} (the story-time copies in {@code story/}).
 */
@Tag("real-daemons")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealDaemonsIT {
    /** The site rule file an admin adds for Dovecot's instance_name (the syslog set-up has one). */
    private static final Path SITE_RULES = dev.authaudit.testing.ReportSchema.repo().resolve("test-fixtures/real-rules.d");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One set-up's run. */
    private record Run(MailServers.Logging logging, Path kept, Stories stories, List<JsonNode> events, JsonNode report,
                       Path outbox) {
    }

    private final Map<MailServers.Logging, Run> runs = new EnumMap<>(MailServers.Logging.class);
    private String exim;
    private String dovecot;
    private Instant began;

    @BeforeAll
    void playTheStories() throws Exception {
        Installed.assumeAvailable();
        began = Instant.now();
        exim = Installed.version(Installed.EXIM, "--version");
        dovecot = Installed.version(Installed.DOVECOT, "--version");
        System.out.println("real daemons: " + exim + "; Dovecot " + dovecot);
        Path target = ReportSchema.repo().resolve("target/real-daemons");
        Map<MailServers.Logging, MailServers> servers = new EnumMap<>(MailServers.Logging.class);
        Map<MailServers.Logging, Stories> stories = new EnumMap<>(MailServers.Logging.class);
        ExecutorService pool = Executors.newFixedThreadPool(MailServers.Logging.values().length);
        try {
            for (MailServers.Logging l : MailServers.Logging.values()) {
                MailServers s = MailServers.start(l.name().toLowerCase(java.util.Locale.ROOT), l,
                        Stories.initialPasswords());
                servers.put(l, s);
                stories.put(l, new Stories(s));
            }
            List<Future<?>> played = new ArrayList<>();
            for (Stories s : stories.values()) {
                played.add(pool.submit(() -> {
                    s.play();
                    return null;
                }));
            }
            for (Future<?> f : played) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            for (MailServers s : servers.values()) {
                s.close();
            }
            for (MailServers s : servers.values()) {
                s.keep(target.resolve(s.name));
                writeSample(target.resolve(s.name), s);
                s.delete();
            }
        }
        for (MailServers.Logging l : MailServers.Logging.values()) {
            Path kept = target.resolve(servers.get(l).name);
            Stories s = stories.get(l);
            writeJournal(kept.resolve("journal.txt"), s.journal());
            List<JsonNode> events = parse(kept);
            Path story = writeStoryCopy(kept, s.time());
            Path outbox = kept.resolve("outbox");
            JsonNode report = scan(story, kept.resolve("state"), outbox, kept.resolve("report.json"), s.time());
            runs.put(l, new Run(l, kept, s, events, report, outbox));
        }
    }

    @AfterAll
    void time() {
        if (began != null) {
            System.out.println("real daemons: three set-ups started, played, stopped and checked in "
                    + java.time.Duration.between(began, Instant.now()).toSeconds() + " s");
        }
    }

    @ParameterizedTest
    @EnumSource(MailServers.Logging.class)
    void everyStepFitsItsSlot(MailServers.Logging logging) {
        assertThat(runs.get(logging).stories().overruns()).as("steps that ran past their slot").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(MailServers.Logging.class)
    void everyClientSawWhatItsStorySays(MailServers.Logging logging) {
        for (Journal.Attempt a : runs.get(logging).stories().journal().attempts()) {
            Journal.Outcome expected;
            if (a.outcome() == Journal.Outcome.GAVE_UP) {
                continue;
            }
            String pw = a.login().equals(Stories.BOB) && a.slot() == 0 ? Stories.BOB_OLD
                    : a.login().equals(Stories.BOB) ? Stories.BOB_NEW : Stories.initialPasswords().get(a.login());
            expected = Objects.equals(pw, a.password()) ? Journal.Outcome.OK : Journal.Outcome.FAILED;
            assertThat(a.outcome()).as("%s", a).isEqualTo(expected);
        }
    }

    /**
     * Every authentication line in the raw files (found by {@link RawAuthLines}, not by the rules) gives one
     * event with the client's address and login, the protocol and, where the line shows it, the server port.
     */
    @ParameterizedTest
    @EnumSource(MailServers.Logging.class)
    void everyAuthLineTheDaemonsWrote_isReadRight(MailServers.Logging logging) {
        Run run = runs.get(logging);
        List<RawAuthLines.Line> written = RawAuthLines.in(run.kept().resolve("raw"));
        Map<String, List<JsonNode>> byPlace = new LinkedHashMap<>();
        for (JsonNode e : run.events()) {
            String type = e.path("type").asText();
            if (type.equals("auth_failure") || type.equals("auth_success")) {
                byPlace.computeIfAbsent(e.path("file").asText() + ":" + e.path("line").asLong(), k -> new ArrayList<>())
                        .add(e);
            }
        }
        List<String> wrong = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        int read = 0;
        Set<String> counted = new LinkedHashSet<>();
        for (RawAuthLines.Line line : written) {
            String place = line.file().toString() + ":" + line.number();
            counted.add(place);
            Map<String, Object> expected = expected(run, line);
            List<JsonNode> got = byPlace.getOrDefault(place, List.of());
            if (got.isEmpty()) {
                missed.add(place + " " + line.text());
                continue;
            }
            Map<String, Object> actual = new LinkedHashMap<>();
            JsonNode e = got.get(0);
            for (String field : expected.keySet()) {
                JsonNode v = e.path(field);
                actual.put(field, v.isNull() || v.isMissingNode() ? null : v.isNumber() ? (Object) v.asInt()
                        : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
            }
            if (got.size() == 1 && actual.equals(expected)) {
                read++;
            } else {
                wrong.add(place + "\n    line:     " + line.text() + "\n    expected: " + expected + "\n    read:     "
                        + actual + (got.size() > 1 ? " (" + got.size() + " events)" : ""));
            }
        }
        List<String> extra = new ArrayList<>();
        byPlace.forEach((place, evs) -> {
            if (!counted.contains(place)) {
                extra.add(place + " " + evs.get(0));
            }
        });
        System.out.printf("real daemons [%s]: %s, Dovecot %s: %d auth lines written, %d read, wrong %d, missed %d,"
                        + " extra %d%n", logging.title, exim, dovecot, written.size(), read, wrong.size(), missed.size(),
                extra.size());
        assertThat(written).as("auth lines written").hasSizeGreaterThan(20);
        assertThat(wrong).as("lines read wrong").isEmpty();
        assertThat(missed).as("auth lines no rule read").isEmpty();
        assertThat(extra).as("auth events from lines that are not auth lines").isEmpty();
        assertThat(read).isEqualTo(written.size());
    }

    /** What a raw line must give, from the client's journal (address and login found in the line's text). */
    private static Map<String, Object> expected(Run run, RawAuthLines.Line line) {
        List<Journal.Attempt> mine = new ArrayList<>();
        for (Journal.Attempt a : run.stories().journal().attempts()) {
            if (Pattern.compile("(?<![0-9.])" + Pattern.quote(a.ip()) + "(?![0-9])").matcher(line.text()).find()
                    && line.text().contains(a.login())) {
                mine.add(a);
            }
        }
        assertThat(mine).as("no scripted client explains %s", line.text()).isNotEmpty();
        Journal.Attempt a = mine.get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", line.kind().success ? "auth_success" : "auth_failure");
        m.put("ip", a.ip());
        m.put("account", a.login());
        switch (line.kind()) {
            case EXIM_FAILURE, EXIM_SUCCESS -> {
                Set<Integer> ports = new LinkedHashSet<>();
                mine.stream().filter(x -> x.server() == Journal.Server.EXIM).forEach(x -> ports.add(x.port()));
                assertThat(ports).as("Exim ports of %s from %s", a.login(), a.ip()).hasSize(1);
                m.put("protocol", "smtp");
                m.put("port", run.logging().eximPorts ? ports.iterator().next() : null);
            }
            case DOVECOT_DETAIL -> {
                // the auth process does not say which service asked (Exim's SMTP AUTH, IMAP, POP3)
                m.put("protocol", "other");
                m.put("port", null);
                m.put("detail", true);
                m.put("reason", Stories.initialPasswords().containsKey(a.login()) ? "password_mismatch" : "unknown_user");
            }
            case DOVECOT_LOGIN, DOVECOT_LOGIN_FAILED -> {
                Set<String> protocols = new LinkedHashSet<>();
                mine.stream().filter(x -> x.server() == Journal.Server.DOVECOT).forEach(x -> protocols.add(x.protocol()));
                assertThat(protocols).as("Dovecot services of %s from %s", a.login(), a.ip()).hasSize(1);
                m.put("protocol", protocols.iterator().next());
                m.put("port", null); // Dovecot 2.3's login lines carry lip= but no local port
            }
        }
        return m;
    }

    /** The stale phone's failures carry one fingerprint, its old password's, not the new one's. */
    @ParameterizedTest
    @EnumSource(MailServers.Logging.class)
    void stalePhone_oneFingerprint_theOldPasswords(MailServers.Logging logging) {
        Set<String> fps = new LinkedHashSet<>();
        int withFp = 0;
        for (JsonNode e : runs.get(logging).events()) {
            if (e.path("type").asText().equals("auth_failure") && e.path("ip").asText().equals(Stories.BOB_PHONE)
                    && e.path("account").asText().equals(Stories.BOB) && e.hasNonNull("password_fp")) {
                fps.add(e.path("password_fp").asText());
                withFp++;
            }
        }
        int failures = (Stories.SLOTS - Stories.FIRST_STALE_SLOT) + Stories.STALE_SMTP_SLOTS.size();
        assertThat(withFp).as("fingerprinted failures of the stale phone").isEqualTo(failures);
        assertThat(fps).containsExactly(sha1(Stories.BOB_OLD, 6));
        assertThat(sha1(Stories.BOB_NEW, 6)).isNotEqualTo(sha1(Stories.BOB_OLD, 6));
    }

    @ParameterizedTest
    @EnumSource(MailServers.Logging.class)
    void verdictsMatchTheStories(MailServers.Logging logging) throws IOException {
        Run run = runs.get(logging);
        JsonNode report = run.report();
        JsonNode bob = account(report, Stories.BOB);
        assertThat(bob.path("verdict").asText()).as("the stale phone's login\n%s", bob).isEqualTo("stale_password");
        assertThat(bob.path("reasons").toString()).as("the reasons name the old password's fingerprint")
                .contains(sha1(Stories.BOB_OLD, 6));
        assertThat(account(report, Stories.CAROL).path("verdict").asText()).as("%s", account(report, Stories.CAROL))
                .isEqualTo("mistyped");
        // the guesser tried alice's and dave's logins too: others are guessing them
        assertThat(account(report, Stories.ALICE).path("verdict").asText()).isEqualTo("targeted");
        assertThat(account(report, Stories.DAVE).path("verdict").asText()).isEqualTo("targeted");
        assertThat(ip(report, Stories.GUESSER).path("verdict").asText()).as("%s", ip(report, Stories.GUESSER))
                .isEqualTo("attacker");
        for (String customer : List.of(Stories.ALICE_PHONE, Stories.ALICE_LAPTOP, Stories.ALICE_TABLET,
                Stories.BOB_PHONE, Stories.BOB_LAPTOP, Stories.CAROL_PC)) {
            // the report lists the addresses with failures; a customer's, where listed, is never an attacker
            for (JsonNode listed : report.path("ips")) {
                if (listed.path("ip").asText().equals(customer)) {
                    assertThat(listed.path("verdict").asText()).as("customer address %s", customer)
                            .isNotEqualTo("attacker");
                }
            }
        }
        assertThat(ip(report, Stories.BOB_PHONE).path("verdict").asText()).isEqualTo("customer");
        List<JsonNode> notices = new ArrayList<>();
        report.path("notices").forEach(notices::add);
        assertThat(notices).as("notices").anySatisfy(n -> {
            assertThat(n.path("account").asText()).isEqualTo(Stories.BOB);
            assertThat(n.path("status").asText()).isEqualTo("drafted");
            assertThat(n.path("to").asText()).isEqualTo(Stories.BOB);
        });
        assertThat(notices).as("only the stale phone's login is told").allSatisfy(n ->
                assertThat(n.path("account").asText()).isEqualTo(Stories.BOB));
        List<Path> drafts;
        try (Stream<Path> s = Files.walk(run.outbox())) {
            drafts = s.filter(p -> p.toString().endsWith(".eml")).toList();
        }
        assertThat(drafts).hasSize(1);
        assertThat(Files.readString(drafts.get(0), StandardCharsets.UTF_8)).contains(Stories.BOB);
    }

    /**
     * How many failures the report counts, one per attempt a client made. One failed SMTP AUTH is written
     * three times: Exim's 535 in the mainlog, the same 535 again in the rejectlog (own files) or written twice
     * through syslog ({@code syslog_duplication}), and Dovecot's echo of it ({@code auth: passwd-file(login,ip):
     * Password mismatch}, no session). Before the correlator counted them once, bob counted 14 and the guesser
     * 13 in all three set-ups.
     *
     * <p>Expected: bob 8 (IMAP in slots 2-7 and SMTP in slots 3 and 6 from the phone), carol 1, the guesser's
     * address 5 (one IMAP, four SMTP), dave 2 (the guesser's try and the SMTP client that hung up at the
     * password prompt, for which Exim's dovecot_login sends Dovecot an empty password: a real 535 and a real
     * {@code Password mismatch (SHA1 of given password: da39a3)}, the SHA1 of the empty string).
     */
    @ParameterizedTest
    @EnumSource(MailServers.Logging.class)
    void eachAttemptCountsOnce(MailServers.Logging logging) {
        JsonNode report = runs.get(logging).report();
        assertThat(account(report, Stories.BOB).path("failures").asInt()).isEqualTo(8);
        assertThat(account(report, Stories.CAROL).path("failures").asInt()).isEqualTo(1);
        assertThat(account(report, Stories.DAVE).path("failures").asInt()).isEqualTo(2);
        assertThat(ip(report, Stories.GUESSER).path("failures").asInt()).isEqualTo(5);
        assertThat(ip(report, Stories.BOB_PHONE).path("failures").asInt()).isEqualTo(8);
        assertThat(account(report, Stories.BOB).path("reasons").toString()).doesNotContain("OTHER");
    }

    private static JsonNode account(JsonNode report, String login) {
        for (JsonNode a : report.path("accounts")) {
            if (a.path("account").asText().equals(login)) {
                return a;
            }
        }
        throw new AssertionError("no account " + login + " in the report");
    }

    private static JsonNode ip(JsonNode report, String ip) {
        for (JsonNode a : report.path("ips")) {
            if (a.path("ip").asText().equals(ip)) {
                return a;
            }
        }
        throw new AssertionError("no address " + ip + " in the report");
    }

    static String sha1(String password, int hexDigits) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> parse(Path kept) throws IOException {
        List<String> args = new ArrayList<>(List.of("parse", "--tz", "UTC", "--format", "jsonl", "--rules-dir",
                SITE_RULES.toString()));
        args.add(kept.resolve("raw").toString());
        String out = cli(args, Clock.systemUTC());
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    private static JsonNode scan(Path story, Path state, Path outbox, Path reportFile, StoryTime time) throws IOException {
        Instant end = time.story(time.slotStart(Stories.SLOTS + 1)).plusSeconds(3600);
        cli(List.of("scan", "--format", "json", "--out", reportFile.toString(), "--tz", "UTC", "--rules-dir",
                SITE_RULES.toString(), "--state",
                state.toString(), "--no-history", "--notify", "drafts", "--outbox", outbox.toString(),
                "--notice-from", "postmaster@example.com", "--notice-server-name", "mail.example.com",
                "--notice-help-url", "https://example.com/mail-help", story.toString()), Clock.fixed(end, ZoneOffset.UTC));
        String json = Files.readString(reportFile, StandardCharsets.UTF_8);
        return ReportSchema.assertValid(json);
    }

    private static String cli(List<String> args, Clock clock) {
        CliCall c = CliCall.run(clock, args.toArray(String[]::new));
        assertThat(c.code()).as("authaudit %s\nstderr: %s", args, c.err()).isIn(0, 10);
        return c.out();
    }

    /** Writes the story-time copy of every raw log (see {@link StoryTime}) into {@code story/}. */
    private static Path writeStoryCopy(Path kept, StoryTime time) throws IOException {
        Path story = kept.resolve("story");
        Files.createDirectories(story);
        try (Stream<Path> s = Files.list(kept.resolve("raw"))) {
            for (Path f : s.sorted().toList()) {
                StringBuilder sb = new StringBuilder();
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    sb.append(time.shift(line)).append('\n');
                }
                Path copy = story.resolve(f.getFileName());
                Files.writeString(copy, sb, StandardCharsets.UTF_8);
                Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.from(
                        time.story(time.slotStart(Stories.SLOTS + 1))));
            }
        }
        return story;
    }

    /**
     * Writes {@code sample/}: the raw logs with documentation addresses and server ports
     * ({@link DocumentationRanges}), the candidate for a reviewed copy in {@code test-fixtures/real/}.
     */
    private static void writeSample(Path kept, MailServers s) throws IOException {
        Path sample = kept.resolve("sample");
        Files.createDirectories(sample);
        Map<Integer, Integer> ports = Map.of(s.ports.eximSubmission(), 587, s.ports.eximSmtps(), 465);
        try (Stream<Path> files = Files.list(kept.resolve("raw"))) {
            for (Path f : files.sorted().toList()) {
                StringBuilder sb = new StringBuilder();
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    sb.append(DocumentationRanges.rewrite(line, ports, s.logging == MailServers.Logging.SYSLOG))
                            .append('\n');
                }
                Files.writeString(sample.resolve(f.getFileName()), sb, StandardCharsets.UTF_8);
            }
        }
    }

    private static void writeJournal(Path file, Journal journal) throws IOException {
        StringBuilder sb = new StringBuilder("# slot story ip login server protocol port outcome started finished\n");
        for (Journal.Attempt a : journal.attempts()) {
            sb.append(String.join(" ", Integer.toString(a.slot()), a.story().replace(' ', '_'), a.ip(), a.login(),
                    a.server().name(), a.protocol(), Integer.toString(a.port()), a.outcome().name(),
                    a.started().toString(), a.finished().toString())).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
}
