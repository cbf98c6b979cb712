#!/usr/bin/env bash
# Builds the jar and the test classes, and prints the class path the fleet benches run with (the test classes,
# the classes and every dependency). Used by bench/fleet.sh and bench/fleet-judge.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -DskipTests package >/dev/null
mvn -B -q test-compile >/dev/null
mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
  -Dmdep.outputFile=target/fleet-bench.classpath >/dev/null
echo "$here/target/test-classes:$here/target/classes:$(cat target/fleet-bench.classpath)"
