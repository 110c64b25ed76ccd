#!/usr/bin/env bash
# Soak benchmark on loopback: gateways ingest traces of the sample site continuously while 20 simulated
# map users open parcel panels and strain profiles; reports throughput, p50/p95/p99 latencies and checks
# that every accepted sample is in InfluxDB. Writes target/bench/soak.md.
# Usage: scripts/bench-soak.sh [seconds=120] [users=20] [gateways=2]
source "$(dirname "$0")/lib.sh"
SECONDS_="${1:-120}"; USERS="${2:-20}"; GATEWAYS="${3:-2}"
start_bench_service 512m --spring.profiles.active=demo --goafwatch.demo-feed.enabled=false
log "soak: ${SECONDS_}s, $USERS map users, $GATEWAYS gateways"
java -cp "$BENCH_CP" com.goafwatch.bench.SoakBenchmark "$SERVICE_URL" "$INFLUX_URL" "$SECONDS_" "$USERS" "$GATEWAYS" "$ADMIN_PASSWORD"
