package dev.authaudit.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard output as the commands' writer, made as picocli makes its own (a buffered
 * writer in the charset of {@code sun.stdout.encoding}, else the platform's, flushed on each line),
 * which also keeps the stream underneath: a command that writes a great deal of UTF-8 ({@code parse})
 * writes those bytes straight to it instead of encoding characters again.
 */
final class StdoutWriter extends PrintWriter {
    private final OutputStream stream;
    private final Charset charset;

    StdoutWriter(OutputStream stream, Charset charset) {
        super(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
        this.stream = stream;
        this.charset = charset;
    }

    /** The charset picocli would write standard output in. */
    static Charset charset() {
        String name = System.getProperty("sun.stdout.encoding");
        if (name == null) {
            return Charset.defaultCharset();
        }
        try {
            return Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** Whether text written here ends up as UTF-8. */
    boolean utf8() {
        return charset.equals(StandardCharsets.UTF_8);
    }

    /** The stream underneath (flush this writer before writing to it). */
    OutputStream stream() {
        return stream;
    }
}
