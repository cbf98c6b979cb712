package dev.authaudit.sim;

/**
 * The address ranges the simulator draws from. All are documentation, shared, benchmarking or private
 * ranges, so no generated line names a real host.
 */
enum AddressRange {
    /** Home broadband NATs: 10.0.0.0/8, shown as if public. */
    HOME(new int[][] {{10, 0, 0, 0, 8}}),
    /** Office NATs: the RFC 5737 ranges 203.0.113.0/24 and 198.51.100.0/24. */
    OFFICE(new int[][] {{203, 0, 113, 0, 24}, {198, 51, 100, 0, 24}}),
    /** Mobile carrier CGNAT egress: 100.64.0.0/10 (RFC 6598). */
    MOBILE(new int[][] {{100, 64, 0, 0, 10}}),
    /** Hostile sources: 198.18.0.0/15 (RFC 2544) and 192.0.2.0/24 (RFC 5737). */
    HOSTILE(new int[][] {{198, 18, 0, 0, 15}, {192, 0, 2, 0, 24}}),
    /** Other mail servers: 172.16.0.0/12. */
    REMOTE_MTA(new int[][] {{172, 16, 0, 0, 12}});

    private final int[][] blocks;

    AddressRange(int[][] blocks) {
        this.blocks = blocks;
    }

    /** Returns the number of /N blocks this range is made of. */
    int blockCount() {
        return blocks.length;
    }

    /** Returns the first address of block {@code i} as an int. */
    int base(int i) {
        int[] b = blocks[i];
        return (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
    }

    /** Returns the number of addresses in block {@code i}. */
    long size(int i) {
        return 1L << (32 - blocks[i][4]);
    }
}
