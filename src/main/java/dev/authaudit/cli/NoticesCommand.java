package dev.authaudit.cli;

import dev.authaudit.act.notice.NoticeLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code authaudit notices}: the customer notices in the ledger, and what to do with them. */
@Command(name = "notices", mixinStandardHelpOptions = true,
        header = "List, show, resend or purge the customer notices in the ledger; preview the template.",
        description = {"Notices are decided by 'scan --notify' and 'watch --notify' and kept in the state folder's",
            "SQLite ledger, one per (login, incident), so nothing is lost or repeated across restarts."},
        subcommands = {NoticesListCommand.class, NoticesShowCommand.class, NoticesResendCommand.class,
            NoticesPurgeCommand.class, NoticesPreviewCommand.class},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done", "2:usage error (unknown notice id)",
            "3:the ledger cannot be opened"})
public final class NoticesCommand implements Runnable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens the ledger named by {@code state}, refusing to create one where none exists. */
    static NoticeLedger open(StateOptions state) {
        Path db = state.db();
        if (!Files.isRegularFile(db)) {
            throw new Cli.UsageProblem("no notice ledger at " + db + ": nothing was recorded there yet; pass the"
                    + " --state (or --db) that scan/watch used");
        }
        return NoticeLedger.open(db);
    }

    /** Returns {@code t} with the system zone's offset, or {@code -}. */
    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t.atZone(ZoneId.systemDefault()));
    }
}
