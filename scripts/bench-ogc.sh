#!/usr/bin/env bash
# OGC collection metadata and the phases layer at 5,000 parcels: the baseline build (a git ref, default the commit
# before phase outlines and remembered extents) and this working tree, each a service on a database of its own with
# the same site, requests interleaved in one run by com.goafwatch.ogc.OgcCollectionsBenchmark. Writes
# target/bench/ogc-collections.md. Not part of the test suite. Usage: scripts/bench-ogc.sh [rounds=7] [parcels=5000] [base-ref=39e0e20]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-7}" PARCELS="${2:-5000}" BASE_REF="${3:-39e0e20}"
BASE_PORT=8411 NEW_PORT=8412 INFLUX_PORT=8414 # InfluxDB also binds INFLUX_PORT + 2
DIR="$LOCAL/bench-ogc"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

read -r host port < <(ensure_postgres)
for db in goafwatch_ogc_base goafwatch_ogc_new; do
  psql -q -h "$host" -p "$port" -U "$PGUSER_" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" 2>/dev/null
done
rm -rf "$DIR"; mkdir -p "$DIR/base-src"
LOCAL="$DIR" ensure_influxdb "$INFLUX_PORT"
[ -f "$DIR/influxdb/influxd.pid" ] && PIDS+=("$(cat "$DIR/influxdb/influxd.pid")")
cd "$ROOT"
git archive "$BASE_REF" | tar -x -C "$DIR/base-src"
(cd "$DIR/base-src" && mvn -B -q -o -DskipTests package)
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  mvn -B -q -o -DskipTests package
  mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
fi
ADMIN_PASSWORD="bench-$(date +%s%N)"
start() { # jar port db
  java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$1" --server.port="$2" \
    --spring.datasource.url="jdbc:postgresql://$host:$port/$3" --goafwatch.security.bootstrap-admin-password="$ADMIN_PASSWORD" \
    --goafwatch.influx.url="http://127.0.0.1:$INFLUX_PORT" --goafwatch.spool.dir="$DIR/spool-$2" \
    --goafwatch.limits.requests-per-minute=0 >"$DIR/service-$2.log" 2>&1 &
  PIDS+=($!)
}
start "$DIR/base-src/target/goafwatch.jar" $BASE_PORT goafwatch_ogc_base
start target/goafwatch.jar $NEW_PORT goafwatch_ogc_new
deadline=$((SECONDS + 600))
for p in $BASE_PORT $NEW_PORT; do
  until curl -sf "http://127.0.0.1:$p/actuator/health" >/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || die "the service on $p did not start within 600 s (see $DIR/service-$p.log)"
    sleep 0.5
  done
done
log "ogc: $PARCELS parcels, $ROUNDS rounds, baseline $BASE_REF; load average $(cat /proc/loadavg)"
java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" com.goafwatch.ogc.OgcCollectionsBenchmark \
  "http://127.0.0.1:$BASE_PORT" "http://127.0.0.1:$NEW_PORT" "$ADMIN_PASSWORD" "$ROUNDS" "$PARCELS"
log "done $(date -u +%FT%TZ); load average $(cat /proc/loadavg)"
