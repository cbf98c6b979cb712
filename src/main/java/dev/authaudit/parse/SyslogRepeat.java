package dev.authaudit.parse;

/**
 * Recognises syslog's reduction of repeated lines, which hides how often a client failed:
 * <ul>
 *   <li>rsyslog ({@code $RepeatedMsgReduction on}, Ubuntu's default):
 *       {@code host prog[pid]: message repeated 3 times: [ <the message>]}</li>
 *   <li>BSD syslogd and sysklogd: {@code host last message repeated 3 times} (FreeBSD wraps it in
 *       {@code ---}), standing for the file's previous line</li>
 * </ul>
 * Only the syslog header's place counts: the wrapper must follow exactly one host word and, for
 * rsyslog, one program tag, so a login or a HELO that contains the words cannot pose as one. Counts
 * above {@link #MAX} are taken as {@link #MAX}, as lfd does when it replays them.
 *
 * @param count how many times the message was written (at least 2 from syslog)
 * @param unwrapped for rsyslog's form, the line as it would have been written once; null for the BSD form
 */
record SyslogRepeat(int count, String unwrapped) {
    /** The literal the gate scan looks for. */
    static final String MARK = "message repeated ";
    /** lfd replays at most this many; so do we. */
    static final int MAX = 100;

    /**
     * Returns the repeat a line carries, or null.
     *
     * @param line the whole line
     * @param messageStart where the message starts (just past the time stamp)
     */
    static SyslogRepeat of(String line, int messageStart) {
        int host = skipWord(line, messageStart);
        if (host < 0) {
            return null;
        }
        // BSD: "<host> last message repeated N times" (FreeBSD: "--- last message repeated N times ---")
        boolean dashes = line.startsWith("--- ", host);
        int last = dashes ? host + 4 : host;
        if (line.startsWith("last " + MARK, last)) {
            int p = last + 5 + MARK.length();
            int[] n = count(line, p);
            String rest = n == null ? null : line.substring(n[1]).strip();
            if (rest == null || !(rest.isEmpty() || dashes && rest.equals("---"))) {
                return null;
            }
            return new SyslogRepeat(Math.min(n[0], MAX), null);
        }
        // rsyslog: "<host> <tag>: message repeated N times: [ <message>]"
        int tag = skipWord(line, host);
        if (tag < 2 || line.charAt(tag - 2) != ':' || !line.startsWith(MARK, tag)) {
            return null;
        }
        int[] n = count(line, tag + MARK.length());
        if (n == null || !line.startsWith(": [", n[1]) || !line.endsWith("]")) {
            return null;
        }
        int inner = n[1] + 3;
        if (inner < line.length() && line.charAt(inner) == ' ') {
            inner++;
        }
        if (inner > line.length() - 1) {
            return null;
        }
        String unwrapped = line.substring(0, tag) + line.substring(inner, line.length() - 1);
        return new SyslogRepeat(Math.min(n[0], MAX), unwrapped);
    }

    /** Returns the index after one word and the single space after it, or -1. */
    private static int skipWord(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != ' ') {
            i++;
        }
        if (i == from || i >= s.length()) {
            return -1;
        }
        return i + 1;
    }

    /** Reads "N time" or "N times" at p; returns {N, index after it} or null. */
    private static int[] count(String s, int p) {
        int i = p;
        long v = 0;
        while (i < s.length() && i - p < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == p || v < 1) {
            return null;
        }
        if (s.startsWith(" times", i)) {
            i += 6;
        } else if (s.startsWith(" time", i)) {
            i += 5;
        } else {
            return null;
        }
        return new int[] {(int) Math.min(v, Integer.MAX_VALUE), i};
    }
}
