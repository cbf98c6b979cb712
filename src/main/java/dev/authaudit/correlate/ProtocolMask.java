package dev.authaudit.correlate;

import dev.authaudit.event.Protocol;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Packs a set of protocols into the bits of an int, so per-key state stays a few bytes. */
final class ProtocolMask {
    private ProtocolMask() {
    }

    static int with(int mask, Protocol protocol) {
        return mask | (1 << protocol.ordinal());
    }

    static Set<Protocol> toSet(int mask) {
        EnumSet<Protocol> set = EnumSet.noneOf(Protocol.class);
        for (Protocol p : Protocol.values()) {
            if ((mask & (1 << p.ordinal())) != 0) {
                set.add(p);
            }
        }
        return Collections.unmodifiableSet(set);
    }
}
