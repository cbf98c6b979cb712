package dev.authaudit.event;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * Writes events-v1 JSON objects as UTF-8 bytes straight into a growing array: the field names are
 * encoded once (with their quotes, colon and comma), enum words once per value, and the strings a log
 * gave are escaped byte by byte on the way in. {@code authaudit parse} writes millions of events; a
 * general JSON generator looked each field up and checked its state per call, which cost about a sixth of
 * the parsing threads' CPU and the largest compile of the run.
 *
 * <p>The text is what Jackson's UTF-8 generator writes with {@code COMBINE_UNICODE_SURROGATES_IN_UTF8} (the
 * tests compare the two on hostile strings): {@code "} and {@code \} escaped, {@code \b \t \n \f \r} by
 * letter, every other character below U+0020 as <code>&#92;u00XX</code> (upper-case hex), a character beyond
 * U+FFFF (an emoji: a surrogate pair) as its four UTF-8 bytes, everything else (DEL, U+2028, U+FFFE...) as its
 * UTF-8 bytes, as the report's writers write them. A lone surrogate, which is no character and has no UTF-8,
 * is written {@code ?}, as the report writes it (Jackson would write an escape that strict readers refuse), so
 * every line is strict UTF-8 and valid JSON. Every string of an event is hostile text from a log; none is
 * written unescaped.
 *
 * <p>A writer is used by one thread at a time; it remembers the last file, source, rule and host it
 * escaped, since events of a log come in runs that share them.
 */
public final class EventJsonWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For a character below 128: 0 to copy it, -1 for a <code>&#92;u00XX</code> escape, else the escape's letter. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        Arrays.fill(ESCAPE, 0, 32, (byte) -1);
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
    }

    private static final byte[] TIME = name("{\"time\":");
    private static final byte[] TYPE = name(",\"type\":");
    private static final byte[] SOURCE = name(",\"source\":");
    private static final byte[] RULE = name(",\"rule\":");
    private static final byte[] IP = name(",\"ip\":");
    private static final byte[] ACCOUNT = name(",\"account\":");
    private static final byte[] PROTOCOL = name(",\"protocol\":");
    private static final byte[] PORT = name(",\"port\":");
    private static final byte[] FILE = name(",\"file\":");
    private static final byte[] LINE = name(",\"line\":");
    private static final byte[] HOST = name(",\"host\":");
    private static final byte[] INTERLEAVED = name(",\"interleaved\":true");
    private static final byte[] REASON = name(",\"reason\":");
    private static final byte[] ATTEMPTS = name(",\"attempts\":");
    private static final byte[] DETAIL = name(",\"detail\":");
    private static final byte[] PASSWORD_FP = name(",\"password_fp\":");
    private static final byte[] SESSION = name(",\"session\":");
    private static final byte[] MECH = name(",\"mech\":");
    private static final byte[] HELO = name(",\"helo\":");
    private static final byte[] LOCAL_IP = name(",\"local_ip\":");
    private static final byte[] CHAIN = name(",\"chain\":");
    private static final byte[] PROTO = name(",\"proto\":");
    private static final byte[] SRC_PORT = name(",\"src_port\":");
    private static final byte[] DST = name(",\"dst\":");
    private static final byte[] INBOUND = name(",\"inbound\":");
    private static final byte[] FLAGS = name(",\"flags\":");
    private static final byte[] TRIGGER = name(",\"trigger\":");
    private static final byte[] HITS = name(",\"hits\":");
    private static final byte[] DURATION_S = name(",\"duration_s\":");
    private static final byte[] PERMANENT = name(",\"permanent\":");
    private static final byte[] INTERVAL_S = name(",\"interval_s\":");
    private static final byte[] PORTS = name(",\"ports\":");
    private static final byte[] APP = name(",\"app\":");
    private static final byte[] MESSAGE = name(",\"message\":");
    private static final byte[] NULL = name("null");
    private static final byte[] TRUE = name("true");
    private static final byte[] FALSE = name("false");

    private static final byte[] NONE = new byte[0];
    /** The type's word between the names before and after it; the protocol's word and the port's name. */
    private static final byte[][] TYPES = words(EventType.values(), NONE, SOURCE);
    private static final byte[][] PROTOCOLS = words(Protocol.values(), PROTOCOL, PORT);
    private static final byte[][] REASONS = words(FailureReason.values(), NONE, NONE);

    private static byte[] name(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] words(Enum<?>[] values, byte[] before, byte[] after) {
        byte[][] out = new byte[values.length][];
        for (Enum<?> v : values) {
            String word = v instanceof EventType t ? t.word() : v instanceof Protocol p ? p.word()
                    : ((FailureReason) v).word();
            out[v.ordinal()] = join(before, quoted(word), after);
        }
        return out;
    }

    private static byte[] quoted(String s) {
        EventJsonWriter w = new EventJsonWriter(new byte[s.length() * 6 + 2]);
        w.string(s);
        return Arrays.copyOf(w.bytes, w.length);
    }

    private byte[] bytes;
    private int length;

    /** The last strings of these fields and their quoted text (compared by identity: cheap, and enough). */
    private final String[] lastText = new String[4];
    private final byte[][] lastQuoted = new byte[4][];
    private static final int FILE_SLOT = 0;
    private static final int SOURCE_SLOT = 1;
    private static final int RULE_SLOT = 2;
    private static final int HOST_SLOT = 3;

    /** A writer that appends to {@code start} (grown into a new array when it fills). */
    public EventJsonWriter(byte[] start) {
        this.bytes = start.length == 0 ? new byte[256] : start;
    }

    /** Returns the array written into (its first {@link #length()} bytes are the text). */
    public byte[] bytes() {
        return bytes;
    }

    /** Returns how many bytes are written. */
    public int length() {
        return length;
    }

    /** Appends one event as a single-line JSON object and a newline; returns the length so far. */
    public int appendLine(LogEvent event) {
        append(event);
        room(1);
        bytes[length++] = '\n';
        return length;
    }

    /** Appends one event as a single-line JSON object (no newline); returns the length so far. */
    public int append(LogEvent event) {
        time(event.time());
        Origin o = event.origin();
        // runs of constant text are joined into one array each: fewer copies, and less code to compile
        raw(TYPES[event.type().ordinal()]);
        remembered(SOURCE_SLOT, NONE, o.source(), RULE);
        remembered(RULE_SLOT, NONE, o.rule(), IP);
        string(event.ip());
        raw(ACCOUNT);
        string(event.account());
        raw(PROTOCOLS[event.protocol().ordinal()]);
        number(event.port());
        remembered(FILE_SLOT, FILE, o.file(), LINE);
        number(o.line());
        if (o.host() != null) {
            remembered(HOST_SLOT, HOST, o.host(), NONE);
        }
        if (o.interleaved()) {
            // a field added to events-v1 (which allows added fields): the line came from a file where several
            // programs' lines interleave (syslog), so the correlator drops Exim's syslog copy further away
            raw(INTERLEAVED);
        }
        // each kind's fields in a method of its own: a kind first met late in a run (lfd's blocks after
        // a mainlog's successes) then recompiles a small method, not the whole writer
        if (event instanceof AuthFailure f) {
            authFailure(f);
        } else if (event instanceof AuthSuccess s) {
            authSuccess(s);
        } else if (event instanceof FirewallDrop d) {
            drop(d);
        } else if (event instanceof FirewallBlock b) {
            block(b);
        } else if (event instanceof FirewallUnblock u) {
            optional(TRIGGER, u.trigger());
        }
        room(1);
        bytes[length++] = '}';
        return length;
    }

    /**
     * Appends {@code before}, a string of a field that changes seldom (escaped once per change) and
     * {@code after}.
     */
    private void authFailure(AuthFailure f) {
        raw(REASON);
        raw(REASONS[f.reason().ordinal()]);
        raw(ATTEMPTS);
        number(f.attempts());
        raw(DETAIL);
        bool(f.detail());
        optional(PASSWORD_FP, f.passwordFp());
        optional(SESSION, f.session());
        optional(MECH, f.mech());
        optional(HELO, f.helo());
        optional(LOCAL_IP, f.localIp());
    }

    private void authSuccess(AuthSuccess s) {
        optional(SESSION, s.session());
        optional(MECH, s.mech());
        optional(HELO, s.helo());
        optional(LOCAL_IP, s.localIp());
    }

    private void drop(FirewallDrop d) {
        raw(CHAIN);
        string(d.chain());
        optional(PROTO, d.proto());
        if (d.srcPort() != null) {
            raw(SRC_PORT);
            number(d.srcPort());
        }
        optional(DST, d.dst());
        raw(INBOUND);
        bool(d.inbound());
        optional(FLAGS, d.flags());
    }

    private void block(FirewallBlock b) {
        raw(TRIGGER);
        string(b.trigger());
        raw(HITS);
        number(b.hits());
        raw(DURATION_S);
        if (b.durationS() == null) {
            raw(NULL);
        } else {
            number(b.durationS());
        }
        raw(PERMANENT);
        bool(b.permanent());
        raw(INTERVAL_S);
        number(b.intervalS());
        raw(PORTS);
        room(1);
        bytes[length++] = '[';
        boolean first = true;
        for (int p : b.ports()) {
            if (!first) {
                room(1);
                bytes[length++] = ',';
            }
            first = false;
            number(p);
        }
        room(1);
        bytes[length++] = ']';
        optional(APP, b.app());
        optional(MESSAGE, b.message());
    }

    /**
     * Appends the time field and the type's name: the time as {@link EventJson#isoTime} writes it,
     * its digits put straight into the array (a log's lines mostly differ in their second).
     */
    private void time(OffsetDateTime t) {
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            raw(join(TIME, quoted(EventJson.isoTime(t)), TYPE));
            return;
        }
        // {"time":"yyyy-mm-ddThh:mm:ss.nnnnnnnnn+hh:mm:ss","type":
        room(TIME.length + 40 + TYPE.length);
        System.arraycopy(TIME, 0, bytes, length, TIME.length);
        byte[] b = bytes;
        int at = length + TIME.length;
        b[at++] = '"';
        b[at++] = (byte) ('0' + year / 1000);
        b[at++] = (byte) ('0' + year / 100 % 10);
        b[at++] = (byte) ('0' + year / 10 % 10);
        b[at++] = (byte) ('0' + year % 10);
        b[at++] = '-';
        at = two(b, at, t.getMonthValue());
        b[at++] = '-';
        at = two(b, at, t.getDayOfMonth());
        b[at++] = 'T';
        at = two(b, at, t.getHour());
        b[at++] = ':';
        at = two(b, at, t.getMinute());
        b[at++] = ':';
        at = two(b, at, t.getSecond());
        int nano = t.getNano();
        if (nano != 0) {
            int digits = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                digits--;
            }
            b[at++] = '.';
            for (int i = digits - 1; i >= 0; i--) {
                b[at + i] = (byte) ('0' + nano % 10);
                nano /= 10;
            }
            at += digits;
        }
        int off = t.getOffset().getTotalSeconds();
        if (off == 0) {
            b[at++] = 'Z';
        } else {
            b[at++] = (byte) (off < 0 ? '-' : '+');
            int a = Math.abs(off);
            at = two(b, at, a / 3600);
            b[at++] = ':';
            at = two(b, at, a / 60 % 60);
            if (a % 60 != 0) {
                b[at++] = ':';
                at = two(b, at, a % 60);
            }
        }
        b[at++] = '"';
        System.arraycopy(TYPE, 0, b, at, TYPE.length);
        length = at + TYPE.length;
    }

    private static int two(byte[] b, int at, int v) {
        b[at] = (byte) ('0' + v / 10);
        b[at + 1] = (byte) ('0' + v % 10);
        return at + 2;
    }

    private void remembered(int slot, byte[] before, String s, byte[] after) {
        byte[] text = lastQuoted[slot];
        if (s != lastText[slot] || text == null) {
            text = remember(slot, before, s, after);
        }
        raw(text);
    }

    /** Escapes a new value of a remembered field (out of line: it is the rare path). */
    private byte[] remember(int slot, byte[] before, String s, byte[] after) {
        lastText[slot] = s;
        return lastQuoted[slot] = join(before, s == null ? NULL : quoted(s), after);
    }

    private static byte[] join(byte[] a, byte[] b, byte[] c) {
        byte[] out = Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    private void optional(byte[] name, String value) {
        if (value != null) {
            raw(name);
            string(value);
        }
    }

    private void bool(boolean b) {
        raw(b ? TRUE : FALSE);
    }

    private void number(Integer n) {
        if (n == null) {
            raw(NULL);
        } else {
            number(n.longValue());
        }
    }

    private void number(long n) {
        if (n >= 0 && n < 10) {
            room(1);
            bytes[length++] = (byte) ('0' + n);
            return;
        }
        String s = Long.toString(n);
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
    }

    private void raw(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    /** Makes room for {@code n} more bytes. */
    private void room(int n) {
        if (length + n > bytes.length) {
            grow(n);
        }
    }

    private void grow(int n) {
        bytes = Arrays.copyOf(bytes, Math.max(length + n, 2 * bytes.length));
    }

    /** Appends a string in quotes, escaped (or {@code null}). */
    private void string(String s) {
        if (s == null) {
            raw(NULL);
            return;
        }
        int n = s.length();
        // at most 6 bytes per character (an escape), and the quotes
        room(6 * n + 2);
        byte[] b = bytes;
        int at = length;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                byte e = ESCAPE[c];
                if (e == 0) {
                    b[at++] = (byte) c;
                } else if (e > 0) {
                    b[at++] = '\\';
                    b[at++] = e;
                } else {
                    at = unicodeEscape(b, at, c);
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // a pair is one character beyond U+FFFF, written as its four UTF-8 bytes (as the report writes
                // it); a lone half, which no decoder of a log makes but an escape in JSON input can, cannot be
                // UTF-8 at all and is written as the report writes it: '?'
                char low = i + 1 < n ? s.charAt(i + 1) : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
                    int cp = Character.toCodePoint(c, low);
                    b[at++] = (byte) (0xF0 | (cp >> 18));
                    b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[at++] = (byte) (0x80 | (cp & 0x3F));
                    i++;
                } else {
                    b[at++] = '?';
                }
            } else {
                b[at++] = (byte) (0xE0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[at++] = '"';
        length = at;
    }

    private static int unicodeEscape(byte[] b, int at, char c) {
        b[at++] = '\\';
        b[at++] = 'u';
        b[at++] = HEX[c >> 12];
        b[at++] = HEX[(c >> 8) & 0xF];
        b[at++] = HEX[(c >> 4) & 0xF];
        b[at++] = HEX[c & 0xF];
        return at;
    }
}
