package dev.authaudit.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Expands the paths a user gave (files, folders searched recursively, {@code -} for stdin) into the
 * list of inputs to read, rotated files of one log oldest first ({@code maillog.3.gz},
 * {@code maillog.2.gz}, {@code maillog.1}, {@code maillog}; {@code maillog-20241230.gz} before
 * {@code maillog-20241231}). Paths that cannot be listed are reported, not thrown.
 */
public final class InputSet {
    private static final Pattern ROTATION = Pattern.compile(
            "^(?<base>.+?)(?:[.-](?<date>\\d{8}|\\d{4}-\\d{2}-\\d{2}))?(?:\\.(?<num>\\d{1,4}))?(?:\\.gz)?$");

    private final List<InputFile> files;
    private final List<String> problems;

    private InputSet(List<InputFile> files, List<String> problems) {
        this.files = List.copyOf(files);
        this.problems = List.copyOf(problems);
    }

    /** Returns the inputs in reading order. */
    public List<InputFile> files() {
        return files;
    }

    /** Returns the paths that could not be read or listed, in words. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Expands the given path arguments.
     *
     * @param args paths as typed; {@code -} stands for standard input
     */
    public static InputSet of(List<String> args) {
        List<InputFile> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-")) {
                out.add(new InputFile(null, "-", null));
                continue;
            }
            Path p = Paths.get(arg);
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> !isHidden(f)).forEach(found::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    problems.add("cannot list folder " + arg + ": " + e.getMessage());
                }
                found.sort(rotationOrder());
                for (Path f : found) {
                    out.add(file(f, f.toString(), problems));
                }
            } else if (Files.exists(p)) {
                String odd = Describe.notRegular(p, arg);
                if (odd != null) {
                    problems.add(odd);
                    continue;
                }
                out.add(file(p, arg, problems));
            } else {
                problems.add("cannot read " + arg + ": no such file or folder; check the path");
            }
        }
        out.removeIf(f -> f == null);
        return new InputSet(out, problems);
    }

    /** Endings of files that sit beside logs but are never logs (reports, notes, our own outputs). */
    private static final List<String> NOT_LOGS = List.of(".md", ".json", ".yaml", ".yml", ".html", ".csv",
            ".eml", ".db", ".sqlite", ".jar", ".pdf", ".png", ".svg");

    /**
     * Returns true for files a folder scan passes over: hidden files and files that are clearly not
     * logs. A file named on the command line is always read.
     */
    private static boolean isHidden(Path f) {
        String name = f.getFileName().toString();
        if (name.startsWith(".")) {
            return true;
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return NOT_LOGS.stream().anyMatch(lower::endsWith);
    }

    private static InputFile file(Path p, String display, List<String> problems) {
        Instant mtime = null;
        try {
            mtime = Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            problems.add(Describe.unreadable(p, display, e));
        }
        return new InputFile(p, display, mtime);
    }

    /**
     * Orders files so that each log's rotations come oldest first, logs grouped by base name.
     */
    static Comparator<Path> rotationOrder() {
        return Comparator.<Path, String>comparing(p -> {
            Path parent = p.getParent();
            return parent == null ? "" : parent.toString();
        }).thenComparing(p -> key(p).base).thenComparing((a, b) -> {
            Key ka = key(a);
            Key kb = key(b);
            // numbered rotations: higher number is older; dated ones: earlier date is older; the live file last
            int c = Long.compare(kb.num, ka.num);
            if (c != 0) {
                return c;
            }
            return ka.date.compareTo(kb.date);
        });
    }

    private record Key(String base, long num, String date) {
    }

    private static Key key(Path p) {
        String name = p.getFileName().toString();
        Matcher m = ROTATION.matcher(name);
        if (!m.matches()) {
            return new Key(name, -1, "~");
        }
        String num = m.group("num");
        String date = m.group("date");
        return new Key(m.group("base"), num == null ? -1 : Long.parseLong(num), date == null ? "~" : date);
    }
}
