package dev.authaudit.run;

import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.act.notice.NoticeRecord;
import dev.authaudit.act.notice.NoticeStatus;
import java.util.List;
import java.util.Optional;

/**
 * What the state (the notice ledger that {@code watch} and {@code scan} fill) knows about the customer
 * behind a blocked address: their login, whether it has a success on record, whether it was found
 * with a stale password, and how far their notice got.
 *
 * @param account the login
 * @param successOnRecord true when the login has logged in successfully on record
 * @param stalePassword true when the login's device was found with a stale password
 * @param device the device address the ledger names
 * @param noticeStatus the notice's status
 * @param noticeId the ledger id of the notice
 */
record KnownCustomer(String account, boolean successOnRecord, boolean stalePassword, String device,
                     NoticeStatus noticeStatus, long noticeId) {

    /**
     * Picks the row that best explains a block of {@code ip}: one about a login lfd's lines name, else
     * one whose device is the address; the newest first. Returns empty when none fits.
     *
     * @param rows the ledger rows about the address or the logins, newest first
     * @param logins the logins in lfd's lines, most failures first (may be empty: kernel lines carry none)
     */
    static Optional<KnownCustomer> of(List<NoticeRecord> rows, String ip, List<String> logins) {
        NoticeRecord best = null;
        for (NoticeRecord r : rows) {
            boolean named = logins.contains(r.account());
            boolean device = ip.equals(r.candidate().device().ip()) || ip.equals(r.blockedIp());
            if (named && (device || best == null)) {
                best = r;
                if (device) {
                    break;
                }
            } else if (device && logins.isEmpty() && best == null) {
                best = r;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        NoticeCandidate c = best.candidate();
        return Optional.of(new KnownCustomer(best.account(), c.successOnRecord(),
                NoticeCandidate.STALE_PASSWORD.equals(c.verdict()), c.device().ip(), best.status(), best.id()));
    }

    /** Returns true when the customer's notice was accepted by the SMTP server. */
    boolean told() {
        return noticeStatus == NoticeStatus.SENT;
    }
}
