package dev.authaudit.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One holder per role and state: the second is told who holds it, or waits its turn. */
class StateLockTest {
    @TempDir
    Path dir;

    @Test
    void take_heldByAnother_saysWhoAndWhatToDo() {
        Path db = dir.resolve("authaudit.db");
        try (StateLock first = StateLock.take(db, "watch", "authaudit watch", Duration.ZERO)) {
            assertThatThrownBy(() -> StateLock.take(db, "watch", "authaudit watch", Duration.ZERO))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("in use by authaudit watch, pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("only one watch").hasMessageContaining("--state");
            // another role is not held up
            StateLock.take(db, "hook", "authaudit hook", Duration.ZERO).close();
        }
        StateLock.take(db, "watch", "authaudit watch", Duration.ZERO).close();
    }

    @Test
    void take_withWait_getsTheLockOnceTheHolderLetsGo() throws Exception {
        Path db = dir.resolve("authaudit.db");
        StateLock first = StateLock.take(db, "hook", "authaudit hook", Duration.ZERO);
        CountDownLatch trying = new CountDownLatch(1);
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            trying.countDown();
            try (StateLock l = StateLock.take(db, "hook", "authaudit hook", Duration.ofSeconds(30))) {
                return true;
            }
        });
        assertThat(trying.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second).isNotDone();
        first.close();
        assertThat(second.get(30, TimeUnit.SECONDS)).isTrue();
    }
}
