package dev.authaudit.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's host name, the default server name of events (events-v1 {@code host}). */
final class MachineName {
    private static final Path KERNEL = Path.of("/proc/sys/kernel/hostname");

    private MachineName() {
    }

    /** The kernel's host name (no name lookup), else Java's local host name, else {@code localhost}. */
    static String get() {
        try {
            String k = Files.readString(KERNEL, StandardCharsets.US_ASCII).trim();
            if (k.matches("[A-Za-z0-9._-]{1,255}")) {
                return k;
            }
        } catch (IOException | SecurityException e) {
            // not Linux: ask Java
        }
        try {
            String n = InetAddress.getLocalHost().getHostName();
            if (n.matches("[A-Za-z0-9._-]{1,255}")) {
                return n;
            }
        } catch (IOException | SecurityException e) {
            // no name
        }
        return "localhost";
    }
}
