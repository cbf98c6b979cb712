package dev.authaudit.classify;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.correlate.BlockEvidence;
import dev.authaudit.correlate.Count;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Explains a firewall block: which rule fired on which hits, what really caused it (a customer's stale
 * password or typo, guessing, a port scan, or a client knocking on a port the firewall does not open),
 * and what the admin should do about it.
 */
public final class BlockClassifier {
    private final ClassifierSettings settings;
    private final CsfConfig csf;
    private final EvidenceText text;

    BlockClassifier(ClassifierSettings settings, CsfConfig csf, EvidenceText text) {
        this.settings = settings;
        this.csf = csf;
        this.text = text;
    }

    /**
     * Returns the cause of a block.
     *
     * @param accounts the current verdict of a login, or null when it has none
     * @param ips the current verdict of an address, or null
     */
    public BlockAssessment classify(BlockEvidence b, Function<String, AccountAssessment> accounts,
                                    Function<String, IpAssessment> ips) {
        List<String> why = new ArrayList<>();
        why.add(ruleFired(b));
        IpAssessment ip = b.ip() == null ? null : ips.apply(b.ip());
        boolean scanTrigger = b.trigger().toUpperCase(Locale.ROOT).startsWith("PS_");
        // a port-scan trigger counts kernel drops only; login failures in its window did not cause it
        if (scanTrigger || (b.failures() == 0 && b.dropHits() > 0)) {
            return byDrops(b, ip, why);
        }
        if (b.failures() == 0) {
            why.add("the logs read show no failure or drop from " + b.ip() + " in the " + EvidenceText.duration(b.lookbackS())
                    + " before the block; add the log lfd read (exim_mainlog, maillog, messages) to explain it");
            return new BlockAssessment(b, BlockCause.UNKNOWN, 0.3, b.account(), why);
        }
        why.add(failuresSeen(b));
        String top = b.logins().isEmpty() ? null : b.logins().get(0).value();
        AccountAssessment account = top == null ? null : accounts.apply(top);
        boolean attackerIp = ip != null && ip.verdict() == IpVerdict.ATTACKER;
        boolean customerIp = ip != null && ip.verdict() == IpVerdict.CUSTOMER;
        // the customer's side is asked first: a stale client's address is a customer even when the same
        // login is guessed from elsewhere, and an office NAT may hold several customers' stale clients
        long staleHits = 0;
        long typoHits = 0;
        AccountAssessment stale = null;
        AccountAssessment typo = null;
        for (Count c : b.logins()) {
            AccountAssessment a = accounts.apply(c.value());
            if (a == null) {
                continue;
            }
            boolean theirs = a.customerSources().contains(b.ip()) || customerIp;
            if (a.verdict() == AccountVerdict.STALE_PASSWORD && (theirs || !attackerIp)) {
                staleHits += c.count();
                stale = stale == null ? a : stale;
            } else if (a.verdict() == AccountVerdict.MISTYPED && theirs) {
                typoHits += c.count();
                typo = typo == null ? a : typo;
            }
        }
        double customerShare = (double) (staleHits + typoHits) / Math.max(1, b.failures());
        if (stale != null && staleHits >= typoHits && customerShare >= settings.blockLoginShare()) {
            String login = stale.account();
            long others = b.logins().stream().filter(c -> !c.value().equals(login)).count();
            why.add((staleHits >= b.failures() ? "all of them were " : staleHits + " of them were ") + login
                    + ", whose mail client at " + b.ip() + " keeps an old password (" + stale.reasons().get(0) + ")"
                    + (others > 0 ? "; the rest were other customers' logins behind the same address" : ""));
            why.add("what to do: lift the block (csf -tr " + b.ip() + ") and tell the owner of " + login
                    + " to update the password saved in the mail client at " + b.ip() + " ("
                    + EvidenceText.protocols(b.protocols()) + "); " + thresholdAdvice(b));
            return new BlockAssessment(b, BlockCause.STALE_PASSWORD, Math.min(0.95, stale.confidence()), login, why);
        }
        if (typo != null && customerShare >= settings.blockLoginShare()) {
            why.add((typoHits >= b.failures() ? "all of them were " : typoHits + " of them were ") + typo.account()
                    + ", who then logged in successfully from the same address: a typo");
            why.add("what to do: lift the block (csf -tr " + b.ip() + "); no need to tell the customer");
            return new BlockAssessment(b, BlockCause.MISTYPED, typo.confidence(), typo.account(), why);
        }
        if (attackerIp || (!customerIp && (b.logins().size() >= 3
                || b.distinctFingerprints() >= settings.guessMinPasswords()))) {
            if (attackerIp) {
                why.add(ip.reasons().get(0));
            } else if (b.logins().size() >= 3) {
                why.add(b.ip() + " failed " + b.logins().size() + " different logins in that window");
            } else {
                why.add(b.ip() + " sent " + b.distinctFingerprints() + " different passwords in that window");
            }
            why.add("what to do: keep the block; nothing to tell a customer");
            return new BlockAssessment(b, BlockCause.BRUTE_FORCE, 0.9, b.account(), why);
        }
        if (account != null && (account.verdict() == AccountVerdict.TARGETED
                || account.verdict() == AccountVerdict.UNKNOWN_USER)) {
            why.add(top + " is " + account.verdict().word().replace('_', ' ') + ": " + account.reasons().get(0));
            why.add("what to do: keep the block; nothing to tell a customer");
            return new BlockAssessment(b, BlockCause.BRUTE_FORCE, 0.8, b.account(), why);
        }
        why.add("the failures fit neither a customer's stale client nor guessing clearly");
        return new BlockAssessment(b, BlockCause.UNKNOWN, 0.4, b.account() != null ? b.account() : top, why);
    }

