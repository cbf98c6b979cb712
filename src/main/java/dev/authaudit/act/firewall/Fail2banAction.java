package dev.authaudit.act.firewall;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code fail2ban-client} command authaudit may run, already validated: the jail a name of letters, digits and
 * {@code ._-} that never starts with {@code -}, the address one IP literal in canonical form. A ban lasts the jail's
 * {@code bantime} (fail2ban lifts it by itself); {@code banip} and {@code unbanip} act in that jail only.
 *
 * @param type which command
 * @param jail the jail
 * @param ip the address, canonical; null for {@link Type#BANTIME}
 */
public record Fail2banAction(Type type, String jail, String ip) implements FirewallCommand {
    private static final Pattern JAIL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    /** The fail2ban-client commands. */
    public enum Type {
        /** {@code fail2ban-client set JAIL banip IP}: ban the address in the jail for its bantime. */
        BAN,
        /** {@code fail2ban-client set JAIL unbanip IP}: lift the jail's ban of the address. */
        UNBAN,
        /** {@code fail2ban-client get JAIL bantime}: the jail's ban time in seconds (changes nothing). */
        BANTIME
    }

    /**
     * Checks every value that becomes a process argument.
     *
     * @throws IllegalArgumentException when the jail is no jail name or the address not one IP literal
     */
    public Fail2banAction {
        requireNonNull(type, "type");
        jail = checkJail(jail);
        ip = type == Type.BANTIME ? null : FirewallAction.canonical(ip);
    }

    /** Returns a ban of {@code ip} in {@code jail}. */
    public static Fail2banAction ban(String jail, String ip) {
        return new Fail2banAction(Type.BAN, jail, ip);
    }

    /** Returns the lift of {@code jail}'s ban of {@code ip}. */
    public static Fail2banAction unban(String jail, String ip) {
        return new Fail2banAction(Type.UNBAN, jail, ip);
    }

    /** Returns the question for {@code jail}'s ban time. */
    public static Fail2banAction bantime(String jail) {
        return new Fail2banAction(Type.BANTIME, jail, null);
    }

    /**
     * Returns {@code jail} when it is a jail name fail2ban-client can take as one argument.
     *
     * @throws IllegalArgumentException naming what a jail name may hold
     */
    public static String checkJail(String jail) {
        if (jail == null || !JAIL.matcher(jail).matches()) {
            throw new IllegalArgumentException("'" + ActionText.safe(String.valueOf(jail)) + "' is not a jail name;"
                    + " use letters, digits, '.', '_' and '-' (at most 64, not starting with '-' or '.'), such as"
                    + " authaudit-fleet");
        }
        return jail;
    }

    @Override
    public List<String> arguments() {
        switch (type) {
            case BAN:
                return List.of("set", jail, "banip", ip);
            case UNBAN:
                return List.of("set", jail, "unbanip", ip);
            default:
                return List.of("get", jail, "bantime");
        }
    }

    @Override
    public String display() {
        return "fail2ban-client " + String.join(" ", arguments());
    }
}
