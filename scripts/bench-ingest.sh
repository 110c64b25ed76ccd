#!/usr/bin/env bash
# Ingestion benchmark: the service (java -Xmx256m) versus direct /write to InfluxDB, same run, same
# points, alternating rounds; then one large streamed upload to show bounded memory. Uses a throwaway
# database and a throwaway InfluxDB; prints a table and writes it to target/bench/ingest.md.
# Usage: scripts/bench-ingest.sh [rounds] [traces-per-round] [large-file-MB]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-5}"; TRACES="${2:-5}"; LARGE_MB="${3:-200}"
BENCH="$LOCAL/bench"; SERVICE_PORT=8099; INFLUX_PORT=8196
ensure_packages
read -r host port < <(ensure_postgres)
psql -q -h "$host" -p "$port" -U "$PGUSER_" -d postgres -c "DROP DATABASE IF EXISTS goafwatch_bench WITH (FORCE)" -c "CREATE DATABASE goafwatch_bench"
rm -rf "$BENCH"; mkdir -p "$BENCH"
LOCAL="$BENCH" ensure_influxdb "$INFLUX_PORT"
cleanup() { kill "$(cat "$BENCH/influxdb/influxd.pid")" "${APP_PID:-}" 2>/dev/null || true; }
trap cleanup EXIT
cd "$ROOT"
mvn -B -q -DskipTests package
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar target/goafwatch.jar --server.port=$SERVICE_PORT \
  --spring.datasource.url="jdbc:postgresql://$host:$port/goafwatch_bench" \
  --goafwatch.influx.url="http://127.0.0.1:$INFLUX_PORT" --goafwatch.spool.dir="$BENCH/spool" >"$BENCH/service.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$SERVICE_PORT/actuator/health" >/dev/null && break; sleep 0.5; done
log "benchmark: $ROUNDS rounds of $TRACES traces of 20,000 samples (service heap -Xmx256m)"
java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" com.goafwatch.bench.IngestBenchmark \
  "http://127.0.0.1:$SERVICE_PORT" "http://127.0.0.1:$INFLUX_PORT" "$ROUNDS" "$TRACES" "$LARGE_MB"
