package dev.authaudit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spot checks that every auth-related line the simulator writes has a shape documented in the field
 * notes (sections 1.1 to 1.9), for every Exim and Dovecot style it can pick.
 */
class LineShapeTest {
    private static final String SYSLOG = "[A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d \\S+ ";
    private static final String IP = "\\d{1,3}(?:\\.\\d{1,3}){3}";
    private static final String ISO = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{3})?";
    private static final String EXIM_PREFIX = "(?:" + ISO + " (?:\\[\\d+\\] )?|" + SYSLOG + "exim\\[\\d+\\]: )";
    private static final String DOVECOT = SYSLOG + "dovecot(?:\\[\\d+\\])?: ";

    private static final Pattern EXIM_FAILED = Pattern.compile("^" + EXIM_PREFIX
            + "\\w+ authenticator failed for (?:H=)?(?:[\\w.-]+ )?(?:\\([^)\\s]*\\) )?\\[(" + IP + ")\\](?::\\d+)?"
            + "(?: I=\\[" + IP + "\\]:\\d+)?(?: Ci=\\d+)?: 535 Incorrect authentication data \\(set_id=[^)]+\\)$");
    private static final Pattern EXIM_ARRIVAL = Pattern.compile("^" + EXIM_PREFIX
            + "[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} <= \\S+ H=(?:[\\w.-]+ )?(?:\\([^)]*\\) )?\\[" + IP
            + "\\](?::\\d+)?(?: I=\\[" + IP + "\\]:\\d+)? P=esmtps?a?(?: X=\\S+ CV=no)?(?: A=\\w+:\\S+)? S=\\d+ id=\\S+$");
    private static final Pattern DOVECOT_FAILED = Pattern.compile("^" + DOVECOT + "(?:imap|pop3)-login: "
            + "(?:Aborted login|Disconnected: Aborted login by logging out|Disconnected|Disconnected: Inactivity"
            + "|Disconnected: Connection closed"
            + "|Disconnected: Too many invalid commands\\.|Login aborted: (?:Connection closed|Logged out|Inactivity))"
            + " \\(auth failed, \\d+ attempts in \\d+ secs\\)(?: \\(auth_failed\\))?: user=<[^>]*>, method=(?:PLAIN|LOGIN),"
            + " rip=" + IP + ", lip=" + IP + ", TLS, session=<[A-Za-z0-9+/]{16}>$");
    private static final Pattern DOVECOT_LOGIN = Pattern.compile("^" + DOVECOT + "(?:imap|pop3)-login: Login: "
            + "user=<[^>]+>, method=\\S+, rip=" + IP + ", lip=" + IP + ", mpid=\\d+, TLS, session=<[A-Za-z0-9+/]{16}>$");
    private static final String RESULT = "(?:Password mismatch|unknown user"
            + "|pam_authenticate\\(\\) failed: Authentication failure \\(password mismatch\\?\\))"
            + "(?: \\(SHA1 of given password: [0-9a-f]{6,7}\\))?$";
    private static final Pattern DOVECOT_DETAIL = Pattern.compile("^" + DOVECOT + "(?:"
            + "auth-worker\\(\\d+\\): (?:conn unix:auth-worker \\(pid=\\d+,uid=\\d+\\): auth-worker<\\d+>: )?"
            + "(?:sql|pam)\\([^,]+," + IP + "(?:,<[A-Za-z0-9+/]{16}>)?\\): "
            + "|auth: passwd-file\\([^,]+," + IP + "(?:,<[A-Za-z0-9+/]{16}>)?\\): "
            + "|auth-worker\\([^,]+," + IP + "\\)<\\d+>(?:<[A-Za-z0-9+/]{16}>)?: request \\[\\d+\\]: (?:sql|pam): "
            + "|auth\\([^,]+," + IP + ",sasl:(?:plain|login)\\)(?:<[A-Za-z0-9+/]{16}>)?: passwd-file: )" + RESULT);
    private static final Pattern LFD = Pattern.compile("^" + SYSLOG + "lfd\\[\\d+\\]: (?:"
            + "\\((?:smtpauth|imapd|pop3d)\\) Failed (?:SMTP AUTH|IMAP|POP3) login from " + IP
            + " \\([A-Z]{2}/[^/]+/\\S+\\): \\d+ in the last \\d+ secs - \\*Blocked in csf\\*(?: for \\d+ secs)? \\[LF_\\w+\\]"
            + "|\\*Port Scan\\* detected from " + IP + " \\([^)]*\\)\\. \\d+ hits in the last \\d+ seconds"
            + " - \\*Blocked in csf\\*(?: for \\d+ secs)? \\[PS_LIMIT\\]"
            + "|\\(PERMBLOCK\\) " + IP + " \\([^)]*\\) has had more than \\d+ temp blocks in the last \\d+ secs"
            + " - \\*Blocked in csf\\* \\[\\w+\\]"
            + "|Incoming IP " + IP + " temporary block removed)$");
    private static final Pattern KERNEL = Pattern.compile("^" + SYSLOG + "kernel: \\[\\d+\\.\\d{6}\\] Firewall: "
            + "\\*(?:TCP|UDP)_IN Blocked\\* IN=eth0 OUT= MAC=[0-9a-f:]+ SRC=" + IP + " DST=" + IP + " LEN=\\d+ "
            + "TOS=0x00 PREC=0x00 TTL=\\d+ ID=\\d+(?: DF)? PROTO=(?:TCP SPT=\\d+ DPT=\\d+ WINDOW=\\d+ RES=0x00 SYN URGP=0"
            + "|UDP SPT=\\d+ DPT=\\d+ LEN=\\d+)$");

    @TempDir
    Path tmp;

    @Test
    void authLines_everyStyle_matchDocumentedShapes() throws IOException {
        SplittableRandom pick = new SplittableRandom(99);
        Set<String> versions = new HashSet<>();
        int checked = 0;
        for (int run = 0; run < 8; run++) {
            ServerSoftware sw = new ServerSoftware(EximStyle.random(pick), DovecotStyle.random(pick));
            versions.add(sw.exim().version() + "/" + sw.dovecot().version());
            Path dir = tmp.resolve("r" + run);
            new LogSimulator(SimulationSpec.builder().seed(run).days(1).mailboxes(15).staleShare(0.3)
                    .attacks(new AttackMix(2, 1, 1, 1, 2, 1)).software(sw).build()).run(dir);
            List<String> all = new ArrayList<>();
            for (String f : List.of("exim_mainlog", "maillog", "messages", "lfd.log")) {
                if (Files.exists(dir.resolve(f))) {
                    all.addAll(Files.readAllLines(dir.resolve(f)));
                }
            }
            for (String l : all) {
                if (l.contains(" authenticator failed for ")) {
                    assertThat(l).matches(EXIM_FAILED);
                } else if (l.contains(" <= ") && l.contains(" A=")) {
                    assertThat(l).matches(EXIM_ARRIVAL);
                } else if (l.contains("(auth failed, ")) {
                    assertThat(l).matches(DOVECOT_FAILED);
                } else if (l.contains("-login: Login: ")) {
                    assertThat(l).matches(DOVECOT_LOGIN);
                } else if (l.contains("Password mismatch") || l.contains("unknown user")
                        || l.contains("pam_authenticate")) {
                    assertThat(l).matches(DOVECOT_DETAIL);
                } else if (l.contains(" lfd[")) {
                    assertThat(l).matches(LFD);
                } else if (l.contains(" kernel: ")) {
                    assertThat(l).matches(KERNEL);
                } else {
                    continue;
                }
                checked++;
            }
        }
        assertThat(versions).hasSizeGreaterThan(3);
        assertThat(checked).isGreaterThan(1000);
    }
}
