package dev.authaudit.cli;

import dev.authaudit.event.EventJsonWriter;
import dev.authaudit.event.LogEvent;
import dev.authaudit.ingest.InputSet;
import dev.authaudit.parse.EventRenderer;
import dev.authaudit.parse.LineParser;
import dev.authaudit.parse.YearAnchor;
import dev.authaudit.run.ParseRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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

    /** The JSON Lines of a run of events, UTF-8, appended to one array. */
    private static final class JsonBatch implements EventRenderer.Batch {
        private final EventJsonWriter writer;

        JsonBatch(EventJsonWriter writer) {
            this.writer = writer;
        }

        @Override
        public int add(LogEvent event) {
            return writer.appendLine(event);
        }

        @Override
        public byte[] text() {
            return writer.bytes();
        }
    }

    /** Renders batches of events as JSON Lines into arrays handed back once written. */
    private static final class JsonRenderer implements EventRenderer {
        /** Room for the JSON of a block of lines (about 0.6 bytes per byte of a maillog) without growing. */
        private static final int BUFFER = 1 << 18;
        private final java.util.concurrent.BlockingQueue<byte[]> free = new java.util.concurrent.ArrayBlockingQueue<>(16);

        @Override
        public Batch batch() {
            byte[] b = free.poll();
            return new JsonBatch(new EventJsonWriter(b != null ? b : new byte[BUFFER]));
        }

        @Override
        public void release(byte[] text) {
            free.offer(text);
        }
    }

    /**
     * Where the JSON Lines go: straight to the process's standard output as bytes when it takes UTF-8
     * (see {@link StdoutWriter}), else decoded into the command's writer (a test's, say).
     */
    private static final class Output implements EventRenderer.TextSink {
        private final OutputStream bytes;
        private final Writer chars;
        /** A run of text not yet written: the slice {@code start..end} of {@code text}. */
        private byte[] text;
        private int start;
        private int end;

        Output(PrintWriter out) {
            if (out instanceof StdoutWriter s && s.utf8()) {
                out.flush();
                this.bytes = s.stream();
                this.chars = null;
            } else {
                this.bytes = null;
                this.chars = out;
            }
        }

        /** Takes the next event's text; slices that follow one another in one array are written at once. */
        @Override
        public void accept(byte[] t, int from, int to) {
            if (t == text && from == end) {
                end = to;
                return;
            }
            flush();
            text = t;
            start = from;
            end = to;
        }

        void flush() {
            if (text == null || start == end) {
                return;
            }
            try {
                if (bytes != null) {
                    bytes.write(text, start, end - start);
                } else {
                    chars.write(new String(text, start, end - start, StandardCharsets.UTF_8));
                }
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
            text = null;
        }

        void close() {
            flush();
            try {
                if (bytes != null) {
                    bytes.flush();
                } else {
                    chars.flush();
                }
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }
    }

    @Override
    public Integer call() {
        // what needs no rules first (the inputs, the latest dated stamp of their tails, the fingerprint key,
        // the zone), while the shipped rules are still being read ahead (RulePreload)
        InputSet set = InputSet.of(paths);
        YearAnchor years = input.years(set.files());
        LineParser parser = input.parser(context.rules());
        PrintWriter err = spec.commandLine().getErr();
        set.problems().forEach(p -> err.println("authaudit: " + p));
        Writer out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        ParseRun run = new ParseRun(new ParseRun.Settings(set, years), parser, context.clock(), context.stdin());
        ParseRun.Outcome outcome;
        try {
            // big files are parsed in blocks on every core; events still come in file order
            if (format == Format.jsonl) {
                // each event's JSON is written on the thread that parsed it; this one only copies it out
                Output sink = new Output(spec.commandLine().getOut());
                outcome = run.runText(new JsonRenderer(), sink);
                sink.close();
            } else {
                outcome = run.run(e -> {
                    try {
                        out.write(TextEvent.line(e));
                        out.write('\n');
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        outcome.tell(err);
        err.flush();
        return outcome.inputTrouble() ? ExitCodes.INPUT : ExitCodes.OK;
    }
}
