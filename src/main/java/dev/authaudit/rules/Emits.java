package dev.authaudit.rules;

import dev.authaudit.event.EventType;
import java.util.Locale;
import java.util.Set;

/** What a rule turns its lines into: one of the events-v1 types, or nothing ({@code ignore}). */
public enum Emits {
    AUTH_FAILURE(EventType.AUTH_FAILURE, Set.of("ip")),
    AUTH_SUCCESS(EventType.AUTH_SUCCESS, Set.of("ip")),
    FIREWALL_DROP(EventType.FIREWALL_DROP, Set.of("ip", "chain")),
    FIREWALL_BLOCK(EventType.FIREWALL_BLOCK, Set.of("ip", "trigger")),
    FIREWALL_UNBLOCK(EventType.FIREWALL_UNBLOCK, Set.of("ip")),
    IGNORE(null, Set.of());

    private final EventType type;
    private final Set<String> required;

    Emits(EventType type, Set<String> required) {
        this.type = type;
        this.required = required;
    }

    /** Returns the event type, or null for {@link #IGNORE}. */
    public EventType type() {
        return type;
    }

    /** Returns the fields a rule of this kind must provide, by named group or by {@code set}. */
    public Set<String> required() {
        return required;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the value for a YAML word, or null. */
    public static Emits fromWord(String word) {
        for (Emits e : values()) {
            if (e.word().equals(word)) {
                return e;
            }
        }
        return null;
    }
}
