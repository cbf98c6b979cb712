/**
 * A deterministic simulator of a shared mail host's logs, with ground truth, for measuring authaudit.
 *
 * <p>{@link dev.authaudit.sim.LogSimulator} runs a discrete-event simulation described by a
 * {@link dev.authaudit.sim.SimulationSpec}: customers' devices poll and submit mail, some keep an old
 * password, attackers guess, spray, stuff and scan, and an lfd model counts what it can read and blocks.
 * Everything it writes (Exim, Dovecot, kernel and lfd lines, {@code csf.conf}) has the shapes described
 * in the project's field notes; {@code truth.json} says what each account, address and block really was.
 * The simulator never reads the wall clock: the same spec and seed give byte-identical output.
 */
package dev.authaudit.sim;
