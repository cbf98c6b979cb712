#!/usr/bin/env bash
# What one judgement of a busy network costs (no broker): N events of one /24 judged by the address step, from the
# store's JSON and from decoded events (the judge cache). Usage: bench/fleet-judge.sh [N...] (default 10000 50000 100000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -DskipTests package >/dev/null
mvn -B -q test-compile >/dev/null
mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
  -Dmdep.outputFile=target/fleet-bench.classpath >/dev/null
if [ $# -eq 0 ]; then set -- 10000 50000 100000; fi
java -Xmx1g -Dauthaudit.repo="$here" -cp "$here/target/test-classes:$here/target/classes:$(cat target/fleet-bench.classpath)" \
  dev.authaudit.fleet.FleetJudgeBenchMain target/fleet-judge-bench "$@"
