package dev.authaudit.act.notice;

import dev.authaudit.act.ActionException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes each notice as an {@code .eml} file ({@code notice-<id>.eml}) that any mail client opens, so
 * an admin can read exactly what a customer would get before turning on sending. A file appears
 * whole or not at all (written beside, then renamed).
 */
public final class DraftFolder implements Delivery {
    private final Path dir;

    /** Creates a drafts folder at {@code dir} (created on first use). */
    public DraftFolder(Path dir) {
        this.dir = dir;
    }

    @Override
    public String deliver(long noticeId, MimeMessage message) {
        Path target = dir.resolve("notice-" + noticeId + ".eml");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".notice-" + noticeId, ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    message.writeTo(out);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return "drafted to " + target;
        } catch (IOException | MessagingException e) {
            throw new ActionException("cannot write notice draft " + target + ": " + e
                    + "; check --outbox and its permissions", true, e);
        }
    }

    /** Returns the folder. */
    public Path dir() {
        return dir;
    }
}
