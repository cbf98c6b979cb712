package dev.authaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.classify.IpVerdict;
import dev.authaudit.correlate.CorrelationSettings;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.PasswordRedactor;
import dev.authaudit.parse.TimeResolver;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.report.BlockedNow;
import dev.authaudit.report.StoryTextWriter;
import dev.authaudit.rules.RuleSet;
import dev.authaudit.tune.LfdFlavour;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The flows of {@code blocks}, {@code explain} and {@code tune} run without the command line, settings in and
 * outcome out, over the shipped sample and the csf files made for it.
 */
class ReplayRunsTest {
    private static final Path REPO = Path.of(System.getProperty("authaudit.repo", "."));
    private static final Path CSF = REPO.resolve("test-fixtures/csf");
    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    /** When the csf fixtures were written for: one temporary block still held, one whose time is up. */
    private static final Clock WALL = Clock.fixed(Instant.parse("2025-03-11T22:30:00Z"), ZONE);
    /** Stale-password customer of the sample, blocked by lfd for its failures (csf.tempban). */
    private static final String CUSTOMER = "198.51.100.141";

    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    private static ScanInputs sample() {
        ScanInputs inputs = ScanInputs.of(List.of(REPO.resolve("test-fixtures/sample").toString()), null);
        assertThat(inputs.problems()).isEmpty();
        return inputs;
    }

    private Replay replay(ScanInputs inputs) {
        LineParser parser = new LineParser(RuleSet.load(List.of(REPO.resolve("rules"))), new TimeResolver(ZONE, null),
                new PasswordRedactor(new byte[32]));
        return new Replay(parser, YearAnchor.of(inputs.logs(), new TimeResolver(ZONE, null)), WALL,
                new ByteArrayInputStream(new byte[0]), err, false);
    }

    private BlocksRun.Settings blocks(ScanInputs inputs) {
        return new BlocksRun.Settings(CSF.resolve("csf.deny"), CSF.resolve("csf.tempban"), CSF.resolve("csf.tempip"),
                inputs, CorrelationSettings.defaults(), null, null);
    }

    @Test
    void blocks_withoutLogs_listsWhatCsfHoldsUnjudged() {
        BlocksRun.Outcome o = new BlocksRun(blocks(null), null, Optional::empty, ZONE, WALL, err).run();

        assertThat(o.judged()).isFalse();
        assertThat(o.trouble()).isFalse();
        assertThat(o.rows()).isNotEmpty().allMatch(r -> r.verdict() == null);
        assertThat(errText.toString()).isEmpty();
    }

    @Test
    void blocks_withTheSample_joinsTheHeldBlockOfTheCustomerWithItsVerdict() {
        ScanInputs inputs = sample();
        BlocksRun.Outcome o = new BlocksRun(blocks(inputs), replay(inputs), () -> Optional.of("note: zone"), ZONE,
                WALL, err).run();

        assertThat(o.judged()).isTrue();
        assertThat(o.trouble()).isFalse();
        BlockedNow.Row customer = o.rows().stream().filter(r -> CUSTOMER.equals(r.block().ip())).findFirst()
                .orElseThrow();
        assertThat(customer.verdict()).isEqualTo(IpVerdict.CUSTOMER);
        assertThat(customer.block().permanent()).isFalse();
        assertThat(errText.toString()).contains("authaudit: note: zone");
    }

    @Test
    void explain_subject_readsAnAddressOrALogin() {
        assertThat(ExplainRun.Subject.of("2001:DB8::0001")).isEqualTo(new ExplainRun.Subject("2001:db8::1", true));
        assertThat(ExplainRun.Subject.of(" Info@Example.COM ")).isEqualTo(
                new ExplainRun.Subject("info@example.com", false));
        assertThat(ExplainRun.Subject.of("  ").key()).isEmpty();
    }

    @Test
    void explain_theCustomersAddress_tellsItsVerdictAndItsBlock() {
        ScanInputs inputs = sample();
        ExplainRun.Outcome o = new ExplainRun(new ExplainRun.Settings(inputs, CorrelationSettings.defaults(), null,
                null, ExplainRun.Subject.of(CUSTOMER)), replay(inputs), Optional::empty, err).run();

        assertThat(o.inputTrouble()).isFalse();
        assertThat(o.explanation().subject()).isEqualTo(CUSTOMER);
        assertThat(o.explanation().verdict()).isEqualTo("customer");
        assertThat(o.explanation().blocks()).isNotEmpty();
        assertThat(o.explanation().timeline()).isNotEmpty();
    }

    @Test
    void explain_anAddressUsedByManyLogins_printsTheirRolesInLoginOrder() {
        ScanInputs inputs = sample();
        ExplainRun.Outcome o = new ExplainRun(new ExplainRun.Settings(inputs, CorrelationSettings.defaults(), null,
                null, ExplainRun.Subject.of(CUSTOMER)), replay(inputs), Optional::empty, err).run();
        StringWriter text = new StringWriter();
        StoryTextWriter.write(o.explanation(), CUSTOMER, true, ZONE, false, new PrintWriter(text, true));

        List<String> lines = text.toString().lines().toList();
        int at = lines.indexOf("Role for each login it used");
        assertThat(at).isPositive();
        List<String> logins = lines.subList(at + 1, lines.size()).stream().takeWhile(l -> l.startsWith("  "))
                .map(l -> l.trim().split(" +")[0]).toList();
        assertThat(logins).hasSize(o.explanation().roles().size()).hasSizeGreaterThan(2).isSorted();
    }

    @Test
    void explain_anAddressNotInTheLogs_hasNoStory() {
        ScanInputs inputs = sample();
        ExplainRun.Outcome o = new ExplainRun(new ExplainRun.Settings(inputs, CorrelationSettings.defaults(), null,
                null, ExplainRun.Subject.of("192.0.2.1")), replay(inputs), Optional::empty, err).run();

        assertThat(o.explanation() == null || o.explanation().timeline().isEmpty()).isTrue();
    }

    @Test
    void tune_theSample_theLfdModelReproducesEveryLoggedBlock() {
        ScanInputs inputs = sample();
        TuneRun.Outcome o = new TuneRun(new TuneRun.Settings(inputs, CorrelationSettings.defaults(), null, null,
                LfdFlavour.CPANEL_CSF_16, List.of(), 10, 10), replay(inputs), Optional::empty, err).run();

        assertThat(o.inputTrouble()).isFalse();
        assertThat(o.report().csfSource()).endsWith("csf.conf");
        assertThat(o.report().lfdAgreement().realBlocks()).isPositive();
        assertThat(o.report().lfdAgreement().reproduced()).isEqualTo(o.report().lfdAgreement().realBlocks());
        assertThat(o.report().jails()).isEmpty();
    }
}
