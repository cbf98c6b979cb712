/**
 * Firewall actions: what authaudit may do about a csf/lfd block instead of leaving a customer locked
 * out. lfd's BLOCK_REPORT hook arguments arrive as an {@link dev.authaudit.act.firewall.LfdBlockReport};
 * {@link dev.authaudit.act.firewall.ActionPolicy} (off by default) turns an explained block into
 * {@link dev.authaudit.act.firewall.FirewallAction}s; {@link dev.authaudit.act.firewall.CsfRunner} runs
 * them as {@code csf} argument lists, never through a shell, and only when told to (a dry run
 * otherwise). Every block and every decision is kept in the state database by {@link
 * dev.authaudit.act.firewall.FirewallStore}.
 */
package dev.authaudit.act.firewall;
