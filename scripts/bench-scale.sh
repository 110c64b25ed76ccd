#!/usr/bin/env bash
# Ten-times site benchmark (issue 15): a throwaway InfluxDB 1.x and two service instances on one throwaway
# PostgreSQL database; builds km km of fiber at 1 m (10 parcels, 4 settlement markers per km) with hourly
# traces, measures the InfluxDB write ceiling, ingestion through 1 and 2 instances, and full evaluation
# cycles; prints a table and writes it to target/bench/scale.md. Ports 8297/8298 (services), 8293 (InfluxDB),
# database goafwatch_scale, data under .local/bench-scale.
# Usage: scripts/bench-scale.sh [km=500] [traces=25] [gateways=4] [eval-rounds=3] [heap=2g]
#        scripts/bench-scale.sh ingest [km=100] [traces=12] [gateways=4] [heap=2g]   ingestion only (no cycles), ~4 min
#        scripts/bench-scale.sh cycles [rounds=3] [heap=2g]   full cycles again on the site the last run left
# BENCH_NO_BUILD=1: use target/goafwatch.jar and target/bench.cp as they are; SERVICE_ARGS: more settings for both
#        instances (e.g. --goafwatch.spool.write-lanes=1 --goafwatch.spool.max-write-size=0, one spool batch a write
#        at a time, for an A/B run); WARMUP_TRACES (default 2): untimed traces through each instance alone first (JIT),
#        then more until its JIT compilers took under 5 % of a core through 2 traces in a row (at most WARMUP_MAX_TRACES, 30);
#        SERVICE_A_JVM_ARGS: JVM options of instance A (e.g. -XX:StartFlightRecording=filename=a.jfr,settings=profile).
# SETTLE=1: before each block wait (untimed) until InfluxDB is quiet, and time each block until InfluxDB is quiet again, so
#        that its cache snapshots and compactions count for the block whose writes caused them (short direct blocks
#        otherwise leave theirs to the service block after them).
# PIN=1: InfluxDB on cpu 1, instances, gateways and direct writers on cpu 0 (models InfluxDB on its own host; the
#        direct baseline is pinned alike, so the ratio stays fair). (Profile an instance with
#        jcmd <pid> JFR.start duration=60s filename=x.jfr settings=profile once the ingestion blocks run.)
source "$(dirname "$0")/lib.sh"
CYCLES_ONLY=""; [ "${1:-}" = cycles ] && { CYCLES_ONLY=1; shift; set -- 0 0 0 "${1:-3}" "${2:-2g}"; }
[ "${1:-}" = ingest ] && { shift; set -- "${1:-100}" "${2:-12}" "${3:-4}" 0 "${4:-2g}"; }
KM="${1:-500}"; TRACES="${2:-25}"; GATEWAYS="${3:-4}"; ROUNDS="${4:-3}"; HEAP="${5:-2g}"
SCALE_DIR="$LOCAL/bench-scale"; INFLUX_PORT=8293; PORTS=(8297 8298); PIDS=()

stop_scale() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$SCALE_DIR/influxdb/influxd.pid" ] && kill "$(cat "$SCALE_DIR/influxdb/influxd.pid")" 2>/dev/null || true
}
trap stop_scale EXIT

ensure_packages
read -r host port < <(ensure_postgres)
[ -f "$SCALE_DIR/influxdb/influxd.pid" ] && kill "$(cat "$SCALE_DIR/influxdb/influxd.pid")" 2>/dev/null && sleep 2
if [ -z "$CYCLES_ONLY" ]; then
  psql -q -h "$host" -p "$port" -U "$PGUSER_" -d postgres -c "DROP DATABASE IF EXISTS goafwatch_scale WITH (FORCE)" \
    -c "CREATE DATABASE goafwatch_scale" 2>/dev/null
  rm -rf "$SCALE_DIR"; mkdir -p "$SCALE_DIR"
  ADMIN_PASSWORD="scale-$(date +%s%N)"; echo "$ADMIN_PASSWORD" >"$SCALE_DIR/admin-password"
