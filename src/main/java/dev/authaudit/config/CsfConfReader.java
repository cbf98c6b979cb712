package dev.authaudit.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns csf.conf text into a {@link CsfConfig}. csf.conf holds hundreds of keys; only the ones
 * authaudit reasons about are checked, so an unrelated odd line never stops a run.
 */
final class CsfConfReader {
    // csf reads its own file with a similar loose match: KEY = "value", quotes optional, # comments.
    private static final Pattern SETTING =
            Pattern.compile("^\\s*([A-Za-z0-9_]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^#\\s]*))\\s*(?:#.*)?$");

    /** One raw value and the line it came from. */
    private record Raw(String value, int line) {
    }

    CsfConfig read(Path file) {
        String text;
        try {
            text = ConfigText.read(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), null, "cannot read " + file + ": " + e.getMessage()
                    + "; pass the path of csf.conf (usually /etc/csf/csf.conf) or leave the option out");
        }
        return parse(file.toString(), text);
    }

    CsfConfig parse(String name, String text) {
        Map<String, Raw> raw = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SETTING.matcher(line);
            if (!m.matches()) {
                continue; // not a setting csf would read either
            }
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            raw.put(m.group(1), new Raw(value.strip(), i + 1));
        }
        Values v = new Values(name, raw);
        CsfConfig d = CsfConfig.defaults();
        return new CsfConfig(name,
                v.ports("TCP_IN", d.tcpIn(), Set.of()),
                v.ports("TCP6_IN", d.tcp6In(), Set.of()),
                v.ports("UDP_IN", d.udpIn(), Set.of()),
                v.integer("LF_SMTPAUTH", d.lfSmtpAuth()), v.integer("LF_SMTPAUTH_PERM", d.lfSmtpAuthPerm()),
                v.integer("LF_IMAPD", d.lfImapd()), v.integer("LF_IMAPD_PERM", d.lfImapdPerm()),
                v.integer("LF_POP3D", d.lfPop3d()), v.integer("LF_POP3D_PERM", d.lfPop3dPerm()),
                v.integer("LF_INTERVAL", d.lfInterval()), v.integer("LF_TRIGGER", d.lfTrigger()),
                v.integer("LF_TRIGGER_PERM", d.lfTriggerPerm()), v.flag("LF_SELECT", d.lfSelect()),
                v.integer("PS_INTERVAL", d.psInterval()), v.integer("PS_LIMIT", d.psLimit()),
                v.ports("PS_PORTS", d.psPorts(), CsfConfig.PS_PORT_KEYWORDS),
                v.integer("PS_DIVERSITY", d.psDiversity()), v.integer("PS_BLOCK_TIME", d.psBlockTime()),
                v.flag("PS_PERMANENT", d.psPermanent()), v.flag("DROP_IP_LOGGING", d.dropIpLogging()),
                v.flag("LF_PERMBLOCK", d.lfPermblock()),
                v.integer("LF_PERMBLOCK_INTERVAL", d.lfPermblockInterval()),
                v.integer("LF_PERMBLOCK_COUNT", d.lfPermblockCount()),
                v.flag("LF_DISTATTACK", d.lfDistattack()),
                v.integer("LF_DISTATTACK_UNIQ", d.lfDistattackUniq()),
                v.integer("CT_LIMIT", d.ctLimit()));
    }

    /** Typed access to the raw values, with messages that point at file:line. */
    private static final class Values {
        private final String name;
        private final Map<String, Raw> raw;

        Values(String name, Map<String, Raw> raw) {
            this.name = name;
            this.raw = raw;
        }

        int integer(String key, int fallback) {
            Raw r = raw.get(key);
            if (r == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(r.value());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw bad(key, r, "a whole number of 0 or more");
        }

        boolean flag(String key, boolean fallback) {
            Raw r = raw.get(key);
            if (r == null) {
                return fallback;
            }
            if (r.value().equals("0")) {
                return false;
            }
            if (r.value().equals("1")) {
                return true;
            }
            throw bad(key, r, "0 (off) or 1 (on)");
        }

        PortList ports(String key, PortList fallback, Set<String> keywords) {
            Raw r = raw.get(key);
            if (r == null) {
                return fallback;
            }
            try {
                return PortList.parse(r.value(), keywords);
            } catch (IllegalArgumentException e) {
                String expected = keywords.isEmpty()
                        ? "a comma-separated list of ports and ranges like \"25,587,30000:35000\""
                        : "ports, ranges and the words " + String.join(", ", keywords.stream().sorted().toList());
                throw bad(key, r, expected + " (" + e.getMessage() + ")");
            }
        }

        private ConfigException bad(String key, Raw r, String expected) {
            return new ConfigException(name, key, name + ":" + r.line() + ": " + key + " = \"" + r.value()
                    + "\" is not valid; expected " + expected);
        }
    }
}
