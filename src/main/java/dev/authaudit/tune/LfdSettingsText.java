package dev.authaudit.tune;

import java.util.StringJoiner;

/** Prints the lfd settings the model applies, as csf.conf keys. */
final class LfdSettingsText {
    private LfdSettingsText() {
    }

    /** Returns e.g. "LF_SMTPAUTH 5, LF_IMAPD 10, LF_POP3D 10, LF_INTERVAL 3600, PS_INTERVAL 300, ...". */
    static String summary(LfdSettings s) {
        StringJoiner j = new StringJoiner(", ");
        if (s.get(LfdKey.LF_TRIGGER) > 0) {
            j.add("LF_TRIGGER " + s.get(LfdKey.LF_TRIGGER));
        }
        for (LfdKey k : new LfdKey[] {LfdKey.LF_SMTPAUTH, LfdKey.LF_IMAPD, LfdKey.LF_POP3D, LfdKey.LF_INTERVAL,
            LfdKey.PS_INTERVAL}) {
            j.add(k.name() + " " + s.get(k));
        }
        if (s.portScansTracked()) {
            j.add("PS_LIMIT " + s.get(LfdKey.PS_LIMIT));
            j.add("PS_DIVERSITY " + s.get(LfdKey.PS_DIVERSITY));
        }
        StringJoiner missing = new StringJoiner(",");
        PortFinder.MAIL_PORTS.stream().sorted().filter(p -> !s.tcpIn().contains(p)).forEach(p -> missing.add(
                Integer.toString(p)));
        j.add(missing.length() == 0 ? "TCP_IN opens every mail port" : "TCP_IN lacks " + missing);
        return j.toString();
    }
}
