package dev.authaudit.sim;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Command-line entry for the simulator, a thin argument parser over {@link LogSimulator}:
 * {@code --out DIR --days N --mailboxes N --seed S [--layout cpanel|debian] [--lines-target N]
 * [--start 2025-12-30T00:00] [--zone Europe/Berlin] [--rotate] [--stale-share F] [--noise F]
 * [--attacks bf,spray,stuff,unknown,scan,closed]}.
 * Exit codes: 0 done, 2 usage error, 1 failure while writing.
 */
public final class SimulateMain {
    private SimulateMain() {
    }

    /** Runs the simulator with command-line arguments and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Parses the arguments, runs the simulation and prints a one-line summary per file.
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SimulationSpec.Builder b = SimulationSpec.builder();
        Path dir = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--out": dir = Path.of(value(args, ++i, a)); break;
                    case "--days": b.days(Integer.parseInt(value(args, ++i, a))); break;
                    case "--mailboxes": b.mailboxes(Integer.parseInt(value(args, ++i, a))); break;
                    case "--seed": b.seed(Long.parseLong(value(args, ++i, a))); break;
                    case "--layout": b.layout(LogLayout.fromWord(value(args, ++i, a))); break;
                    case "--lines-target": b.linesTarget(Long.parseLong(value(args, ++i, a))); break;
                    case "--start": b.start(LocalDateTime.parse(value(args, ++i, a))); break;
                    case "--zone": b.zone(ZoneId.of(value(args, ++i, a))); break;
                    case "--rotate": b.rotate(true); break;
                    case "--stale-share": b.staleShare(Double.parseDouble(value(args, ++i, a))); break;
                    case "--noise": b.noise(Double.parseDouble(value(args, ++i, a))); break;
                    case "--attacks": b.attacks(attacks(value(args, ++i, a))); break;
                    case "-h":
                    case "--help":
                        out.println(usage());
                        return 0;
                    default:
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
        } catch (NumberFormatException e) {
            err.println("simulate: not a number: " + e.getMessage() + "\n" + usage());
            return 2;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            err.println("simulate: " + e.getMessage() + "\n" + usage());
            return 2;
        }
        SimulationSpec spec;
        try {
            spec = b.build();
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
        try {
            SimulationResult r = new LogSimulator(spec).run(dir);
            r.linesPerFile().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> out.println(e.getValue() + "\t" + e.getKey()));
            out.println(r.totalLines() + "\ttotal lines, " + r.blocks() + " lfd blocks, exim "
                    + r.software().exim().version() + ", dovecot " + r.software().dovecot().version() + " -> " + dir);
            return 0;
        } catch (RuntimeException e) {
            err.println("simulate: " + e.getMessage());
            return 1;
        }
    }

    private static AttackMix attacks(String v) {
        String[] p = v.split(",");
        if (p.length != 6) {
            throw new IllegalArgumentException("--attacks needs six counts: bruteForce,spraying,stuffing,unknownUser,"
                    + "portScanners,closedPort; got '" + v + "'");
        }
        int[] n = new int[6];
        for (int i = 0; i < 6; i++) {
            n[i] = Integer.parseInt(p[i].trim());
        }
        return new AttackMix(n[0], n[1], n[2], n[3], n[4], n[5]);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String usage() {
        return "usage: simulate --out DIR [--days N] [--mailboxes N] [--seed S] [--layout cpanel|debian]"
                + " [--lines-target N] [--start YYYY-MM-DDTHH:MM] [--zone ZONE] [--rotate]"
                + " [--stale-share 0.08] [--noise 1.0] [--attacks bf,spray,stuff,unknown,scan,closed]";
    }
}
