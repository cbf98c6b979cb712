/**
 * The flow of a run, whoever starts it: one scan ({@link dev.authaudit.run.ScanRun}) and the replay of files
 * ({@link dev.authaudit.run.Replay}), the replays of {@code blocks}, {@code explain} and {@code tune}, the reading of
 * logs through the rules alone of {@code parse} ({@link dev.authaudit.run.ParseRun}) and {@code rules check}
 * ({@link dev.authaudit.run.RulesCheckRun}), the live follow loop of {@code watch} and its warm-up, the notice flow from
 * a verdict to the outbox, ledger and delivery ({@link dev.authaudit.run.NoticeFlow}, wired from
 * {@link dev.authaudit.run.NoticeSettings}), one call of lfd's block hook ({@link dev.authaudit.run.BlockHookCall})
 * and the explanation of its blocks, and the recording of history. It takes plain settings (records) and injected
 * clocks, never command-line types: the commands of {@code cli} parse their options into settings and call this
 * package, and so do the fleet's commands. {@code RunPackageDependencyTest} keeps picocli and {@code cli} out of it.
 */
package dev.authaudit.run;
