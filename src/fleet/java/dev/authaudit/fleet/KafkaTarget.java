package dev.authaudit.fleet;

import dev.authaudit.publish.PublishException;
import java.net.URI;

/**
 * A {@code kafka://HOST:PORT[,HOST:PORT...]/TOPIC} target: the brokers to bootstrap from and the topic.
 */
record KafkaTarget(String bootstrap, String topic) {
    static KafkaTarget of(URI uri) {
        return of(uri, "--publish");
    }

    /** Reads {@code uri}; {@code option} names the option it came from in messages. */
    static KafkaTarget of(URI uri, String option) {
        String authority = uri.getRawAuthority();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String topic = path.startsWith("/") ? path.substring(1) : path;
        if (!"kafka".equalsIgnoreCase(uri.getScheme()) || authority == null || authority.isEmpty()
                || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new PublishException(option + " " + uri + " is not kafka://HOST:PORT/TOPIC (a topic is letters,"
                    + " digits, '.', '_' and '-')");
        }
        for (String hp : authority.split(",")) {
            if (!hp.matches("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}")) {
                throw new PublishException(option + " " + uri + ": '" + hp + "' is not HOST:PORT");
            }
        }
        return new KafkaTarget(authority, topic);
    }
}
