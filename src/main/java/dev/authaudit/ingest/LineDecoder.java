package dev.authaudit.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of one line into text the way {@link LineReader} does: a trailing CR is dropped, a
 * line with NUL bytes is binary (null), invalid UTF-8 is replaced and counted.
 */
final class LineDecoder {
    private final InputStats stats;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    LineDecoder(InputStats stats) {
        this.stats = stats;
    }

    /** Returns the text of {@code b[from, to)} (no newline), or null for a binary line (counted). */
    String decode(byte[] b, int from, int to) {
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                stats.countBinary();
                return null;
            }
            if (b[i] < 0) {
                ascii = false;
            }
        }
        if (ascii) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer cb = strict.reset().decode(ByteBuffer.wrap(b, from, to - from));
            return cb.toString();
        } catch (CharacterCodingException e) {
            stats.countBadUtf8();
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
    }
}
