package dev.authaudit.cli;

import dev.authaudit.act.notice.NoticeLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authaudit notices purge}: forget old notices. */
@Command(name = "purge", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Delete notices decided before a cut-off; notices still waiting to go out are kept.",
        description = {"The ledger is what stops a replay from notifying twice: after a purge, replaying logs",
            "older than the cut-off can decide those notices again."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done", "2:usage error", "3:ledger unreadable"})
public final class NoticesPurgeCommand implements Callable<Integer> {
    @Mixin
    StateOptions state = new StateOptions();

    @Option(names = "--older-than", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Age of the notices to delete (90d, 12h, 30m).")
    Duration olderThan = Duration.ofDays(90);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public NoticesPurgeCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (olderThan.isNegative()) {
            throw new Cli.UsageProblem("--older-than " + olderThan + " must not be negative");
        }
        Instant before = context.clock().instant().minus(olderThan);
        try (NoticeLedger ledger = NoticesCommand.open(state)) {
            int n = ledger.purge(before);
            spec.commandLine().getOut().println("purged " + n + (n == 1 ? " notice" : " notices") + " decided before "
                    + NoticesCommand.time(before) + " from " + ledger.file());
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
