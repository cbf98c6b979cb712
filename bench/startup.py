#!/usr/bin/env python3
"""Runs one authaudit command once more with the JVM's class-load log and prints when its start-up steps
happened, in seconds of JVM uptime, read from the first load of a class each step needs:

    bench/startup.py LABEL -- COMMAND...

  JVM up        the first class loaded (the JVM has mapped its class-data archive)
  main          dev.authaudit.cli.Main: the product's code starts; the rules thread starts with it
  rules ready   dev.authaudit.parse.GateScanner: the line parser is being built, the rules are read
  first line    dev.authaudit.parse.Envelope: a parsing thread reads its first line
  done          dev.authaudit.cli.Summary (parse) or the last class loaded

and how many classes came from the class-data archive. The command must be run through the launcher
(the log is asked for through AUTHAUDIT_JAVA_OPTS). The times include waiting for a core: on a busy
machine they stretch, so compare builds by interleaved runs.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

STEPS = [("main", "dev.authaudit.cli.Main"), ("rules ready", "dev.authaudit.parse.GateScanner"),
         ("first line", "dev.authaudit.parse.Envelope")]


def main():
    label = sys.argv[1]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    fd, log = tempfile.mkstemp(suffix=".log")
    os.close(fd)
    env = dict(os.environ)
    env["AUTHAUDIT_JAVA_OPTS"] = (env.get("AUTHAUDIT_JAVA_OPTS", "") + f" -Xlog:class+load=info:file={log}:uptime").strip()
    t0 = time.time()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.time() - t0
    if p.returncode not in (0, 10):
        print(f"{label}: the command failed (exit {p.returncode})")
        return 1
    loads = []
    with open(log) as f:
        for line in f:
            m = re.match(r"\[([0-9.]+)s\] (\S+) source: (.*)", line)
            if m:
                loads.append((float(m.group(1)), m.group(2), m.group(3)))
    os.remove(log)
    if not loads:
        print(f"{label}: no class-load log")
        return 1
    first = {}
    for t, name, _ in loads:
        first.setdefault(name, t)
    marks = [("JVM up", loads[0][0])] + [(k, first.get(c)) for k, c in STEPS]
    marks.append(("done", first.get("dev.authaudit.cli.Summary", loads[-1][0])))
    archived = sum(1 for _, _, src in loads if src.startswith("shared objects file"))
    print(f"{label}: " + ", ".join(f"{k} {v:.3f}" if v is not None else f"{k} -" for k, v in marks)
          + f" s; {len(loads):,} classes, {archived:,} from the archive (picocli's are too old a class-file"
          f" version for it); {wall:.2f} s wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
