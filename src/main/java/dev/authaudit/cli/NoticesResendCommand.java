package dev.authaudit.cli;

import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code authaudit notices resend ID}: queue a sent, drafted or failed notice to be sent again. */
@Command(name = "resend", mixinStandardHelpOptions = true,
        header = "Queue a sent, drafted or failed notice to be sent (again) with a new Message-ID.",
        description = {"The notice goes out with the next 'authaudit watch --notify send' or",
            "'authaudit scan --notify send' that uses the same --state. Suppressed notices cannot be",
            "resent: fix what the reason names, and the next run decides again."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:queued", "2:no such notice, or not resendable",
            "3:ledger unreadable"})
public final class NoticesResendCommand implements Callable<Integer> {
    @Mixin
    StateOptions state = new StateOptions();

    @Parameters(paramLabel = "ID", description = "The notice id from 'notices list'.")
    long id;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public NoticesResendCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (NoticeLedger ledger = NoticesCommand.open(state)) {
            NoticeRecord r = ledger.get(id).orElseThrow(() -> new Cli.UsageProblem("no notice " + id + " in "
                    + ledger.file() + "; see 'authaudit notices list'"));
            if (!ledger.resend(id, context.clock().instant())) {
                throw new Cli.UsageProblem("notice " + id + " is " + r.status().word() + " and cannot be resent"
                        + (r.status().word().equals("suppressed") ? " (" + Terminal.safe(r.reason()) + ")"
                        : ": it is still waiting to go out"));
            }
            spec.commandLine().getOut().println("notice " + id + " to " + r.to() + " is queued to be sent again;"
                    + " it goes out with the next 'watch --notify send' or 'scan --notify send' on " + ledger.file());
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
