#!/usr/bin/env bash
# What one judgement of a busy network costs (no broker): N events of one /24 judged by the address step, from the
# store's JSON and from decoded events (the judge cache), then through the network's live auditor (ten new events a
# judgement, the last 10 min unsettled) and when that is made again by a re-audit (after a prune). First it prints how
# many judgements of an auditor fed on after finish(), and after Auditor.judge(), differ from a fresh re-audit.
# Usage: bench/fleet-judge.sh [N...] (default 10000 50000 100000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
cp="$(bench/fleet-classpath.sh)"
if [ $# -eq 0 ]; then set -- 10000 50000 100000; fi
java -Xmx1g -Dauthaudit.repo="$here" -cp "$cp" \
  dev.authaudit.fleet.FleetJudgeBenchMain target/fleet-judge-bench "$@"
