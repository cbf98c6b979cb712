package dev.authaudit.act.notice;

import dev.authaudit.event.Protocol;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Locale;
import java.util.Set;

/**
 * Says what a customer recognises about a device in plain words, without protocol names, ports or
 * prefix lengths: what it was doing, which connection it used, and the name it gave when that name is a
 * name and not an address.
 */
final class DeviceWords {
    private DeviceWords() {
    }

    /** Returns what the device was doing: checking mail, sending it, or both. */
    static String doing(Set<Protocol> protocols) {
        boolean reads = protocols.contains(Protocol.IMAP) || protocols.contains(Protocol.POP3);
        boolean sends = protocols.contains(Protocol.SMTP);
        if (reads && sends) {
            return "checking for new mail and sending mail";
        }
        if (sends) {
            return "sending mail";
        }
        if (reads) {
            return "checking for new mail";
        }
        return "logging in to your mailbox";
    }

    /**
     * Returns the connection's range of addresses in words ("one of the addresses 203.0.113.0 to
     * 203.0.113.255"), or null when the device's own address is all that is known.
     */
    static String network(String ip, String network) {
        if (network == null || network.equals(ip)) {
            return null;
        }
        IPAddress n = new IPAddressString(network).getAddress();
        if (n == null || n.getCount().equals(java.math.BigInteger.ONE)) {
            return null;
        }
        IPAddress block = n.toPrefixBlock();
        return "the addresses " + block.getLower().withoutPrefixLength().toCanonicalString() + " to "
                + block.getUpper().withoutPrefixLength().toCanonicalString();
    }

    /**
     * Returns the name the device gave when it is a name a person may recognise ("Bens-iPhone",
     * "DESKTOP-4K2J"), or null when it gave none, an address, or a placeholder such as localhost.
     */
    static String appName(String clientName) {
        if (clientName == null) {
            return null;
        }
        String s = clientName.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.startsWith("[") || new IPAddressString(s).isIPAddress() || lower.startsWith("localhost")
                || lower.equals("unknown") || lower.equals("user")) {
            return null;
        }
        return s;
    }
}
