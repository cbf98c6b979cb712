package dev.authaudit.run;

import dev.authaudit.ingest.InputStats;
import java.util.List;

/** The one-paragraph account of what was read, printed on stderr after a run. */
public final class Summary {
    private Summary() {
    }

    /** Returns the paragraph for these files' counts. */
    public static String of(List<InputStats> files) {
        long lines = 0;
        long events = 0;
        long skipped = 0;
        long invalid = 0;
        long untimed = 0;
        long binary = 0;
        long badUtf8 = 0;
        long oversized = 0;
        for (InputStats s : files) {
            lines += s.lines();
            events += s.events();
            skipped += s.skipped();
            invalid += s.invalid();
            untimed += s.untimed();
            binary += s.binary();
            badUtf8 += s.badUtf8();
            oversized += s.oversized();
        }
        StringBuilder sb = new StringBuilder();
        sb.append("read ").append(lines).append(" lines from ").append(files.size()).append(files.size() == 1
                ? " file" : " files").append(": ").append(events).append(" events, ").append(skipped)
                .append(" skipped (known source, no rule: see 'authaudit rules check --missed')");
        if (invalid > 0) {
            sb.append(", ").append(invalid).append(" with an unusable field");
        }
        if (untimed > 0) {
            sb.append(", ").append(untimed).append(" without a time stamp");
        }
        if (binary + badUtf8 + oversized > 0) {
            sb.append(", damaged: ").append(binary).append(" binary, ").append(badUtf8).append(" invalid UTF-8, ")
                    .append(oversized).append(" over 64 KiB");
        }
        return sb.toString();
    }
}
