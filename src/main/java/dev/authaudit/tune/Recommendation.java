package dev.authaudit.tune;

/**
 * What to do about one setting, in plain words with numbers.
 *
 * @param firewall {@code lfd} or {@code fail2ban}
 * @param setting the key
 * @param from the current value
 * @param to the recommended value, equal to {@code from} when the advice is to keep it
 * @param text the sentence, e.g. "LF_IMAPD 10 to 20: spares 9 of 11 customer blocks, ..."
 */
public record Recommendation(String firewall, String setting, String from, String to, String text) {

    /** Returns true when the advice is to change the setting. */
    public boolean change() {
        return !from.equals(to);
    }
}
