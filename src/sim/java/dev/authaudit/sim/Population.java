package dev.authaudit.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The host's customers: domains, mailboxes and their devices. */
record Population(List<String> domains, List<Mailbox> mailboxes) {
    Population {
        domains = List.copyOf(domains);
        mailboxes = List.copyOf(mailboxes);
    }

    /** Returns the mailboxes by login, in creation order. */
    Map<String, Mailbox> byLogin() {
        Map<String, Mailbox> m = new LinkedHashMap<>();
        for (Mailbox b : mailboxes) {
            m.put(b.login(), b);
        }
        return m;
    }
}
