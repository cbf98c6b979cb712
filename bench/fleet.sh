#!/usr/bin/env bash
# The fleet's end-to-end throughput on this machine: simulated servers' events through a single-node KRaft
# broker (child JVM on 127.0.0.1, stopped by PID) and one 'fleet run' instance (exactly_once_v2).
# Usage: bench/fleet.sh [HOSTS [DAYS [MAILBOXES [BUSY]]]]   (default 10 servers, 2 days, 50 mailboxes each)
#   BUSY: add one /24 failing BUSY times a day across the servers (e.g. 100000), a network with many events
#   FLEET_BENCH_JFR=DIR: record the fleet run instance with JFR into DIR (CPU samples: where the time goes)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
cp="$(bench/fleet-classpath.sh)"
java -Xmx1g -Dauthaudit.repo="$here" -cp "$cp" \
  dev.authaudit.fleet.FleetBenchMain target/fleet-bench "${1:-10}" "${2:-2}" "${3:-50}" ${4:+"$4"}
