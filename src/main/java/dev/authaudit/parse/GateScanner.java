package dev.authaudit.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds which rule sources' gate literals occur in a line, in one pass over the line instead of one
 * {@code indexOf} per literal. Every literal of three or more characters is indexed by a hash of its
 * first three characters in a 128 Kibit table; the scan rolls the same hash over the line's bytes and
 * compares whole literals only where the table says one may start. Common pairs of letters ("o ",
 * "te") would send most positions to a compare; three characters rarely do. Shorter literals (none
 * ship) are searched for with {@code indexOf}.
 *
 * <p>Characters beyond Latin-1 count as {@code '?'} in the hash, for the line and the literals alike,
 * so a literal that occurs is never missed; the compare is on the real text, so nothing is invented.
 */
final class GateScanner {
    private static final int BITS = 17;
    private static final int KEYS = 1 << BITS;
    private static final int WIDTH = 3;

    /** Bit per key: some literal starts with characters of this hash. */
    private final long[] present = new long[KEYS / 64];
    /** Literals by key, with the source bit of each. */
    private final String[][] literalsAt = new String[KEYS][];
    private final long[][] bitsAt = new long[KEYS][];
    /** Literals shorter than the hash window, checked with indexOf. */
    private final String[] shorts;
    private final long[] shortBits;
    /** Literals by key as UTF-8 bytes, for the scan of undecoded lines. */
    private final byte[][][] bytesAt = new byte[KEYS][][];
    /** False when a literal is not ASCII: the byte scan then admits every line. */
    private final boolean asciiLiterals;
    /** Every literal with its source bit, for lines the hash cannot walk. */
    private final String[] all;
    private final long[] allBits;