    /** Returns the login that logs in successfully from the address, the first when there are several. */
    private static String loginOf(IpAssessment ip) {
        if (ip == null || ip.evidence() == null || ip.evidence().successLogins().isEmpty()) {
            return null;
        }
        return ip.evidence().successLogins().get(0);
    }

    private BlockAssessment byDrops(BlockEvidence b, IpAssessment ip, List<String> why) {
        List<Integer> ports = b.dropPorts();
        if (b.dropHits() > 0) {
            why.add(dropsSeen(b));
        }
        boolean customerIp = ip != null && ip.verdict() == IpVerdict.CUSTOMER;
        // one port, knocked on again and again: a mail port, or any port when the address is a customer's
        // (alternative submission ports such as 2525 or 26 are set by hand in mail clients)
        if (ports.size() == 1 && (settings.mailPorts().contains(ports.get(0)) || customerIp)) {
            int port = ports.get(0);
            boolean closedInConf = csf.fromFile() && !csf.isOpen(port);
            // a customer's address reaching the server on other ports is still refused on this one
            if (!b.reachedServer() || closedInConf || customerIp) {
                if (!b.reachedServer()) {
                    why.add("no connection from " + b.ip() + " ever reached Exim or Dovecot: the client never got"
                            + " far enough to try a password");
                }
                if (closedInConf) {
                    why.add("port " + port + " is missing from TCP_IN in " + csf.path());
                } else if (csf.fromFile()) {
                    why.add("port " + port + " is in TCP_IN in " + csf.path() + ", yet packets were dropped: check"
                            + " interface filters, PORTFLOOD/CONNLIMIT rules, or whether the address was already"
                            + " denied with DROP_IP_LOGGING=1");
                }
                why.add("what to do: lift the block (csf -tr " + b.ip() + "); "
                        + (closedInConf || !csf.fromFile() ? "open port " + port + " in TCP_IN (and TCP6_IN) or have"
                        + " the client use a port that is open; " : "")
                        + "set PS_DIVERSITY to 2 so retries on one port are not taken for a scan; do not tell the"
                        + " customer to check the password");
                String login = b.account() != null ? b.account() : loginOf(ip);
                if (b.account() == null && login != null) {
                    why.add(login + " logs in successfully from " + b.ip() + " on other ports: the blocked client is"
                            + " theirs" + (ip.evidence().successLogins().size() > 1 ? " (or another login there: "
                            + String.join(", ", ip.evidence().successLogins()) + ")" : ""));
                }
                return new BlockAssessment(b, BlockCause.CLOSED_PORT, b.reachedServer() ? 0.7 : 0.9, login, why);
            }
        }
        if (ports.size() >= settings.scanBlockMinPorts()
                || (ip != null && ip.verdict() == IpVerdict.SCANNER)) {
            why.add("what to do: keep the block; this is probing, not a customer");
            return new BlockAssessment(b, BlockCause.PORT_SCAN, ports.size() >= settings.scannerMinPorts() ? 0.95 : 0.75,
                    b.account(), why);
        }
        why.add("the drops fit neither a scan (too few ports) nor a closed mail port");
        return new BlockAssessment(b, BlockCause.UNKNOWN, 0.4, b.account(), why);
    }