else
  ADMIN_PASSWORD="$(cat "$SCALE_DIR/admin-password")"
fi
LOCAL="$SCALE_DIR" ensure_influxdb "$INFLUX_PORT"
cd "$ROOT"
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  mvn -B -q -DskipTests package
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
fi
for i in 0 1; do
  # evaluation only when the benchmark asks for it (no schedule, none after ingestion), so ingestion is timed alone
  JVM_EXTRA=""; [ "$i" = 0 ] && JVM_EXTRA="${SERVICE_A_JVM_ARGS:-}"
  java "-Xmx$HEAP" -XX:+ExitOnOutOfMemoryError $JVM_EXTRA -jar target/goafwatch.jar --server.port="${PORTS[$i]}" \
    --spring.datasource.url="jdbc:postgresql://$host:$port/goafwatch_scale" \
    --goafwatch.security.bootstrap-admin-password="$ADMIN_PASSWORD" --goafwatch.limits.requests-per-minute=0 \
    --goafwatch.evaluation.interval=0 --goafwatch.evaluation.on-ingest=false \
    --goafwatch.influx.url="http://127.0.0.1:$INFLUX_PORT" --goafwatch.spool.dir="$SCALE_DIR/spool-$i" ${SERVICE_ARGS:-} >"$SCALE_DIR/service-$i.log" 2>&1 &
  PIDS+=($!)
  deadline=$((SECONDS + 600))
  until curl -sf "http://127.0.0.1:${PORTS[$i]}/actuator/health/readiness" >/dev/null; do
    kill -0 "${PIDS[$i]}" 2>/dev/null || { tail -30 "$SCALE_DIR/service-$i.log" >&2; die "instance $i exited"; }
    [ "$SECONDS" -lt "$deadline" ] || die "instance $i did not start within 600 s (see $SCALE_DIR/service-$i.log)"
    sleep 0.5
  done
done
PINNED=(); PLACEMENT="shared: InfluxDB, instances and gateways on the same 2 cores"
if [ -n "${PIN:-}" ]; then
  taskset -a -cp 1 "$(cat "$SCALE_DIR/influxdb/influxd.pid")" >/dev/null
  for pid in "${PIDS[@]}"; do taskset -a -cp 0 "$pid" >/dev/null; done
  PINNED=(taskset -c 0); PLACEMENT="pinned: InfluxDB on cpu 1; instances, gateways and direct writers on cpu 0"
fi
log "placement: $PLACEMENT"
if [ -n "$CYCLES_ONLY" ]; then
  java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" com.goafwatch.bench.ScaleCycles "http://127.0.0.1:${PORTS[0]}" "$ROUNDS" "$ADMIN_PASSWORD"
else
log "ten-times site: $KM km, $TRACES hourly traces, $GATEWAYS gateways, $ROUNDS evaluation rounds (heap $HEAP per instance); load $(cut -d' ' -f1-3 /proc/loadavg)"
CPU_PIDS="influx:$(cat "$SCALE_DIR/influxdb/influxd.pid"),a:${PIDS[0]},b:${PIDS[1]}" PLACEMENT="$PLACEMENT" "${PINNED[@]}" java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" com.goafwatch.bench.ScaleBenchmark \
  "http://127.0.0.1:${PORTS[0]}" "http://127.0.0.1:${PORTS[1]}" "http://127.0.0.1:$INFLUX_PORT" "$KM" "$TRACES" "$GATEWAYS" "$ROUNDS" "$ADMIN_PASSWORD"
fi
log "InfluxDB resident memory: $(ps -o rss= -p "$(cat "$SCALE_DIR/influxdb/influxd.pid")" | awk '{printf "%.0f MB", $1/1024}'); data: $(du -sh "$SCALE_DIR/influxdb" | cut -f1); load $(cut -d' ' -f1-3 /proc/loadavg)"
