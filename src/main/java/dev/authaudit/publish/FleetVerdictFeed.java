package dev.authaudit.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Where {@code watch --fleet-verdicts} reads the fleet's verdicts from ({@code kafka://HOST:PORT/TOPIC}, served by
 * the fleet jar through {@link java.util.ServiceLoader}, so the product jar holds no Kafka). A feed hands over only
 * addresses the whole fleet judged {@code attacker}, each checked (an IP literal, a report-v1 word, bounded lists);
 * a record that is anything else is counted in {@link #rejected()} and dropped. Its text (server names, reasons)
 * came over the network and is escaped wherever it is printed.
 */
public interface FleetVerdictFeed extends AutoCloseable {
    /**
     * An address the fleet judged an attacker, with the evidence it gave.
     *
     * @param ip the address, a literal
     * @param network its network, a prefix
     * @param confidence the verdict's confidence, 0..1
     * @param failuresByHost its failures on each server
     * @param reasons the fleet's reasons, in words (hostile text)
     */
    record Attacker(String ip, String network, double confidence, Map<String, Long> failuresByHost,
                    List<String> reasons) {
        /** Copies the collections. */
        public Attacker {
            failuresByHost = Map.copyOf(failuresByHost);
            reasons = List.copyOf(reasons);
        }

        /** Returns its failures on all servers. */
        public long failures() {
            return failuresByHost.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * An address whose latest verdict is no longer {@code attacker}.
     *
     * @param ip the address, a literal (the record's key, checked)
     * @param verdict its report-v1 verdict word now ({@code customer}, {@code unknown}, ...)
     */
    record Withdrawn(String ip, String verdict) {
    }

    /**
     * Returns the attacker verdicts that arrived since the last call, waiting at most {@code timeout}; the first
     * call returns every one already on the topic.
     */
    List<Attacker> poll(Duration timeout);

    /**
     * Returns the addresses whose latest verdict read by the last {@link #poll} is another word than
     * {@code attacker} (for a hook that acted on them earlier); none by default.
     */
    default List<Withdrawn> withdrawn() {
        return List.of();
    }

    /** Returns how many records were dropped as malformed so far. */
    long rejected();

    @Override
    void close();

    /** Makes feeds for the URIs of one scheme; found by {@link ServiceLoader}. */
    interface Factory {
        /** The URI scheme this factory serves ({@code kafka}). */
        String scheme();

        /**
         * Opens a feed.
         *
         * @throws PublishException when the URI is not usable (says what to fix)
         */
        FleetVerdictFeed open(URI uri);
    }

    /**
     * Opens the feed for {@code target} from the factories {@code loader} finds.
     *
     * @throws PublishException when the target is not a URI or no factory serves its scheme (names the jar)
     */
    static FleetVerdictFeed open(String target, ClassLoader loader) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new PublishException("--fleet-verdicts " + target + " is not a URI; give kafka://HOST:PORT/TOPIC");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (Factory f : ServiceLoader.load(Factory.class, loader)) {
            if (f.scheme().equals(scheme)) {
                return f.open(uri);
            }
            known.add(f.scheme());
        }
        if ("kafka".equals(scheme)) {
            throw new PublishException("--fleet-verdicts kafka://... needs the fleet jar (target/authaudit-<version>-"
                    + "fleet.jar and its libraries in target/fleet-lib/), which is not on the class path; build it with"
                    + " 'mvn package' and run through the ./authaudit launcher, which adds it");
        }
        throw new PublishException("--fleet-verdicts: no feed for '" + scheme + "' (known: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + "); give kafka://HOST:PORT/TOPIC");
    }
}
