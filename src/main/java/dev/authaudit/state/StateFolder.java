package dev.authaudit.state;

import dev.authaudit.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Checks a folder authaudit writes into (the state folder, the drafts folder) the way OpenSSH checks
 * the files it trusts: every symbolic link on the way must belong to root or the running user, and
 * the folder itself (when it exists) must belong to root or the running user and must not be
 * writable by its group or by others. So a link another user planted in a world-writable place
 * ({@code /tmp/state -> /etc}) is refused instead of followed, and a root service never writes its
 * database or drafts where someone else chose.
 */
public final class StateFolder {
    private StateFolder() {
    }

    /**
     * Checks {@code dir}; a folder that does not exist yet is fine (it is created owner-only), its
     * existing ancestors' links are still checked.
     *
     * @param what what the folder is for, for the message ("state folder")
     * @param option the option that names it ("--state")
     * @throws ConfigException when the folder or a link on its way is not safe to write into
     */
    public static void check(Path dir, String what, String option) {
        String me = System.getProperty("user.name");
        check(dir, what, option, me.equals("root") ? Set.of("root") : Set.of("root", me), me);
    }

    /** As {@link #check(Path, String, String)}, trusting the owners {@code trusted}; {@code me} names the user. */
    static void check(Path dir, String what, String option, Set<String> trusted, String me) {
        Path abs = dir.toAbsolutePath().normalize();
        Path walked = abs.getRoot();
        for (Path part : abs.getRoot() == null ? abs : abs.getRoot().relativize(abs)) {
            walked = walked == null ? part : walked.resolve(part);
            PosixFileAttributes link;
            try {
                link = Files.readAttributes(walked, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return; // the rest is created by us, owner-only
            } catch (IOException | UnsupportedOperationException e) {
                return; // not a POSIX file system: its own permissions apply
            }
            if (link.isSymbolicLink() && !trusted.contains(link.owner().getName())) {
                throw new ConfigException(dir.toString(), option, "refusing the " + what + " " + dir + ": " + walked
                        + " is a symbolic link owned by " + link.owner().getName() + ", not by root or " + me
                        + "; someone else could point it anywhere. Pass a folder of your own with " + option);
            }
        }
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(abs, PosixFileAttributes.class);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        if (!a.isDirectory()) {
            throw new ConfigException(dir.toString(), option, "the " + what + " " + dir + " is not a folder; pass a"
                    + " folder with " + option);
        }
        if (!trusted.contains(a.owner().getName())) {
            throw new ConfigException(dir.toString(), option, "refusing the " + what + " " + dir + ": it is owned by "
                    + a.owner().getName() + ", not by root or " + me + "; pass a folder of your own with " + option);
        }
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new ConfigException(dir.toString(), option, "refusing the " + what + " " + dir + ": others can write"
                    + " into it (mode " + java.nio.file.attribute.PosixFilePermissions.toString(p) + "); run chmod"
                    + " go-w " + dir + " or pass a folder of your own with " + option);
        }
    }
}
