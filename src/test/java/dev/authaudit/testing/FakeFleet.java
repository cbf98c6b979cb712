package dev.authaudit.testing;

import dev.authaudit.event.LogEvent;
import dev.authaudit.publish.EventPublisher;
import dev.authaudit.publish.FleetVerdictFeed;
import dev.authaudit.publish.PublishException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fleet without Kafka for tests of the whole command line: {@code watch} finds these factories through
 * {@link java.util.ServiceLoader} (src/test/resources/META-INF/services), as it finds the fleet jar's, for the
 * scheme {@code test}: {@code test://127.0.0.1:1/TOPIC}. A test names a topic of its own (its verdicts are handed
 * over by {@link #verdicts}, the events published to it are read by {@link #published}) and {@link #forget}s it
 * at the end. A topic nobody prepared is refused, as a broker without it would be.
 */
public final class FakeFleet {
    private static final Map<String, List<FleetVerdictFeed.Attacker>> VERDICTS = new ConcurrentHashMap<>();
    private static final Map<String, List<LogEvent>> PUBLISHED = new ConcurrentHashMap<>();

    private FakeFleet() {
    }

    /** Prepares {@code topic} as a verdict topic holding these attacker verdicts. */
    public static void verdicts(String topic, List<FleetVerdictFeed.Attacker> attackers) {
        VERDICTS.put(topic, List.copyOf(attackers));
    }

    /** Prepares {@code topic} as an event topic, empty. */
    public static void events(String topic) {
        PUBLISHED.put(topic, java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    /** Returns the events stored on {@code topic} (flushed by the publisher) so far. */
    public static List<LogEvent> published(String topic) {
        List<LogEvent> l = PUBLISHED.get(topic);
        synchronized (l) {
            return List.copyOf(l);
        }
    }

    /** Drops what a test prepared. */
    public static void forget(String... topics) {
        for (String t : topics) {
            VERDICTS.remove(t);
            PUBLISHED.remove(t);
        }
    }

    private static String topic(URI uri) {
        return uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    }

    /** The feed of {@code test://HOST:PORT/TOPIC}: every verdict on the first poll, then nothing. */
    public static final class Feeds implements FleetVerdictFeed.Factory {
        @Override
        public String scheme() {
            return "test";
        }

        @Override
        public FleetVerdictFeed open(URI uri) {
            List<FleetVerdictFeed.Attacker> on = VERDICTS.get(topic(uri));
            if (on == null) {
                throw new PublishException("--fleet-verdicts " + uri + ": no such topic (FakeFleet)");
            }
            return new FleetVerdictFeed() {
                private boolean read;

                @Override
                public List<Attacker> poll(Duration timeout) {
                    if (read) {
                        return List.of();
                    }
                    read = true;
                    return on;
                }

                @Override
                public long rejected() {
                    return 0;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** The publisher of {@code test://HOST:PORT/TOPIC}: an event is stored on the topic when it is flushed. */
    public static final class Publishers implements EventPublisher.Factory {
        @Override
        public String scheme() {
            return "test";
        }

        @Override
        public EventPublisher open(URI uri) {
            List<LogEvent> on = PUBLISHED.get(topic(uri));
            if (on == null) {
                throw new PublishException("--publish " + uri + ": no such topic (FakeFleet)");
            }
            return new EventPublisher() {
                private final List<LogEvent> inFlight = new ArrayList<>();

                @Override
                public void send(LogEvent event) {
                    inFlight.add(event);
                }

                @Override
                public void flush() {
                    on.addAll(inFlight);
                    inFlight.clear();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
