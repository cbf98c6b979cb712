#!/usr/bin/env python3
"""Runs one authaudit command and prints where its CPU went by thread kind (the JIT compilers, the
garbage collector, the rest), and, from a flight recording of the same run, the largest C2 compiles, the
compiles by tier and by package (C1's tier-3 compiles separately), and how many methods C1 compiled with
profiling (tier 3) that never reached C2: compiled, profiled, and then not used enough to matter.

    bench/jit.py JFR_FILE LABEL -- COMMAND...

The command must start the JVM with -XX:StartFlightRecording=filename=JFR_FILE and a setting that
records jdk.Compilation (bench/run.sh passes bench/jit.jfc through AUTHAUDIT_JAVA_OPTS). Per-thread CPU
is read from /proc/PID/task/*/stat every 20 ms while the command runs, so a compiler thread that ends
early still counts, and the last 20 ms of a thread are missed at most. Linux only.
"""
import json
import os
import subprocess
import sys
import time


def thread_times(pid):
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                s = f.read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        comm = s[s.index("(") + 1:s.rindex(")")]
        fields = s[s.rindex(")") + 2:].split()
        out[tid] = (comm, int(fields[11]) + int(fields[12]))
    return out


def kind(comm):
    if comm.startswith("C2 Compiler"):
        return "C2"
    if comm.startswith("C1 Compiler"):
        return "C1"
    if comm.startswith("GC Thread") or comm.startswith("G1 ") or comm.startswith("VM Thread"):
        return "GC+VM"
    if comm == "java":
        # the JVM's main thread keeps the launcher's name: start-up, then the merge and the correlator
        # (scan) or the writing of the output (parse)
        return "main"
    if comm.startswith("authaudit-parse"):
        return "parse"
    return "rest"


def seconds(iso):
    # JFR's JSON durations read like "PT0.0542S" (or with minutes, "PT1M2.5S")
    iso = iso[2:-1]
    m = 0.0
    if "M" in iso:
        mins, iso = iso.split("M")
        m = float(mins) * 60
    return m + float(iso or 0)


def main():
    jfr, label = sys.argv[1], sys.argv[2]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    tick = os.sysconf("SC_CLK_TCK")
    last = {}
    t0 = time.time()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while p.poll() is None:
        # the launcher execs java, so the PID is the JVM's
        last.update(thread_times(p.pid))
        time.sleep(0.02)
    wall = time.time() - t0
    if p.returncode not in (0, 10):
        print(f"{label}: the command failed (exit {p.returncode})")
        return 1
    by = {}
    for comm, ticks in last.values():
        by[kind(comm)] = by.get(kind(comm), 0) + ticks / tick
    total = sum(by.values())
    print(f"{label}: {wall:5.2f} s wall, {total:5.2f} CPU s seen by thread ({100 * total / wall:3.0f}% of one core):"
          f" main {by.get('main', 0):4.2f} s, parsing threads {by.get('parse', 0):4.2f} s,"
          f" C2 {by.get('C2', 0):4.2f} s, C1 {by.get('C1', 0):4.2f} s, GC and VM {by.get('GC+VM', 0):4.2f} s,"
          f" the rest {by.get('rest', 0):4.2f} s")
    try:
        out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.Compilation", jfr], capture_output=True,
                             text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"  (no compile list: {e})")
        return 0
    events = json.loads(out)["recording"]["events"]
    c2 = []
    for e in events:
        v = e["values"]
        m = v["method"]
        # the flight recorder's own start-up (it generates classes with ASM) is not the product's
        if v.get("compileLevel") == 4 and not m["type"]["name"].startswith(("jdk/jfr", "jdk/internal/org/objectweb")):
            name = f"{m['type']['name'].split('/')[-1]}::{m['name']}"
            c2.append((seconds(e["values"]["duration"]), name, v.get("codeSize", 0), v.get("isOsr", False)))
    c2.sort(reverse=True)
    spent = sum(c[0] for c in c2)
    print(f"  C2 compiles: {len(c2)}, {spent:4.2f} s from start to end of each (wall: includes waiting for a core;"
          " the recorder's own left out)")
    for d, name, size, osr in c2[:3]:
        share = 100 * d / spent if spent else 0
        print(f"  largest: {d * 1000:6.1f} ms ({share:4.1f}%) {name}{' (OSR)' if osr else ''}, {size:,} bytes of code")
    by_package(events)
    return 0


def group(type_name):
    """The product's package (parse, correlate...), else a library's first two or three name parts."""
    if "$$Lambda" in type_name:
        # a lambda's hidden class is named with dots: the class that made it
        type_name = type_name.split("$$")[0].replace(".", "/")
    parts = type_name.split("/")
    if type_name.startswith("dev/authaudit/"):
        return parts[2]
    if type_name.startswith(("com/", "org/")):
        return ".".join(parts[:3])
    return ".".join(parts[:2])


def by_package(events):
    # tiers: 1-3 are C1 (1 plain, 2 with counters, 3 with a full profile), 4 is C2
    tiers = {}
    packages = {}
    tier3 = set()
    tier4 = set()
    for e in events:
        v = e["values"]
        m = v["method"]
        t = m["type"]["name"]
        if t.startswith(("jdk/jfr", "jdk/internal/org/objectweb")):
            continue
        level = v.get("compileLevel", 0)
        d = seconds(v["duration"])
        n, s = tiers.get(level, (0, 0.0))
        tiers[level] = (n + 1, s + d)
        kind = "C2" if level == 4 else "C1 tier 3" if level == 3 else "C1 tiers 1-2"
        key = (kind, group(t))
        n, s = packages.get(key, (0, 0.0))
        packages[key] = (n + 1, s + d)
        (tier4 if level == 4 else tier3 if level == 3 else set()).add((t, m["name"], m.get("descriptor")))
    print("  compiles by tier (count, seconds from start to end of each): "
          + ", ".join(f"{lvl}: {n} {s:4.2f} s" for lvl, (n, s) in sorted(tiers.items())))
    print(f"  methods compiled at tier 3 that never reached C2: {len(tier3 - tier4)} of {len(tier3)}")
    for kind in ("C2", "C1 tier 3", "C1 tiers 1-2"):
        rows = sorted(((s, n, p) for (k, p), (n, s) in packages.items() if k == kind), reverse=True)[:8]
        print(f"  {kind} by package: " + ", ".join(f"{p} {n} {s:4.2f} s" for s, n, p in rows))


if __name__ == "__main__":
    sys.exit(main())
