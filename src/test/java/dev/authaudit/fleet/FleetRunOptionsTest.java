package dev.authaudit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authaudit.testing.CliCall;
import org.junit.jupiter.api.Test;

/** {@code fleet run}'s options that are checked before any broker is asked. */
class FleetRunOptionsTest {
    @Test
    void negativeJudgeCache_stopsWithExitCode2_andSaysWhatToFix() {
        // (port 9 on loopback: nothing is asked of it, the option is refused first)
        CliCall c = CliCall.run(CliCall.FIXED, "fleet", "run", "--bootstrap", "127.0.0.1:9", "--judge-cache", "-1");
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).contains("--judge-cache -1 must be 0 (none) or more events");
    }

    @Test
    void judgeCache_isListedInTheHelp_withItsDefault() {
        CliCall c = CliCall.run(CliCall.FIXED, "fleet", "run", "--help");
        assertThat(c.out()).contains("--judge-cache=EVENTS").contains("Default: " + EventCache.DEFAULT_EVENTS);
    }
}
