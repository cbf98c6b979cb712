package dev.authaudit.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Commands that live in jars of their own beside the product jar: {@code lab} and {@code demo} (the lab
 * jar, with James, Netty and GreenMail) and {@code fleet} (the fleet jar, with Kafka). The launcher puts
 * them on the class path when they were built; a command whose jar is missing still answers, with a
 * message that says which jar it needs, instead of "unknown command".
 */
final class OptionalCommands {
    /** One optional command: its name, its class, the jar that holds it and a line for the help list. */
    record Part(String name, String className, String jar, String header) {
    }

    static final List<Part> PARTS = List.of(
            new Part("lab", "dev.authaudit.cli.LabCommand", "lab",
                    "A small mail host on loopback that writes real-looking logs."),
            new Part("demo", "dev.authaudit.cli.DemoCommand", "lab",
                    "Watch authaudit find a stale-password phone and tell its owner before lfd blocks it."),
            new Part("fleet", "dev.authaudit.fleet.FleetCommand", "fleet",
                    "Audit many servers together over Kafka (run, report)."));

    private OptionalCommands() {
    }

    /** Adds each part: its own command when its class is on the class path, else one that says what is missing. */
    static void addTo(CommandLine cl, ClassLoader loader) {
        addTo(cl, loader, null);
    }

    /** Whether {@code name} is one of the optional commands. */
    static boolean named(String name) {
        return PARTS.stream().anyMatch(p -> p.name().equals(name));
    }

    /** As {@link #addTo(CommandLine, ClassLoader)}, for the part called {@code only} alone (null: all). */
    static void addTo(CommandLine cl, ClassLoader loader, String only) {
        for (Part p : PARTS) {
            if (only != null && !only.equals(p.name())) {
                continue;
            }
            Class<?> cls = find(p.className(), loader);
            if (cls != null) {
                cl.addSubcommand(p.name(), cls);
            } else {
                cl.addSubcommand(p.name(), missing(p));
            }
        }
    }

    private static Class<?> find(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Names the jar the command needs; exits with the configuration code, as a missing install part is one. */
    static String missingMessage(Part p) {
        return "'" + p.name() + "' is in the " + p.jar() + " jar (target/authaudit-<version>-" + p.jar()
                + ".jar" + ("fleet".equals(p.jar()) || "lab".equals(p.jar()) ? " and its libraries in target/"
                + p.jar() + "-lib/" : "") + "), which is not on the class path; run it through the ./authaudit"
                + " launcher after 'mvn package', which adds it";
    }

    private static CommandLine missing(Part p) {
        CommandLine[] self = new CommandLine[1];
        CommandSpec spec = CommandSpec.wrapWithoutInspection((java.util.concurrent.Callable<Integer>) () -> {
            PrintWriter err = self[0].getErr();
            err.println("authaudit: " + missingMessage(p));
            return ExitCodes.CONFIG;
        });
        spec.name(p.name());
        spec.usageMessage().header(p.header() + " (not installed)");
        spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(String[].class).hidden(true).build());
        spec.parser().unmatchedOptionsArePositionalParams(true);
        self[0] = new CommandLine(spec);
        return self[0];
    }
}
