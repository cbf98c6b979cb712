package dev.authaudit.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Opens the publisher for a {@code --publish} URI, from the factories on the class path. */
public final class Publishers {
    private final ClassLoader loader;

    public Publishers(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Opens a publisher for the target.
     *
     * @throws PublishException when the target is not a URI, or no factory serves its scheme (the message
     *     names the jar that would)
     */
    public EventPublisher open(String target) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new PublishException("--publish " + target + " is not a URI; give kafka://HOST:PORT/TOPIC");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (EventPublisher.Factory f : ServiceLoader.load(EventPublisher.Factory.class, loader)) {
            if (f.scheme().equals(scheme)) {
                return f.open(uri);
            }
            known.add(f.scheme());
        }
        if ("kafka".equals(scheme)) {
            throw new PublishException("--publish kafka://... needs the fleet jar (target/authaudit-<version>-fleet.jar"
                    + " and its libraries in target/fleet-lib/), which is not on the class path; build it with 'mvn"
                    + " package' and run through the ./authaudit launcher, which adds it");
        }
        throw new PublishException("--publish: no publisher for '" + scheme + "' (known: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + "); give kafka://HOST:PORT/TOPIC");
    }
}
