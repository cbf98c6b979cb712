package dev.authaudit.classify;

import dev.authaudit.event.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One statement a verdict makes about the logs, as data: what kind of statement it is and the facts it
 * names (addresses, logins, protocols, ports, counts, times). Reasons are these claims rendered to text
 * ({@link #text()}), so every place that prints a reason prints the same facts, and a test can recompute
 * each claim from the event stream.
 *
 * @param kind what is claimed; says which fields are meaningful
 * @param addresses the addresses the claim is about (the first is the main one)
 * @param logins the logins it is about
 * @param protocols protocols of the lines it counts
 * @param ports server or destination ports it names
 * @param count the main number it states (failures, successes, logins, hits), or 0
 * @param other a second number (e.g. "of M failures", "at most M times each"), or 0
 * @param extra a third number (a login's successes beside its failures), or 0
 * @param fingerprint the password fingerprint it names, or null
 * @param first the earliest time it names, or null
 * @param last the latest time it names, or null
 * @param period a rhythm or window it names, or null
 * @param on the protocol the rhythm was measured on, or null
 * @param text the sentence
 */
public record Claim(ClaimKind kind, List<String> addresses, List<String> logins, Set<Protocol> protocols,
                    List<Integer> ports, long count, long other, long extra, String fingerprint, Instant first, Instant last, Duration period,
                    Protocol on, String text) {
    public Claim {
        addresses = List.copyOf(addresses);
        logins = List.copyOf(logins);
        protocols = Set.copyOf(protocols);
        ports = List.copyOf(ports);
    }

    /** Starts a claim of {@code kind}; the builder's {@code say} renders it. */
    public static Builder of(ClaimKind kind) {
        return new Builder(kind);
    }

    /** Returns the texts of {@code claims}, in order. */
    public static List<String> texts(List<Claim> claims) {
        if (claims.size() == 1 && claims.get(0).text() != null) {
            return List.of(claims.get(0).text()); // most addresses' one reason, without an array
        }
        String[] texts = new String[claims.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = claims.get(i).text();
            if (texts[i] == null) {
                return claims.stream().map(Claim::text).toList(); // (List.of takes no null)
            }
        }
        return List.of(texts);
    }

    /** Collects a claim's facts, then its sentence. */
    public static final class Builder {
        private final ClaimKind kind;
        private List<String> addresses = List.of();
        private List<String> logins = List.of();
        private Set<Protocol> protocols = Set.of();
        private List<Integer> ports = List.of();
        private long count;
        private long other;
        private long extra;
        private String fingerprint;
        private Instant first;
        private Instant last;
        private Duration period;
        private Protocol on;

        private Builder(ClaimKind kind) {
            this.kind = kind;
        }

        public Builder address(String... ips) {
            this.addresses = List.of(ips);
            return this;
        }

        public Builder addresses(List<String> ips) {
            this.addresses = List.copyOf(ips);
            return this;
        }

        public Builder login(String... logins) {
            this.logins = List.of(logins);
            return this;
        }

        public Builder logins(List<String> logins) {
            this.logins = List.copyOf(logins);
            return this;
        }

        public Builder protocols(Set<Protocol> protocols) {
            this.protocols = protocols.stream().filter(p -> p != Protocol.OTHER)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            return this;
        }

        public Builder ports(List<Integer> ports) {
            this.ports = List.copyOf(ports);
            return this;
        }

        public Builder count(long count) {
            this.count = count;
            return this;
        }

        public Builder other(long other) {
            this.other = other;
            return this;
        }

        public Builder extra(long extra) {
            this.extra = extra;
            return this;
        }

        public Builder fingerprint(String fingerprint) {
            this.fingerprint = fingerprint;
            return this;
        }

        public Builder first(Instant first) {
            this.first = first;
            return this;
        }

        public Builder last(Instant last) {
            this.last = last;
            return this;
        }

        public Builder period(Duration period) {
            this.period = period;
            return this;
        }

        public Builder on(Protocol on) {
            this.on = on;
            return this;
        }

        /** Returns the protocols set so far, for the sentence. */
        public Set<Protocol> protocols() {
            return protocols;
        }

        /** Finishes the claim with its sentence. */
        public Claim say(String text) {
            return new Claim(kind, addresses, logins, protocols, ports, count, other, extra, fingerprint, first, last, period, on,
                    text);
        }
    }
}
