package dev.authaudit.report;

/**
 * What memory bounds left out of the report, so a reader knows the lists are not complete.
 *
 * @param accounts logins dropped from the summary store
 * @param ips addresses dropped from the summary store
 * @param blocks blocks beyond the kept number
 */
public record Omissions(long accounts, long ips, long blocks) {
}
