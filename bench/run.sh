#!/usr/bin/env bash
# Prints authaudit's throughput, memory and detection accuracy on a generated multi-day mail-server log
# of about 2 million lines (300 mailboxes, 7 days, cPanel layout: exim_mainlog + maillog + messages +
# lfd.log + csf.conf), made by the project's own seeded simulator so every run sees the same input.
#
#   bench/run.sh                 # all figures
#   LINES=500000 bench/run.sh    # a smaller log
#   SEED=7 bench/run.sh          # another simulated server
#   PARSE_ONLY=1 bench/run.sh    # only the parse figures (beside grep -c of the same files)
#
# Printed: parse and scan cold (medians of interleaved runs beside grep -c of the same files, CPU
# seconds, peak RSS, scan at -Xmx512m), when a cold parse's start-up steps happen (bench/startup.py),
# where a cold run's CPU goes by thread kind with the JIT's C2 CPU and its largest compiles
# (bench/jit.py), the warm engine, and bench/botnet.sh's figures when that script is there.
#
# Cold figures are one JVM per command through the launcher (as an admin runs it, with its class-data
# archive): they include start-up and the JIT compiling the hot code on the same two cores, which is
# roughly a third of the CPU of a 2 M-line scan. The warm figures run the same scan five times in one
# JVM (bench/WarmScan.java) and show the engine's own speed. The JMH benchmark (see README) measures
# the parser alone.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
LINES="${LINES:-2000000}"
SEED="${SEED:-42}"
DAYS="${DAYS:-7}"
BOXES="${BOXES:-300}"
work="${BENCH_DIR:-$here/target/bench}"
jar="$here/target/authaudit-0.1.0-SNAPSHOT.jar"

./authaudit --version >/dev/null   # builds the jar when it is missing or stale
logs="$work/logs-$SEED-$LINES"
if [[ ! -f "$logs/truth.json" ]]; then
  echo "generating about $LINES lines ($DAYS days, $BOXES mailboxes, seed $SEED) in $logs ..." >&2
  rm -rf "$logs"; mkdir -p "$logs"
  java -cp "$jar:${jar%.jar}-sim.jar" dev.authaudit.sim.SimulateMain --out "$logs" --days "$DAYS" --mailboxes "$BOXES" \
    --seed "$SEED" --lines-target "$LINES" >&2