    private String ruleFired(BlockEvidence b) {
        StringBuilder s = new StringBuilder();
        s.append(b.source()).append("'s ").append(b.trigger()).append(" fired at ").append(text.exactTime(b.at()));
        if (b.hits() != null) {
            s.append(" on ").append(b.hits()).append(" hits");
        }
        if (b.statedIntervalS() != null) {
            s.append(" in the last ").append(EvidenceText.duration(b.statedIntervalS()));
        }
        OptionalInt threshold = csf.thresholdFor(b.trigger());
        if (threshold.isPresent()) {
            s.append(" (").append(b.trigger()).append(" is ").append(threshold.getAsInt())
                    .append(csf.fromFile() ? " in " + csf.path() : ", the csf default");
            if (b.trigger().equalsIgnoreCase("PS_LIMIT")) {
                s.append("; lfd blocks when hits exceed it");
            }
            s.append(")");
        }
        s.append(b.permanent() ? "; permanent block"
                : b.durationS() != null ? "; blocked for " + EvidenceText.duration(b.durationS()) : "");
        if (b.liftedAt() != null) {
            s.append("; lifted at ").append(text.exactTime(b.liftedAt()));
        }
        return s.toString();
    }

    private String failuresSeen(BlockEvidence b) {
        return "the logs show " + EvidenceText.plural(b.failures(), "failed login", "failed logins") + " from " + b.ip()
                + " in the " + EvidenceText.duration(b.lookbackS()) + " before it (" + EvidenceText.protocols(b.protocols())
                + "; logins " + EvidenceText.list(b.logins().stream().map(Count::value).toList(), 3) + ")"
                + (b.windowTruncated() ? "; older ones were not kept" : "");
    }

    private String dropsSeen(BlockEvidence b) {
        String ports = b.dropPorts().size() == 1 ? "all to port " + b.dropPorts().get(0)
                : "to " + b.dropPorts().size() + " ports (" + EvidenceText.list(b.dropPorts(), 8) + ")";
        String s = "the logs show " + EvidenceText.plural(b.dropHits(), "firewall drop", "firewall drops") + " from "
                + b.ip() + " between " + text.exactTime(b.firstDrop()) + " and " + text.exactTime(b.lastDrop()) + ", "
                + ports;
        if (b.retransmissions() > 0) {
            s += ", from " + EvidenceText.plural(b.distinctSrcPorts(), "source port", "source ports") + ": "
                    + EvidenceText.plural(b.dropAttempts(), "connection attempt", "connection attempts")
                    + " with " + b.retransmissions() + " SYN retransmissions, not " + b.dropHits() + " probes";
        }
        return s;
    }

    private String thresholdAdvice(BlockEvidence b) {
        String t = b.trigger().toUpperCase(Locale.ROOT);
        if (t.startsWith("LF_") && csf.thresholdFor(t).isPresent()) {
            return "if customers' stale clients trip it often, consider raising " + t + " above "
                    + csf.thresholdFor(t).getAsInt();
        }
        return "no firewall change needed";
    }
}
