package dev.authaudit.report;

import dev.authaudit.classify.IpVerdict;
import java.util.List;

/**
 * One source address that failed or was blocked at least once.
 *
 * @param accounts logins it failed or succeeded with
 * @param blocked how many times the firewall blocked it
 * @param accountsTotal how many different logins it used; {@code accounts} may list only the most frequent
 * @param claims the reasons as data ({@code reasons} are their texts); empty when not known
 */
public record IpEntry(String ip, IpVerdict verdict, double confidence, List<String> accounts, long failures,
                      long successes, long blocked, List<String> reasons, long accountsTotal,
                      List<dev.authaudit.classify.Claim> claims) {
    public IpEntry {
        accounts = List.copyOf(accounts);
        reasons = List.copyOf(reasons);
        accountsTotal = Math.max(accountsTotal, accounts.size());
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    /** Returns an entry whose login list is complete and whose claims are not known. */
    public IpEntry(String ip, IpVerdict verdict, double confidence, List<String> accounts, long failures,
                   long successes, long blocked, List<String> reasons) {
        this(ip, verdict, confidence, accounts, failures, successes, blocked, reasons, accounts.size(), List.of());
    }
}
