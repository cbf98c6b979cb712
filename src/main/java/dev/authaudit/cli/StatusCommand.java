package dev.authaudit.cli;

import dev.authaudit.act.notice.NoticeLedger;
import dev.authaudit.act.notice.NoticeRecord;
import dev.authaudit.act.notice.NoticeStatus;
import dev.authaudit.ingest.Checkpoint;
import dev.authaudit.state.SqliteCheckpointStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code authaudit status}: what {@code watch} follows, how far it has read, and its notices. */
@Command(name = "status", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Show watch's state: files followed and their positions, last event, notices queued and sent.",
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:done", "2:usage error",
            "3:the state database is unreadable"})
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    StateOptions state = new StateOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public StatusCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path db = state.db();
        if (!Files.exists(db)) {
            out.println("no state in " + db + ": watch has not run with this --state (or --db)");
            out.flush();
            return ExitCodes.OK;
        }
        out.println("state: " + db);
        out.println("watch: " + dev.authaudit.state.StateLock.holder(db, "watch").map(h -> "running (" + Terminal.safe(h)
                + ")").orElse("not running on this state"));
        try (SqliteCheckpointStore store = SqliteCheckpointStore.open(db, Duration.ofMinutes(1), Duration.ofHours(3))) {
            List<Checkpoint> cps = store.all();
            out.println(cps.isEmpty() ? "files followed: none yet" : "files followed:");
            for (Checkpoint c : cps) {
                out.println("  " + Terminal.safe(c.path()));
                out.println("    " + position(c) + "  last event " + (c.lastEvent() == null ? "-" : c.lastEvent())
                        + "  saved " + store.savedAt(c.path()).map(t -> t + " (" + age(t) + " ago)").orElse("-"));
            }
        }
        try (NoticeLedger ledger = NoticeLedger.open(db)) {
            Map<NoticeStatus, Integer> counts = new EnumMap<>(NoticeStatus.class);
            for (NoticeRecord r : ledger.list()) {
                counts.merge(r.status(), 1, Integer::sum);
            }
            StringBuilder sb = new StringBuilder("notices:");
            for (NoticeStatus s : NoticeStatus.values()) {
                sb.append(' ').append(s.word()).append(' ').append(counts.getOrDefault(s, 0)).append(',');
            }
            sb.setLength(sb.length() - 1);
            out.println(sb);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String position(Checkpoint c) {
        Path p = Path.of(c.path());
        String where = "inode " + c.inode() + "  offset " + c.offset() + "  line " + c.line();
        try {
            long ino = ((Number) Files.getAttribute(p, "unix:ino")).longValue();
            long size = Files.size(p);
            if (ino != c.inode()) {
                return where + "  rotated since (now inode " + ino + ", " + bytes(size) + " unread)";
            }
            return where + "  size " + size + "  lag " + bytes(Math.max(0, size - c.offset()))
                    + (size < c.offset() ? " (truncated since)" : "");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return where + "  (" + (Files.exists(p) ? "unreadable now" : "gone now") + ")";
        }
    }

    private String age(java.time.Instant t) {
        Duration d = Duration.between(t, context.clock().instant());
        if (d.isNegative()) {
            return "0s";
        }
        return d.toHours() > 0 ? d.toHours() + "h" + d.toMinutesPart() + "m"
                : d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1 << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
