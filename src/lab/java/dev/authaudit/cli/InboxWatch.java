package dev.authaudit.cli;

import dev.authaudit.lab.NoticeInbox;
import java.util.function.Consumer;

/** Watches the lab's inbox and reports each notice as it lands (polling every 50 ms; it is a lab). */
final class InboxWatch implements AutoCloseable {
    private final Thread thread;
    private volatile boolean closing;

    InboxWatch(NoticeInbox inbox, Consumer<NoticeInbox.Landed> landed) {
        thread = new Thread(() -> {
            int seen = 0;
            while (!closing) {
                var all = inbox.messages();
                for (int i = seen; i < all.size(); i++) {
                    landed.accept(all.get(i));
                }
                seen = all.size();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "lab-inbox");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
    }
}
