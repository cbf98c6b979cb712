package dev.authaudit.sim;

import java.util.List;

/**
 * One mailbox on the host.
 *
 * @param login the login, a full address as cPanel uses ({@code alice@acme-dental.example})
 * @param domain its domain
 * @param homeIp the household NAT address of its owner
 * @param officeIp the office NAT address of its domain, or null for home workers
 * @param devices the owner's devices configured for it
 */
record Mailbox(String login, String domain, String homeIp, String officeIp, List<Device> devices) {
    Mailbox {
        devices = List.copyOf(devices);
    }
}
