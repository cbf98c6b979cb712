package dev.authaudit.sim;

/** What a customer device currently has configured and queued; changes as the simulation runs. */
final class DeviceState {
    final Device device;
    /** The password the device uses for IMAP/POP3. */
    String fetchPassword;
    /** The password the device uses for SMTP (clients such as Outlook store it separately). */
    String smtpPassword;
    /** The device's current mobile-carrier address and until when it keeps it. */
    String mobileIp;
    long mobileUntil = Long.MIN_VALUE;
    /** Consecutive failed checks, for clients that back off. */
    int failStreak;
    /** Messages waiting in the outbox and since when. */
    int outbox;
    long outboxSince;

    DeviceState(Device device, String password) {
        this.device = device;
        this.fetchPassword = password;
        this.smtpPassword = password;
    }
}
