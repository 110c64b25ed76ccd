#!/usr/bin/env bash
# Threshold-evaluation benchmark: 500 parcels, 50 km of fiber at 1 m, a day of hourly traces in a real
# InfluxDB started by the test support; full evaluation cycles versus the bare InfluxQL of the same
# statements, same run. Prints a table and writes it to target/bench/evaluation.md.
# Usage: scripts/bench-evaluation.sh [rounds]
source "$(dirname "$0")/lib.sh"
ensure_packages
ensure_postgres
cd "$ROOT"
mvn -B -q test -Dtest=EvaluationBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.rounds="${1:-7}" \
  -DargLine="-Dbench.rounds=${1:-7}"
cat target/bench/evaluation.md
