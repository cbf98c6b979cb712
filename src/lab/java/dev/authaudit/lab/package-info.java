/**
 * The lab: a small, real mail host on loopback to watch authaudit work live. {@link
 * dev.authaudit.lab.LabSmtpServer} is an Apache James Protocols SMTP submission server (AUTH PLAIN and
 * LOGIN against a users file) that writes Exim-format mainlog lines; {@link
 * dev.authaudit.lab.LfdSimulator} reads them as lfd would and blocks with LF_SMTPAUTH-style thresholds,
 * writing lfd.log lines and calling a BLOCK_REPORT hook; {@link dev.authaudit.lab.NoticeInbox} is a
 * GreenMail server that receives the notices; {@link dev.authaudit.lab.LabScript} plays Jakarta Mail
 * clients (a phone with an old password, a typo, a brute-forcer), each from its own 127.0.0.x address.
 * Time runs compressed through a {@link dev.authaudit.lab.LabClock}, so minutes of mail-client polling
 * pass in seconds. Nothing here depends on the auditing pipeline: the lab only writes logs.
 */
package dev.authaudit.lab;
