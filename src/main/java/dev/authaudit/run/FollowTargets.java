package dev.authaudit.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Expands {@code watch}'s paths into the files to follow: a file as given (it may not exist yet: it
 * is followed once it appears), a folder as the live logs directly in it. Rotated copies
 * ({@code .1}, {@code -20250331}, {@code .gz} and other archives) are history, read by {@code scan},
 * never followed.
 */
public final class FollowTargets {
    private static final Pattern ROTATED = Pattern.compile(
            ".*(?:\\.(?:gz|bz2|xz|zst|z|zip)|\\.\\d{1,4}|[.-]\\d{8}(?:\\d{2})?|\\.(?:old|bak|pid|lock|db))$");

    private FollowTargets() {
    }

    /**
     * Returns the files to follow, in the order given, without duplicates.
     *
     * @param problems receives a sentence per folder that cannot be listed
     */
    public static List<Path> of(List<String> args, List<String> problems) {
        List<Path> out = new ArrayList<>();
        for (String a : args) {
            Path p = Paths.get(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .filter(f -> !ROTATED.matcher(f.getFileName().toString()).matches()).sorted()
                            .forEach(f -> add(out, f));
                } catch (IOException e) {
                    problems.add("cannot list " + a + ": " + e.getMessage());
                }
            } else {
                String odd = dev.authaudit.ingest.Describe.notRegular(p, a);
                if (odd != null) {
                    problems.add(odd);
                    continue;
                }
                add(out, p);
            }
        }
        return out;
    }

    private static void add(List<Path> out, Path p) {
        Path n = p.toAbsolutePath().normalize();
        if (!out.contains(n)) {
            out.add(n);
        }
    }
}
