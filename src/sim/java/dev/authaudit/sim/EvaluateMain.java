package dev.authaudit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Prints how a report-v1 JSON report scores against a simulation's truth:
 * {@code java -cp authaudit.jar dev.authaudit.sim.EvaluateMain truth.json report.json}.
 */
public final class EvaluateMain {
    private EvaluateMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EvaluateMain TRUTH.json REPORT.json");
            System.exit(2);
        }
        ObjectMapper m = new ObjectMapper();
        JsonNode truth = m.readTree(Paths.get(args[0]).toFile());
        JsonNode report = m.readTree(Paths.get(args[1]).toFile());
        TruthEvaluation e = TruthEvaluation.of(report, truth);
        e.figures().forEach((k, v) -> System.out.printf("%-36s %s%n", k, v));
        print("accounts (truth -> report)", e.accountConfusion());
        print("addresses (truth -> report)", e.ipConfusion());
        print("blocks (truth -> report)", e.blockConfusion());
    }

    private static void print(String title, Map<String, Long> m) {
        System.out.println(title + ":");
        m.forEach((k, v) -> System.out.printf("  %6d  %s%n", v, k));
    }
}
