package dev.authaudit.sim;

import java.util.List;

/**
 * A customer changes a mailbox password (in webmail or the control panel) and updates every device
 * but one. The forgotten device keeps the old password for IMAP/POP3, for SMTP, or both, until the
 * customer fixes it ({@code fixAt}) or for the rest of the run.
 */
final class PasswordChange implements EventLoop.Actor {
    /** Which of the stale device's stored passwords stays old. */
    enum Mode { FETCH, SMTP, BOTH }

    private final SimContext ctx;
    private final String login;
    private final List<DeviceState> devices;
    private final DeviceState stale;
    private final Mode mode;
    private final long fixAt;
    private final String newPassword;
    private boolean changed;

    PasswordChange(SimContext ctx, String login, List<DeviceState> devices, DeviceState stale, Mode mode, long fixAt,
                   String newPassword) {
        this.ctx = ctx;
        this.login = login;
        this.devices = List.copyOf(devices);
        this.stale = stale;
        this.mode = mode;
        this.fixAt = fixAt;
        this.newPassword = newPassword;
    }

    @Override
    public long act(long now) {
        if (!changed) {
            changed = true;
            ctx.passwords().set(login, newPassword);
            for (DeviceState d : devices) {
                if (d != stale) {
                    d.fetchPassword = newPassword;
                    d.smtpPassword = newPassword;
                }
            }
            if (mode == Mode.FETCH) {
                stale.smtpPassword = newPassword;
            } else if (mode == Mode.SMTP) {
                stale.fetchPassword = newPassword;
            }
            ctx.truth().staleStarted(login, stale.device.id(), mode.name().toLowerCase(java.util.Locale.ROOT), now);
            return fixAt > now ? fixAt : EventLoop.DONE;
        }
        stale.fetchPassword = newPassword;
        stale.smtpPassword = newPassword;
        ctx.truth().staleFixed(login, now);
        return EventLoop.DONE;
    }
}
