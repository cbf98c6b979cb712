package dev.authaudit.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the csf.conf keys the simulated lfd applied, in csf's {@code KEY = "value"} format with
 * section banners, so a reader of csf.conf sees exactly the settings behind the generated blocks.
 */
final class CsfConfWriter {
    private CsfConfWriter() {
    }

    /** Writes {@code csf.conf} into the directory. */
    static void write(Path file, CsfSettings c, LogLayout layout, boolean eximToSyslog) {
        StringBuilder b = new StringBuilder(4096);
        b.append("###############################################################################\n")
                .append("# Settings of the simulated host (authaudit simulator). Only the keys the\n")
                .append("# simulated lfd applies are listed; everything else is at its default.\n")
                .append("###############################################################################\n")
                .append("# SECTION:Initial Settings\n")
                .append("###############################################################################\n");
        kv(b, "TESTING", "0");
        kv(b, "TCP_IN", c.tcpInText());
        kv(b, "TCP6_IN", c.tcpInText());
        b.append("\n# SECTION:Login Failure Blocking and Alerts\n");
        kv(b, "LF_TRIGGER", "0");
        kv(b, "LF_SELECT", "0");
        kv(b, "LF_INTERVAL", c.lfInterval());
        kv(b, "LF_PARSE", c.lfParse());
        kv(b, "LF_SMTPAUTH", c.lfSmtpAuth());
        kv(b, "LF_SMTPAUTH_PERM", c.lfSmtpAuthPerm());
        kv(b, "LF_EXIMSYNTAX", "0");
        kv(b, "LF_POP3D", c.lfPop3d());
        kv(b, "LF_POP3D_PERM", c.lfPop3dPerm());
        kv(b, "LF_IMAPD", c.lfImapd());
        kv(b, "LF_IMAPD_PERM", c.lfImapdPerm());
        kv(b, "LF_DISTATTACK", "0");
        kv(b, "LF_DISTSMTP", "0");
        kv(b, "LF_PERMBLOCK", c.lfPermBlock() ? "1" : "0");
        kv(b, "LF_PERMBLOCK_INTERVAL", c.lfPermBlockInterval());
        kv(b, "LF_PERMBLOCK_COUNT", c.lfPermBlockCount());
        kv(b, "LF_NETBLOCK", "0");
        b.append("\n# SECTION:Port Scan Tracking\n");
        kv(b, "PS_INTERVAL", c.psInterval());
        kv(b, "PS_LIMIT", c.psLimit());
        kv(b, "PS_PORTS", "0:65535,ICMP");
        kv(b, "PS_DIVERSITY", "1");
        kv(b, "PS_PERMANENT", c.psPermanent() ? "1" : "0");
        kv(b, "PS_BLOCK_TIME", c.psBlockTime());
        kv(b, "PS_EMAIL_ALERT", "1");
        b.append("\n# SECTION:Logging\n");
        kv(b, "DROP_LOGGING", "1");
        kv(b, "DROP_IP_LOGGING", "0");
        kv(b, "DROP_NOLOG", ranges(c.dropNoLog()));
        kv(b, "CT_LIMIT", "0");
        b.append("\n# SECTION:Log File Locations\n");
        String exim = eximToSyslog ? layout.hostPath(LogKind.MAIL) : layout.hostPath(LogKind.EXIM);
        kv(b, "SMTPAUTH_LOG", exim);
        kv(b, "POP3D_LOG", layout.hostPath(LogKind.MAIL));
        kv(b, "IMAPD_LOG", layout.hostPath(LogKind.MAIL));
        kv(b, "IPTABLES_LOG", layout.hostPath(LogKind.KERNEL));
        try {
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void kv(StringBuilder b, String key, Object value) {
        b.append(key).append(" = \"").append(value).append("\"\n");
    }

    /** Returns ports as csf writes them, with runs as {@code a:b}. */
    static String ranges(Set<Integer> ports) {
        List<Integer> p = List.copyOf(new TreeSet<>(ports));
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < p.size()) {
            int j = i;
            while (j + 1 < p.size() && p.get(j + 1) == p.get(j) + 1) {
                j++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(p.get(i));
            if (j > i + 1) {
                b.append(':').append(p.get(j));
            } else if (j == i + 1) {
                b.append(',').append(p.get(j));
            }
            i = j + 1;
        }
        return b.toString();
    }
}
