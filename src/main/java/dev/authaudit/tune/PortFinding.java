package dev.authaudit.tune;

/**
 * A mail port customers knock on that the firewall does not open.
 *
 * @param port the destination port
 * @param v4 true when the drops were {@code *TCP_IN Blocked*} (TCP_IN lacks it), false for
 *     {@code *TCP6IN Blocked*} only (TCP6_IN lacks it)
 * @param customers distinct customer addresses whose packets to it were dropped
 * @param attempts their connection attempts (SYN retransmissions folded by source port)
 * @param packets the dropped packets as logged
 */
public record PortFinding(int port, boolean v4, int customers, int attempts, int packets) {

    /** Returns the csf.conf list that lacks the port. */
    public String list() {
        return v4 ? "TCP_IN" : "TCP6_IN";
    }
}
