package dev.authaudit.lab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One log file the lab writes (the Exim mainlog, lfd.log): each line is appended and flushed at once,
 * so a follower sees it as a real server's would, and handed to every listener in write order.
 */
public final class LabLog implements AutoCloseable {
    private final Path file;
    private final BufferedWriter out;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Creates (or truncates) {@code file}. */
    public LabLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write lab log " + file, e);
        }
    }

    /** Returns the file. */
    public Path file() {
        return file;
    }

    /** Adds a listener that receives every line after it is written. */
    public void listen(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Appends {@code line} and hands it to the listeners. */
    public void write(String line) {
        synchronized (this) {
            try {
                out.write(line);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write lab log " + file, e);
            }
            // inside the lock, so every listener sees the lines in file order
            listeners.forEach(l -> l.accept(line));
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close lab log " + file, e);
        }
    }
}
