/**
 * Customer notices: tells a customer whose own device keeps retrying an old password to fix the mail
 * app, before the firewall blocks them.
 *
 * <p>A classifier hands over {@link dev.authaudit.act.notice.NoticeCandidate}s. {@link
 * dev.authaudit.act.notice.NoticeOutbox#enqueue} resolves the recipient ({@link
 * dev.authaudit.act.notice.RecipientResolver}), lets {@link dev.authaudit.act.notice.NoticePolicy}
 * decide send, draft or suppress, and records the decision once per (account, incident) in the SQLite
 * {@link dev.authaudit.act.notice.NoticeLedger}. {@link dev.authaudit.act.notice.NoticeDispatcher#dispatchDue}
 * composes due notices ({@link dev.authaudit.act.notice.NoticeComposer}) and hands them to a {@link
 * dev.authaudit.act.notice.Delivery}: SMTP, or a folder of {@code .eml} drafts. Nothing here reads the
 * wall clock; every time comes from the caller's {@link java.time.Clock} or {@code now} argument.
 */
package dev.authaudit.act.notice;
