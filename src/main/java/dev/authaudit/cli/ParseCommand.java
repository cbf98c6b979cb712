package dev.authaudit.cli;

import dev.authaudit.event.EventJson;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputFile;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.ingest.InputStats;
import dev.authaudit.parse.EventRenderer;
import dev.authaudit.parse.FileEvents;
import dev.authaudit.parse.FileParser;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.YearAnchor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code authaudit parse}: logs in, events-v1 JSON Lines out. */
@Command(name = "parse", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Read logs and print one events-v1 event per line.",
        description = {"Reads files, .gz archives, folders (recursively) or - for stdin, and prints every",
            "auth failure, auth success, firewall drop, block and unblock as JSON Lines (or text).",
            "A summary of lines read, events and skipped lines goes to stderr."},
        exitCodeListHeading = "%nExit Codes:%n", exitCodeList = {
            "0:done", "2:usage error", "3:a rule file is invalid", "4:an input could not be read (the rest was)"})
public final class ParseCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { jsonl, text }

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--format", description = "jsonl or text.")
    Format format = Format.jsonl;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files, .gz files, folders, or - for stdin.")
    List<String> paths = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Context context;

    public ParseCommand(Context context) {
        this.context = context;
    }

    /**
     * The JSON Lines of a run of events, through one generator into one buffer; an event's end is the
     * text handed to the buffer plus what the generator still holds, so nothing is flushed per event.
     */
    private static final class JsonBatch implements EventRenderer.Batch {
        private final CharBuffer buffer = new CharBuffer();
        private final EventJson.Lines lines;

        JsonBatch(EventJson json) {
            this.lines = json.lines(buffer);
        }

        @Override
        public int add(LogEvent event) {
            lines.write(event);
            return buffer.length + lines.buffered();
        }

        @Override
        public char[] text() {
            lines.flushBuffer();
            return buffer.chars;
        }
    }

    /** A writer into an unshared, growing char array (StringWriter locks on every call). */
    private static final class CharBuffer extends Writer {
        private char[] chars = new char[1 << 18];
        private int length;

        @Override
        public void write(char[] cbuf, int off, int len) {
            if (length + len > chars.length) {
                chars = java.util.Arrays.copyOf(chars, Math.max(length + len, 2 * chars.length));
            }
            System.arraycopy(cbuf, off, chars, length, len);
            length += len;
        }

        @Override
        public void write(String str, int off, int len) {
            if (length + len > chars.length) {
                chars = java.util.Arrays.copyOf(chars, Math.max(length + len, 2 * chars.length));
            }
            str.getChars(off, off + len, chars, length);
            length += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Override
    public Integer call() {
        LineParser parser = input.parser(input.ruleSet());
        InputSet set = InputSet.of(paths);
        PrintWriter err = spec.commandLine().getErr();
        set.problems().forEach(p -> err.println("authaudit: " + p));
        YearAnchor years = input.years(set.files());
        Writer out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        List<InputStats> all = new ArrayList<>();
        try {
            List<FileParser> parsers = new ArrayList<>();
            for (InputFile f : set.files()) {
                Instant ref = years.reference(f.modified() != null ? f.modified() : context.clock().instant());
                parsers.add(new FileParser(f, parser, ref, context.stdin(), null));
            }
            // big files are parsed in blocks on every core; events still come in file order
            if (format == Format.jsonl) {
                // each event's JSON is written on the thread that parsed it; this one only copies it out
                EventJson events = new EventJson();
                FileEvents.eachText(parsers, () -> new JsonBatch(events), (text, start, end) -> {
                    try {
                        out.write(text, start, end - start);
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
            } else {
                FileEvents.each(parsers, e -> {
                    try {
                        out.write(TextEvent.line(e));
                        out.write('\n');
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
            }
            parsers.forEach(fp -> all.add(fp.stats()));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean damaged = !set.problems().isEmpty();
        for (InputStats s : all) {
            s.problems().forEach(p -> err.println("authaudit: " + p));
            damaged |= s.damaged();
        }
        err.println(Summary.of(all));
        err.flush();
        return damaged ? ExitCodes.INPUT : ExitCodes.OK;
    }
}
