package dev.authaudit.act.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticeLedgerTest {
    @TempDir
    Path dir;

    @Test
    void open_version1Ledger_addsLastWorkedAndMayHaveArrivedAndKeepsRows() throws Exception {
        Path db = dir.resolve("authaudit.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            // the version 1 table, as 0.1 created it
            s.execute("CREATE TABLE notice (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " account TEXT NOT NULL, incident TEXT NOT NULL, status TEXT NOT NULL, mode TEXT NOT NULL,"
                    + " reason TEXT NOT NULL, recipient TEXT, cc TEXT, via TEXT, created_at INTEGER NOT NULL,"
                    + " due_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER,"
                    + " last_error TEXT, released_at INTEGER, generation INTEGER NOT NULL DEFAULT 0,"
                    + " message_id TEXT, outcome TEXT, blocked_ip TEXT, claimed_at INTEGER,"
                    + " verdict TEXT NOT NULL, confidence REAL NOT NULL, detected_at INTEGER NOT NULL,"
                    + " success_on_record INTEGER NOT NULL, targeted INTEGER NOT NULL, attacker INTEGER NOT NULL,"
                    + " block_cause TEXT, ip TEXT NOT NULL, network TEXT NOT NULL, protocols TEXT, ports TEXT,"
                    + " client TEXT, first_failure INTEGER NOT NULL, last_failure INTEGER NOT NULL,"
                    + " failures INTEGER NOT NULL, first_block_at INTEGER, UNIQUE (account, incident))");
            s.execute("INSERT INTO notice (account, incident, status, mode, reason, created_at, due_at, verdict,"
                    + " confidence, detected_at, success_on_record, targeted, attacker, ip, network, protocols, ports,"
                    + " first_failure, last_failure, failures) VALUES ('old@example.com', 'i1', 'queued', 'drafts',"
                    + " 'r', 1, 1, 'stale_password', 0.9, 1, 1, 0, 0, '203.0.113.9', '203.0.113.9', 'imap', '993',"
                    + " 1, 2, 3)");
            s.execute("PRAGMA user_version = 1");
        }
        Candidates cb = Candidates.stale("bob@example.com");
        cb.lastWorked = Candidates.T0.minusSeconds(3600);
        try (NoticeLedger l = NoticeLedger.open(db)) {
            assertThat(l.list()).extracting(NoticeRecord::account).containsExactly("old@example.com");
            assertThat(l.list().get(0).candidate().device().lastWorked()).isNull();
            NoticeRecord n = new NoticeOutbox(l, RecipientResolver.mailboxOnly(), NoticePolicy.defaults(),
                    Clock.fixed(Candidates.T0, ZoneOffset.UTC)).enqueue(cb.build(), DeliveryMode.DRAFTS);
            assertThat(l.get(n.id()).orElseThrow().candidate().device().lastWorked())
                    .isEqualTo(Candidates.T0.minusSeconds(3600));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA user_version")) {
            assertThat(r.getInt(1)).isEqualTo(3);
        }
        // version 3 remembers sends that may have reached the server; an old row starts with none
        try (NoticeLedger l = NoticeLedger.open(db)) {
            long old = l.list().get(0).id();
            assertThat(l.get(old).orElseThrow().mayHaveArrived()).isFalse();
            l.mayHaveArrived(old);
            assertThat(l.get(old).orElseThrow().mayHaveArrived()).isTrue();
        }
    }
}
