package dev.authaudit.parse;

/**
 * The host name in a syslog header: the word between the time stamp and the program tag (RFC 3164 and
 * RFC 3339 stamps: {@code Mar  3 11:29:35 mail1 exim[12]: ...}; RFC 5424: the HOSTNAME field; the journal's
 * {@code _HOSTNAME}, which {@link JournalJson} puts there). Written by the syslog daemon, not by a client;
 * still read strictly: a host name's characters only (letters, digits, dot, dash, underscore), at most
 * 255 of them, and not RFC 5424's nil value {@code -}.
 */
final class SyslogHost {
    private static final int MAX = 255;

    private SyslogHost() {
    }

    /**
     * Returns the host word that begins at the end of the line's stamp, or null when the header has
     * none (the program tag follows the stamp directly) or the line has no stamp.
     */
    static String of(String line, Stamp stamp) {
        if (stamp == null) {
            return null;
        }
        int from = stamp.end();
        int n = line.length();
        int end = from;
        while (end < n && end - from <= MAX && hostChar(line.charAt(end))) {
            end++;
        }
        if (end == from || end - from > MAX || end >= n || line.charAt(end) != ' ') {
            // no word, a word too long, or one that ends in a tag's ':' or '[': no host before the tag
            return null;
        }
        String word = line.substring(from, end);
        return "-".equals(word) ? null : word;
    }

    private static boolean hostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                || c == '_';
    }
}
