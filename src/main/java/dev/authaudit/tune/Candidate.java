package dev.authaudit.tune;

import java.util.function.Function;

/**
 * A setting to try before it has run: the words for it and how to run the model with it.
 *
 * @param run replays the events with the changed setting
 */
record Candidate(String firewall, String setting, String from, String to,
                 Function<java.util.List<TuneEvent>, ModelRun> run) {
}
