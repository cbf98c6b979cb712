package dev.authaudit.state;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder authaudit writes into is refused when someone else controls it or a link on its way. */
class StateFolderTest {
    private static final String ME = System.getProperty("user.name");

    @TempDir
    Path dir;

    @Test
    void check_ownFolderOrOneStillToCreate_passes() throws Exception {
        Path own = Files.createDirectory(dir.resolve("state"));
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
        StateFolder.check(own, "state folder", "--state");
        StateFolder.check(dir.resolve("not-yet/state"), "state folder", "--state");
    }

    @Test
    void check_symlinkOwnedByAnotherUser_isRefusedNotFollowed() throws Exception {
        Path target = Files.createDirectory(dir.resolve("etc"));
        Path link = Files.createSymbolicLink(dir.resolve("state"), target);
        // the link belongs to the user running the test: checked as someone else, it is another user's link
        Set<String> others = Set.of("alice");
        assertThatThrownBy(() -> StateFolder.check(link, "state folder", "--state", others, "alice"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is a symbolic link owned by " + ME)
                .hasMessageContaining("--state");
        assertThatThrownBy(() -> StateFolder.check(link.resolve("outbox"), "drafts folder", "--outbox", others,
                "alice"))
                .hasMessageContaining("symbolic link");
        // the same link is the user's own when checked as that user (or root)
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        StateFolder.check(link, "state folder", "--state");
    }

    @Test
    void check_folderOfAnotherOwner_isRefused() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("theirs"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> StateFolder.check(folder, "state folder", "--state", Set.of("alice"), "alice"))
                .hasMessageContaining("owned by " + ME);
    }

    @Test
    void check_groupOrWorldWritableFolder_isRefusedWithTheFix() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> StateFolder.check(open, "state folder", "--state"))
                .hasMessageContaining("others can write").hasMessageContaining("chmod go-w");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwx---"));
        assertThatThrownBy(() -> StateFolder.check(open, "state folder", "--state"))
                .hasMessageContaining("others can write");
    }
}
