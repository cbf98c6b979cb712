#!/usr/bin/env bash
# Prints what a day of a botnet costs: 1,000,000 Exim 535 lines (Exim 4.96 mainlog, as written by
# dovecot_login), each from another address, so every address fails exactly once. The correlator's cost
# must not grow with the number of addresses it has seen, and the scan must stay within -Xmx512m.
#
#   bench/botnet.sh                 # generate once (target/bench/botnet-1000000), then 3 cold scans
#   RUNS=5 bench/botnet.sh          # more runs
#   ADDRESSES=200000 bench/botnet.sh
#
# The log is deterministic (no random source: every field is a function of the line number), about
# 169 MB for a million lines. The addresses are consecutive from 45.0.0.0 up, outside private ranges;
# the logins are 4,000 names (real-looking mailboxes and dictionary words) on 8 domains.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
N="${ADDRESSES:-1000000}"
RUNS="${RUNS:-3}"
HEAP="${HEAP:--Xmx512m}"
work="${BENCH_DIR:-$here/target/bench}"
logs="$work/botnet-$N"

./authaudit --version >/dev/null   # builds the jar when it is missing or stale
if [[ ! -s "$logs/exim_mainlog" ]]; then
  echo "generating $N Exim 535 lines from $N addresses in $logs ..." >&2
  rm -rf "$logs"; mkdir -p "$logs"
  awk -v n="$N" 'BEGIN {
    split("admin info test support sales office contact webmaster user mail billing hr accounts noreply " \
          "postmaster root guest backup scanner printer marketing jobs hello service", words, " ")
    split("example.com example.net example.org shop-example.com mail-example.net clinic-example.org " \
          "studio-example.com school-example.net", domains, " ")
    for (i = 0; i < n; i++) {
      s = int(i * 86400 / n)
      hh = int(s / 3600); mm = int(s / 60) % 60; ss = s % 60
      a = 45 + int(i / 16777216); b = int(i / 65536) % 256; c = int(i / 256) % 256; d = i % 256
      k = (i * 7919) % 4000
      if (k < 600) {
        login = words[k % 24 + 1] "@" domains[int(k / 24) % 8 + 1]
      } else if (k < 3400) {
        login = "user" k "@" domains[k % 8 + 1]
      } else {
        login = words[k % 24 + 1] (k % 97)
      }
      helo = (i % 5 == 0) ? sprintf("([%d.%d.%d.%d])", a, b, c, d) : "(User)"
      port = (i % 3 == 0) ? 587 : 465
      printf "2025-03-31 %02d:%02d:%02d [%d] dovecot_login authenticator failed for %s [%d.%d.%d.%d]:%d " \
             "I=[203.0.113.10]:%d: 535 Incorrect authentication data (set_id=%s)\n", \
             hh, mm, ss, 10000 + (i * 13) % 50000, helo, a, b, c, d, 1024 + (i * 31) % 64000, port, login
    }
  }' >"$logs/exim_mainlog"
fi
lines=$(wc -l <"$logs/exim_mainlog")
echo "input: $lines lines, $(du -sh "$logs/exim_mainlog" | cut -f1), $(cut -d' ' -f9 "$logs/exim_mainlog" | cut -d']' -f1 | sort -u | wc -l) distinct addresses in $logs"
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: AUTHAUDIT_JAVA_OPTS=$HEAP ./authaudit scan --no-history --no-progress --tz UTC --year 2025 --format json --out $work/botnet-report.json $logs"
: >"$work/botnet-runs"
for i in $(seq "$RUNS"); do
  t0=$(date +%s.%N)
  AUTHAUDIT_JAVA_OPTS="$HEAP" /usr/bin/time -f '%U %S %M' -o "$work/botnet-time" ./authaudit scan --no-history \
    --no-progress --tz UTC --year 2025 --format json --out "$work/botnet-report.json" "$logs" >/dev/null 2>"$work/botnet-stderr" \
    || { cat "$work/botnet-stderr" >&2; exit 1; }
  t1=$(date +%s.%N)
  read -r u s rss <"$work/botnet-time"
  echo "$t0 $t1 $u $s $rss" >>"$work/botnet-runs"
  python3 - "$i" "$t0" "$t1" "$u" "$s" "$rss" "$lines" <<'PY'
import sys
i, t0, t1, u, s, rss, lines = sys.argv[1], *map(float, sys.argv[2:7]), int(sys.argv[7])
w = t1 - t0
print(f"  run {i}: {w:6.2f} s {lines / w:>10,.0f} lines/s ({u + s:5.2f} CPU s) peak RSS {rss / 1024:,.0f} MB")
PY
done
python3 - "$work/botnet-runs" "$lines" <<'PY'
import sys, statistics
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
lines = int(sys.argv[2])
w = statistics.median(r[1] - r[0] for r in rows)
c = statistics.median(r[2] + r[3] for r in rows)
m = max(r[4] for r in rows)
print(f"  median: {w:6.2f} s {lines / w:>10,.0f} lines/s ({c:5.2f} CPU s), highest peak RSS {m / 1024:,.0f} MB"
      f" (target: >= 300,000 lines/s within 600 MB)")
PY