    /**
     * @param literals the gate literals
     * @param sources the source index (0..63) owning each literal
     */
    GateScanner(List<String> literals, int[] sources) {
        List<String> shortList = new ArrayList<>();
        List<Long> shortBitList = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            String lit = literals.get(i);
            long bit = 1L << sources[i];
            if (lit.isEmpty()) {
                continue;
            }
            if (lit.length() < WIDTH) {
                shortList.add(lit);
                shortBitList.add(bit);
                continue;
            }
            byte[] b = lit.getBytes(StandardCharsets.ISO_8859_1);
            int k = key(((b[0] & 0xff) << 16) | ((b[1] & 0xff) << 8) | (b[2] & 0xff));
            present[k >>> 6] |= 1L << k;
            literalsAt[k] = append(literalsAt[k], lit);
            byte[][] old = bytesAt[k];
            byte[][] grown = old == null ? new byte[1][] : Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = lit.getBytes(StandardCharsets.UTF_8);
            bytesAt[k] = grown;
            bitsAt[k] = append(bitsAt[k], bit);
            if (lit.chars().allMatch(c -> c < 128)) {
                anchor(lit.getBytes(StandardCharsets.US_ASCII), bit);
            }
        }
        this.asciiLiterals = literals.stream().allMatch(l -> l.chars().allMatch(c -> c < 128));
        this.shorts = shortList.toArray(new String[0]);
        this.shortBits = shortBitList.stream().mapToLong(Long::longValue).toArray();
        this.all = literals.toArray(new String[0]);
        this.allBits = new long[sources.length];
        for (int i = 0; i < sources.length; i++) {
            allBits[i] = 1L << sources[i];
        }
    }

    /** Returns the bits of the sources with at least one literal in the line; 0 for none. */
    long scan(String line) {
        long found = 0;
        // a copy of a Latin-1 string's bytes is one array copy; the loop then runs on a plain array
        byte[] b = line.length() >= WIDTH ? line.getBytes(StandardCharsets.ISO_8859_1) : null;
        if (b != null && b.length != line.length()) {
            // a character beyond the BMP became one '?' for two chars: positions no longer line up
            return slowScan(line);
        }
        if (b != null) {
            int h = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
            long[] p = present;
            for (int i = WIDTH - 1; i < b.length; i++) {
                h = ((h << 8) | (b[i] & 0xff)) & 0xffffff;
                int k = key(h);
                if ((p[k >>> 6] & (1L << k)) != 0) {
                    found |= verify(line, i - (WIDTH - 1), k);
                }
            }
        }
        for (int i = 0; i < shorts.length; i++) {
            if ((found & shortBits[i]) == 0 && line.contains(shorts[i])) {
                found |= shortBits[i];
            }
        }
        return found;
    }

    /**
     * Returns true when some literal occurs in the first {@code len} bytes of an undecoded line
     * (UTF-8), so a line no source could read need not be decoded at all. Only for ASCII literals (as
     * every shipped one is; otherwise every line is admitted); shorter-than-window literals are
     * searched for byte by byte.
     */
    boolean admitsBytes(byte[] b, int len) {
        if (!asciiLiterals || shorts.length > 0 || len < WIDTH) {
            return !asciiLiterals || shorts.length > 0 || len > 0;
        }
        int h = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        long[] p = present;
        for (int i = WIDTH - 1; i < len; i++) {
            h = ((h << 8) | (b[i] & 0xff)) & 0xffffff;
            int k = key(h);
            if ((p[k >>> 6] & (1L << k)) != 0) {
                int at = i - (WIDTH - 1);
                for (byte[] lit : bytesAt[k]) {
                    if (at + lit.length <= len && sameBytes(b, at, lit)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Compares a literal with the bytes at {@code at} (which the caller checked fit): a plain loop,
     * since most candidates differ within the first few bytes and a literal is short, where
     * {@code Arrays.equals} over ranges spends more on its range checks and set-up than on comparing.
     */
    private static boolean sameBytes(byte[] b, int at, byte[] lit) {
        for (int j = 0; j < lit.length; j++) {
            if (b[at + j] != lit[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns, for an ASCII line's first {@code len} bytes, exactly what {@link #scan} returns for its
     * text, or {@link dev.authaudit.ingest.RawLine#UNSCANNED} when bytes cannot tell (a short line,
     * or literals that are not ASCII or shorter than the hash window).
     */
    long scanBytes(byte[] b, int len) {
        return scanBytes(b, 0, len);
    }

    /**
     * As {@link #scanBytes(byte[], int)}, for the line {@code b[off..off+len)}. Every literal is at
     * least three bytes long, so of any two neighbouring positions inside it one is even (counted from
     * the line's start): the scan reads the pair of bytes at every second position only and looks it up
     * in a table of the pairs each literal has at two chosen neighbouring offsets (those made of the
     * rarest bytes, by how often a byte turns up in mail logs). One look-up per two bytes, without a
     * branch on the byte itself; where the table says a literal may be there, the literals of that pair
     * are compared. (The previous scan, one table look-up and a branch per byte with the branch taken
     * at about one byte in six of a maillog, cost about 1.8 ns a byte on this project's 2-core test
     * machine.)
     */
    long scanBytes(byte[] b, int off, int len) {
        if (!asciiLiterals || shorts.length > 0 || len < WIDTH) {
            return dev.authaudit.ingest.RawLine.UNSCANNED;
        }
        long found = 0;
        int end = off + len;
        long[] pairs = pairPresent;
        for (int i = off; i < end - 1; i += 2) {
            int pair = ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
            if ((pairs[pair >>> 6] & (1L << pair)) != 0) {
                found |= pairCandidates(b, i, off, end, pair);
            }
        }
        return found;
    }

    /** The bits of the literals indexed at {@code pair} that occur with that pair at {@code i}. */
    private long pairCandidates(byte[] b, int i, int off, int end, int pair) {
        byte[][] lits = pairLiterals[pair];
        int[] at = pairOffsets[pair];
        long[] bits = pairBits[pair];
        long found = 0;
        for (int j = 0; j < lits.length; j++) {
            byte[] lit = lits[j];
            int start = i - at[j];
            if (start >= off && start + lit.length <= end && sameBytes(b, start, lit)) {
                found |= bits[j];
            }
        }
        return found;
    }

    /** Bit per indexed pair (first byte << 8 | second). */
    private final long[] pairPresent = new long[65536 / 64];
    /** By pair: the literals (ASCII bytes), where the pair sits in each, and each one's source bit. */
    private final byte[][][] pairLiterals = new byte[65536][][];
    private final int[][] pairOffsets = new int[65536][];
    private final long[][] pairBits = new long[65536][];

    /**
     * Indexes an ASCII literal of at least three bytes by its pairs at two neighbouring offsets
     * {@code a} and {@code a + 1}, the two whose bytes are rarest together.
     */
    private void anchor(byte[] lit, long bit) {
        int best = 0;
        long bestScore = Long.MAX_VALUE;
        for (int a = 0; a + 2 < lit.length; a++) {
            long score = pairScore(lit, a) + pairScore(lit, a + 1);
            if (score < bestScore) {
                bestScore = score;
                best = a;
            }
        }
        index(lit, best, bit);
        index(lit, best + 1, bit);
    }

    /**
     * How often the pair at {@code a} may turn up, roughly, per 10,000 pairs of a mail log: as measured for the
     * commonest pairs ({@link #COMMON_PAIRS}), else the product of its bytes' frequencies (kept below those). The
     * product alone took "ve" ("received", "server"), "Ma" (every syslog stamp in March) and "el" for rare,
     * and the bench host's maillog then sent 6 pairs a line to a compare, 8.1 M in all.
     */
    private static long pairScore(byte[] lit, int a) {
        int first = lit[a] & 0x7f;
        int second = lit[a + 1] & 0x7f;
        for (int i = 0; i < COMMON_PAIR_SCORES.length; i++) {
            if (COMMON_PAIRS.charAt(2 * i) == first && COMMON_PAIRS.charAt(2 * i + 1) == second) {
                return COMMON_PAIR_SCORES[i];
            }
        }
        return Math.min((long) COMMON[first] * COMMON[second] / 100, COMMON_PAIR_SCORES[COMMON_PAIR_SCORES.length - 1] - 1);
    }

    /**
     * The commonest pairs of bytes of a mail log (Exim's mainlog, a Dovecot maillog, kernel and lfd lines: the
     * shipped sample), two characters each, commonest first; their frequencies per 10,000 pairs are
     * {@link #COMMON_PAIR_SCORES}. Only speed depends on them.
     */
    private static final String COMMON_PAIRS = ""
            + ": er0 , cove.1se1 10 s=0edin 1mpled=11 dex3.ecog0.12e.]:23ter ou21es20arpl iamgixautrvMar100[2=1"
            + "omotthovdo.c3]@ep=13odun Lt[03ma=<etip m=2or oLot=n:.019loINssntn= Tonboimd enn  rapriTL:0geio:3"
            + " ht 0,be b a:1 usikeusdyytasdrhdbyr__c_bs=y_LS162::2li (>::5r=au17 l)<14 [el25:4T=-l>,8.><hom>fo"
            + "at 0merewo18N,S,id7: Sp-5 8:35o@nftrai1:0:il911.m)2 l:gg P 298deheiv4506.2C=ng9: t I082202pi3 3:"
            // and, as common as the last above, "failed" and "for" (rarer in the sample than in an attacked server's log)
            + " ffafoai";
    private static final int[] COMMON_PAIR_SCORES = {
        137, 135, 131, 117, 112, 104, 102, 101, 91, 91, 84, 84, 78, 78, 77, 70, 69, 67, 60, 58, 58, 55, 55, 54,
        54, 54, 54, 54, 53, 53, 53, 52, 51, 51, 50, 48, 48, 47, 47, 47, 47, 47, 46, 46, 46, 46, 45, 44,
        43, 43, 42, 42, 42, 41, 41, 41, 40, 39, 39, 39, 39, 39, 39, 39, 39, 38, 38, 37, 35, 35, 34, 34,
        33, 32, 31, 31, 31, 31, 30, 30, 30, 30, 29, 29, 29, 28, 28, 28, 28, 28, 27, 26, 26, 26, 25, 25,
        24, 24, 24, 24, 23, 23, 23, 23, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22,
        22, 21, 21, 21, 21, 21, 21, 21, 20, 20, 20, 20, 20, 19, 19, 19, 19, 19, 19, 18, 18, 18, 18, 17,
        17, 17, 17, 17, 17, 17, 17, 17, 17, 16, 16, 16, 16, 16, 16, 16, 16, 15, 15, 15, 15, 15, 15, 15,
        15, 15, 15, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13,
        13, 13, 13, 13
    };

    private void index(byte[] lit, int offset, long bit) {
        int pair = ((lit[offset] & 0xff) << 8) | (lit[offset + 1] & 0xff);
        pairPresent[pair >>> 6] |= 1L << pair;
        byte[][] old = pairLiterals[pair];
        int n = old == null ? 0 : old.length;
        pairLiterals[pair] = old == null ? new byte[1][] : Arrays.copyOf(old, n + 1);
        pairLiterals[pair][n] = lit;
        pairOffsets[pair] = pairOffsets[pair] == null ? new int[1] : Arrays.copyOf(pairOffsets[pair], n + 1);
        pairOffsets[pair][n] = offset;
        pairBits[pair] = append(pairBits[pair], bit);
    }

    /**
     * How often an ASCII character turns up in mail logs, roughly (per mille of bytes, at least 1): a
     * literal is indexed by its pairs of the rarest bytes. Only speed depends on it.
     */
    private static final int[] COMMON = new int[128];

    static {
        Arrays.fill(COMMON, 1);
        String letters = "etaoinshrdlcumwfgypbvkjxqz";
        int[] perMille = {60, 45, 40, 40, 38, 38, 32, 30, 30, 20, 20, 15, 15, 12, 10, 10, 10, 10, 10, 8, 5, 4, 2, 2, 1, 1};
        for (int i = 0; i < letters.length(); i++) {
            COMMON[letters.charAt(i)] = perMille[i];
            COMMON[Character.toUpperCase(letters.charAt(i))] = Math.max(1, perMille[i] / 8);
        }
        for (char c = '0'; c <= '9'; c++) {
            COMMON[c] = 25;
        }
        COMMON[' '] = 120;
        for (char c : ".:=-[]<>,/()".toCharArray()) {
            COMMON[c] = 15;
        }
        COMMON['@'] = 6;
        COMMON['_'] = 3;
    }

    private long slowScan(String line) {
        long found = 0;
        for (int i = 0; i < all.length; i++) {
            if (!all[i].isEmpty() && (found & allBits[i]) == 0 && line.contains(all[i])) {
                found |= allBits[i];
            }
        }
        return found;
    }

    private long verify(String line, int at, int k) {
        String[] lits = literalsAt[k];
        long[] bits = bitsAt[k];
        long found = 0;
        for (int j = 0; j < lits.length; j++) {
            if (line.startsWith(lits[j], at)) {
                found |= bits[j];
            }
        }
        return found;
    }

    /** Spreads three bytes over the table (Fibonacci hashing). */
    private static int key(int threeBytes) {
        return (threeBytes * 0x9E3779B1) >>> (32 - BITS);
    }

    private static String[] append(String[] a, String s) {
        if (a == null) {
            return new String[] {s};
        }
        String[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = s;
        return out;
    }

    private static long[] append(long[] a, long v) {
        if (a == null) {
            return new long[] {v};
        }
        long[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }
}
