package dev.authaudit.classify;

import dev.authaudit.config.CsfConfig;
import dev.authaudit.correlate.BlockEvidence;
import dev.authaudit.correlate.Count;
import dev.authaudit.correlate.IpEvidence;
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
        return classify(b, accounts, ips, false);
    }

    /**
     * Returns the cause of a block, knowing whether it has ended while a later block of the same address
     * is still in force (then its advice says there is nothing to lift instead of naming a command).
     */
    public BlockAssessment classify(BlockEvidence b, Function<String, AccountAssessment> accounts,
                                    Function<String, IpAssessment> ips, boolean superseded) {
        String lift = superseded && b.liftedAt() != null
                ? "what to do after the " + text.time(b.at()) + " block: nothing to lift (it ended at "
                + text.time(b.liftedAt()) + ")"
                : "what to do: lift the block (" + unblock(b) + ")";
        List<Claim> why = new ArrayList<>();
        String name = lfdName(b);
        why.add(ruleFired(b, name));
        IpAssessment ip = b.ip() == null ? null : ips.apply(b.ip());
        boolean scanTrigger = b.trigger().toUpperCase(Locale.ROOT).startsWith("PS_");
        boolean attackerIp = ip != null && ip.verdict() == IpVerdict.ATTACKER;
        // a port-scan trigger counts kernel drops only; login failures in its window did not cause it
        if (scanTrigger || (b.failures() == 0 && b.dropHits() > 0)) {
            return byDrops(b, name, ip, why, lift);
        }
        if (b.trigger().equalsIgnoreCase("CT_LIMIT")) {
            return byConnections(b, name, ip, why, lift);
        }
        if (b.failures() == 0) {
            why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip()).first(b.at())
                    .say("the logs read show no failure or drop from " + b.ip() + " in the "
                    + EvidenceText.duration(b.lookbackS())
                    + " before the block; add the log lfd read (exim_mainlog, maillog, messages) to explain it"));
            if (attackerIp) {
                why.add(ip.claims().get(0));
                why.add(keep(b));
                return new BlockAssessment(b, BlockCause.BRUTE_FORCE, 0.6, b.account(), why, name);
            }
            return new BlockAssessment(b, BlockCause.UNKNOWN, 0.3, b.account(), why, name);
        }
        why.add(failuresSeen(b));
        String top = b.logins().isEmpty() ? null : b.logins().get(0).value();
        AccountAssessment account = top == null ? null : accounts.apply(top);
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
            boolean theirs = a.role(b.ip()) == SourceRole.CUSTOMER || (customerIp && a.role(b.ip()) != SourceRole.GUESSER);
            // an address that guesses passwords is never a customer's, whatever a login's bounded list kept
            if (a.verdict() == AccountVerdict.STALE_PASSWORD && !attackerIp && a.role(b.ip()) != SourceRole.GUESSER) {
                staleHits += c.count();
                stale = stale == null ? a : stale;
            } else if (a.verdict() == AccountVerdict.MISTYPED && theirs && !attackerIp) {
                typoHits += c.count();
                typo = typo == null ? a : typo;
            }
        }
        double customerShare = (double) (staleHits + typoHits) / Math.max(1, b.failures());
        if (stale != null && staleHits >= typoHits && customerShare >= settings.blockLoginShare()) {
            String login = stale.account();
            long others = b.logins().stream().filter(c -> !c.value().equals(login)).count();
            why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip()).login(login).count(staleHits).other(b.failures())
                    .say((staleHits >= b.failures() ? "all of them were " : staleHits + " of them were ") + login
                    + ", whose mail client at " + b.ip() + " keeps an old password"
                    + (others > 0 ? "; the rest were other customers' logins behind the same address" : "")));
            aboutAddress(stale.claims(), b.ip()).ifPresent(why::add);
            Claim.Builder advice = Claim.of(ClaimKind.ADVICE).address(b.ip()).login(login).protocols(b.protocols());
            why.add(advice.say(lift + " and tell the owner of " + login
                    + " to update the password saved in the mail client at " + b.ip() + " ("
                    + EvidenceText.protocols(advice.protocols()) + "); " + thresholdAdvice(b)));
            return new BlockAssessment(b, BlockCause.STALE_PASSWORD, Math.min(0.95, stale.confidence()), login, why,
                    name);
        }
        if (typo != null && customerShare >= settings.blockLoginShare()) {
            why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip()).login(typo.account()).count(typoHits)
                    .other(b.failures()).say((typoHits >= b.failures() ? "all of them were " : typoHits
                    + " of them were ") + typo.account() + ", who then logged in successfully from the same address: a typo"));
            why.add(Claim.of(ClaimKind.ADVICE).address(b.ip()).say(lift + "; no need to tell the customer"));
            return new BlockAssessment(b, BlockCause.MISTYPED, typo.confidence(), typo.account(), why, name);
        }
        if (attackerIp || (!customerIp && (b.logins().size() >= 3
                || b.distinctFingerprints() >= settings.guessMinPasswords()))) {
            if (attackerIp) {
                why.add(ip.claims().get(0));
            } else if (b.logins().size() >= 3) {
                why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip())
                        .logins(b.logins().stream().map(Count::value).toList()).count(b.logins().size())
                        .say(b.ip() + " failed " + b.logins().size() + " different logins in that window"));
            } else {
                why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip()).count(b.distinctFingerprints())
                        .say(b.ip() + " sent " + b.distinctFingerprints() + " different passwords in that window"));
            }
            why.add(keep(b));
            return new BlockAssessment(b, BlockCause.BRUTE_FORCE, 0.9, b.account(), why, name);
        }
        if (account != null && (account.verdict() == AccountVerdict.TARGETED
                || account.verdict() == AccountVerdict.UNKNOWN_USER)) {
            why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip()).login(top)
                    .say(top + " is " + account.verdict().word().replace('_', ' ') + ": " + account.reasons().get(0)));
            why.add(keep(b));
            return new BlockAssessment(b, BlockCause.BRUTE_FORCE, 0.8, b.account(), why, name);
        }
        why.add(Claim.of(ClaimKind.INCONCLUSIVE).address(b.ip())
                .say("the failures fit neither a customer's stale client nor guessing clearly"));
        return new BlockAssessment(b, BlockCause.UNKNOWN, 0.4, b.account() != null ? b.account() : top, why, name);
    }

    /**
     * Returns the block's rule as lfd names it: {@code LF_PERMBLOCK} for the escalation of repeated temporary
     * blocks (whose line carries the original trigger), {@code LF_SELECT} variants of a login trigger keep
     * the trigger's name (the claim says which ports), and everything else the trigger as logged.
     */
    static String lfdName(BlockEvidence b) {
        String rule = b.origin() == null ? "" : b.origin().rule().toLowerCase(Locale.ROOT);
        String t = b.trigger().toUpperCase(Locale.ROOT);
        if (rule.contains("permblock") || t.equals("LF_PERMBLOCK_COUNT") || t.equals("LF_PERMBLOCK")) {
            return "LF_PERMBLOCK";
        }
        if (rule.contains("netblock") || rule.contains("block-network") || t.equals("LF_NETBLOCK_COUNT")) {
            return "LF_NETBLOCK";
        }
        return b.trigger();
    }

    /** Returns the csf command that lifts this kind of block: {@code csf -dr} for a permanent deny, else {@code csf -tr}. */
    static String unblock(BlockEvidence b) {
        return (b.permanent() ? "csf -dr " : "csf -tr ") + b.ip();
    }

    private static Claim keep(BlockEvidence b) {
        return Claim.of(ClaimKind.ADVICE).address(b.ip()).say("what to do: keep the block; nothing to tell a customer");
    }

    /**
     * Returns the first of a login's claims that is about {@code ip} alone: a login's first reason is about
     * its busiest source, and a block of another of its addresses must not be explained by that one.
     */
    private static java.util.Optional<Claim> aboutAddress(List<Claim> claims, String ip) {
        // the detection note speaks of "another of the customer's addresses" from the login's side
        return claims.stream().filter(c -> c.kind() != ClaimKind.DETECTED && c.addresses().equals(List.of(ip)))
                .findFirst();
    }

    /**
     * A CT_LIMIT block: lfd counted the address's connections in the kernel's connection table, not log
     * lines, so no failure explains it; what the logs can tell is whose address it is.
     */
    private BlockAssessment byConnections(BlockEvidence b, String name, IpAssessment ip, List<Claim> why,
                                          String lift) {
        why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip()).say("CT_LIMIT counts the connections open from "
                + b.ip() + " in the kernel's table, not lines in a log: logins and passwords play no part in it"));
        if (ip != null && ip.verdict() == IpVerdict.ATTACKER) {
            why.add(ip.claims().get(0));
            why.add(keep(b));
            return new BlockAssessment(b, BlockCause.BRUTE_FORCE, 0.6, b.account(), why, name);
        }
        String login = loginOf(ip);
        if (ip != null && ip.verdict() == IpVerdict.CUSTOMER && login != null) {
            IpEvidence e = ip.evidence();
            why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip()).logins(e.successLogins()).count(e.successes())
                    .say(EvidenceText.plural(e.successes(), "successful login", "successful logins") + " from " + b.ip()
                    + " (" + EvidenceText.list(e.successLogins(), 3) + "): a customer's address, where mail clients"
                    + " keep several IMAP connections open each (one per folder, more behind an office's shared"
                    + " address)"));
            why.add(Claim.of(ClaimKind.ADVICE).address(b.ip()).say(lift + "; put " + b.ip() + " in csf.ignore (lfd's checks skip it) or raise CT_LIMIT"
                    + (csf.thresholdFor("CT_LIMIT").isPresent() ? " above " + csf.thresholdFor("CT_LIMIT").getAsInt()
                    : "") + "; no password is wrong, tell no customer to change one"));
            return new BlockAssessment(b, BlockCause.UNKNOWN, 0.7, login, why, name);
        }
        why.add(Claim.of(ClaimKind.INCONCLUSIVE).address(b.ip()).say("the logs read show no login from " + b.ip()
                + ": many connections from an address that never logs in look like a flood, not a customer"));
        return new BlockAssessment(b, BlockCause.UNKNOWN, 0.4, b.account(), why, name);
    }

    /** Returns the login that logs in successfully from the address, the first when there are several. */
    private static String loginOf(IpAssessment ip) {
        if (ip == null || ip.evidence() == null || ip.evidence().successLogins().isEmpty()) {
            return null;
        }
        return ip.evidence().successLogins().get(0);
    }

    private BlockAssessment byDrops(BlockEvidence b, String name, IpAssessment ip, List<Claim> why, String lift) {
        List<Integer> ports = b.dropPorts();
        if (b.dropHits() > 0) {
            why.add(dropsSeen(b));
        }
        boolean customerIp = ip != null && ip.verdict() == IpVerdict.CUSTOMER;
        if (ip != null && ip.verdict() == IpVerdict.ATTACKER) {
            // an address that guessed passwords is never advised to be let back in, whatever tripped the block
            why.add(ip.claims().get(0));
            why.add(keep(b));
            return new BlockAssessment(b, ports.size() >= settings.scanBlockMinPorts() ? BlockCause.PORT_SCAN
                    : BlockCause.BRUTE_FORCE, 0.85, b.account(), why, name);
        }
        // one port, knocked on again and again: a mail port, or any port when the address is a customer's
        // (alternative submission ports such as 2525 or 26 are set by hand in mail clients)
        if (ports.size() == 1 && (settings.mailPorts().contains(ports.get(0)) || customerIp)) {
            int port = ports.get(0);
            boolean closedInConf = csf.fromFile() && !csf.isOpen(port);
            // a customer's address reaching the server on other ports is still refused on this one
            if (!b.reachedServer() || closedInConf || customerIp) {
                if (!b.reachedServer()) {
                    why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip())
                            .say("no connection from " + b.ip() + " ever reached Exim or Dovecot: the client never got"
                            + " far enough to try a password"));
                }
                if (closedInConf) {
                    why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip()).ports(List.of(port))
                            .say("port " + port + " is missing from TCP_IN in " + csf.path()));
                } else if (csf.fromFile()) {
                    why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip()).ports(List.of(port))
                            .say("port " + port + " is in TCP_IN in " + csf.path() + ", yet packets were dropped: check"
                            + " interface filters, PORTFLOOD/CONNLIMIT rules, or whether the address was already"
                            + " denied with DROP_IP_LOGGING=1"));
                }
                why.add(Claim.of(ClaimKind.ADVICE).address(b.ip()).ports(List.of(port))
                        .say(lift + "; "
                        + (closedInConf || !csf.fromFile() ? "open port " + port + " in TCP_IN (and TCP6_IN) or have"
                        + " the client use a port that is open; " : "")
                        + "set PS_DIVERSITY to 2 so retries on one port are not taken for a scan; do not tell the"
                        + " customer to check the password"));
                String login = b.account() != null ? b.account() : loginOf(ip);
                if (b.account() == null && login != null) {
                    why.add(Claim.of(ClaimKind.BLOCK_CAUSE).address(b.ip()).logins(ip.evidence().successLogins())
                            .say(login + " logs in successfully from " + b.ip() + " on other ports: the blocked client is"
                            + " theirs" + (ip.evidence().successLogins().size() > 1 ? " (or another login there: "
                            + String.join(", ", ip.evidence().successLogins()) + ")" : "")));
                }
                return new BlockAssessment(b, BlockCause.CLOSED_PORT, b.reachedServer() ? 0.7 : 0.9, login, why, name);
            }
        }
        if (ports.size() >= settings.scanBlockMinPorts()
                || (ip != null && ip.verdict() == IpVerdict.SCANNER)) {
            why.add(Claim.of(ClaimKind.ADVICE).address(b.ip())
                    .say("what to do: keep the block; this is probing, not a customer"));
            return new BlockAssessment(b, BlockCause.PORT_SCAN, ports.size() >= settings.scannerMinPorts() ? 0.95 : 0.75,
                    b.account(), why, name);
        }
        why.add(Claim.of(ClaimKind.INCONCLUSIVE).address(b.ip())
                .say("the drops fit neither a scan (too few ports) nor a closed mail port"));
        return new BlockAssessment(b, BlockCause.UNKNOWN, 0.4, b.account(), why, name);
    }

    private Claim ruleFired(BlockEvidence b, String name) {
        StringBuilder s = new StringBuilder();
        boolean perm = name.equals("LF_PERMBLOCK") || name.equals("LF_NETBLOCK");
        s.append(b.source()).append("'s ").append(name);
        if (perm) {
            s.append(" (more than ").append(csf.lfPermblockCount()).append(" temporary blocks");
            if (b.statedIntervalS() != null) {
                s.append(" in ").append(EvidenceText.duration(b.statedIntervalS()));
            }
            s.append(", the last by ").append(b.trigger()).append(")");
        }
        s.append(" fired at ").append(text.exactTime(b.at()));
        if (b.hits() != null) {
            s.append(" on ").append(hitsInWords(b));
        }
        if (b.statedIntervalS() != null && !perm) {
            s.append(" in the last ").append(EvidenceText.duration(b.statedIntervalS()));
        }
        OptionalInt threshold = perm ? OptionalInt.empty() : csf.thresholdFor(b.trigger());
        if (threshold.isPresent()) {
            s.append(" (").append(b.trigger()).append(" is ").append(threshold.getAsInt())
                    .append(csf.fromFile() ? " in " + csf.path() : ", the csf default");
            if (b.trigger().equalsIgnoreCase("PS_LIMIT")) {
                s.append("; lfd blocks when hits exceed it");
            }
            s.append(")");
        }
        if (!b.blockPorts().isEmpty()) {
            s.append("; LF_SELECT: only port").append(b.blockPorts().size() == 1 ? " " : "s ")
                    .append(EvidenceText.list(b.blockPorts(), 8)).append(" blocked");
        }
        s.append(b.permanent() ? "; permanent block (csf.deny)"
                : b.durationS() != null ? "; blocked for " + EvidenceText.duration(b.durationS()) : "");
        if (b.liftedAt() != null) {
            s.append("; lifted at ").append(text.exactTime(b.liftedAt()));
        }
        return Claim.of(ClaimKind.BLOCK_RULE).address(b.ip()).first(b.at()).last(b.liftedAt())
                .count(b.hits() == null ? 0 : b.hits())
                .period(b.statedIntervalS() == null ? null : java.time.Duration.ofSeconds(b.statedIntervalS()))
                .ports(b.blockPorts()).say(s.toString());
    }

    /**
     * Returns what lfd counted, in its own terms: connections for CT_LIMIT, failed logins of one account
     * from several addresses for LF_DISTATTACK, successful logins for LF_DISTSMTP and LF_DISTFTP, hits
     * otherwise.
     */
    private String hitsInWords(BlockEvidence b) {
        String t = b.trigger().toUpperCase(Locale.ROOT);
        String of = b.account() == null ? "" : " of " + b.account();
        return switch (t) {
            case "CT_LIMIT" -> EvidenceText.plural(b.hits(), "connection", "connections") + " open at once";
            case "LF_DISTATTACK" -> EvidenceText.plural(b.hits(), "failed login", "failed logins") + of
                    + " from " + csf.lfDistattackUniq() + " or more addresses (LF_DISTATTACK_UNIQ is "
                    + csf.lfDistattackUniq() + (csf.fromFile() ? "" : ", the csf default")
                    + "; lfd blocks every address that took part)";
            case "LF_DISTSMTP", "LF_DISTFTP" -> EvidenceText.plural(b.hits(), "successful login", "successful logins")
                    + of + " from several addresses";
            default -> b.hits() + " hits";
        };
    }

    private Claim failuresSeen(BlockEvidence b) {
        List<String> logins = b.logins().stream().map(Count::value).toList();
        Claim.Builder c = Claim.of(ClaimKind.BLOCK_FAILURES).address(b.ip()).logins(logins).count(b.failures())
                .protocols(b.protocols()).first(b.firstFailure()).last(b.at())
                .period(java.time.Duration.ofSeconds(b.lookbackS()));
        return c.say("the logs show " + EvidenceText.plural(b.failures(), "failed login", "failed logins") + " from "
                + b.ip() + " in the " + EvidenceText.duration(b.lookbackS()) + " before it ("
                + EvidenceText.protocols(c.protocols()) + "; logins " + EvidenceText.list(logins, 3) + ")"
                + (b.windowTruncated() ? "; older ones were not kept" : ""));
    }

    private Claim dropsSeen(BlockEvidence b) {
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
        return Claim.of(ClaimKind.BLOCK_DROPS).address(b.ip()).count(b.dropHits()).ports(b.dropPorts())
                .first(b.firstDrop()).last(b.lastDrop()).say(s);
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
