package dev.authaudit.sim;

import java.util.PriorityQueue;

/** A discrete-event loop in simulation seconds: actors run in time order and reschedule themselves. */
final class EventLoop {
    /** Something that acts at scheduled times. */
    interface Actor {
        /**
         * Acts at {@code now}.
         *
         * @return the next time to act, or {@link #DONE}
         */
        long act(long now);
    }

    /** Returned by an actor that has nothing more to do. */
    static final long DONE = Long.MIN_VALUE;

    private record Entry(long time, long seq, Actor actor) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.time != b.time
            ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private long seq;

    /** Schedules an actor. */
    void schedule(long time, Actor actor) {
        queue.add(new Entry(time, seq++, actor));
    }

    /**
     * Runs until the queue is empty or the next entry is at or after {@code end}.
     *
     * @param beforeEach called with each entry's time before the actor runs, so models catch up
     */
    void run(long end, java.util.function.LongConsumer beforeEach) {
        while (!queue.isEmpty() && queue.peek().time < end) {
            Entry e = queue.poll();
            beforeEach.accept(e.time);
            long next = e.actor.act(e.time);
            if (next != DONE) {
                if (next <= e.time) {
                    next = e.time + 1;
                }
                queue.add(new Entry(next, seq++, e.actor));
            }
        }
    }
}
