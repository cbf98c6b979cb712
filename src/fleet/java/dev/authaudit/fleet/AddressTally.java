package dev.authaudit.fleet;

import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.LogEvent;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The address step's own count of one address's events, beside the auditor's: the servers that saw it, its failed
 * attempts per server, the logins it tried, its successes per login domain and its latest event. Gathered in hash
 * tables (one look-up per event: a judgement goes over all of a network's events) and put in order only when read.
 */
final class AddressTally {
    private final Set<String> hosts = new HashSet<>(4);
    private final Map<String, Long> failures = new HashMap<>(4);
    private final Set<String> logins = new HashSet<>();
    private final Map<String, Long> domainSuccesses = new HashMap<>(4);
    private OffsetDateTime last;

    /** Counts one event of this address seen by {@code host}. */
    void add(LogEvent e, String host) {
        hosts.add(host);
        if (e instanceof AuthFailure f && !f.detail()) {
            failures.merge(host, (long) f.attempts(), Long::sum);
        }
        if ((e instanceof AuthFailure || e instanceof AuthSuccess) && e.account() != null) {
            logins.add(e.account());
            if (e instanceof AuthSuccess) {
                String domain = domain(e.account());
                if (domain != null) {
                    domainSuccesses.merge(domain, 1L, Long::sum);
                }
            }
        }
        if (last == null || !last.isAfter(e.time())) { // by instant; of equal instants the later given
            last = e.time();
        }
    }

    /** Failed attempts per server, by server name. */
    Map<String, Long> failuresByHost() {
        return new TreeMap<>(failures);
    }

    /** The servers that saw the address, in order. */
    List<String> hostsSeen() {
        return List.copyOf(new TreeSet<>(hosts));
    }

    /** The logins the address tried (failed or succeeded), in order. */
    Set<String> logins() {
        return new TreeSet<>(logins);
    }

    /** The address's successes on logins of the domain. */
    long domainSuccesses(String domain) {
        return domainSuccesses.getOrDefault(domain, 0L);
    }

    /** The instant of the latest event, as text. */
    String lastEvent() {
        return last.toInstant().toString();
    }

    static String domain(String login) {
        int at = login.indexOf('@');
        return at < 0 ? null : login.substring(at + 1);
    }
}
