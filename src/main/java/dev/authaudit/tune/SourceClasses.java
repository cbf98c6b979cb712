package dev.authaudit.tune;

import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.IpAssessment;
import java.util.HashMap;
import java.util.Map;

/**
 * The class of each source address, taken from the classifier's verdicts on the same replay: the
 * stale-password and typo verdicts of logins name their customers' devices; the address verdicts
 * name customers, attackers and scanners.
 */
public final class SourceClasses {
    private final Map<String, SourceClass> byIp;

    private SourceClasses(Map<String, SourceClass> byIp) {
        this.byIp = Map.copyOf(byIp);
    }

    /** Returns the classes a run's verdicts give. */
    public static SourceClasses of(AuditResult result) {
        Map<String, SourceClass> m = new HashMap<>();
        for (IpAssessment ip : result.ips()) {
            switch (ip.verdict()) {
                case CUSTOMER:
                    m.put(ip.ip(), SourceClass.CUSTOMER);
                    break;
                case ATTACKER:
                    m.put(ip.ip(), SourceClass.ATTACKER);
                    break;
                case SCANNER:
                    m.put(ip.ip(), SourceClass.SCANNER);
                    break;
                default:
                    break;
            }
        }
        // a login's verdict is the more specific word for its own devices, and a stale password outranks a typo
        for (AccountAssessment a : result.accounts()) {
            if (a.verdict() == AccountVerdict.MISTYPED) {
                a.customerSources().forEach(ip -> m.put(ip, SourceClass.TYPO));
            }
        }
        for (AccountAssessment a : result.accounts()) {
            if (a.verdict() == AccountVerdict.STALE_PASSWORD) {
                a.customerSources().forEach(ip -> m.put(ip, SourceClass.STALE));
            }
        }
        return new SourceClasses(m);
    }

    /** Returns classes given directly, for tests and callers with their own labels. */
    public static SourceClasses of(Map<String, SourceClass> byIp) {
        return new SourceClasses(byIp);
    }

    /** Returns the class of an address ({@link SourceClass#UNKNOWN} when the classifier did not judge it). */
    public SourceClass of(String ip) {
        return byIp.getOrDefault(ip, SourceClass.UNKNOWN);
    }
}
