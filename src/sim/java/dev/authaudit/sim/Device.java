package dev.authaudit.sim;

/**
 * One customer device with one configured mail account.
 *
 * @param id a short stable name ({@code alice@example.com/phone})
 * @param login the mailbox login it uses
 * @param kind phone, tablet, laptop or desktop
 * @param profile the mail client
 * @param fetch {@code imap}, {@code pop3} or {@code none} (send-only)
 * @param pollSeconds how often it checks for mail
 * @param smtpPort the port it submits on
 * @param sendsPerDay average messages sent per day
 * @param homeIp the household NAT address
 * @param officeIp the office NAT address, or null
 * @param mobileOnly a phone that never joins Wi-Fi
 * @param helo the HELO name it sends (already in Exim's shown form, without parentheses)
 * @param phase a per-device offset (seconds) so devices do not act in lockstep
 */
record Device(String id, String login, DeviceKind kind, ClientProfile profile, String fetch, int pollSeconds,
              int smtpPort, double sendsPerDay, String homeIp, String officeIp, boolean mobileOnly, String helo,
              int phase) {
}
