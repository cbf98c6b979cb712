package dev.authaudit.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a configuration file as an admin's server has it: as bytes, decoded as UTF-8 where they are
 * UTF-8 and as Latin-1 where they are not (csf.conf and cPanel's files carry such bytes in comments
 * and names), so one odd byte never stops a run. Only regular files are read: a FIFO, socket or
 * device given as a config file would block or never end, so it is refused with a message.
 */
public final class ConfigText {
    /** More than any configuration file authaudit reads; a larger one is refused, not read into memory. */
    static final long MAX_BYTES = 16L << 20;

    private ConfigText() {
    }

    /**
     * Returns the text of {@code file}.
     *
     * @throws IOException when it cannot be read, is not a regular file, or is larger than 16 MiB
     */
    public static String read(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
            throw new IOException(a.isDirectory() ? "it is a folder, not a file"
                    : "it is not a regular file (a FIFO, socket or device), which could block forever");
        }
        if (a.size() > MAX_BYTES) {
            throw new IOException("it is " + a.size() + " bytes, more than a configuration file holds");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        }
        return decode(bytes);
    }

    /** Decodes UTF-8 line by line, reading a line that is not valid UTF-8 as Latin-1. */
    public static String decode(byte[] bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // mixed: decode each line on its own
        }
        StringBuilder out = new StringBuilder(bytes.length);
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i == bytes.length ? i : i + 1;
                ByteBuffer line = ByteBuffer.wrap(bytes, start, end - start);
                try {
                    out.append(utf8.reset().decode(line));
                } catch (CharacterCodingException e) {
                    out.append(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
                }
                start = end;
            }
        }
        return out.toString();
    }
}
