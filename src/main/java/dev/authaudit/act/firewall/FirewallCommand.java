package dev.authaudit.act.firewall;

import java.util.List;

/**
 * A firewall command authaudit may run, already validated: the arguments after the program's path, each one
 * process argument (no shell sees them), and the command as an admin would type it.
 */
public interface FirewallCommand {
    /** Returns the arguments after the program's path. */
    List<String> arguments();

    /** Returns the command as an admin would type it, for reports and logs. */
    String display();
}
