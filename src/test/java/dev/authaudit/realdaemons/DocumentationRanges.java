package dev.authaudit.realdaemons;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a real line for {@code test-fixtures/real/}: the loopback addresses the suite uses become
 * documentation addresses (RFC 5737) and Exim's free high ports the ports a server uses, so the checked-in
 * sample reads like a server's log. Nothing else changes: logins are already {@code example.com}
 * (RFC 2606), and time stamps, process ids, session ids, fingerprints and wording stay as written.
 *
 * <ul>
 *   <li>{@code 127.0.0.1} (the server) becomes {@code 192.0.2.10};</li>
 *   <li>{@code 127.0.0.N}, N from 2 to 254 (the clients), becomes {@code 198.51.100.N};</li>
 *   <li>{@code ]:PORT} and {@code :PORT} of a listener in {@code ports} becomes its mapped port;</li>
 *   <li>the syslog host name becomes {@code mail}.</li>
 * </ul>
 */
final class DocumentationRanges {
    private static final Pattern LOOPBACK = Pattern.compile("(?<![0-9.])127\\.0\\.0\\.(\\d{1,3})(?![0-9])");
    private static final Pattern SYSLOG_HOST = Pattern.compile("^([A-Z][a-z]{2} [ 0-3]\\d \\d\\d:\\d\\d:\\d\\d) \\S+ ");

    private DocumentationRanges() {
    }

    static String rewrite(String line, Map<Integer, Integer> ports, boolean syslog) {
        String out = line;
        for (Map.Entry<Integer, Integer> p : ports.entrySet()) {
            out = out.replaceAll("(?<=\\]:)" + p.getKey() + "(?![0-9])", Integer.toString(p.getValue()));
        }
        Matcher m = LOOPBACK.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            m.appendReplacement(sb, n == 1 ? "192.0.2.10" : "198.51.100." + n);
        }
        m.appendTail(sb);
        out = sb.toString();
        if (syslog) {
            out = SYSLOG_HOST.matcher(out).replaceFirst("$1 mail ");
        }
        return out;
    }
}
