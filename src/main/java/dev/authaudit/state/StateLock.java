package dev.authaudit.state;

import dev.authaudit.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One holder of a role on one state database at a time: {@code watch} holds its lock for as long as
 * it runs, so a second {@code watch} on the same state (two units, a cron job and the service) stops
 * with a message instead of moving the same checkpoints back and forth. The lock is the kernel's
 * record lock on a small file beside the database ({@code authaudit.db.watch.lock}), so it goes
 * away with the process, also after {@code kill -9}; the file says who holds it.
 */
public final class StateLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the {@code role} lock of the state database {@code db}, waiting up to {@code wait} for the
     * holder to finish.
     *
     * @param role what holds it ("watch", "hook")
     * @param holder a phrase naming the holder, written into the file ("authaudit watch")
     * @throws ConfigException when another process holds it after {@code wait}; the message names it
     */
    public static StateLock take(Path db, String role, String holder, Duration wait) {
        Path file = db.resolveSibling(db.getFileName() + "." + role + ".lock");
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (dir != null) {
                StateFolder.check(dir, "state folder", "--state");
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    try {
                        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system
                    }
                }
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            // Waiting for another process is real time, not event time: a replay's injected clock may stand
            // still, so the wait and the "since" note read the system clock.
            Clock wall = Clock.systemUTC();
            Instant deadline = wall.instant().plus(wait);
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // this JVM holds it already (tests run several commands in one JVM)
                }
                if (l != null) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap((holder + ", pid " + ProcessHandle.current().pid() + ", since "
                            + wall.instant() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    ch.force(false);
                    return new StateLock(ch, l);
                }
                if (!wall.instant().isBefore(deadline)) {
                    String who = who(ch);
                    ch.close();
                    throw new ConfigException(db.toString(), "state", "the state " + db + " is in use by "
                            + (who.isEmpty() ? "another authaudit " + role : who) + "; only one " + role
                            + " may write it at a time. Stop that one first (systemctl stop authaudit, or kill the"
                            + " pid), or give this one its own --state");
                }
                Thread.sleep(50); // the holder's release is not signalled; poll the lock
            }
        } catch (IOException e) {
            throw new ConfigException(db.toString(), "state", "cannot take the lock " + file + ": " + e.getMessage()
                    + "; check --state (it must be a writable folder of your own)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(db.toString(), "state", "interrupted while waiting for the lock " + file);
        }
    }

    /**
     * Returns who holds the {@code role} lock of {@code db} now (the holder's own words: command, pid,
     * since when), or empty when nobody does. Taking and releasing the lock to find out is harmless.
     */
    public static java.util.Optional<String> holder(Path db, String role) {
        Path file = db.resolveSibling(db.getFileName() + "." + role + ".lock");
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l != null) {
                l.release();
                return java.util.Optional.empty();
            }
            String who = who(ch);
            return java.util.Optional.of(who.isEmpty() ? "another authaudit " + role : who);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String who(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(200);
            int n = ch.read(b, 0);
            return n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).strip()
                    .replaceAll("\\p{Cntrl}", "?");
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
