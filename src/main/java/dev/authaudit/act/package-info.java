/**
 * The acting stage: turns verdicts into decisions (notices to customers, firewall requests) and
 * carries them out. A policy decides; an action only runs what was decided, and every decision keeps
 * a reason an admin can read.
 */
package dev.authaudit.act;
