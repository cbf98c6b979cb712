package dev.authaudit.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated host as clients meet it: the firewall in front, Dovecot for IMAP/POP3, Exim with
 * Dovecot's authenticator for submission. Each call plays one connection and writes every line it
 * would cause, hands the lines lfd reads to the lfd model, and records the truth.
 */
final class MailServer {
    /** How a connection ended. */
    enum Result { OK, FAILED, DROPPED }

    private final LogFiles files;
    private final LfdModel lfd;
    private final PasswordBook book;
    private final TruthRecorder truth;
    private final EximFormat exim;
    private final DovecotFormat dovecot;
    private final KernelFormat kernel;
    private final CsfSettings csf;
    private final AddressPool pool;
    private final EximStyle eximStyle;
    private final KernelLogLimiter limiter = new KernelLogLimiter();
    private final SplittableRandom rng;

    MailServer(LogFiles files, LfdModel lfd, PasswordBook book, TruthRecorder truth, EximFormat exim,
               DovecotFormat dovecot, KernelFormat kernel, CsfSettings csf, AddressPool pool, EximStyle eximStyle,
               SplittableRandom rng) {
        this.files = files;
        this.lfd = lfd;
        this.book = book;
        this.truth = truth;
        this.exim = exim;
        this.dovecot = dovecot;
        this.kernel = kernel;
        this.csf = csf;
        this.pool = pool;
        this.eximStyle = eximStyle;
        this.rng = rng;
    }

    EximFormat exim() {
        return exim;
    }

    DovecotFormat dovecot() {
        return dovecot;
    }

    /** Returns true when the firewall currently drops the address. */
    boolean blocked(String ip) {
        return lfd.blocked(ip);
    }

    /**
     * One IMAP or POP3 connection that tries the passwords in order until one works.
     *
     * @param failKind what a failure here really is (stale device, typo, attacker, ...)
     * @param sessionSecs how long a successful session stays logged in
     */
    Result mailboxSession(long t, String proto, String ip, String login, List<String> tries, String mech,
                          HitKind failKind, int sessionSecs, DovecotFormat.Close close) {
        if (lfd.blocked(ip)) {
            truth.dropped(ip);
            return Result.DROPPED;
        }
        String session = dovecot.session();
        long at = t + rng.nextInt(2);
        boolean exists = book.exists(login);
        for (int i = 0; i < tries.size(); i++) {
            String pw = tries.get(i);
            if (i > 0) {
                at += 2 + rng.nextInt(3);
            }
            if (book.valid(login, pw)) {
                int mpid = dovecot.mpid();
                files.add(LogKind.MAIL, at, dovecot.login(at, proto, login, mech, ip, mpid, session));
                files.add(LogKind.MAIL, at + sessionSecs, dovecot.loggedOut(at + sessionSecs, proto, login, mpid,
                        session));
                truth.success(ip, login);
                return Result.OK;
            }
            String d = dovecot.detail(at, login, ip, session, mech, !exists, pw);
            if (d != null) {
                files.add(LogKind.MAIL, at, d);
            }
            truth.failure(at, ip, login, failKind, proto);
        }
        // Dovecot answers a failure after auth_failure_delay (2 s); the client then gives up.
        long end = at + 2 + (close == DovecotFormat.Close.INACTIVITY ? 150 + rng.nextInt(30) : rng.nextInt(6));
        String summary = dovecot.failed(end, proto, login, mech, ip, tries.size(), (int) (end - t), session, close);
        files.add(LogKind.MAIL, end, summary);
        lfd.readMail(end, summary, ip, failKind, login);
        return Result.FAILED;
    }

