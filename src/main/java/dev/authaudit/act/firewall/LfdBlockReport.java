package dev.authaudit.act.firewall;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The eight arguments lfd passes to its BLOCK_REPORT hook, validated (field notes section 3). Only
 * argument 3 says whether the block is permanent; argument 5 is unreliable for permanent blocks. The
 * message and the log lines are hostile text: they are kept, cut to size, and only ever parsed by the
 * rules or escaped for display.
 *
 * @param ip the blocked address or network, canonical
 * @param network true when {@code ip} is a prefix (CIDR) rather than one address
 * @param ports the blocked ports; empty for all ports ({@code *})
 * @param permanent argument 3: true for a permanent block
 * @param direction {@code in}, {@code out} or {@code inout}
 * @param timeoutS argument 5 as lfd passed it (for temporary blocks, the block length in seconds)
 * @param message lfd's block message without the {@code *Blocked in csf*} suffix
 * @param logs the log lines lfd counted, at most {@link #MAX_LINES}
 * @param trigger lfd's trigger name ({@code LF_SMTPAUTH}, {@code PS_LIMIT}, ...)
 */
public record LfdBlockReport(String ip, boolean network, List<Integer> ports, boolean permanent, String direction,
                             long timeoutS, String message, List<String> logs, String trigger) {
    /** The most log lines kept from argument 7 (lfd passes the hits it counted: tens, not thousands). */
    public static final int MAX_LINES = 500;
    /** The longest line or message kept. */
    public static final int MAX_TEXT = 4096;

    private static final Pattern PORTS = Pattern.compile("\\d{1,5}(,\\d{1,5}){0,63}");
    private static final Pattern TRIGGER = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,10}");

    public LfdBlockReport {
        ports = List.copyOf(ports);
        logs = List.copyOf(logs);
    }

    /** Returns true when the block is a single address a firewall action may name. */
    public boolean singleAddress() {
        return !network;
    }

    /** Returns the lfd word for the ports: {@code *} or the comma list. */
    public String portsWord() {
        if (ports.isEmpty()) {
            return "*";
        }
        StringBuilder b = new StringBuilder();
        for (Integer p : ports) {
            b.append(b.length() == 0 ? "" : ",").append(p);
        }
        return b.toString();
    }

    /**
     * Reads lfd's arguments in its order: IP PORTS PERM INOUT TIMEOUT MESSAGE LOGS TRIGGER.
     *
     * @throws Invalid naming the argument and what was expected; the text never echoes more than a
     *     cleaned, cut copy of the hostile value
     */
    public static LfdBlockReport parse(List<String> args) {
        if (args.size() != 8) {
            throw new Invalid("expected 8 arguments from lfd (IP PORTS PERM INOUT TIMEOUT MESSAGE LOGS TRIGGER),"
                    + " got " + args.size());
        }
        String rawIp = args.get(0).strip();
        IPAddress addr = IpLiteral.parse(rawIp);
        if (addr == null) {
            throw new Invalid("argument 1 '" + ActionText.safe(rawIp) + "' is not an IP address or CIDR network");
        }
        boolean network = addr.isPrefixed() && addr.getNetworkPrefixLength() < addr.getBitCount();
        String ip = network ? addr.toPrefixBlock().toCanonicalString() : addr.withoutPrefixLength().toCanonicalString();
        String rawPorts = args.get(1).strip();
        List<Integer> ports = new ArrayList<>();
        if (!rawPorts.equals("*")) {
            if (!PORTS.matcher(rawPorts).matches()) {
                throw new Invalid("argument 2 '" + ActionText.safe(rawPorts) + "' is neither * nor a comma list of"
                        + " ports");
            }
            for (String p : rawPorts.split(",")) {
                int n = Integer.parseInt(p);
                if (n < 1 || n > 65535) {
                    throw new Invalid("argument 2: port " + n + " is out of range 1..65535");
                }
                ports.add(n);
            }
        }
        String perm = args.get(2).strip();
        if (!perm.equals("0") && !perm.equals("1")) {
            throw new Invalid("argument 3 '" + ActionText.safe(perm) + "' must be 1 (permanent) or 0 (temporary)");
        }
        String dir = args.get(3).strip().toLowerCase(Locale.ROOT);
        if (!dir.equals("in") && !dir.equals("out") && !dir.equals("inout")) {
            throw new Invalid("argument 4 '" + ActionText.safe(dir) + "' must be in, out or inout");
        }
        String timeout = args.get(4).strip();
        if (!NUMBER.matcher(timeout).matches()) {
            throw new Invalid("argument 5 '" + ActionText.safe(timeout) + "' is not a number of seconds");
        }
        String trigger = args.get(7).strip();
        if (!TRIGGER.matcher(trigger).matches()) {
            throw new Invalid("argument 8 '" + ActionText.safe(trigger) + "' is not an lfd trigger name such as"
                    + " LF_SMTPAUTH");
        }
        return new LfdBlockReport(ip, network, ports, perm.equals("1"), dir, Long.parseLong(timeout),
                cut(args.get(5).replace('\n', ' ').replace('\r', ' ')), lines(args.get(6)), trigger);
    }

    private static List<String> lines(String logs) {
        List<String> out = new ArrayList<>();
        for (String l : logs.split("\r?\n", -1)) {
            if (!l.isBlank() && out.size() < MAX_LINES) {
                out.add(cut(l));
            }
        }
        return out;
    }

    private static String cut(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }

    /** lfd's arguments could not be read; the message names the argument. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }
}
