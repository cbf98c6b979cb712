package dev.authaudit.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * What was read from one input: line counts and the damage found. Mutable while the file is read,
 * then only read by reports; one instance per file, never shared between threads.
 */
public final class InputStats {
    private final String file;
    private String format = "unknown";
    private long lines;
    private long events;
    private long skipped;
    private long ignored;
    private long invalid;
    private long untimed;
    private long binary;
    private long badUtf8;
    private long oversized;
    private final List<String> problems = new ArrayList<>();

    /** Creates empty statistics for a file. */
    public InputStats(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** Returns the log format most of this file's events came from ({@code exim}, {@code dovecot}, ...). */
    public String format() {
        return format;
    }

    public void format(String format) {
        this.format = format;
    }

    public long lines() {
        return lines;
    }

    public long events() {
        return events;
    }

    /** Returns lines of a known source that no rule could read: each is a rules gap. */
    public long skipped() {
        return skipped;
    }

    public long ignored() {
        return ignored;
    }

    /** Returns lines a rule matched whose fields were unusable (an address that is not an address). */
    public long invalid() {
        return invalid;
    }

    /** Returns lines of interest that carried no timestamp we could read. */
    public long untimed() {
        return untimed;
    }

    public long binary() {
        return binary;
    }

    public long badUtf8() {
        return badUtf8;
    }

    public long oversized() {
        return oversized;
    }

    /** Returns file-level problems (unreadable, truncated archive), in words. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public void countLine() {
        lines++;
    }

    public void countEvents(int n) {
        events += n;
    }

    public void countSkipped() {
        skipped++;
    }

    public void countIgnored() {
        ignored++;
    }

    public void countInvalid() {
        invalid++;
    }

    public void countUntimed() {
        untimed++;
    }

    public void countBinary() {
        binary++;
    }

    public void countBadUtf8() {
        badUtf8++;
    }

    public void countOversized() {
        oversized++;
    }

    /** Counts {@code n} lines at once (a block of lines read on another thread). */
    public void countLines(long n) {
        lines += n;
    }

    public void countBinary(long n) {
        binary += n;
    }

    public void countBadUtf8(long n) {
        badUtf8 += n;
    }

    public void countOversized(long n) {
        oversized += n;
    }

    public void problem(String text) {
        problems.add(text);
    }

    /** How many unusable lines of a file are named; the rest are only counted. */
    static final int NAMED_UNUSABLE = 5;

    private final List<String> unusable = new ArrayList<>();

    /**
     * Names a line a rule matched but whose time or a field cannot be (Feb 29 of a non-leap year, a
     * date in the future, a port past 65535, {@code ::} as a client): the first few of each file are
     * kept with the reason; all are counted as invalid or untimed.
     */
    public void unusable(long line, String why) {
        if (unusable.size() < NAMED_UNUSABLE && why != null) {
            unusable.add(file + " line " + line + ": not used: " + why);
        }
    }

    /** Returns the unusable lines named, at most {@link #NAMED_UNUSABLE}. */
    public List<String> unusable() {
        return List.copyOf(unusable);
    }

    /** Returns true when the file could not be read at all or only in part. */
    public boolean damaged() {
        return !problems.isEmpty();
    }
}