    /**
     * One SMTP submission connection: AUTH with each password in order; on success, the message with
     * {@code recipients} recipients (0 = authenticate only).
     */
    Result submission(long t, String ip, int port, String login, List<String> tries, String mech, String helo,
                      HitKind failKind, int recipients, String domainForRemote, List<String> remoteMtas) {
        if (lfd.blocked(ip)) {
            truth.dropped(ip);
            return Result.DROPPED;
        }
        int pid = exim.pid();
        String authenticator = eximStyle.authenticatorPrefix() + (mech.equals("LOGIN") ? "_login" : "_plain");
        String rdns = pool.rdns(ip);
        int srcPort = 1024 + rng.nextInt(64_000);
        boolean exists = book.exists(login);
        long at = t + 1;
        for (int i = 0; i < tries.size(); i++) {
            String pw = tries.get(i);
            if (i > 0) {
                at += 1 + rng.nextInt(3);
            }
            if (book.valid(login, pw)) {
                truth.success(ip, login);
                if (recipients > 0) {
                    message(at + 1, pid, ip, srcPort, port, rdns, helo, authenticator, login, recipients, remoteMtas);
                }
                return Result.OK;
            }
            String d = dovecot.detail(at, login, ip, null, mech, !exists, pw);
            if (d != null) {
                files.add(LogKind.MAIL, at, d);
            }
            long failAt = at + 2;
            String line = exim.authFailed(failAt, pid, authenticator, ip, srcPort, port, rdns, helo, login);
            files.add(LogKind.EXIM, failAt, line);
            lfd.readMail(failAt, line, ip, failKind, login);
            truth.failure(failAt, ip, login, failKind, "smtp");
            at = failAt;
        }
        return Result.FAILED;
    }

    /**
     * One TCP SYN to the host. Open ports accept it silently; closed ports drop it and the kernel logs
     * it when the logging limit allows, which lfd may count as a port-scan hit.
     *
     * @return false when the packet was dropped
     */
    boolean syn(long t, String ip, int srcPort, int dstPort, int ttl, int ipId, int window, HitKind kind,
                String account) {
        if (csf.isOpen(dstPort)) {
            return !lfd.blocked(ip);
        }
        if (lfd.blocked(ip) || csf.dropNoLog().contains(dstPort) || !limiter.allow(t)) {
            return false;
        }
        String line = kernel.tcpIn(t, ip, srcPort, dstPort, ttl, ipId, window);
        files.add(LogKind.KERNEL, t, line);
        lfd.readKernel(t, line, ip, kind, account, dstPort);
        truth.kernelHit(ip, kind, account);
        return false;
    }

    /** One UDP datagram to a closed port (background noise). */
    void udp(long t, String ip, int srcPort, int dstPort, int ttl, HitKind kind) {
        if (lfd.blocked(ip) || csf.dropNoLog().contains(dstPort) || !limiter.allow(t)) {
            return;
        }
        String line = kernel.udpIn(t, ip, srcPort, dstPort, ttl);
        files.add(LogKind.KERNEL, t, line);
        lfd.readKernel(t, line, ip, kind, null, dstPort);
        truth.kernelHit(ip, kind, null);
    }

    /** Writes a submitted message's arrival, deliveries and completion. */
    private void message(long t, int pid, String ip, int srcPort, int port, String rdns, String helo,
                         String authenticator, String login, int recipients, List<String> remoteMtas) {
        String id = exim.messageId(t);
        files.add(LogKind.EXIM, t, exim.arrival(t, pid, id, login, ip, srcPort, port, rdns, helo, authenticator,
                login, 800 + rng.nextInt(rng.nextInt(10) == 0 ? 4_000_000 : 60_000)));
        int dpid = exim.pid();
        long at = t;
        boolean deferred = false;
        for (int r = 0; r < recipients; r++) {
            at += rng.nextInt(3);
            String mta = remoteMtas.get(rng.nextInt(remoteMtas.size()));
            String mtaIp = mta.substring(mta.indexOf(' ') + 1);
            String mtaName = mta.substring(0, mta.indexOf(' '));
            String rcpt = Names.FIRST.get(rng.nextInt(Names.FIRST.size())) + "@"
                    + mtaName.substring(mtaName.indexOf('.') + 1);
            if (rng.nextInt(40) == 0) {
                deferred = true;
                files.add(LogKind.EXIM, at, exim.deferred(at, dpid, id, rcpt, mtaName, mtaIp));
            } else {
                files.add(LogKind.EXIM, at, exim.delivery(at, dpid, id, r == 0, rcpt, false, mtaName, mtaIp));
            }
        }
        if (!deferred) {
            long done = at + rng.nextInt(2);
            files.add(LogKind.EXIM, done, exim.completed(done, dpid, id));
        }
    }
}
