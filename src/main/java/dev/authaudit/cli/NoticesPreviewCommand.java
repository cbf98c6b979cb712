package dev.authaudit.cli;

import dev.authaudit.act.notice.AddressCheck;
import dev.authaudit.act.notice.DeviceSeen;
import dev.authaudit.act.notice.IncidentKey;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.act.notice.NoticeComposer;
import dev.authaudit.event.Protocol;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code authaudit notices preview}: renders the notice for a made-up device with the templates and
 * sender settings given, into a file or to the admin's own address, so that an edited template is seen
 * before a customer sees it.
 */
@Command(name = "preview", mixinStandardHelpOptions = true,
        header = "Render a sample notice into a file or to your own address, to check the templates.",
        description = {"The sample is a made-up device (an iPhone on a home connection, failing for two hours)",
            "rendered with rules/notices/LANG and the --notice-* options that scan and watch use.",
            "--out FILE.eml writes the whole message, FILE.html or FILE.txt only that part;",
            "--send-to ADDR mails it through the --smtp-* server."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {"0:written or sent", "2:usage error",
            "3:a template or a --notice-* option is invalid", "4:the file cannot be written",
            "5:the SMTP server did not take it"})
public final class NoticesPreviewCommand implements Callable<Integer> {
    @Mixin
    NoticeOptions notices = new NoticeOptions();

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the sample here (.eml, .html or .txt).")
    Path out;

    @Option(names = "--send-to", paramLabel = "ADDR", description = "Mail the sample to this address (yours).")
    String sendTo;

    @Option(names = "--login", paramLabel = "LOGIN", description = "The sample's login.")
    String login = "customer@example.com";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public NoticesPreviewCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws MessagingException, IOException {
        if (out == null && sendTo == null) {
            throw new Cli.UsageProblem("say where the sample goes: --out FILE (.eml, .html or .txt) or --send-to"
                    + " your own address");
        }
        if (sendTo != null) {
            AddressCheck.problem(sendTo).ifPresent(p -> {
                throw new Cli.UsageProblem("--send-to: " + p);
            });
        }
        NoticeComposer composer = notices.settings().composer(input.rulesDir(), input.zone());
        NoticeCandidate sample = sample(context.clock().instant());
        MimeMessage m = composer.compose(sample, sendTo != null ? sendTo : sample.account(), null,
                composer.messageId(sample.account(), "preview-" + context.clock().millis(), 0),
                context.clock().instant());
        m.setHeader("X-Authaudit-Preview", "sample notice, not about a real device");
        m.saveChanges();
        PrintWriter w = spec.commandLine().getOut();
        if (out != null) {
            try {
                write(m, out);
            } catch (IOException e) {
                spec.commandLine().getErr().println("authaudit: cannot write " + out + ": " + e.getMessage());
                return ExitCodes.INPUT;
            }
            w.println("authaudit: wrote the sample notice to " + out);
        }
        if (sendTo != null) {
            String how = notices.settings().smtpDelivery().deliver(0, m);
            w.println("authaudit: sent the sample notice to " + sendTo + " (" + how + ")");
        }
        w.flush();
        return ExitCodes.OK;
    }

    private NoticeCandidate sample(Instant now) {
        Instant last = now.minus(Duration.ofMinutes(5));
        Instant first = now.minus(Duration.ofHours(2));
        DeviceSeen d = new DeviceSeen("203.0.113.45", "203.0.113.0/24", EnumSet.of(Protocol.IMAP, Protocol.SMTP),
                new TreeSet<>(Set.of(587, 993)), "Bens-iPhone", now.minus(Duration.ofDays(3)));
        String account = login.toLowerCase(Locale.ROOT);
        return new NoticeCandidate(account, NoticeCandidate.STALE_PASSWORD, 0.95, last, true, false, false, null, d,
                first, last, 37, null, IncidentKey.of(account, d.network(), first));
    }

    private static void write(MimeMessage m, Path file) throws MessagingException, IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        MimeMultipart parts = (MimeMultipart) m.getContent();
        byte[] bytes;
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            bytes = ((String) parts.getBodyPart(1).getContent()).getBytes(StandardCharsets.UTF_8);
        } else if (name.endsWith(".txt")) {
            bytes = ("Subject: " + m.getSubject() + "\n\n" + parts.getBodyPart(0).getContent())
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            m.writeTo(b);
            bytes = b.toByteArray();
        }
        Files.write(file, bytes);
    }
}
