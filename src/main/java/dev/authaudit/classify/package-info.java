/**
 * Turns correlated evidence into the verdicts of report-v1: an {@link dev.authaudit.classify.AccountVerdict}
 * per login, an {@link dev.authaudit.classify.IpVerdict} per address and a
 * {@link dev.authaudit.classify.BlockCause} per firewall block, each with a confidence and reasons that
 * name their evidence. {@link dev.authaudit.classify.Auditor} runs correlator and classifiers together,
 * emitting {@link dev.authaudit.classify.Observation}s as verdicts are reached; classifiers never act.
 */
package dev.authaudit.classify;
