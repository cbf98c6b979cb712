package dev.authaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.publish.PublishException;
import dev.authaudit.publish.Publishers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch --publish}: a target no publisher on the class path serves is refused with what to do. */
class PublishOptionTest {
    @TempDir
    Path dir;

    @Test
    void kafkaWithoutTheFleetJar_namesTheJar() {
        // a loader that sees only the JDK: the product jar installed alone
        Publishers alone = new Publishers(new ClassLoader(null) { });
        assertThatThrownBy(() -> alone.open("kafka://127.0.0.1:9092/authaudit.events"))
                .isInstanceOf(PublishException.class).hasMessageContaining("needs the fleet jar")
                .hasMessageContaining("target/fleet-lib/");
    }

    @Test
    void unknownSchemeOrBadTopic_saysWhatToGive() {
        Publishers here = new Publishers(PublishOptionTest.class.getClassLoader());
        assertThatThrownBy(() -> here.open("mqtt://127.0.0.1:1883/x")).isInstanceOf(PublishException.class)
                .hasMessageContaining("no publisher for 'mqtt' (known: ").hasMessageContaining("kafka");
        assertThatThrownBy(() -> here.open("kafka://127.0.0.1:9092/bad topic")).isInstanceOf(PublishException.class);
        assertThatThrownBy(() -> here.open("kafka://127.0.0.1:9092/a$b")).isInstanceOf(PublishException.class)
                .hasMessageContaining("is not kafka://HOST:PORT/TOPIC");
    }

    @Test
    void watch_badPublishTarget_exitsWithTheActionCode_beforeReadingALine() throws Exception {
        Path log = Files.writeString(dir.resolve("exim_mainlog"), "");
        CliRun r = CliRun.withStdin("", "watch", "--once", "--publish", "kafka://127.0.0.1:9092/a$b", "--state",
                dir.resolve("state").toString(), "--tz", "UTC", "--rules", CliRun.repo().resolve("rules").toString(),
                log.toString());
        assertThat(r.code).as(r.err).isEqualTo(ExitCodes.ACTION);
        assertThat(r.err).contains("is not kafka://HOST:PORT/TOPIC");
    }
}
