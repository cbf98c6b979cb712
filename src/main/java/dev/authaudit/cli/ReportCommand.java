package dev.authaudit.cli;

import dev.authaudit.history.HistoryCsvWriter;
import dev.authaudit.history.HistoryHtmlWriter;
import dev.authaudit.history.HistoryJsonWriter;
import dev.authaudit.history.HistoryStore;
import dev.authaudit.history.HistorySummary;
import dev.authaudit.history.HistoryTextWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authaudit report}: a period from the history that {@code scan} and {@code watch} keep. */
@Command(name = "report", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Report a period (7d, 30d) from the daily history, without re-reading rotated logs.",
        description = {"Sums the daily aggregates that scan (and watch) keep in the state database:",
            "failures per day by verdict, blocks by cause, notices, stale-password customers and the",
            "busiest logins and addresses."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {
            "0:done", "1:internal error (rerun with --debug)", "2:usage error",
            "3:the state database is unreadable or newer than this authaudit",
            "4:no history recorded yet (run 'authaudit scan' first)"})
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--period", paramLabel = "N", description = "How many days, ending with --until: 7d, 30d,"
            + " or a number of days or weeks (14d, 2w).")
    String period = "7d";

    @Option(names = "--until", paramLabel = "DAY", description = "The period's last day (2025-03-31)."
            + " Default: the latest recorded day.")
    String until;

    @Mixin
    ReportOptions output = new ReportOptions();

    @Mixin
    StateOptions state = new StateOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public ReportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int days = days(period);
        LocalDate end = until == null ? null : day(until);
        if (!Files.exists(state.db())) {
            err.println("authaudit: no history in " + state.db() + ": run 'authaudit scan' on your logs first"
                    + " (it keeps daily aggregates unless --no-history), or pass --state DIR");
            return ExitCodes.INPUT;
        }
        HistorySummary summary;
        try (HistoryStore store = HistoryStore.open(state.db())) {
            LocalDate latest = store.latestDay();
            if (latest == null) {
                err.println("authaudit: the history in " + state.db() + " is empty: run 'authaudit scan' on your"
                        + " logs first (it keeps daily aggregates unless --no-history)");
                return ExitCodes.INPUT;
            }
            // days are counted in the zone of the scan that recorded them
            ZoneId zone = ZoneId.of(store.days(latest, latest).get(0).zone());
            if (end == null) {
                end = latest;
                long behind = ChronoUnit.DAYS.between(latest, context.clock().instant().atZone(zone).toLocalDate());
                if (behind > 1) {
                    err.println("authaudit: note: the history ends " + latest + ", " + behind + " days ago; the"
                            + " period ends there (pass --until to choose)");
                }
            }
            LocalDate from = end.minusDays(days - 1L);
            summary = HistorySummary.of(store.days(from, end), from, end,
                    context.clock().instant().atZone(zone).toOffsetDateTime(), output.top);
        }
        HistorySummary h = summary;
        try {
            output.write(spec.commandLine().getOut(), w -> {
                switch (output.format) {
                    case json -> new HistoryJsonWriter().write(h, w);
                    case csv -> new HistoryCsvWriter().write(h, w);
                    case html -> new HistoryHtmlWriter().write(h, w);
                    default -> new HistoryTextWriter().write(h, w);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (output.out != null) {
            err.println("authaudit: report written to " + output.out);
        }
        err.flush();
        return ExitCodes.OK;
    }

    static int days(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d{1,4}[dw]")) {
            int n = Integer.parseInt(t.substring(0, t.length() - 1)) * (t.endsWith("w") ? 7 : 1);
            if (n >= 1 && n <= 3660) {
                return n;
            }
        }
        throw new Cli.UsageProblem("--period " + text + " is not a number of days; use 7d, 30d or 2w");
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new Cli.UsageProblem("--until " + text + " is not a day; use 2025-03-31");
        }
    }
}