fi
zone="$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["run"]["zone"])' "$logs/truth.json" 2>/dev/null \
  || sed -n 's/.*"zone" *: *"\([^"]*\)".*/\1/p' "$logs/truth.json" | head -1)"
lines=$(cat "$logs"/exim_mainlog "$logs"/maillog "$logs"/messages "$logs"/lfd.log 2>/dev/null | wc -l)
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "input: $lines lines, $(du -sh "$logs" | cut -f1) in $logs"
echo "machine: $(nproc) cores, $cpu; $(java -version 2>&1 | head -1)"

measure() { # label, then the command; prints seconds and peak RSS
  local label="$1"; shift
  local t0 t1 rss
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  t1=$(date +%s.%N)
  rss=$(cat "$work/rss")
  python3 - "$label" "$t0" "$t1" "$lines" "$rss" <<'PY'
import sys
label, t0, t1, lines, rss = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
s = t1 - t0
print(f"{label:<34} {s:7.2f} s  {lines/s:>12,.0f} lines/s  peak RSS {rss/1024:,.0f} MB")
PY
}

measure_s() { # the command; prints its wall and CPU (user + system) seconds (stdout to a file: GNU grep
  # stops early on /dev/null)
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$work/cpu" "$@" >"$work/out" 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  t1=$(date +%s.%N)
  python3 -c "import sys; u, s = open(sys.argv[3]).read().split()[-2:]; print(float(sys.argv[2]) - float(sys.argv[1]), float(u) + float(s))" \
    "$t0" "$t1" "$work/cpu"
}
files=("$logs"/exim_mainlog "$logs"/maillog "$logs"/messages "$logs"/lfd.log)
runs="${RUNS:-5}"
echo "parse, whole process and cold JVM (target: >= 1,000,000 lines/s on 2 cores), beside grep -c of the same files,"
echo "interleaved, $runs runs (other work on the machine: load average $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  commands: ./authaudit parse --tz $zone $logs >FILE  and  grep -c '' ${files[*]} >FILE"
: >"$work/parse-runs"
for i in $(seq "$runs"); do
  p=$(measure_s ./authaudit parse --tz "$zone" "$logs")
  g=$(measure_s grep -c '' "${files[@]}")
  echo "$p $g" >>"$work/parse-runs"
  # the machine may be shared: the one-minute load average after each run says how much
  python3 - "$i" "$p" "$g" "$lines" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import sys
i, (p, pc), (g, gc), lines, load = sys.argv[1], map(float, sys.argv[2].split()), map(float, sys.argv[3].split()), int(sys.argv[4]), sys.argv[5]
print(f"  run {i}: parse {p:6.2f} s {lines/p:>12,.0f} lines/s ({pc:5.2f} CPU s) | grep -c {g:5.2f} s {lines/g:>12,.0f} lines/s | parse/grep time {p/g:5.1f}x | load {load}")
PY
done
python3 - "$work/parse-runs" "$lines" <<'PY'
import sys, statistics
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
lines = int(sys.argv[2])
p = statistics.median(r[0] for r in rows); pc = statistics.median(r[1] for r in rows)
g = statistics.median(r[2] for r in rows)
print(f"  median: parse {p:6.2f} s {lines/p:>12,.0f} lines/s ({pc:5.2f} CPU s, {lines/pc:,.0f} lines per CPU second) | grep -c {g:5.2f} s | parse/grep time {p/g:5.1f}x")
PY
echo "start-up of one more cold parse (seconds of JVM uptime at the first load of a class each step needs, bench/startup.py):"
python3 "$here/bench/startup.py" parse -- ./authaudit parse --tz "$zone" "$logs" | sed 's/^/  /'
[[ -n "${PARSE_ONLY:-}" ]] && exit 0

measure_r() { # the command; prints its wall and CPU seconds and peak RSS in KB
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S %M' -o "$work/cpu" "$@" >"$work/out" 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  t1=$(date +%s.%N)
  python3 -c "import sys; u, s, m = open(sys.argv[3]).read().split()[-3:]; print(float(sys.argv[2]) - float(sys.argv[1]), float(u) + float(s), m)" \
    "$t0" "$t1" "$work/cpu"
}
echo
echo "scan, whole process and cold JVM (target: >= 500,000 lines/s on 2 cores; -Xmx512m: peak RSS <= 600 MB),"
echo "interleaved with grep -c, $runs runs (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  command: ./authaudit scan --no-history --tz $zone --format json --out FILE --no-progress $logs"
: >"$work/scan-runs"
for i in $(seq "$runs"); do
  sc=$(measure_r ./authaudit scan --no-history --tz "$zone" --format json --out "$work/report.json" --no-progress "$logs")
  g=$(measure_s grep -c '' "${files[@]}")
  echo "$sc $g" >>"$work/scan-runs"
  python3 - "$i" "$sc" "$g" "$lines" <<'PY'
import sys
i, (p, pc, rss), (g, gc), lines = sys.argv[1], map(float, sys.argv[2].split()), map(float, sys.argv[3].split()), int(sys.argv[4])
print(f"  run {i}: scan {p:6.2f} s {lines/p:>12,.0f} lines/s ({pc:5.2f} CPU s, {pc/p*100:3.0f}% CPU, peak RSS {rss/1024:,.0f} MB) | grep -c {g:5.2f} s | scan/grep time {p/g:5.1f}x")
PY
done
python3 - "$work/scan-runs" "$lines" <<'PY'
import sys, statistics
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
lines = int(sys.argv[2])
p = statistics.median(r[0] for r in rows); pc = statistics.median(r[1] for r in rows)
g = statistics.median(r[3] for r in rows)
print(f"  median: scan {p:6.2f} s {lines/p:>12,.0f} lines/s ({pc:5.2f} CPU s) | grep -c {g:5.2f} s | scan/grep time {p/g:5.1f}x")
PY
sc=$(measure_r env AUTHAUDIT_JAVA_OPTS=-Xmx512m ./authaudit scan --no-history --tz "$zone" --format json \
  --out "$work/report-512m.json" --no-progress "$logs")
python3 - "$sc" "$lines" <<'PY'
import sys
p, pc, rss = map(float, sys.argv[1].split())
print(f"  with -Xmx512m (AUTHAUDIT_JAVA_OPTS): {p:6.2f} s {int(sys.argv[2])/p:>12,.0f} lines/s ({pc:5.2f} CPU s), peak RSS {rss/1024:,.0f} MB")
PY
echo
echo "where a cold run's CPU goes (one more run of each, with a flight recording of the JIT's compiles):"
for cmd in parse scan; do
  if [[ $cmd == parse ]]; then
    args=(parse --tz "$zone" "$logs")
  else
    args=(scan --no-history --tz "$zone" --format json --out "$work/report-jit.json" --no-progress "$logs")
  fi
  AUTHAUDIT_JAVA_OPTS="-XX:StartFlightRecording=filename=$work/jit-$cmd.jfr,settings=$here/bench/jit.jfc" \
    python3 "$here/bench/jit.py" "$work/jit-$cmd.jfr" "$cmd" -- ./authaudit "${args[@]}" | sed 's/^/  /'
done
echo
echo "the same scan repeated in one JVM (cold first, then compiled; target for the warm engine: >= 1,000,000 lines/s):"
java -cp "$jar" "$here/bench/WarmScan.java" 5 "$lines" scan --no-history --tz "$zone" --format json \
  --out "$work/report-warm.json" --no-progress "$logs" 2>&1 | grep -v '^authaudit: report written' | sed 's/^/  /'
if [[ -f "$here/bench/botnet.sh" ]]; then
  echo
  echo "a day of a botnet (bench/botnet.sh: 1,000,000 addresses failing once each; target >= 300,000 lines/s"
  echo "within 600 MB RSS at -Xmx512m):"
  bash "$here/bench/botnet.sh" | sed 's/^/  /'
fi
echo
echo "accuracy against the simulation's truth:"
java -cp "$jar:${jar%.jar}-sim.jar" dev.authaudit.sim.EvaluateMain "$logs/truth.json" "$work/report.json" | sed 's/^/  /'
