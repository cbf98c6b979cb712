/**
 * Tuning the firewall against the logs: after {@code classify} has said which sources are customers and
 * which are attackers, an event-time model of lfd ({@link dev.authaudit.tune.LfdModel}) and of
 * fail2ban's mail jails replays the same events under the server's settings and a grid of
 * alternatives, checks itself against the blocks lfd really logged, and turns the differences into
 * recommendations with numbers.
 */
package dev.authaudit.tune;
