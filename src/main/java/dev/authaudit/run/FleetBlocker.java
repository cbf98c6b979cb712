package dev.authaudit.run;

import dev.authaudit.act.firewall.ActionOutcome;
import dev.authaudit.act.firewall.ActionRecord;
import dev.authaudit.act.firewall.ActionStatus;
import dev.authaudit.act.firewall.Csf;
import dev.authaudit.act.firewall.FirewallAction;
import dev.authaudit.act.firewall.FirewallCommand;
import dev.authaudit.act.firewall.FirewallStore;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.publish.FleetVerdictFeed;
import dev.authaudit.text.Escape;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The policy of {@code watch --fleet-act block}: whether an address the fleet judged an attacker is blocked here
 * ({@code csf -td IP TTL "authaudit fleet ..."} through the lfd hook's {@link Csf} runner, or {@code fail2ban-client
 * set JAIL banip IP}: an argument list, no shell, a time limit; {@link FleetFirewall}), and what happens when the
 * fleet withdraws the verdict. Each decision is stored in {@link FleetActionStore} before the firewall runs and
 * returns a sentence for the admin.
 *
 * <p>Never blocked: an address {@link FleetNeverBlock} names (private, own, csf.allow, csf.ignore), one the lfd hook
 * let in or lifted as a customer's device in the last week, one the notice ledger knows as a customer's device, one
 * the caller knows logged in here. Not blocked again:
 * an address this hook blocks now, or blocked before, unless the fleet's evidence grew since. The brake: at most
 * {@link FleetActSettings#maxPerHour()} blocks in any hour (counted in the state); past it, this run stops acting
 * and records dry runs until it is restarted.
 */
public final class FleetBlocker {
    /** How far back a customer device the lfd hook let in is remembered. */
    static final Duration LFD_HOOK_MEMORY = Duration.ofDays(7);
    /** Marks this hook's blocks in csf.tempban (csf keeps the comment). */
    static final String COMMENT = "fleet attacker";

    private final FleetActSettings settings;
    private final FleetActionStore store;
    private final FleetNeverBlock never;
    private final FirewallStore lfdHook;
    private final NoticeLedger ledger;
    private final FleetFirewall firewall;
    private final Clock clock;
    private boolean braked;

    /**
     * @param lfdHook the lfd hook's records (its lifts and allows name customers' devices), or null
     * @param ledger the notice ledger (a customer's device noticed here is never blocked), or null
     * @param csf what runs csf (only used with {@link FleetActSettings#execute()})
     */
    public FleetBlocker(FleetActSettings settings, FleetActionStore store, FleetNeverBlock never,
                        FirewallStore lfdHook, NoticeLedger ledger, Csf csf, Clock clock) {
        this(settings, store, never, lfdHook, ledger, new CsfFleetFirewall(csf, settings.csfTimeout(),
                settings.csfTempban()), clock);
    }

    /**
     * @param lfdHook the lfd hook's records (its lifts and allows name customers' devices), or null
     * @param ledger the notice ledger (a customer's device noticed here is never blocked), or null
     * @param firewall what blocks: csf or a fail2ban jail (only run with {@link FleetActSettings#execute()})
     */
    FleetBlocker(FleetActSettings settings, FleetActionStore store, FleetNeverBlock never, FirewallStore lfdHook,
                 NoticeLedger ledger, FleetFirewall firewall, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.never = never;
        this.lfdHook = lfdHook;
        this.ledger = ledger;
        this.firewall = firewall;
        this.clock = clock;
    }

    /** Returns true once the brake stopped this run from acting. */
    public boolean braked() {
        return braked;
    }

    /**
     * Decides about one attacker verdict; returns what was done, as the end of a sentence about it.
     *
     * @param local why this server knows better (it logged in here), or empty
     */
    public String attacker(FleetVerdictFeed.Attacker a, Optional<String> local) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS); // said and stored to the second
        String ip;
        try {
            ip = FirewallAction.canonical(a.ip());
        } catch (IllegalArgumentException e) {
            return "not acted on: " + e.getMessage();
        }
        int servers = a.failuresByHost().size();
        Optional<String> refusal = local.isPresent() ? local : never.refusal(ip).or(() -> letInByLfdHook(ip, now))
                .or(() -> noticed(ip));
        if (refusal.isPresent()) {
            String why = "never blocked here: " + refusal.get();
            Optional<FleetActionStore.Row> last = store.last(ip);
            FleetActionStore.Row row = last.isPresent() && last.get().kind() == FleetActionStore.Kind.REFUSED
                    && last.get().reason().equals(why) ? last.get()
                    : store.record(now, ip, FleetActionStore.Kind.REFUSED, ActionStatus.SKIPPED, null, a.failures(),
                    servers, null, why);
            return "not acted on: " + refusal.get() + " (fleet action " + row.id() + ")";
        }
        Optional<FleetActionStore.Row> lastBlock = store.lastBlock(ip);
        Optional<FleetActionStore.Row> last = store.last(ip);
        if (lastBlock.isPresent()) {
            FleetActionStore.Row b = lastBlock.get();
            boolean lifted = last.isPresent() && last.get().kind() == FleetActionStore.Kind.LIFT
                    && last.get().status() == ActionStatus.DONE;
            boolean newEvidence = a.failures() > b.failures() || (lifted && a.failures() > last.get().failures());
            if (b.blocking(now) && !lifted) {
                return "already blocked by this hook until " + b.until() + " (fleet action " + b.id() + ", on "
                        + b.failures() + " failure" + (b.failures() == 1 ? "" : "s") + ")";
            }
            if (!newEvidence && b.status() == ActionStatus.DONE) {
                return (lifted ? "its block by this hook was lifted at " + last.get().at() : "its block by this hook"
                        + " ended at " + b.until()) + " and the fleet has no new evidence since (" + a.failures()
                        + " failures, as then), so it is not blocked again (fleet action " + b.id() + ")";
            }
            if (!newEvidence && b.status() == ActionStatus.DRY_RUN && !settings.execute()
                    && b.until().isAfter(now)) {
                return "dry run already recorded at " + b.at() + " (fleet action " + b.id() + "): " + b.command()
                        + " would have run; nothing was run";
            }
        }
        String why = evidence(a);
        FirewallCommand block = firewall.block(ip, settings.ttl(), COMMENT + " " + a.failures()
                + " failures on " + servers + " servers " + a.failuresByHost().keySet().stream().sorted().limit(5)
                .collect(Collectors.joining(" ")));
        Instant until = now.plus(settings.ttl());
        String ttl = DurationWords.of(settings.ttl());
        if (!settings.execute()) {
            int recent = store.blocksSince(now.minus(Duration.ofHours(1)), false);
            String over = recent >= settings.maxPerHour() ? "; with --execute the brake would have stopped here ("
                    + recent + " blocks decided in the last hour, --fleet-block-max " + settings.maxPerHour() + ")"
                    : "";
            FleetActionStore.Row row = store.record(now, ip, FleetActionStore.Kind.BLOCK, ActionStatus.DRY_RUN, until,
                    a.failures(), servers, block.display(), "dry run: " + why + over);
            return "dry run: --fleet-act block would run " + block.display() + " (a block for " + ttl + "); nothing"
                    + " was run without --execute" + over + " (fleet action " + row.id() + ")";
        }
        int recent = store.blocksSince(now.minus(Duration.ofHours(1)), true);
        if (braked || recent >= settings.maxPerHour()) {
            boolean first = !braked;
            braked = true;
            String brake = "brake: " + recent + " block" + (recent == 1 ? "" : "s") + " by this hook in the last hour,"
                    + " --fleet-block-max " + settings.maxPerHour() + "; this run acts on no more fleet verdicts (dry"
                    + " runs instead) until watch is restarted";
            FleetActionStore.Row row = store.record(now, ip, FleetActionStore.Kind.BLOCK, ActionStatus.DRY_RUN, until,
                    a.failures(), servers, block.display(), brake + ": " + why);
            return (first ? "BRAKE ON: " : "") + brake + "; dry run: " + block.display() + " was not run (fleet action "
                    + row.id() + ")";
        }
        // stored before the firewall runs: a crash while it runs leaves a row that says so
        FleetActionStore.Row row = store.record(now, ip, FleetActionStore.Kind.BLOCK, ActionStatus.FAILED, until,
                a.failures(), servers, block.display(), why);
        row = store.finish(row, ActionStatus.FAILED, null, firewall.program() + " started; no result recorded (watch"
                + " stopped while it ran)");
        ActionOutcome o = firewall.run(block);
        row = store.finish(row, o.status(), o.exitCode(), o.output());
        if (o.status() == ActionStatus.DONE) {
            return "blocked for " + ttl + ", until " + until + ": " + block.display() + " (fleet action " + row.id()
                    + ")";
        }
        return "the block failed: " + block.display() + " " + o.status().word() + (o.exitCode() == null ? ""
                : " (exit " + o.exitCode() + ")") + (o.output().isEmpty() ? "" : ": " + Escape.line(o.output(), 200))
                + "; it is tried again when the fleet's evidence grows or watch restarts (fleet action " + row.id()
                + ")";
    }

    /**
     * The fleet no longer judges {@code ip} an attacker ({@code verdict} is its word now): says so about an address
     * this hook blocked (or dry-ran), lifting the block ({@code csf -tr} when csf holds no other temporary block of
     * it; fail2ban's {@code unbanip} in the fleet's jail), else leaving it to its TTL. Returns the sentence, or empty when this hook never acted on it.
     */
    public Optional<String> withdrawn(String literal, String verdict) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS); // said and stored to the second
        String ip;
        try {
            ip = FirewallAction.canonical(literal);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<FleetActionStore.Row> last = store.last(ip);
        if (last.isEmpty() || last.get().kind() != FleetActionStore.Kind.BLOCK) {
            return Optional.empty(); // never acted on, or already said
        }
        FleetActionStore.Row b = last.get();
        String now_ = "the fleet now judges it " + Escape.line(verdict, 40);
        if (b.status() != ActionStatus.DONE) {
            FleetActionStore.Row row = store.record(now, ip, FleetActionStore.Kind.WITHDRAWN, ActionStatus.SKIPPED,
                    null, b.failures(), b.servers(), null, now_ + "; the " + b.status().word() + " block of fleet"
                    + " action " + b.id() + " held nothing to lift");
            return Optional.of(now_ + "; nothing to lift: fleet action " + b.id() + " was a " + b.status().word()
                    + " (fleet action " + row.id() + ")");
        }
        if (!b.blocking(now)) {
            store.record(now, ip, FleetActionStore.Kind.WITHDRAWN, ActionStatus.SKIPPED, null, b.failures(),
                    b.servers(), null, now_ + "; its block ended at " + b.until());
            return Optional.of(now_ + "; its block by this hook already ended at " + b.until());
        }
        Optional<String> keep = !settings.execute() ? Optional.of("without --execute nothing is run")
                : firewall.otherBlock(ip, now);
        if (keep.isPresent()) {
            FleetActionStore.Row row = store.record(now, ip, FleetActionStore.Kind.WITHDRAWN, ActionStatus.SKIPPED,
                    b.until(), b.failures(), b.servers(), null, now_ + "; block left to its TTL: " + keep.get());
            return Optional.of(now_ + "; its block (fleet action " + b.id() + ") is left to its TTL, until "
                    + b.until() + ": " + keep.get() + " (fleet action " + row.id() + ")");
        }
        FirewallCommand lift = firewall.lift(ip);
        FleetActionStore.Row row = store.record(now, ip, FleetActionStore.Kind.LIFT, ActionStatus.FAILED, null,
                b.failures(), b.servers(), lift.display(), now_ + "; lifting fleet action " + b.id());
        row = store.finish(row, ActionStatus.FAILED, null, firewall.program() + " started; no result recorded (watch"
                + " stopped while it ran)");
        ActionOutcome o = firewall.run(lift);
        row = store.finish(row, o.status(), o.exitCode(), o.output());
        return Optional.of(now_ + "; " + (o.status() == ActionStatus.DONE ? "lifted its block (fleet action "
                + b.id() + "): " + lift.display() : "lifting its block failed: " + lift.display() + " "
                + o.status().word() + (o.output().isEmpty() ? "" : ": " + Escape.line(o.output(), 200))
                + "; it ends at " + b.until()) + " (fleet action " + row.id() + ")");
    }

    /** Returns why the lfd hook's records say {@code ip} is a customer's device, if they do. */
    private Optional<String> letInByLfdHook(String ip, Instant now) {
        if (lfdHook == null) {
            return Optional.empty();
        }
        for (ActionRecord r : lfdHook.actions(now.minus(LFD_HOOK_MEMORY))) {
            if (ip.equals(r.ip()) && (r.status() == ActionStatus.DONE || r.status() == ActionStatus.DRY_RUN)) {
                return Optional.of("the lfd hook chose to " + r.kind() + " it at " + r.at() + " as a customer's device ("
                        + Escape.line(r.reason(), 120) + ")");
            }
        }
        return Optional.empty();
    }

    /** Returns why the notice ledger says {@code ip} is a customer's device, if it does (the login is not said). */
    private Optional<String> noticed(String ip) {
        if (ledger == null) {
            return Optional.empty();
        }
        return KnownCustomer.of(ledger.about(ip, List.of()), ip, List.of()).map(k -> "the notice ledger knows it as a"
                + (k.stalePassword() ? " stale-password" : "") + " customer's device (notice " + k.noticeId() + ", "
                + k.noticeStatus().word() + ")");
    }

    /** Returns the fleet's evidence in words (server names are checked by the feed; reasons escaped). */
    static String evidence(FleetVerdictFeed.Attacker a) {
        int servers = a.failuresByHost().size();
        return String.format(java.util.Locale.ROOT, "attacker fleet-wide at confidence %.2f, %d failure%s on %d"
                + " server%s (%s)", a.confidence(), a.failures(), a.failures() == 1 ? "" : "s", servers,
                servers == 1 ? "" : "s", a.failuresByHost().entrySet().stream()
                        .sorted(java.util.Map.Entry.comparingByKey()).limit(10)
                        .map(e -> Escape.line(e.getKey(), 64) + " " + e.getValue())
                        .collect(Collectors.joining(", ")) + (servers > 10 ? ", ..." : ""))
                + (a.reasons().isEmpty() ? "" : "; the fleet says: " + Escape.line(a.reasons().get(0), 300));
    }

    /** Short words for a duration ({@code 24h}, {@code 90m}). */
    static final class DurationWords {
        private DurationWords() {
        }

        static String of(Duration d) {
            long s = d.toSeconds();
            if (s % 86_400 == 0 && s > 86_400) {
                return s / 86_400 + "d";
            }
            if (s % 3600 == 0) {
                return s / 3600 + "h";
            }
            if (s % 60 == 0) {
                return s / 60 + "m";
            }
            return s + "s";
        }
    }
}
