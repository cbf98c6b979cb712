package dev.authaudit.cli;

import dev.authaudit.report.Report;
import dev.authaudit.report.ReportCsvWriter;
import dev.authaudit.report.ReportDetail;
import dev.authaudit.report.ReportHtmlWriter;
import dev.authaudit.report.ReportJsonWriter;
import dev.authaudit.report.ReportTextWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Option;

/** Where and how a report is written. */
public final class ReportOptions {
    /** Report formats. */
    enum Format { text, json, csv, html }

    /** Renders a document to a writer. */
    @FunctionalInterface
    interface Body {
        void writeTo(Writer w) throws IOException;
    }

    @Option(names = "--format", description = "text (for a person), json (report-v1), csv, or html (one"
            + " self-contained page with charts; use with --out).")
    Format format = Format.text;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout"
            + " (written to a temporary file first, then moved into place).")
    Path out;

    @Option(names = "--top", paramLabel = "N", description = "Attacking addresses listed in the text and HTML"
            + " reports.")
    int top = 10;

    @Option(names = {"-v", "--verbose"}, description = "Text report: every reason, every address and login,"
            + " each block's own rule and hits (by default lists are cut short and say how many more).")
    boolean verbose;

    @Option(names = "--color", paramLabel = "WHEN", description = "Colour the text report: auto (on a terminal,"
            + " unless NO_COLOR is set), always, or never.")
    String color = "auto";

    void write(Report report, ReportDetail detail, Writer stdout) throws IOException {
        write(stdout, w -> render(report, detail, w));
    }

    /** Writes {@code body} to stdout, or to {@code --out} through a temporary file moved into place. */
    void write(Writer stdout, Body body) throws IOException {
        if (out == null) {
            body.writeTo(stdout);
            stdout.flush();
            return;
        }
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // created like any file the admin makes (their umask applies), unlike createTempFile's 0600
        Path tmp = dir.resolve(".authaudit-" + Long.toHexString(System.nanoTime()) + ".tmp");
        Files.createFile(tmp);
        // as standard output is written: a lone surrogate (from an escape in journalctl's JSON) becomes '?' instead
        // of stopping the report (Files.newBufferedWriter's encoder refuses it)
        try (Writer w = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(tmp),
                StandardCharsets.UTF_8))) {
            body.writeTo(w);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Decides on colour: {@code always} and {@code never} as said; {@code auto} colours only a terminal,
     * and not when NO_COLOR is set to anything (no-color.org) or TERM is dumb.
     */
    boolean colour(String noColor, String term, boolean terminal) {
        return switch (color) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
            default -> throw new Cli.UsageProblem("--color is auto, always or never, not " + color);
        };
    }

    private void render(Report report, ReportDetail detail, Writer w) throws IOException {
        switch (format) {
            case json -> {
                new ReportJsonWriter().write(report, w);
                w.write('\n');
            }
            case csv -> new ReportCsvWriter().write(report, w);
            case html -> new ReportHtmlWriter(top).write(report, detail, w);
            default -> new ReportTextWriter(top, 4, verbose, colour(System.getenv("NO_COLOR"),
                    System.getenv("TERM"), out == null && System.console() != null)).write(report, w);
        }
    }
}
