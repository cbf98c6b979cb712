package dev.authaudit.config;

/**
 * An inclusive range of ports as csf writes them: {@code 587} or {@code 30000:35000}.
 *
 * @param from the first port
 * @param to the last port, at least {@code from}
 */
public record PortRange(int from, int to) {
    public PortRange {
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("port range " + from + ":" + to + " must lie within 0:65535");
        }
    }

    /** Returns true when the port lies within this range. */
    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + ":" + to;
    }
}
