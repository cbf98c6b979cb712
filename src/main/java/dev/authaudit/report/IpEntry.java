package dev.authaudit.report;

import dev.authaudit.classify.IpVerdict;
import java.util.List;

/**
 * One source address that failed or was blocked at least once.
 *
 * @param accounts logins it failed or succeeded with
 * @param blocked how many times the firewall blocked it
 */
public record IpEntry(String ip, IpVerdict verdict, double confidence, List<String> accounts, long failures,
                      long successes, long blocked, List<String> reasons) {
    public IpEntry {
        accounts = List.copyOf(accounts);
        reasons = List.copyOf(reasons);
    }
}
