package dev.authaudit.act.firewall;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What an admin may let authaudit do about a block ({@code --act lift,allow}). */
public enum ActionKind {
    /** Remove the block: {@code csf -tr IP} for a temporary one, {@code csf -dr IP} for a permanent one. */
    LIFT,
    /** Let the device in for a while: {@code csf -ta IP TTL "comment"}. */
    ALLOW;

    /** Returns the command-line word ({@code lift}, {@code allow}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a comma list such as {@code lift,allow}; an empty or null list is the empty set (off).
     *
     * @throws IllegalArgumentException naming the unknown word and the allowed ones
     */
    public static Set<ActionKind> parseList(String list) {
        Set<ActionKind> out = EnumSet.noneOf(ActionKind.class);
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String w : list.split(",")) {
            String t = w.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty() || t.equals("none")) {
                continue;
            }
            try {
                out.add(valueOf(t.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--act: '" + ActionText.safe(w) + "' is not an action; use"
                        + " lift, allow or both (lift,allow)");
            }
        }
        return out;
    }
}
