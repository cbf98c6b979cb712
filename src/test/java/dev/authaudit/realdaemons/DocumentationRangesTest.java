package dev.authaudit.realdaemons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentationRangesTest {
    private static final Map<Integer, Integer> PORTS = Map.of(36743, 587, 43799, 465);

    @Test
    void serverAndClientsAndEximPorts_becomeDocumentationValues() {
        assertThat(DocumentationRanges.rewrite("2026-12-06 23:02:18 dovecot_login authenticator failed for (User)"
                + " [127.0.0.6]:49345 I=[127.0.0.1]:36743: 535 Incorrect authentication data (set_id=test@example.com)",
                PORTS, false)).isEqualTo("2026-12-06 23:02:18 dovecot_login authenticator failed for (User)"
                + " [198.51.100.6]:49345 I=[192.0.2.10]:587: 535 Incorrect authentication data (set_id=test@example.com)");
        assertThat(DocumentationRanges.rewrite("exim 4.96 daemon started: pid=10250, no queue runs, listening for SMTP"
                + " on [127.0.0.1]:36743 and for SMTPS on [127.0.0.1]:43799", PORTS, false))
                .endsWith("on [192.0.2.10]:587 and for SMTPS on [192.0.2.10]:465");
    }

    @Test
    void syslogHost_becomesMail_andNothingElseMoves() {
        assertThat(DocumentationRanges.rewrite("Dec  6 23:02:21 vm dovecot-mail: auth: passwd-file(dave@example.com,"
                + "127.0.0.7): Password mismatch (SHA1 of given password: da39a3)", PORTS, true))
                .isEqualTo("Dec  6 23:02:21 mail dovecot-mail: auth: passwd-file(dave@example.com,198.51.100.7):"
                        + " Password mismatch (SHA1 of given password: da39a3)");
        assertThat(DocumentationRanges.rewrite("rip=127.0.0.12, lip=127.0.0.1, port 36743x1270.0.0.1", PORTS, false))
                .isEqualTo("rip=198.51.100.12, lip=192.0.2.10, port 36743x1270.0.0.1");
    }
}
