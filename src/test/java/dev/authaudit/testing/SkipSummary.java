package dev.authaudit.testing;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of every test run, how many tests or containers were skipped and why, so a skip cannot
 * vanish into surefire's one "Skipped: N" figure. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class SkipSummary implements TestExecutionListener {
    private final List<String> outside = new ArrayList<>();
    private final List<String> other = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        add(id, reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            add(id, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private synchronized void add(TestIdentifier id, String reason) {
        String line = id.getDisplayName() + " (" + Optional.ofNullable(id.getLegacyReportingName()).orElse("") + "): "
                + reason;
        if (reason != null && reason.contains(OutsideData.SKIP_PREFIX)) {
            outside.add(line);
        } else {
            other.add(line);
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (outside.isEmpty() && other.isEmpty()) {
            return;
        }
        PrintStream out = System.out;
        out.println();
        out.println("=================================== SKIPPED ===================================");
        out.println("outside data (../shared/corpus) missing: " + outside.size() + " skipped");
        outside.forEach(s -> out.println("  - " + s));
        out.println("other skips: " + other.size());
        other.forEach(s -> out.println("  - " + s));
        out.println("===============================================================================");
    }
}
