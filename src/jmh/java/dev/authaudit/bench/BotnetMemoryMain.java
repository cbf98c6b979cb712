package dev.authaudit.bench;

import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.Auditor;
import dev.authaudit.correlate.CorrelationStore;
import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.FailureReason;
import dev.authaudit.event.Origin;
import dev.authaudit.event.Protocol;
import dev.authaudit.report.Report;
import dev.authaudit.report.ReportAssembler;
import dev.authaudit.report.ReportJsonWriter;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Feeds the whole engine (correlator, streaming classifier, final verdicts, JSON report) with a botnet
 * of N distinct addresses that each fail once, and prints heap use as it goes: the proof that memory
 * is bounded by the caps in {@code CorrelationSettings}, not by the number of addresses.
 *
 * <p>Run: {@code mvn -B -o -Pjmh -DskipTests package && java -Xmx512m -Xlog:gc:file=/tmp/gc.log -cp
 * target/authaudit-0.1.0-SNAPSHOT.jar dev.authaudit.bench.BotnetMemoryMain 1000000 [LOGINS]}, LOGINS the
 * distinct logins the botnet works through (default 5,000; a million makes every login new). It prints the
 * largest heap in use seen at any checkpoint (garbage included) and the largest live heap right after
 * a full collection at the checkpoints, and the table sizes at the end. No timing is asserted here.
 */
public final class BotnetMemoryMain {
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 3, 2, 0, 0, 0, 0, ZoneOffset.UTC);

    private BotnetMemoryMain() {
    }

    public static void main(String[] args) {
        int addresses = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int logins = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        SplittableRandom rng = new SplittableRandom(42);
        Auditor auditor = Auditor.builder().build();
        Runtime rt = Runtime.getRuntime();
        long peakUsed = 0;
        long peakLive = 0;
        int checkpoint = Math.max(1, addresses / 10);
        for (int i = 0; i < addresses; i++) {
            // one attempt every half second: a million addresses over about six days of event time
            OffsetDateTime t = START.plusNanos(500_000_000L * i);
            String ip = i % 10 == 9 ? "2001:db8:" + Integer.toHexString(i >>> 16) + ":" + Integer.toHexString(i & 0xffff)
                    + "::1" : (11 + (i >>> 24)) + "." + ((i >>> 16) & 0xff) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff);
            int l = rng.nextInt(logins);
            String login = "user" + l + "@example" + (l % 50) + ".com";
            boolean smtp = rng.nextInt(5) < 2;
            auditor.accept(new AuthFailure(t, new Origin(smtp ? "exim" : "dovecot", "bench.auth-failed", "botnet.log", i),
                    ip, login, smtp ? Protocol.SMTP : Protocol.IMAP, smtp ? 587 : 993, FailureReason.PASSWORD_MISMATCH,
                    1, false, Long.toHexString(rng.nextLong() & 0xfffffffL), null, "LOGIN", "User", null));
            if (i % 1000 == 0) {
                auditor.tick();
                peakUsed = Math.max(peakUsed, rt.totalMemory() - rt.freeMemory());
            }
            if ((i + 1) % checkpoint == 0) {
                System.gc();
                long live = rt.totalMemory() - rt.freeMemory();
                peakLive = Math.max(peakLive, live);
                CorrelationStore s = auditor.correlator().store();
                System.out.printf("%,10d addresses: live heap after GC %,d MB; ips %,d (with their windows), accounts %,d,"
                        + " pair windows beyond them %,d, pair history %,d%n", i + 1, live >> 20, s.ips().size(),
                        s.accounts().size(), s.pairWindows().size(), s.pairHistory().size());
            }
        }
        AuditResult result = auditor.finish();
        peakUsed = Math.max(peakUsed, rt.totalMemory() - rt.freeMemory());
        Report report = new ReportAssembler().assemble(result, START.plusDays(7), List.of(), List.of());
        new ReportJsonWriter().write(report, Writer.nullWriter());
        peakUsed = Math.max(peakUsed, rt.totalMemory() - rt.freeMemory());
        System.gc();
        peakLive = Math.max(peakLive, rt.totalMemory() - rt.freeMemory());
        System.out.printf("report: %,d accounts, %,d addresses (%,d addresses and %,d logins evicted from the"
                + " summaries)%n", result.accounts().size(), result.ips().size(), result.correlation().omitted().ips(),
                result.correlation().omitted().accounts());
        System.out.printf("max heap %,d MB; peak heap in use %,d MB; peak live heap after GC %,d MB%n",
                rt.maxMemory() >> 20, peakUsed >> 20, peakLive >> 20);
    }
}
