package dev.authaudit.parse;

/**
 * Where a few fields' values stand in the line, for a line a field template read: the login, the port and the
 * source port are read in place by {@link EventFactory} instead of each being copied out of the line into a
 * {@code String} first. A login seen before becomes the held instance straight from the line's characters
 * ({@link LoginInterner}), a port becomes a number, and a login line's source port is not used at all: the
 * copies were about 5% of the parsing threads' samples. A line read by a rule's regex has none in place (its
 * values come as strings). One per reader of lines (in its {@link LineParser.Memo}), filled afresh per line.
 */
final class FieldSpans {
    private String text;
    /** Per slot, the value's first character in {@link #text} and the index after its last; -1: not in place. */
    private final int[] start = new int[FieldSlot.COUNT];
    private final int[] end = new int[FieldSlot.COUNT];

    FieldSpans() {
        java.util.Arrays.fill(start, -1);
    }

    /** Whether a template's value of this slot is left in the line rather than copied. */
    static boolean inPlace(int slot) {
        return slot == FieldSlot.ACCOUNT || slot == FieldSlot.PORT || slot == FieldSlot.SRC_PORT;
    }

    /** Forgets the previous line's values. */
    void clear() {
        text = null;
        start[FieldSlot.ACCOUNT] = -1;
        start[FieldSlot.PORT] = -1;
        start[FieldSlot.SRC_PORT] = -1;
    }

    /** Records that the value of {@code slot} (one {@link #inPlace}) is {@code text[from..to)}. */
    void set(String text, int slot, int from, int to) {
        this.text = text;
        start[slot] = from;
        end[slot] = to;
    }

    /** Whether the value of {@code slot} is in the line (then {@code fields[slot]} is not its value). */
    boolean has(int slot) {
        return start[slot] >= 0;
    }

    String text() {
        return text;
    }

    int start(int slot) {
        return start[slot];
    }

    int end(int slot) {
        return end[slot];
    }

    /** The value of {@code slot}: copied out of the line when it is there, else {@code fields[slot]}. */
    String value(String[] fields, int slot) {
        return has(slot) ? text.substring(start[slot], end[slot]) : fields[slot];
    }
}
