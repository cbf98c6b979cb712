package dev.authaudit.cli;

import dev.authaudit.act.firewall.ActionPolicy;
import dev.authaudit.act.firewall.ActionRecord;
import dev.authaudit.act.firewall.FirewallStore;
import dev.authaudit.act.notice.NoticeDispatcher;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.config.CsfConfig;
import dev.authaudit.lab.Lab;
import dev.authaudit.lab.LabClock;
import dev.authaudit.lab.LabScript;
import dev.authaudit.lab.LfdSimulator;
import dev.authaudit.lab.NoticeInbox;
import dev.authaudit.parse.LineParser;
import dev.authaudit.report.ActionEntry;
import dev.authaudit.report.InputSummary;
import dev.authaudit.report.Report;
import dev.authaudit.report.ReportAssembler;
import dev.authaudit.run.BlockHook;
import dev.authaudit.run.HookDeadline;
import dev.authaudit.run.LfdBlockExplainer;
import dev.authaudit.run.LiveFeed;
import dev.authaudit.run.NoticeFlow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo: the lab and the live engine side by side. The lab's lines go to the engine as they are
 * written; a stale_password verdict becomes a notice sent at once to the lab's inbox; lfd's block
 * calls the BLOCK_REPORT hook in-process (actions as a dry run: the lab has no firewall). At the end
 * the auditor's verdicts, the notices and the hook's actions make one report-v1 report.
 */
final class DemoRun {
    /** What the end-to-end test checks. */
    record Outcome(Report report, Instant staleFound, Instant noticeLanded, Instant phoneBlocked,
                   List<String> staleLogins, List<NoticeInbox.Landed> inbox, List<String> hooks) {
    }

    private final Path dir;
    private final int speed;
    private final Duration tick;
    private final Duration limit;
    private final InputOptions input;
    private final NoticeOptions notices;
    private final StateOptions state;
    private final ActionPolicy policy;
    private final Clock wall;

    /**
     * @param dir where the lab's logs go
     * @param speed lab seconds per real second
     * @param tick the real length of one polling interval
     * @param limit the longest the story may run
     * @param notices notice options; SMTP settings are pointed at the lab's inbox here
     * @param policy the hook's firewall policy (always a dry run in the lab)
     * @param wall the real clock
     */
    DemoRun(Path dir, int speed, Duration tick, Duration limit, InputOptions input, NoticeOptions notices,
            StateOptions state, ActionPolicy policy, Clock wall) {
        this.dir = dir;
        this.speed = speed;
        this.tick = tick;
        this.limit = limit;
        this.input = input;
        this.notices = notices;
        this.state = state;
        this.policy = new ActionPolicy(policy.enabled(), policy.allowTtl(), false);
        this.wall = wall;
    }

    @SuppressWarnings("try") // the inbox watch only needs closing
    Outcome run(java.io.PrintWriter out) throws Exception {
        LabClock clock = new LabClock(wall.withZone(ZoneOffset.UTC), wall.instant().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS), speed);
        Instant start = clock.instant();
        DemoConsole console = new DemoConsole(out, clock, LabScript.PHONE.address());
        LineParser parser = input.parser(input.ruleSet());
        AtomicReference<BlockHook> hook = new AtomicReference<>();
        try (Lab lab = new Lab(dir, clock, LfdSimulator.Settings.defaults(), args -> runHook(hook.get(), args, console));
             NoticeLedger ledger = NoticeLedger.open(state.db())) {
            notices.notify = dev.authaudit.act.notice.DeliveryMode.SEND;
            notices.smtpHost = "127.0.0.1";
            notices.smtpPort = lab.inbox().port();
            notices.smtpSecurity = dev.authaudit.act.notice.SmtpSettings.Security.NONE;
            NoticeDispatcher dispatcher = notices.settings().dispatcher(ledger, input.rulesDir(), ZoneOffset.UTC,
                    state.state());
            AtomicReference<Auditor> self = new AtomicReference<>();
            NoticeFlow flow = new NoticeFlow(ledger, notices.settings(), clock, self::get, dispatcher);
            Auditor auditor = Auditor.builder().clock(clock).live(true).observer(o -> {
                console.observed(o);
                flow.accept(o);
            }).build();
            self.set(auditor);
            hook.set(new BlockHook(new LfdBlockExplainer(parser, ZoneOffset.UTC, CsfConfig.defaults()), state.db(),
                    notices.settings(), policy, (a, t) -> {
                        throw new IllegalStateException("the lab never runs csf");
                    }, Duration.ofSeconds(3), clock));
            List<InputSummary> inputs;
            AuditResult result;
            try (LiveFeed feed = new LiveFeed(parser, auditor, flow::onEvent, clock);
                 InboxWatch watch = new InboxWatch(lab.inbox(), console::landed)) {
                lab.mainlog().listen(feed.follow(lab.mainlog().file().toString()));
                var lfdFeed = feed.follow(lab.lfdLog().file().toString());
                lab.lfdLog().listen(line -> {
                    console.lfd(line);
                    lfdFeed.accept(line);
                });
                console.say("lab", "SMTP submission on 127.0.0.1:" + lab.smtpPort() + ", notices to 127.0.0.1:"
                        + lab.inbox().port() + ", logs in " + dir + " (1 s = " + speed + " s lab time)");
                try (LabScript script = lab.script(tick, console::client)) {
                    script.start();
                    if (!script.awaitDone(limit)) {
                        console.say("lab", "the story did not end within " + limit.toSeconds() + " s; stopping");
                    }
                }
                Bounded.await(() -> console.hooks().size() >= 2, Duration.ofSeconds(10));
                feed.drain();
                inputs = feed.inputs("lab");
                result = auditor.finish();
            }
            List<ActionEntry> actions = new ArrayList<>();
            try (FirewallStore store = FirewallStore.open(state.db())) {
                for (ActionRecord a : store.actions(start)) {
                    actions.add(new ActionEntry(a.at().atOffset(ZoneOffset.UTC), a.ip(), a.kind(), a.status().word(),
                            a.command(), a.exitCode(), a.reason()));
                }
            }
            Report report = new ReportAssembler().assemble(result, wall.instant().atOffset(ZoneOffset.UTC), inputs,
                    flow.entries(ZoneOffset.UTC)).withActions(actions);
            return new Outcome(report, console.firstStale(), console.firstLanded(), console.phoneBlocked(),
                    console.staleLogins(), console.inbox(), console.hooks());
        }
    }

    private void runHook(BlockHook hook, List<String> args, DemoConsole console) {
        HookDeadline deadline = new HookDeadline(HookDeadline.DEFAULT_BUDGET, wall);
        try {
            Optional<String> s = deadline.run(() -> hook.handle(args, deadline::remaining));
            console.hook(s.orElse("gave up after " + deadline.budget().toSeconds() + " s"));
        } catch (Exception e) {
            console.hook("failed: " + e.getMessage());
        }
    }
}
