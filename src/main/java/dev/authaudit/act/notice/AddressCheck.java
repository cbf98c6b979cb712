package dev.authaudit.act.notice;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a string may be used as a notice recipient: exactly one plain address
 * ({@code local@domain}), ASCII only, no display name, no group, no list, no quoting, no comments.
 *
 * <p>Jakarta Mail's strict parser alone is not enough: it accepts display names ({@code Bob
 * <a@b.com>}), groups and quoted local parts, and {@code parse} accepts lists. A login is text an
 * attacker chooses, so everything that is not a bare, boring address is refused with a reason.
 */
public final class AddressCheck {
    // RFC 5321 dot-atom local part and LDH domain with at least two labels: nothing that can quote,
    // comment, route or list. Addresses outside this set need an explicit contact in the mapping file.
    private static final Pattern PLAIN = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final int MAX_LENGTH = 254;

    private AddressCheck() {
    }

    /**
     * Returns why {@code address} cannot be a recipient, or empty when it is one plain address.
     *
     * @param address the candidate recipient (may be null)
     */
    public static Optional<String> problem(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.of("no address");
        }
        String shown = SafeText.quoted(address);
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '\r' || c == '\n') {
                return Optional.of(shown + " contains a line break (header injection)");
            }
            if (c < 0x20 || c == 0x7f) {
                return Optional.of(shown + " contains a control character");
            }
            if (c == ' ' || c == '\t') {
                return Optional.of(shown + " contains a space");
            }
            if (c > 0x7e) {
                return Optional.of(shown + " is not plain ASCII; non-ASCII addresses need an explicit contact"
                        + " in the mapping file");
            }
            if ("\"<>(),;:\\[]".indexOf(c) >= 0) {
                return Optional.of(shown + " contains '" + c + "': only one plain address (no quotes, display"
                        + " names, lists or groups) can be a recipient");
            }
        }
        if (address.length() > MAX_LENGTH) {
            return Optional.of(shown + " is longer than " + MAX_LENGTH + " characters");
        }
        if (address.indexOf('@') < 0) {
            return Optional.of(shown + " is not an address (no @)");
        }
        if (address.indexOf('@') != address.lastIndexOf('@')) {
            return Optional.of(shown + " contains more than one @");
        }
        if (!PLAIN.matcher(address).matches()) {
            return Optional.of(shown + " is not a plain local@domain address");
        }
        try {
            InternetAddress[] all = InternetAddress.parse(address, true);
            if (all.length != 1) {
                return Optional.of(shown + " is " + all.length + " addresses, not one");
            }
            InternetAddress a = new InternetAddress(address, true);
            a.validate();
            if (a.isGroup() || a.getPersonal() != null || !address.equals(a.getAddress())) {
                return Optional.of(shown + " is not a bare address");
            }
        } catch (AddressException e) {
            return Optional.of(shown + " is not a valid address: " + SafeText.clean(e.getMessage()));
        }
        return Optional.empty();
    }
}
