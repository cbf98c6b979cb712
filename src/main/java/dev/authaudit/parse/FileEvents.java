package dev.authaudit.parse;

import dev.authaudit.event.LogEvent;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Hands out the events of several files in file order (each file's own order kept, files one after
 * the other: what {@code authaudit parse} prints), parsing a large file in blocks on a pool of workers
 * while the caller consumes the events on its own thread. The result is exactly what reading the files
 * one line after the other on one thread gives.
 */
public final class FileEvents {
    private FileEvents() {
    }

    /** Parses the files (and closes them), passing each event to {@code sink} on the calling thread. */
    public static void each(List<FileParser> files, Consumer<LogEvent> sink) {
        run(files, null, item -> sink.accept(item.event()));
    }

    /**
     * Parses the files (and closes them), rendering each event on the thread that parsed it and passing
     * its text to {@code sink} on the calling thread, in the same order as {@link #each}.
     */
    public static void eachText(List<FileParser> files, EventRenderer renderer, EventRenderer.TextSink sink) {
        run(files, renderer, item -> sink.accept(item.text(), item.start(), item.end()));
    }

    private static void run(List<FileParser> files, EventRenderer renderer, Consumer<PrefetchedFile.Item> sink) {
        int workers = Runtime.getRuntime().availableProcessors();
        boolean split = workers > 1 && files.stream().anyMatch(f -> f.size() >= EventMerger.SPLIT_BYTES);
        ExecutorService pool = split ? Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "authaudit-parse-worker");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            for (FileParser f : files) {
                try (PrefetchedFile p = new PrefetchedFile(f, f.stats().file(),
                        pool != null && f.size() >= EventMerger.SPLIT_BYTES ? pool : null, renderer)) {
                    PrefetchedFile.Item item;
                    while ((item = p.next()) != null) {
                        sink.accept(item);
                    }
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
