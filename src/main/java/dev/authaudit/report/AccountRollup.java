package dev.authaudit.report;

import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.config.UserDomains;
import dev.authaudit.text.Escape;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report rolled up per cPanel account (via /etc/userdomains), for a host with hundreds of
 * customers: per account, its domains seen in the logs, its logins, how many have a stale password or
 * a typo, how many are being guessed or do not exist, the failures, and the firewall blocks that hit
 * its customers. Logins of a domain cPanel does not list go to one row of their own.
 */
public final class AccountRollup {
    /** The row of logins whose domain is in no cPanel account. */
    public static final String NO_ACCOUNT = "(no cPanel account)";
    private static final int WIDTH = 120;

    /**
     * One cPanel account.
     *
     * @param customerBlocks blocks of this account's logins' own addresses (stale password, typo, closed port)
     */
    public record Row(String user, Set<String> domains, int logins, int stale, int mistyped, int targeted,
                      int unknownUser, long failures, long customerBlocks) {
    }

    private AccountRollup() {
    }

    /** Rolls the report's logins and blocks up per account; accounts hurting most come first. */
    public static List<Row> of(Report report, UserDomains owners) {
        Map<String, List<AccountEntry>> byUser = new LinkedHashMap<>();
        Map<String, String> userOfLogin = new java.util.HashMap<>();
        for (AccountEntry a : report.accounts()) {
            String user = owners.ownerOf(a.account()).orElse(NO_ACCOUNT);
            byUser.computeIfAbsent(user, k -> new ArrayList<>()).add(a);
            userOfLogin.put(a.account().toLowerCase(Locale.ROOT), user);
        }
        Map<String, Long> blocks = new java.util.HashMap<>();
        for (BlockEntry b : report.blocks()) {
            if (b.account() != null) {
                String user = userOfLogin.getOrDefault(b.account().toLowerCase(Locale.ROOT),
                        owners.ownerOf(b.account()).orElse(NO_ACCOUNT));
                blocks.merge(user, 1L, Long::sum);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<AccountEntry>> e : byUser.entrySet()) {
            Set<String> domains = new TreeSet<>();
            int stale = 0;
            int mistyped = 0;
            int targeted = 0;
            int unknown = 0;
            long failures = 0;
            for (AccountEntry a : e.getValue()) {
                String d = UserDomains.domainOf(a.account());
                if (d != null) {
                    domains.add(d);
                }
                stale += a.verdict() == AccountVerdict.STALE_PASSWORD ? 1 : 0;
                mistyped += a.verdict() == AccountVerdict.MISTYPED ? 1 : 0;
                targeted += a.verdict() == AccountVerdict.TARGETED ? 1 : 0;
                unknown += a.verdict() == AccountVerdict.UNKNOWN_USER ? 1 : 0;
                failures += a.failures();
            }
            rows.add(new Row(e.getKey(), domains, e.getValue().size(), stale, mistyped, targeted, unknown, failures,
                    blocks.getOrDefault(e.getKey(), 0L)));
        }
        rows.sort(Comparator.comparing((Row r) -> NO_ACCOUNT.equals(r.user()))
                .thenComparing(r -> -(r.stale() + r.mistyped() + r.customerBlocks()))
                .thenComparing(r -> -r.failures()).thenComparing(Row::user));
        return rows;
    }

    /** Writes the rows as a table no wider than 120 columns. */
    public static void text(List<Row> rows, String source, PrintWriter w) {
        int logins = rows.stream().mapToInt(Row::logins).sum();
        long accounts = rows.stream().filter(r -> !NO_ACCOUNT.equals(r.user())).count();
        w.println("By cPanel account (" + Escape.terminal(source) + "): " + accounts + " account"
                + (accounts == 1 ? "" : "s") + ", " + logins + " login" + (logins == 1 ? "" : "s") + " with failures");
        w.printf(Locale.ROOT, "%-20s %-34s %6s %6s %6s %7s %7s %9s %7s%n", "ACCOUNT", "DOMAINS", "LOGINS", "STALE",
                "TYPO", "GUESSED", "NO-SUCH", "FAILURES", "BLOCKS");
        for (Row r : rows) {
            String line = String.format(Locale.ROOT, "%-20s %-34s %6d %6d %6d %7d %7d %9d %7d",
                    cut(Escape.terminal(r.user()), 20), cut(domains(r.domains()), 34), r.logins(), r.stale(),
                    r.mistyped(), r.targeted(), r.unknownUser(), r.failures(), r.customerBlocks());
            w.println(line.length() <= WIDTH ? line : line.substring(0, WIDTH));
        }
        w.println("STALE: a device keeps an old password; TYPO: mistyped; GUESSED: being guessed by others;"
                + " NO-SUCH: no such");
        w.println("mailbox; BLOCKS: firewall blocks of the account's own customers' addresses.");
        w.flush();
    }

    /** Writes the rows as CSV, one header line, cells escaped. */
    public static void csv(List<Row> rows, PrintWriter w) {
        w.println("account,domains,logins,stale_password,mistyped,targeted,unknown_user,failures,customer_blocks");
        for (Row r : rows) {
            w.println(String.join(",", Escape.csv(r.user()), Escape.csv(String.join(" ", r.domains())),
                    String.valueOf(r.logins()), String.valueOf(r.stale()), String.valueOf(r.mistyped()),
                    String.valueOf(r.targeted()), String.valueOf(r.unknownUser()), String.valueOf(r.failures()),
                    String.valueOf(r.customerBlocks())));
        }
        w.flush();
    }

    private static String domains(Set<String> domains) {
        List<String> all = new ArrayList<>(domains);
        StringBuilder b = new StringBuilder();
        Set<String> shown = new HashSet<>();
        for (String d : all) {
            String add = (b.length() == 0 ? "" : ", ") + Escape.terminal(d);
            String more = " +" + (all.size() - shown.size() - 1) + " more";
            if (b.length() + add.length() + (shown.size() + 1 < all.size() ? more.length() : 0) > 34) {
                return b + " +" + (all.size() - shown.size()) + " more";
            }
            b.append(add);
            shown.add(d);
        }
        return b.length() == 0 ? "-" : b.toString();
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
