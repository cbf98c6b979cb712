package dev.authaudit.report;

import dev.authaudit.parse.Parsed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the first skipped lines of each input (lines a source's gate admitted but no rule read), so the
 * report shows a rules gap instead of only counting it. Bounded per input and in inputs.
 */
final class SkippedSampler {
    private final int perInput;
    private final int maxInputs;
    private final Map<String, Sample> byInput = new LinkedHashMap<>();

    private static final class Sample {
        String source;
        final List<String> lines = new ArrayList<>();
    }

    SkippedSampler(int perInput, int maxInputs) {
        this.perInput = perInput;
        this.maxInputs = maxInputs;
    }

    /** Offers one parser outcome of {@code file}; only skipped lines are kept. */
    void accept(String file, Parsed p) {
        if (p.status() != Parsed.Status.SKIPPED || p.text() == null) {
            return;
        }
        Sample s = byInput.get(file);
        if (s == null) {
            if (byInput.size() >= maxInputs) {
                return;
            }
            s = new Sample();
            s.source = p.source();
            byInput.put(file, s);
        }
        if (s.lines.size() < perInput) {
            s.lines.add(p.text());
        }
    }

    List<SkippedSample> samples() {
        List<SkippedSample> out = new ArrayList<>();
        byInput.forEach((file, s) -> out.add(new SkippedSample(file, s.source, s.lines)));
        return out;
    }
}
