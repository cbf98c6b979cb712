package dev.authaudit.cli;

import dev.authaudit.act.notice.DeviceSeen;
import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeRecord;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code authaudit notices show ID}: everything the ledger knows about one notice. */
@Command(name = "show", mixinStandardHelpOptions = true,
        header = "Show one notice: decision, recipient, device, delivery attempts and timing against the block.",
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done", "2:no such notice", "3:ledger unreadable"})
public final class NoticesShowCommand implements Callable<Integer> {
    @Mixin
    StateOptions state = new StateOptions();

    @Parameters(paramLabel = "ID", description = "The notice id from 'notices list'.")
    long id;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (NoticeLedger ledger = NoticesCommand.open(state)) {
            NoticeRecord r = ledger.get(id).orElseThrow(() -> new Cli.UsageProblem("no notice " + id + " in "
                    + ledger.file() + "; see 'authaudit notices list'"));
            DeviceSeen d = r.candidate().device();
            row(out, "notice", String.valueOf(r.id()));
            row(out, "login", Terminal.safe(r.account()));
            row(out, "incident", r.incidentKey());
            row(out, "status", r.status().word() + " (" + r.mode().word() + " mode; report: "
                    + r.entry().status() + ")");
            row(out, "reason", Terminal.safe(r.reason()));
            row(out, "to", r.to() == null ? "-" : r.to() + (r.cc() == null ? "" : ", cc " + r.cc()) + " (from "
                    + Terminal.safe(r.via()) + ")");
            row(out, "verdict", r.candidate().verdict() + String.format(java.util.Locale.ROOT, " at %.2f",
                    r.candidate().confidence()) + (r.candidate().blockCause() == null ? ""
                    : ", block cause " + r.candidate().blockCause()));
            row(out, "device", d.ip() + " (network " + d.network() + "), " + d.protocols().stream()
                    .map(p -> p.word()).collect(Collectors.joining(",")) + " ports " + d.ports() + ", client "
                    + (d.clientName() == null ? "-" : "'" + Terminal.safe(d.clientName()) + "'"));
            row(out, "last worked", NoticesCommand.time(d.lastWorked()));
            row(out, "failures", r.candidate().failures() + " from " + NoticesCommand.time(r.candidate().firstFailure())
                    + " to " + NoticesCommand.time(r.candidate().lastFailure()));
            row(out, "decided", NoticesCommand.time(r.dueAt()));
            row(out, "released", NoticesCommand.time(r.releasedAt()) + (r.outcome() == null ? ""
                    : " (" + Terminal.safe(r.outcome()) + ")"));
            row(out, "message-id", r.messageId() == null ? "-" : r.messageId());
            row(out, "attempts", r.attempts() + (r.nextAttemptAt() == null ? "" : ", next at "
                    + NoticesCommand.time(r.nextAttemptAt())));
            if (r.lastError() != null) {
                row(out, "last error", Terminal.safe(r.lastError()));
            }
            row(out, "first block", NoticesCommand.time(r.candidate().firstBlockAt()) + (r.blockedIp() == null ? ""
                    : " (" + r.blockedIp() + ")") + r.aheadOfBlock().map(a -> ", " + a.toMinutes()
                    + " min after the notice").orElse(""));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf("%-12s %s%n", key + ":", value);
    }
}
