package dev.authaudit.testing;

import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.classify.AccountVerdict;
import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.BlockAssessment;
import dev.authaudit.classify.Claim;
import dev.authaudit.classify.IpAssessment;
import dev.authaudit.classify.IpVerdict;
import dev.authaudit.classify.SourceRole;
import dev.authaudit.event.AuthFailure;
import dev.authaudit.event.AuthSuccess;
import dev.authaudit.event.FailureReason;
import dev.authaudit.event.FirewallBlock;
import dev.authaudit.event.FirewallDrop;
import dev.authaudit.event.FirewallUnblock;
import dev.authaudit.event.LogEvent;
import dev.authaudit.event.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Recomputes every claim of an audit from the event stream it was made from, independently of the
 * correlator, and lists the claims the events do not support: a protocol with no failure line, a count
 * outside what the lines allow, a time before (or long after) its evidence, an address or login that did
 * not do what is said of it, an unblock command that does not match the block, an attacker advised to be
 * let back in.
 *
 * <p>Counting: a failed attempt can be written as a primary line (Exim's 535, Dovecot's login summary),
 * a Dovecot detail line, or both, and the correlator joins a pair into one. The checker does not pair;
 * it takes the counts the lines allow: at least the larger of the primary and detail counts, at most
 * their sum (primaries without a login, such as Exim's 535 without {@code set_id}, count toward the upper
 * bound of every login of their address). A claimed count outside that range is rejected. Times: a
 * counted attempt takes its primary line's time, which follows its detail line by seconds, so a claimed
 * first or last failure must lie within {@link #PAIRING} of a failure line and no failure line may lie
 * more than {@link #PAIRING} outside it.
 */
public final class ClaimChecker {
    /**
     * The longest a primary line and its detail line are apart: the correlator's session pairing window (a
     * Dovecot login summary closes a session whose first attempt's detail line came up to 200 s earlier).
     */
    static final Duration PAIRING = Duration.ofSeconds(200);

    private final List<AuthFailure> failures = new ArrayList<>();
    private final List<AuthSuccess> successes = new ArrayList<>();
    private final List<FirewallDrop> drops = new ArrayList<>();
    private final List<FirewallBlock> blocks = new ArrayList<>();
    private final List<FirewallUnblock> unblocks = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private final Map<String, Integer> checked = new HashMap<>();

    public ClaimChecker(Collection<LogEvent> events) {
        Map<String, AuthFailure> previousExim = new HashMap<>();
        for (LogEvent e : events) {
            if (e instanceof AuthFailure f && f.ip() != null) {
                // Exim through syslog writes each 535 twice on consecutive lines: the copy is no attempt
                if (syslogCopy(f, previousExim.get(f.origin().file()))) {
                    previousExim.remove(f.origin().file());
                    continue;
                }
                if ("exim".equals(f.origin().source()) && !f.detail()) {
                    previousExim.put(f.origin().file(), f);
                }
                failures.add(f);
            } else if (e instanceof AuthSuccess s && s.ip() != null) {
                successes.add(s);
            } else if (e instanceof FirewallDrop d && d.ip() != null) {
                drops.add(d);
            } else if (e instanceof FirewallBlock b && b.ip() != null) {
                blocks.add(b);
            } else if (e instanceof FirewallUnblock u && u.ip() != null) {
                unblocks.add(u);
            }
        }
    }

    /** The same Exim line again, one or two lines later in the same file (syslog_duplication). */
    private static boolean syslogCopy(AuthFailure f, AuthFailure before) {
        return before != null && "exim".equals(f.origin().source()) && !f.detail()
                && f.origin().file().equals(before.origin().file())
                && f.origin().line() - before.origin().line() >= 1 && f.origin().line() - before.origin().line() <= 2
                && f.instant().equals(before.instant()) && f.ip().equals(before.ip())
                && java.util.Objects.equals(f.account(), before.account())
                && java.util.Objects.equals(f.port(), before.port()) && f.reason() == before.reason();
    }

    /** Checks every claim of {@code r}; returns the rejections (empty when every claim holds). */
    public List<String> check(AuditResult r) {
        Map<String, IpAssessment> ips = new HashMap<>();
        r.ips().forEach(i -> ips.put(i.ip(), i));
        for (AccountAssessment a : r.accounts()) {
            for (Claim c : a.claims()) {
                account(a, c);
            }
            // roles: an address the address verdicts call an attacker is never the customer's
            a.roles().forEach((ip, role) -> {
                IpAssessment i = ips.get(ip);
                if (role == SourceRole.CUSTOMER && i != null && i.verdict() == IpVerdict.ATTACKER) {
                    reject(a.account(), null, "attacker " + ip + " listed as the customer's own source");
                }
            });
            if (a.detectedAt() != null && a.device() != null) {
                Instant first = earliest(fail(a.device(), a.account()));
                boolean detectedClaim = a.claims().stream().anyMatch(c -> c.kind().name().equals("DETECTED"));
                if (first != null && a.detectedAt().isBefore(first.minus(PAIRING)) && !detectedClaim) {
                    reject(a.account(), null, "detected at " + a.detectedAt() + " before the device " + a.device()
                            + " failed (" + first + ") and no claim says where it was detected");
                }
            }
        }
        for (IpAssessment i : r.ips()) {
            for (Claim c : i.claims()) {
                address(c);
            }
        }
        for (BlockAssessment b : r.blocks()) {
            for (Claim c : b.claims()) {
                block(b, c, ips.get(b.evidence().ip()));
            }
        }
        return List.copyOf(rejected);
    }

    /** Returns how many claims of each kind were checked. */
    public Map<String, Integer> checked() {
        return Map.copyOf(checked);
    }

    // ---------------------------------------------------------------- accounts

    private void account(AccountAssessment a, Claim c) {
        checked.merge(c.kind().name(), 1, Integer::sum);
        String login = a.account();
        String ip = c.addresses().isEmpty() ? null : c.addresses().get(0);
        switch (c.kind()) {
            case POLLING -> {
                List<AuthFailure> f = fail(ip, login);
                count(c, f, c.count());
                firstAndLast(c, f);
                protocols(c, f);
                if (c.period() != null && !rhythm(f, c.period(), c.on())) {
                    reject(login, c, "no failure rhythm near " + c.period() + " from " + ip);
                }
            }
            case SAME_PASSWORD, FINGERPRINT_REPEATED -> {
                List<AuthFailure> f = fail(ip, login).stream()
                        .filter(x -> c.fingerprint() != null && c.fingerprint().equals(x.passwordFp())).toList();
                if (c.other() == 1) {
                    // "at least": only more than the lines hold is wrong
                    if (c.count() < 1 || c.count() > upper(f)) {
                        reject(login, c, "claims at least " + c.count() + " with the fingerprint; the lines allow at"
                                + " most " + upper(f));
                    }
                } else {
                    count(c, f, c.count());
                }
            }
            case SUCCESS_BEFORE -> {
                // before the first counted attempt (its lines may begin up to the pairing window earlier)
                Instant first = c.first() != null ? c.first() : earliest(fail(ip, login));
                near(login, c, fail(ip, login), first, "first");
                long n = ok(ip, login).stream().filter(s -> first == null || s.instant().isBefore(first)).count();
                if (c.count() < 1 || c.count() > n) {
                    reject(login, c, "claims " + c.count() + " successes from " + ip + " before its failures; the"
                            + " lines show " + n);
                }
            }
            case SUCCESS_SAME_ADDRESS -> {
                long n = ok(ip, login).size();
                if (c.count() != n) {
                    reject(login, c, "claims " + c.count() + " successes from " + ip + "; the lines show " + n);
                }
            }
            case NETWORK_SUCCESS -> {
                String net = c.addresses().size() > 1 ? c.addresses().get(1) : null;
                long n = ok(null, login).stream().filter(s -> inNetwork(s.ip(), net)).count();
                if (c.count() < 1 || c.count() > n) {
                    reject(login, c, "claims " + c.count() + " successes from network " + net + "; the lines show " + n);
                }
            }
            case DOMAIN_SUCCESS -> {
                String domain = login.substring(login.indexOf('@') + 1);
                long n = ok(ip, null).stream().filter(s -> s.account() != null
                        && s.account().toLowerCase(Locale.ROOT).endsWith("@" + domain)).count();
                if (c.count() < 1 || c.count() > n) {
                    reject(login, c, "claims " + c.count() + " successes of " + domain + " from " + ip
                            + "; the lines show " + n);
                }
            }
            case FAILING_AFTER_SUCCESS -> {
                String from = c.addresses().get(1);
                successAt(login, c, from, c.first());
                List<AuthFailure> after = fail(ip, login).stream()
                        .filter(x -> !x.instant().isBefore(c.first().minus(PAIRING))).toList();
                if (c.count() < 1 || c.count() > upper(after)) {
                    reject(login, c, "claims " + c.count() + " failures after " + c.first() + " from " + ip
                            + "; the lines allow at most " + upper(after));
                }
            }
            case LONG_RUN -> {
                List<AuthFailure> f = fail(ip, login).stream().filter(x -> within(x.instant(), c.first(), c.last()))
                        .toList();
                count(c, f, c.count());
                protocols(c, fail(ip, login));
                near(login, c, fail(ip, login), c.first(), "first");
                near(login, c, fail(ip, login), c.last(), "last");
            }
            case TYPO -> {
                near(login, c, fail(ip, login), c.first(), "first");
                successAt(login, c, ip, c.last());
                boolean later = fail(ip, login).stream().anyMatch(x -> x.instant().isAfter(c.last().plus(PAIRING)));
                if (later) {
                    reject(login, c, ip + " failed again after its success at " + c.last());
                }
            }
            case PROTOCOLS_TOGETHER -> protocols(c, fail(ip, login));
            case PASSWORD_CHANGED -> {
                successAt(login, c, c.addresses().get(1), c.first());
                Instant first = earliest(fail(ip, login));
                if (first == null || first.isAfter(c.first())) {
                    reject(login, c, "the success at " + c.first() + " is not after failures from " + ip);
                }
            }
            case SAME_ELSEWHERE -> {
                for (String x : c.addresses()) {
                    if (fail(x, login).isEmpty()) {
                        reject(login, c, x + " never failed as " + login);
                    }
                }
                if (c.count() != c.addresses().size() - 1) {
                    reject(login, c, "counts " + c.count() + " more addresses but names " + (c.addresses().size() - 1));
                }
            }
            case GUESSERS -> {
                long lo = 0;
                long hi = 0;
                for (String x : c.addresses()) {
                    List<AuthFailure> f = fail(x, login);
                    if (f.isEmpty()) {
                        reject(login, c, x + " never failed as " + login);
                    }
                    if (a.role(x) == SourceRole.CUSTOMER) {
                        reject(login, c, x + " is counted among the guessers and listed as the customer's");
                    }
                    lo += lower(f);
                    hi += upper(f);
                }
                if (c.count() != c.addresses().size()) {
                    reject(login, c, "counts " + c.count() + " addresses but names " + c.addresses().size());
                }
                // "at least M failures": a lower bound, so only more than the lines hold is wrong
                if (c.other() > hi) {
                    reject(login, c, "claims at least " + c.other() + " failures from the guessers; the lines allow at"
                            + " most " + hi);
                }
            }
            case LOGIN_SUMMARY -> {
                List<AuthFailure> f = fail(null, login);
                count(c, f, c.count());
                firstAndLast(c, f);
                Set<String> from = new HashSet<>();
                f.forEach(x -> from.add(x.ip()));
                if (!distinctOk(c.other(), from.size())) {
                    reject(login, c, "claims " + c.other() + " addresses; the lines show " + from.size());
                }
                long s = ok(null, login).size();
                if (c.extra() != s) {
                    reject(login, c, "claims " + c.extra() + " successes; the lines show " + s);
                }
            }
            case UNKNOWN_USER_SHARE -> {
                List<AuthFailure> f = fail(null, login);
                List<AuthFailure> unknown = f.stream().filter(x -> x.reason() == FailureReason.UNKNOWN_USER).toList();
                if (c.count() < 1 || c.count() > upper(unknown)) {
                    reject(login, c, "claims " + c.count() + " unknown-user answers; the lines allow at most "
                            + upper(unknown));
                }
                count(c, f, c.other());
                noSuccess(login, c, null, login);
            }
            case STRANGERS -> {
                if (c.addresses().isEmpty()) {
                    List<AuthFailure> f = fail(null, login);
                    count(c, f, c.count());
                    noSuccess(login, c, null, login);
                    Set<String> from = new HashSet<>();
                    f.forEach(x -> from.add(x.ip()));
                    if (!distinctOk(c.other(), from.size())) {
                        reject(login, c, "claims " + c.other() + " addresses; the lines show " + from.size());
                    }
                    break;
                }
                long lo = 0;
                long hi = 0;
                for (String x : c.addresses()) {
                    lo += lower(fail(x, login));
                    hi += upper(fail(x, login));
                    if (!ok(x, login).isEmpty()) {
                        reject(login, c, x + " did log in as " + login);
                    }
                }
                if (c.count() < lo || c.count() > hi) {
                    reject(login, c, "claims " + c.count() + " failures; the lines allow " + lo + ".." + hi);
                }
                if (c.other() != c.addresses().size()) {
                    reject(login, c, "counts " + c.other() + " addresses but names " + c.addresses().size());
                }
            }
            case DISTRIBUTED -> {
                for (String x : c.addresses()) {
                    List<AuthFailure> f = fail(x, login);
                    if (f.isEmpty() || lower(f) > c.other()) {
                        reject(login, c, x + " failed " + lower(f) + " times as " + login + ", not 1.." + c.other());
                    }
                    if (!ok(x, null).isEmpty()) {
                        reject(login, c, x + " has a success on record");
                    }
                }
                if (c.count() < c.addresses().size()) {
                    reject(login, c, "counts " + c.count() + " addresses but names " + c.addresses().size());
                }
            }
            case MANY_PASSWORDS -> {
                Set<String> fps = new HashSet<>();
                fail(ip, login).forEach(x -> {
                    if (x.passwordFp() != null) {
                        fps.add(x.passwordFp());
                    }
                });
                if (fps.size() < c.count() && !distinctOk(c.count(), fps.size())) {
                    reject(login, c, "claims " + c.count() + " passwords; the lines show " + fps.size());
                }
            }
            case DICTIONARY -> noSuccess(login, c, null, login);
            case DETECTED -> {
                Instant first = earliest(fail(ip, login));
                if (first == null || c.last() == null || c.last().isBefore(first.minus(PAIRING))) {
                    reject(login, c, "detected from " + ip + " at " + c.last() + " before it failed (" + first + ")");
                }
                near(login, c, fail(ip, login), c.first(), "first");
            }
            case INCONCLUSIVE -> { }
            default -> address(c);
        }
    }

    // ---------------------------------------------------------------- addresses

    private void address(Claim c) {
        checked.merge(c.kind().name(), 1, Integer::sum);
        String ip = c.addresses().get(0);
        String who = ip;
        switch (c.kind()) {
            case MANY_LOGINS, ONE_OFFS -> {
                Map<String, List<AuthFailure>> byLogin = byLogin(fail(ip, null));
                if (byLogin.size() < c.count() && !distinctOk(c.count(), byLogin.size())) {
                    reject(who, c, "claims " + c.count() + " logins; the lines show " + byLogin.size());
                }
                if (c.kind() == dev.authaudit.classify.ClaimKind.ONE_OFFS) {
                    byLogin.forEach((l, f) -> {
                        if (lower(f) > c.other()) {
                            reject(who, c, "tried " + l + " " + lower(f) + " times, not at most " + c.other());
                        }
                    });
                }
                noSuccess(who, c, ip, null);
            }
            case MANY_ADDRESS_PASSWORDS, MANY_PASSWORDS -> {
                Set<String> fps = new HashSet<>();
                fail(ip, c.logins().isEmpty() ? null : c.logins().get(0)).forEach(x -> {
                    if (x.passwordFp() != null) {
                        fps.add(x.passwordFp());
                    }
                });
                if (fps.size() < c.count() && !distinctOk(c.count(), fps.size())) {
                    reject(who, c, "claims " + c.count() + " passwords; the lines show " + fps.size());
                }
                if (c.kind() == dev.authaudit.classify.ClaimKind.MANY_ADDRESS_PASSWORDS) {
                    noSuccess(who, c, ip, null);
                }
            }
            case UNKNOWN_USERS -> {
                List<AuthFailure> unknown = fail(ip, null).stream()
                        .filter(x -> x.reason() == FailureReason.UNKNOWN_USER).toList();
                if (c.count() < 1 || c.count() > upper(unknown)) {
                    reject(who, c, "claims " + c.count() + " unknown-user answers; the lines allow at most "
                            + upper(unknown));
                }
                noSuccess(who, c, ip, null);
            }
            case ADDRESS_SUCCESS -> {
                long n = ok(ip, null).size();
                if (c.count() != n) {
                    reject(who, c, "claims " + c.count() + " successes; the lines show " + n);
                }
                for (String l : c.logins()) {
                    if (ok(ip, l).isEmpty()) {
                        reject(who, c, "never logged in as " + l);
                    }
                }
            }
            case CUSTOMER_FAILURES, UNDECIDED -> {
                count(c, fail(ip, null), c.count());
                if (c.kind() == dev.authaudit.classify.ClaimKind.UNDECIDED) {
                    long d = dropsOf(ip).size();
                    if (c.other() > d) {
                        reject(who, c, "claims " + c.other() + " drops; the lines show " + d);
                    }
                }
            }
            case DEVICE_OF, DICTIONARY_LOGINS, ONLY_DICTIONARY, DISTRIBUTED_MEMBER -> {
                for (String l : c.logins()) {
                    if (fail(ip, l).isEmpty() && ok(ip, l).isEmpty()) {
                        reject(who, c, "never tried " + l);
                    }
                    if (c.kind() == dev.authaudit.classify.ClaimKind.ONLY_DICTIONARY && !ok(null, l).isEmpty()) {
                        reject(who, c, l + " did log in here");
                    }
                }
                if (c.kind() == dev.authaudit.classify.ClaimKind.DISTRIBUTED_MEMBER && fail(ip, null).isEmpty()) {
                    reject(who, c, "never failed a login");
                }
            }
            case NETWORK_HISTORY -> {
                String net = c.addresses().size() > 1 ? c.addresses().get(1) : null;
                for (String l : c.logins()) {
                    if (ok(null, l).stream().noneMatch(s -> inNetwork(s.ip(), net))) {
                        reject(who, c, "no success as " + l + " from " + net);
                    }
                }
            }
            case PORTS_KNOCKED -> {
                Set<Integer> ports = new HashSet<>();
                dropsOf(ip).stream().filter(x -> x.port() != null).forEach(x -> ports.add(x.port()));
                if (ports.size() < c.count()) {
                    reject(who, c, "claims " + c.count() + " ports; the lines show " + ports.size());
                }
                for (Integer p : c.ports()) {
                    if (!ports.contains(p)) {
                        reject(who, c, "no drop to port " + p);
                    }
                }
            }
            case INCONCLUSIVE -> { }
            default -> reject(who, c, "no check for a claim of kind " + c.kind() + " about an address");
        }
    }

    // ---------------------------------------------------------------- blocks

    private void block(BlockAssessment b, Claim c, IpAssessment ip) {
        String ipText = b.evidence().ip();
        String who = "block of " + ipText + " at " + b.evidence().at();
        switch (c.kind()) {
            case BLOCK_RULE -> {
                checked.merge(c.kind().name(), 1, Integer::sum);
                boolean seen = blocks.stream().anyMatch(x -> ipText.equals(x.ip()) && x.instant().equals(c.first())
                        && (c.count() == 0 || (x.hits() != null && x.hits() == c.count())));
                if (!seen) {
                    reject(who, c, "no block line of " + ipText + " at " + c.first() + " with " + c.count() + " hits");
                }
                if (c.last() != null && unblocks.stream().noneMatch(u -> ipText.equals(u.ip())
                        && !u.instant().isBefore(c.first()) && !u.instant().isAfter(c.last().plusSeconds(1)))
                        && b.evidence().durationS() == null) {
                    reject(who, c, "lifted at " + c.last() + " without an unblock line");
                }
            }
            case BLOCK_FAILURES -> {
                checked.merge(c.kind().name(), 1, Integer::sum);
                Instant from = b.evidence().at().minus(c.period()).minus(PAIRING);
                List<AuthFailure> f = fail(ipText, null).stream()
                        .filter(x -> within(x.instant(), from, b.evidence().at().plus(PAIRING))).toList();
                if (c.count() < 1 || c.count() > upper(f)) {
                    reject(who, c, "claims " + c.count() + " failures before the block; the lines allow at most "
                            + upper(f));
                }
                protocols(c, f);
                for (String l : c.logins()) {
                    if (f.stream().noneMatch(x -> same(x.account(), l))) {
                        reject(who, c, "no failure as " + l + " in the window");
                    }
                }
            }
            case BLOCK_DROPS -> {
                checked.merge(c.kind().name(), 1, Integer::sum);
                long n = dropsOf(ipText).stream().filter(x -> within(x.instant(), c.first(), c.last()))
                        .count();
                if (c.count() > n || c.count() < 1) {
                    reject(who, c, "claims " + c.count() + " drops between " + c.first() + " and " + c.last()
                            + "; the lines show " + n);
                }
                for (Integer p : c.ports()) {
                    if (dropsOf(ipText).stream().noneMatch(x -> p.equals(x.port()))) {
                        reject(who, c, "no drop to port " + p);
                    }
                }
            }
            case BLOCK_IN_FORCE -> {
                checked.merge(c.kind().name(), 1, Integer::sum);
                if (unblocks.stream().anyMatch(u -> ipText.equals(u.ip()) && u.instant().isAfter(c.first()))) {
                    reject(who, c, "an unblock of " + ipText + " follows the block");
                }
                for (String l : c.logins()) {
                    if (fail(ipText, l).isEmpty() && ok(ipText, l).isEmpty()) {
                        reject(who, c, l + " never used " + ipText);
                    }
                }
            }
            case BLOCK_CAUSE -> {
                checked.merge(c.kind().name(), 1, Integer::sum);
                for (String l : c.logins()) {
                    if (fail(ipText, l).isEmpty() && ok(ipText, l).isEmpty()) {
                        reject(who, c, l + " never used " + ipText);
                    }
                }
            }
            case ADVICE -> {
                checked.merge(c.kind().name(), 1, Integer::sum);
                boolean permanent = b.evidence().permanent();
                if (permanent && c.text().contains("csf -tr")) {
                    reject(who, c, "a permanent block advised csf -tr");
                }
                if (!permanent && c.text().contains("csf -dr")) {
                    reject(who, c, "a temporary block advised csf -dr");
                }
                if (c.text().contains("lift the block") && ip != null && ip.verdict() == IpVerdict.ATTACKER) {
                    reject(who, c, "an attacker advised to be unblocked");
                }
            }
            default -> {
                // the verdicts of a login or an address quoted under the block
                AccountAssessment none = null;
                if (c.logins().isEmpty() || c.addresses().isEmpty() || c.kind().name().startsWith("MANY_LOGINS")) {
                    address(c);
                } else {
                    accountClaim(c);
                }
            }
        }
    }

    private void accountClaim(Claim c) {
        AccountAssessment stub = new AccountAssessment(c.logins().get(0), AccountVerdict.OK, 0, null, List.of(),
                java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), null, List.of(c),
                Map.of(), null);
        account(stub, c);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A distinct count the correlator states: exact up to 64 (its counters are), an estimate above (the text
     * says "about"); an estimate within a fifth of the truth holds.
     */
    private static boolean distinctOk(long claimed, long actual) {
        if (claimed <= 64 && actual <= 64) {
            return claimed == actual;
        }
        return Math.abs(claimed - actual) <= Math.max(2, actual / 5);
    }

    private void reject(String subject, Claim c, String why) {
        rejected.add(subject + ": " + why + (c == null ? "" : " [" + c.kind() + ": " + c.text() + "]"));
    }

    private List<AuthFailure> fail(String ip, String login) {
        if (failuresByIp == null) {
            failuresByIp = new HashMap<>();
            failuresByLogin = new HashMap<>();
            for (AuthFailure f : failures) {
                failuresByIp.computeIfAbsent(f.ip(), k -> new ArrayList<>()).add(f);
                if (f.account() != null) {
                    failuresByLogin.computeIfAbsent(f.account().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f);
                }
            }
        }
        List<AuthFailure> from = ip != null ? failuresByIp.getOrDefault(ip, List.of())
                : login != null ? failuresByLogin.getOrDefault(login.toLowerCase(Locale.ROOT), List.of()) : failures;
        return from.stream().filter(f -> (ip == null || ip.equals(f.ip())) && (login == null || same(f.account(), login)
                || (f.account() == null && ip != null))).toList();
    }

    private List<AuthSuccess> ok(String ip, String login) {
        if (successesByIp == null) {
            successesByIp = new HashMap<>();
            successesByLogin = new HashMap<>();
            for (AuthSuccess x : successes) {
                successesByIp.computeIfAbsent(x.ip(), k -> new ArrayList<>()).add(x);
                if (x.account() != null) {
                    successesByLogin.computeIfAbsent(x.account().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(x);
                }
            }
        }
        List<AuthSuccess> from = ip != null ? successesByIp.getOrDefault(ip, List.of())
                : login != null ? successesByLogin.getOrDefault(login.toLowerCase(Locale.ROOT), List.of()) : successes;
        return from.stream().filter(s -> (ip == null || ip.equals(s.ip()))
                && (login == null || same(s.account(), login))).toList();
    }

    private List<FirewallDrop> dropsOf(String ip) {
        if (dropsByIp == null) {
            dropsByIp = new HashMap<>();
            drops.forEach(d -> dropsByIp.computeIfAbsent(d.ip(), k -> new ArrayList<>()).add(d));
        }
        return dropsByIp.getOrDefault(ip, List.of());
    }

    private Map<String, List<FirewallDrop>> dropsByIp;
    private Map<String, List<AuthFailure>> failuresByIp;
    private Map<String, List<AuthFailure>> failuresByLogin;
    private Map<String, List<AuthSuccess>> successesByIp;
    private Map<String, List<AuthSuccess>> successesByLogin;

    private static boolean same(String a, String login) {
        return a != null && a.equalsIgnoreCase(login);
    }

    /** The fewest attempts the lines can stand for: the larger of the primary and the detail counts. */
    private static long lower(List<AuthFailure> f) {
        long primary = 0;
        long detail = 0;
        for (AuthFailure x : f) {
            if (x.account() == null) {
                continue; // a line without a login may belong to another login of the address
            }
            if (x.detail()) {
                detail += x.attempts();
            } else {
                primary += x.attempts();
            }
        }
        return Math.max(primary, detail);
    }

    /** The most attempts the lines can stand for: every line counted. */
    private static long upper(List<AuthFailure> f) {
        return f.stream().mapToLong(AuthFailure::attempts).sum();
    }

    private void count(Claim c, List<AuthFailure> f, long n) {
        long lo = lower(f);
        long hi = upper(f);
        if (n < lo || n > hi) {
            reject(subject(c), c, "claims " + n + " failures; the lines allow " + lo + ".." + hi);
        }
    }

    private static String subject(Claim c) {
        return !c.logins().isEmpty() ? c.logins().get(0) : c.addresses().isEmpty() ? "?" : c.addresses().get(0);
    }

    private void firstAndLast(Claim c, List<AuthFailure> f) {
        String s = subject(c);
        if (c.first() != null) {
            near(s, c, f, c.first(), "first");
            Instant earliest = earliest(f);
            if (earliest != null && earliest.isBefore(c.first().minus(PAIRING))) {
                reject(s, c, "a failure at " + earliest + " precedes the claimed first " + c.first());
            }
        }
        if (c.last() != null) {
            near(s, c, f, c.last(), "last");
            Instant latest = f.stream().map(AuthFailure::instant).max(Instant::compareTo).orElse(null);
            if (latest != null && latest.isAfter(c.last().plus(PAIRING))) {
                reject(s, c, "a failure at " + latest + " follows the claimed last " + c.last());
            }
        }
    }

    private void near(String subject, Claim c, List<AuthFailure> f, Instant t, String what) {
        if (t == null) {
            reject(subject, c, "no " + what + " time");
            return;
        }
        boolean ok = f.stream().anyMatch(x -> !x.instant().isAfter(t.plusSeconds(1))
                && !x.instant().isBefore(t.minus(PAIRING)));
        if (!ok) {
            reject(subject, c, "no failure line at the claimed " + what + " time " + t);
        }
    }

    private void successAt(String subject, Claim c, String ip, Instant t) {
        boolean ok = ok(ip, subject).stream()
                .anyMatch(s -> Math.abs(Duration.between(s.instant(), t).toSeconds()) <= 1);
        if (!ok) {
            reject(subject, c, "no success from " + ip + " at " + t);
        }
    }

    private void noSuccess(String subject, Claim c, String ip, String login) {
        if (!ok(ip, login).isEmpty()) {
            reject(subject, c, "claims no success, yet " + (ip == null ? login : ip) + " logged in");
        }
    }

    private void protocols(Claim c, List<AuthFailure> f) {
        Set<Protocol> seen = new HashSet<>();
        f.forEach(x -> seen.add(x.protocol()));
        for (Protocol p : c.protocols()) {
            if (!seen.contains(p)) {
                reject(subject(c), c, "claims " + p.word() + " failures; there is no " + p.word() + " failure line");
            }
        }
    }

    /** Returns true when the median gap between failures (a pair of lines counted as one) is near the period. */
    private static boolean rhythm(List<AuthFailure> f, Duration period, Protocol on) {
        List<Instant> times = f.stream().filter(x -> !x.detail() && (on == null || x.protocol() == on))
                .map(AuthFailure::instant).sorted().toList();
        List<Long> gaps = new ArrayList<>();
        Instant prev = null;
        for (Instant t : times) {
            if (prev != null && Duration.between(prev, t).toSeconds() > 5) {
                gaps.add(Duration.between(prev, t).toSeconds());
            }
            prev = t;
        }
        if (gaps.isEmpty()) {
            return false;
        }
        gaps.sort(null);
        long median = gaps.get(gaps.size() / 2);
        return median >= period.toSeconds() / 2 && median <= period.toSeconds() * 2;
    }

    private static Instant earliest(List<AuthFailure> f) {
        return f.stream().map(AuthFailure::instant).min(Instant::compareTo).orElse(null);
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return (from == null || !t.isBefore(from)) && (to == null || !t.isAfter(to));
    }

    private static Map<String, List<AuthFailure>> byLogin(List<AuthFailure> f) {
        Map<String, List<AuthFailure>> out = new HashMap<>();
        for (AuthFailure x : f) {
            if (x.account() != null) {
                out.computeIfAbsent(x.account().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(x);
            }
        }
        return out;
    }

    private static boolean inNetwork(String ip, String network) {
        if (ip == null || network == null) {
            return false;
        }
        String base = network.contains("/") ? network.substring(0, network.indexOf('/')) : network;
        if (ip.contains(".") && base.contains(".")) {
            return ip.substring(0, ip.lastIndexOf('.')).equals(base.substring(0, base.lastIndexOf('.')));
        }
        return ip.equals(base) || ip.startsWith(base.replaceAll("::$", ""));
    }

    /** Returns a predicate for tests that want only some rejections. */
    public static Predicate<String> about(String subject) {
        return s -> s.startsWith(subject + ":");
    }
}
