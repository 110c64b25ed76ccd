#!/usr/bin/env bash
# Ingestion benchmark: the service (java -Xmx256m) versus direct /write to InfluxDB, same run, same
# points, alternating rounds; then one large streamed upload to show bounded memory. Uses a throwaway
# database and a throwaway InfluxDB; prints a table and writes it to target/bench/ingest.md.
# Usage: scripts/bench-ingest.sh [rounds] [traces-per-round] [large-file-MB]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-5}"; TRACES="${2:-5}"; LARGE_MB="${3:-200}"
start_bench_service 256m --goafwatch.limits.requests-per-minute=0
log "benchmark: $ROUNDS rounds of $TRACES traces of 20,000 samples (service heap -Xmx256m)"
java -cp "$BENCH_CP" com.goafwatch.bench.IngestBenchmark "$SERVICE_URL" "$INFLUX_URL" "$ROUNDS" "$TRACES" "$LARGE_MB" "$ADMIN_PASSWORD"
