package dev.authaudit.parse;

import dev.authaudit.rules.Fields;
import java.util.List;

/**
 * The fields a rule may fill ({@link Fields#KNOWN}), each with a fixed slot, so a matched line's
 * values travel in a small array rather than a map: the parser fills slots straight from the regex
 * groups and {@link EventFactory} reads them by slot.
 */
final class FieldSlot {
    static final int IP = 0;
    static final int ACCOUNT = 1;
    static final int PORT = 2;
    static final int SERVICE = 3;
    static final int PROTOCOL = 4;
    static final int REASON = 5;
    static final int ATTEMPTS = 6;
    static final int DETAIL = 7;
    static final int PASSWORD_FP = 8;
    static final int SESSION = 9;
    static final int MECH = 10;
    static final int HELO = 11;
    static final int LOCAL_IP = 12;
    static final int CHAIN = 13;
    static final int PROTO = 14;
    static final int SRC_PORT = 15;
    static final int DST = 16;
    static final int IN = 17;
    static final int FLAGS = 18;
    static final int TRIGGER = 19;
    static final int HITS = 20;
    static final int INTERVAL = 21;
    static final int DURATION = 22;
    static final int PERMANENT = 23;
    static final int PORTS = 24;
    static final int APP = 25;
    static final int MESSAGE = 26;

    /** Field names in slot order. */
    static final List<String> NAMES = List.of("ip", "account", "port", "service", "protocol", "reason", "attempts",
            "detail", "password_fp", "session", "mech", "helo", "local_ip", "chain", "proto", "src_port", "dst", "in",
            "flags", "trigger", "hits", "interval", "duration", "permanent", "ports", "app", "message");

    static final int COUNT = NAMES.size();

    static {
        if (!Fields.KNOWN.keySet().equals(new java.util.HashSet<>(NAMES))) {
            throw new ExceptionInInitializerError("FieldSlot.NAMES must list exactly the fields of Fields.KNOWN");
        }
    }

    private FieldSlot() {
    }

    /** Returns the slot of a known field name, or -1. */
    static int of(String name) {
        return NAMES.indexOf(name);
    }
}
