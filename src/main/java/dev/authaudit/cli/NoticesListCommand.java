package dev.authaudit.cli;

import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeRecord;
import dev.authaudit.act.notice.NoticeStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authaudit notices list}: one line per notice, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "List notices: id, status, when, login, recipient and why.",
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done", "2:usage error", "3:ledger unreadable"})
public final class NoticesListCommand implements Callable<Integer> {
    @Mixin
    StateOptions state = new StateOptions();

    @Option(names = "--status", paramLabel = "S", description = "Only this status: queued, sending, sent, drafted,"
            + " suppressed or failed.")
    NoticeStatus status;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N notices.")
    int limit = 200;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (NoticeLedger ledger = NoticesCommand.open(state)) {
            List<NoticeRecord> all = ledger.list().stream().filter(r -> status == null || r.status() == status)
                    .toList();
            all.stream().limit(limit).forEach(r -> out.printf("%5d  %-10s  %s  %-32s  %-32s  %s%n", r.id(),
                    r.status().word(), NoticesCommand.time(r.dueAt()), Terminal.safe(r.account()),
                    r.to() == null ? "-" : r.to(), Terminal.safe(r.entry().reason())));
            out.println(all.size() + (all.size() == 1 ? " notice" : " notices") + " in " + ledger.file()
                    + (all.size() > limit ? " (first " + limit + " shown)" : ""));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
