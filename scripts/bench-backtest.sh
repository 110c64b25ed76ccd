#!/usr/bin/env bash
# Rule-backtest benchmark: the sample site with the demo feed's 270-day history (1 and 7 days replayed) and the
# evaluation benchmark's 500-parcel site (1 day), cycles every 5 min; batched InfluxDB reads against one request
# per cycle, alternating, same run. Prints a table and writes it to target/bench/backtest.md.
# Usage: scripts/bench-backtest.sh [rounds]
source "$(dirname "$0")/lib.sh"
ensure_packages
ensure_postgres
cd "$ROOT"
mvn -B -q test -Dtest=BacktestBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.rounds="${1:-1}" \
  -DargLine="-Dbench.rounds=${1:-1}"
cat target/bench/backtest.md
