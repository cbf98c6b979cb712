package dev.authaudit.correlate;

import dev.authaudit.event.Protocol;

/**
 * The gaps between one client's failures on one protocol: a mail client polling with an old password
 * fails at a steady interval.
 *
 * @param gaps how many gaps were measured (the median and spread use the most recent ones)
 * @param medianS the median gap in seconds
 * @param spreadS the median absolute deviation of the gaps, in seconds
 */
public record Rhythm(Protocol protocol, int gaps, long medianS, long spreadS) {
}
