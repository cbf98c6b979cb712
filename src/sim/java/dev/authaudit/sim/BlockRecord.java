package dev.authaudit.sim;

/**
 * One block lfd made, with what really caused it.
 *
 * @param ip the blocked address
 * @param at when lfd blocked it (epoch second)
 * @param trigger {@code LF_SMTPAUTH}, {@code LF_IMAPD}, {@code LF_POP3D} or {@code PS_LIMIT}
 * @param hits the count lfd stated
 * @param intervalS the window lfd stated
 * @param permanent true for a permanent block
 * @param durationS the temporary block length, 0 when permanent
 * @param permblock true when LF_PERMBLOCK turned this block permanent
 * @param cause what produced most of the counted hits
 * @param account the customer login behind a customer-caused block, or null
 * @param ports destination ports of the counted kernel hits (port scans), empty otherwise
 */
record BlockRecord(String ip, long at, String trigger, int hits, long intervalS, boolean permanent, int durationS,
                   boolean permblock, HitKind cause, String account, java.util.List<Integer> ports) {
    BlockRecord {
        ports = java.util.List.copyOf(ports);
    }
}
