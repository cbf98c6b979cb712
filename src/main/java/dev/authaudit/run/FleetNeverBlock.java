package dev.authaudit.run;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The addresses {@code watch --fleet-act block} never blocks, whatever the fleet says: loopback, private,
 * link-local, shared (100.64.0.0/10), multicast and unspecified addresses; this server's own addresses; and every
 * address or network in csf.allow and csf.ignore (their {@code Include} files too, and the {@code s=}/{@code d=}
 * address of an advanced rule); with fail2ban, every address or network of its {@code ignoreip}
 * ({@link Fail2banIgnoreIp}). The files are read again when they change, so an address the admin allows while watch
 * runs is honoured at once. A line that is no address (a host name, say) is counted and described.
 */
public final class FleetNeverBlock {
    private static final Pattern ADVANCED = Pattern.compile("(?:^|\\|)[sd]=([^|\\s]+)");
    private static final IPAddress SHARED = new IPAddressString("100.64.0.0/10").getAddress();
    private static final int MAX_INCLUDES = 8;
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?:/[0-9]{1,2})?"
            + "|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:/[0-9]{1,3})?");

    private final List<Path> lists;
    private final Fail2banIgnoreIp fail2ban;
    private final Set<String> own;
    private final Map<Path, FileTime> seen = new HashMap<>();
    private List<Entry> entries = List.of();
    private List<String> problems = List.of();

    private record Entry(IPAddress net, String where) {
    }

    /**
     * @param lists csf.allow, csf.ignore (a missing file holds nothing)
     * @param own this server's own addresses, as literals
     */
    public FleetNeverBlock(List<Path> lists, Set<String> own) {
        this(lists, null, own);
    }

    /**
     * @param lists csf.allow, csf.ignore (a missing file holds nothing)
     * @param fail2ban fail2ban's ignoreip lists, or null when fail2ban does not block here
     * @param own this server's own addresses, as literals
     */
    FleetNeverBlock(List<Path> lists, Fail2banIgnoreIp fail2ban, Set<String> own) {
        this.lists = List.copyOf(lists);
        this.fail2ban = fail2ban;
        this.own = Set.copyOf(own.stream().map(FleetNeverBlock::canonical).filter(s -> s != null).toList());
    }

    /** Returns the addresses of this machine's network interfaces (none when they cannot be listed). */
    public static Set<String> interfaceAddresses() {
        Set<String> out = new java.util.HashSet<>();
        try {
            for (java.net.NetworkInterface i : java.util.Collections.list(java.net.NetworkInterface
                    .getNetworkInterfaces())) {
                for (java.net.InetAddress a : java.util.Collections.list(i.getInetAddresses())) {
                    String h = a.getHostAddress();
                    IPAddress ip = new IPAddressString(h.indexOf('%') < 0 ? h : h.substring(0, h.indexOf('%')))
                            .getAddress();
                    if (ip != null) {
                        out.add(ip.withoutPrefixLength().toCanonicalString());
                    }
                }
            }
        } catch (java.net.SocketException | RuntimeException e) {
            // then only the addresses the logs name as this server's are known
        }
        return out;
    }

    /** Returns why {@code ip} must never be blocked, or empty when nothing here forbids it. */
    public synchronized Optional<String> refusal(String ip) {
        IPAddress a = new IPAddressString(ip).getAddress();
        if (a == null) {
            return Optional.of("not an address");
        }
        Optional<String> special = special(a);
        if (special.isPresent()) {
            return special;
        }
        if (own.contains(a.toCanonicalString())) {
            return Optional.of("it is one of this server's own addresses");
        }
        reloadIfChanged();
        for (Entry e : entries) {
            if (e.net.getIPVersion() == a.getIPVersion() && e.net.contains(a)) {
                return Optional.of("it is in " + e.where + " (" + e.net.toCanonicalString() + ")");
            }
        }
        return fail2ban == null ? Optional.empty() : fail2ban.covering(a.withoutPrefixLength());
    }

    /** Returns the lines of the csf files that could not be read as an address, for the admin. */
    public synchronized List<String> problems() {
        reloadIfChanged();
        if (fail2ban == null) {
            return problems;
        }
        List<String> all = new ArrayList<>(problems);
        all.addAll(fail2ban.problems());
        return List.copyOf(all);
    }

    /** Returns what kind of address {@code a} is when it is one no block may name. */
    static Optional<String> special(IPAddress a) {
        IPAddress v = a;
        if (a.isIPv6() && ((IPv6Address) a).isIPv4Mapped()) {
            v = ((IPv6Address) a).getEmbeddedIPv4Address();
        }
        if (v.isLoopback()) {
            return Optional.of("it is a loopback address");
        }
        if (v.isAnyLocal() || v.isZero()) {
            return Optional.of("it is the unspecified address");
        }
        if (v.isLinkLocal()) {
            return Optional.of("it is a link-local address");
        }
        if (v.isMulticast()) {
            return Optional.of("it is a multicast address");
        }
        if (v.isIPv4() && (((IPv4Address) v).isPrivate() || SHARED.contains(v))) {
            return Optional.of("it is a private address (RFC 1918 or 100.64.0.0/10), never a remote attacker's own");
        }
        if (v.isIPv6() && (((IPv6Address) v).isUniqueLocal() || ((IPv6Address) v).isSiteLocal())) {
            return Optional.of("it is a private (unique-local) address");
        }
        return Optional.empty();
    }

    private void reloadIfChanged() {
        Map<Path, FileTime> now = new HashMap<>();
        for (Path p : lists) {
            now.put(p, modified(p));
        }
        // an Include'd file's change is seen too
        for (Path p : seen.keySet()) {
            now.putIfAbsent(p, modified(p));
        }
        if (now.equals(seen) && !seen.isEmpty()) {
            return;
        }
        List<Entry> read = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        Map<Path, FileTime> files = new HashMap<>();
        for (Path p : lists) {
            read(p, read, bad, files, 0);
        }
        entries = List.copyOf(read);
        problems = List.copyOf(bad);
        seen.clear();
        seen.putAll(files);
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void read(Path file, List<Entry> out, List<String> bad, Map<Path, FileTime> files, int depth) {
        files.put(file, modified(file));
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            bad.add("cannot read " + file + ": " + e.getMessage());
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String where = file.getFileName() + ":" + (i + 1);
            String s = lines.get(i);
            int hash = s.indexOf('#');
            s = (hash < 0 ? s : s.substring(0, hash)).strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.regionMatches(true, 0, "Include", 0, 7)) {
                Path inc = Path.of(s.substring(7).strip());
                if (depth < MAX_INCLUDES && inc.isAbsolute()) {
                    read(inc, out, bad, files, depth + 1);
                } else {
                    bad.add(where + ": Include not followed");
                }
                continue;
            }
            if (s.indexOf('|') >= 0) {
                Matcher m = ADVANCED.matcher(s);
                boolean any = false;
                while (m.find()) {
                    IPAddress a = address(m.group(1));
                    if (a != null) {
                        out.add(new Entry(a.toPrefixBlock(), where));
                        any = true;
                    }
                }
                if (!any) {
                    bad.add(where + ": an advanced rule naming no address");
                }
                continue;
            }
            IPAddress a = address(s.split("\\s+")[0]);
            if (a == null) {
                bad.add(where + ": " + dev.authaudit.text.Escape.quoted(s, 60) + " is not an address or a network"
                        + " (a host name is not resolved here)");
                continue;
            }
            out.add(new Entry(a.toPrefixBlock(), where));
        }
    }

    /** Returns the address or network {@code s} writes in dotted or colon form, or null (a port, a host name). */
    private static IPAddress address(String s) {
        if (s.length() > 64 || !LITERAL.matcher(s).matches()) {
            return null;
        }
        return new IPAddressString(s).getAddress();
    }

    private static String canonical(String ip) {
        IPAddress a = ip == null ? null : new IPAddressString(ip.strip()).getAddress();
        return a == null ? null : a.withoutPrefixLength().toCanonicalString();
    }
}
