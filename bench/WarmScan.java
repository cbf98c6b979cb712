import dev.authaudit.cli.Cli;
import java.time.Clock;
import java.util.Arrays;

/**
 * Runs one authaudit command several times in one JVM and prints each run's time, so the figures show
 * the cost of a cold JVM (the first run: class loading and JIT compilation on the same cores) apart
 * from the engine's own speed once compiled (the last runs). Launched as a source file by
 * bench/run.sh: {@code java -cp <jar> bench/WarmScan.java <runs> <lines> <command and options>}.
 */
public class WarmScan {
    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        long lines = Long.parseLong(args[1]);
        String[] command = Arrays.copyOfRange(args, 2, args.length);
        double last = 0;
        for (int i = 1; i <= runs; i++) {
            long t0 = System.nanoTime();
            int rc = Cli.create(System.in, Clock.systemUTC()).execute(command);
            double s = (System.nanoTime() - t0) / 1e9;
            last = s;
            System.out.printf("run %d in one JVM: %6.2f s %,12.0f lines/s%s%n", i, s, lines / s, rc == 0 ? "" : " (exit " + rc + ")");
        }
        System.out.printf("warm engine (run %d of %d in one JVM): %,.0f lines/s%n", runs, runs, lines / last);
    }
}
