#!/usr/bin/env bash
# Web map in Chromium: a site of 5,000 parcels opened by the vector-tile page (MapLibre GL JS) and by the former
# Leaflet page (?renderer=leaflet: every parcel as GeoJSON, drawn as SVG), interleaved in one browser and one run;
# first render and a pan, timed by com.goafwatch.map.WebMapBenchmark. Writes target/bench/webmap.md.
# Not part of the test suite. Usage: scripts/bench-webmap.sh [rounds=5] [parcels=5000]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-5}" PARCELS="${2:-5000}"
# ports and database of its own, so that it never meets another benchmark's service
SERVICE_PORT=8398 INFLUX_PORT=8392 DB=goafwatch_webmap # InfluxDB also binds INFLUX_PORT + 2
DIR="$LOCAL/bench-webmap"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

ensure_packages
read -r host port < <(ensure_postgres)
psql -q -h "$host" -p "$port" -U "$PGUSER_" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" 2>/dev/null
rm -rf "$DIR"; mkdir -p "$DIR"
LOCAL="$DIR" ensure_influxdb "$INFLUX_PORT"
[ -f "$DIR/influxdb/influxd.pid" ] && PIDS+=("$(cat "$DIR/influxdb/influxd.pid")")
cd "$ROOT"
if [ -z "${BENCH_NO_BUILD:-}" ]; then # set to reuse the jar and classpath of a previous run
  mvn -B -q -DskipTests package
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
fi
ADMIN_PASSWORD="bench-$(date +%s%N)"
# the per-caller request budget would answer 429 to a page loading thousands of parcels: off for the benchmark
java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar target/goafwatch.jar --server.port=$SERVICE_PORT \
  --spring.datasource.url="jdbc:postgresql://$host:$port/$DB" --goafwatch.security.bootstrap-admin-password="$ADMIN_PASSWORD" \
  --goafwatch.influx.url="http://127.0.0.1:$INFLUX_PORT" --goafwatch.spool.dir="$DIR/spool" \
  --goafwatch.limits.requests-per-minute=0 >"$DIR/service.log" 2>&1 &
PIDS+=($!)
deadline=$((SECONDS + 600))
until curl -sf "http://127.0.0.1:$SERVICE_PORT/actuator/health" >/dev/null; do
  kill -0 "${PIDS[-1]}" 2>/dev/null || { tail -30 "$DIR/service.log" >&2; die "the service exited"; }
  [ "$SECONDS" -lt "$deadline" ] || die "the service did not start within 600 s (see $DIR/service.log)"
  sleep 0.5
done
log "web map: $PARCELS parcels, $ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" com.goafwatch.map.WebMapBenchmark \
  "http://127.0.0.1:$SERVICE_PORT" "$ADMIN_PASSWORD" "$ROUNDS" "$PARCELS"
log "done $(date -u +%FT%TZ); load average $(cut -d' ' -f1-3 /proc/loadavg)"
