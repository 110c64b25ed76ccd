#!/usr/bin/env bash
# MapServer side by side: MapServer 8 (Debian mapserver-bin) as one FastCGI process (spawn-fcgi) behind lighttpd, over the
# same PostGIS tables as this service on the sample site; OGC API - Features items and one feature, and parcel
# vector tiles (MapServer's MVT output), timed interleaved by com.goafwatch.ogc.MapServerBenchmark.
# Writes target/bench/mapserver.md. Not part of the test suite.
# Usage: [WARMUP_ROUNDS=5] [WARMUP_JIT_SHARE=0.05] [WARMUP_MAX_ROUNDS=80] scripts/bench-mapserver.sh [rounds=5]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-5}"
# unrecorded rounds before the timed ones (both servers): the JVM's JIT settles only after some thousand requests
WARMUP_ROUNDS="${WARMUP_ROUNDS:-5}"
# ports and database of its own, so that it never meets another benchmark's service
SERVICE_PORT=8087 INFLUX_PORT=8091 MS_PORT=8088 DB=goafwatch_bench_ms # InfluxDB also binds INFLUX_PORT + 2; not the demo's 8186
DIR="$LOCAL/bench-mapserver"
PIDS=()
# mapserv as FastCGI finishes on SIGTERM only after one more request: what still runs after 5 s gets SIGKILL
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for _ in $(seq 1 20); do
    local alive=0; for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return; sleep 0.25
  done
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

ensure_packages
MISSING=()
for p in mapserver-bin spawn-fcgi lighttpd; do dpkg -s "$p" >/dev/null 2>&1 || MISSING+=("$p"); done
if [ "${#MISSING[@]}" -gt 0 ]; then
  # wait for another apt run instead of failing on its lock; refresh stale package lists once if the install fails
  apt_install() { as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >/dev/null; }
  log "installing ${MISSING[*]}"
  apt_install "${MISSING[@]}" || { as_root apt-get -o DPkg::Lock::Timeout=600 update -qq && apt_install "${MISSING[@]}"; }
fi
read -r host port < <(ensure_postgres)
psql -q -h "$host" -p "$port" -U "$PGUSER_" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" 2>/dev/null
# BENCH_LOG_SQL=1: PostgreSQL logs every statement on this database with its duration (log_min_duration_statement=0,
# into the server's log), to count and time the statements per request; it slows both servers, so not for figures
[ -n "${BENCH_LOG_SQL:-}" ] && psql -q -h "$host" -p "$port" -U "$PGUSER_" -d postgres -c "ALTER DATABASE $DB SET log_min_duration_statement = 0"
rm -rf "$DIR"; mkdir -p "$DIR"
LOCAL="$DIR" ensure_influxdb "$INFLUX_PORT"
[ -f "$DIR/influxdb/influxd.pid" ] && PIDS+=("$(cat "$DIR/influxdb/influxd.pid")")
cd "$ROOT"
if [ -z "${BENCH_NO_BUILD:-}" ]; then # set to reuse the jar and classpath of a previous run
  mvn -B -q -DskipTests package
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
fi
ADMIN_PASSWORD="bench-$(date +%s%N)"
# the rate limiter on, as deployed (its shared bucket costs a transaction per 5 % of the budget or per second), with a budget the run never
# exhausts; RATE_LIMIT=0 measures without it
RATE_LIMIT="${RATE_LIMIT:-100000000}"
# SERVICE_ARGS: more --key=value arguments for the service (e.g. to compare a setting with and without in one session)
# shellcheck disable=SC2086
# SERVICE_JAVA_OPTS: more JVM options for the service (e.g. a GC setting), before -jar
# shellcheck disable=SC2086
java -Xmx512m -XX:+ExitOnOutOfMemoryError ${SERVICE_JAVA_OPTS:-} -jar target/goafwatch.jar --server.port=$SERVICE_PORT \
  --spring.datasource.url="jdbc:postgresql://$host:$port/$DB" --goafwatch.security.bootstrap-admin-password="$ADMIN_PASSWORD" \
  --goafwatch.influx.url="http://127.0.0.1:$INFLUX_PORT" --goafwatch.spool.dir="$DIR/spool" \
  --spring.profiles.active=demo --goafwatch.demo-feed.enabled=false --goafwatch.limits.requests-per-minute=$RATE_LIMIT ${SERVICE_ARGS:-} >"$DIR/service.log" 2>&1 &
SERVICE_PID=$!; PIDS+=($SERVICE_PID)
deadline=$((SECONDS + 600))
until curl -sf "http://127.0.0.1:$SERVICE_PORT/actuator/health" >/dev/null; do
  kill -0 "${PIDS[-1]}" 2>/dev/null || { tail -30 "$DIR/service.log" >&2; die "the service exited"; }
  [ "$SECONDS" -lt "$deadline" ] || die "the service did not start within 600 s (see $DIR/service.log)"
  sleep 0.5
done

# The same tables and attributes as the service's parcels (items) and parcels tile layer; 64-px tile buffer as ours
cat >"$DIR/goafwatch.map" <<MAPFILE
MAP
  NAME "goafwatch"
  EXTENT -20037508.34 -20037508.34 20037508.34 20037508.34
  PROJECTION "init=epsg:3857" END
  CONFIG "MS_ERRORFILE" "$DIR/mapserver.log"
  WEB
    METADATA
      "ows_title" "GoafWatch"
      "ows_enable_request" "*"
      "ows_srs" "EPSG:3857 EPSG:4326"
      "oga_enable_request" "*"
      "oga_onlineresource" "http://127.0.0.1:$MS_PORT/mapserv/goafwatch/ogcapi"
    END
  END
  OUTPUTFORMAT
    NAME "mvt"
    DRIVER MVT
    FORMATOPTION "EXTENT=4096"
    FORMATOPTION "EDGE_BUFFER=64"
  END
  LAYER
    NAME "parcels"
    TYPE POLYGON
    TEMPLATE "query"  # queryable, so OGC API - Features offers the layer as a collection
    PROCESSING "CLOSE_CONNECTION=DEFER"  # keep the PostGIS connection in the FastCGI process between requests
    STATUS ON
    CONNECTIONTYPE POSTGIS
    CONNECTION "host=$host port=$port dbname=$DB user=$PGUSER_"
    DATA "geom FROM (SELECT p.id, p.code, ph.ordinal AS phase, p.status, round(p.area_mu::numeric, 3)::float8 AS area_mu, p.project_id, p.geom FROM parcel p JOIN phase ph ON ph.id = p.phase_id) AS t USING UNIQUE id USING SRID=4490"
    PROJECTION "init=epsg:4490" END
    METADATA
      "ows_title" "parcels"
      "oga_title" "parcels"
      "gml_include_items" "all"
      "gml_featureid" "id"
      "gml_types" "auto"
    END
  END
END
MAPFILE
cat >"$DIR/mapserver.conf" <<CONF
CONFIG
  ENV
    MS_MAP_PATTERN "^$DIR/"
  END
  MAPS
    "goafwatch" "$DIR/goafwatch.map"
  END
END
CONF
cat >"$DIR/lighttpd.conf" <<CONF
server.document-root = "$DIR"
server.bind = "127.0.0.1"
server.port = $MS_PORT
server.errorlog = "$DIR/lighttpd.log"
server.modules = ("mod_fastcgi")
fastcgi.server = ("/mapserv" => (("socket" => "$DIR/mapserv.sock", "check-local" => "disable")))
CONF
# -n: spawn-fcgi becomes mapserv itself, so its pid is the one to stop; one process serves the one client at a time
MAPSERVER_CONFIG_FILE="$DIR/mapserver.conf" spawn-fcgi -n -s "$DIR/mapserv.sock" -- /usr/bin/mapserv >/dev/null &
PIDS+=($!)
lighttpd -D -f "$DIR/lighttpd.conf" &
PIDS+=($!)
MS_URL="http://127.0.0.1:$MS_PORT/mapserv"
for _ in $(seq 1 40); do curl -sf "$MS_URL/goafwatch/ogcapi?f=json" >/dev/null && break; sleep 0.25; done
curl -sf "$MS_URL/goafwatch/ogcapi/collections/parcels/items?f=json&limit=1" >/dev/null \
  || { curl -s "$MS_URL/goafwatch/ogcapi/collections/parcels/items?f=json&limit=1" | head -c 600 >&2; die "MapServer does not answer (see $DIR)"; }

# BENCH_JFR=1: record the service with Java Flight Recorder (settings=profile) and its GC log during the timed requests,
# into $DIR/service.jfr and $DIR/gc.log (for where the time goes; the recording costs a little, so not for figures)
if [ -n "${BENCH_JFR:-}" ]; then
  jcmd "$SERVICE_PID" JFR.start name=bench settings=profile >/dev/null
  jcmd "$SERVICE_PID" VM.log output="file=$DIR/gc.log" what=gc,safepoint decorators=uptime >/dev/null
fi
# BENCH_GC_LOG=1: the service's GC pauses into $DIR/gc.log (uptime-stamped), to lay beside target/bench/mapserver-raw.csv
[ -n "${BENCH_GC_LOG:-}" ] && [ -z "${BENCH_JFR:-}" ] && jcmd "$SERVICE_PID" VM.log output="file=$DIR/gc.log" what=gc decorators=uptime >/dev/null
log "mapserver side by side: $ROUNDS rounds after at least $WARMUP_ROUNDS unrecorded (more until the JITs are idle); load: $(cut -d' ' -f1-3 /proc/loadavg)"
CLIENT_JAVA_OPTS=()
[ -n "${BENCH_GC_LOG:-}" ] && CLIENT_JAVA_OPTS+=("-Xlog:gc:file=$DIR/client-gc.log:uptime")
[ -n "${BENCH_GC_LOG:-}" ] && log "service JVM uptime $(jcmd "$SERVICE_PID" VM.uptime | tail -1) at epoch $(date +%s%3N) ms"
# beyond WARMUP_ROUNDS, warm-up rounds go on until the JIT compilers of the service and of the client used less than
# WARMUP_JIT_SHARE of a core in each of 3 rounds in a row (at most WARMUP_MAX_ROUNDS rounds): timed at steady state
CLIENT_JAVA_OPTS+=("-Dbench.jitSettledShare=${WARMUP_JIT_SHARE:-0.05}" "-Dbench.maxWarmUpRounds=${WARMUP_MAX_ROUNDS:-80}")
java "${CLIENT_JAVA_OPTS[@]}" -cp "target/test-classes:target/classes:$(cat target/bench.cp)" com.goafwatch.ogc.MapServerBenchmark \
  "http://127.0.0.1:$SERVICE_PORT" "$MS_URL" "jdbc:postgresql://$host:$port/$DB" "$ADMIN_PASSWORD" "$ROUNDS" "$WARMUP_ROUNDS" "$SERVICE_PID"
[ -n "${BENCH_JFR:-}" ] && jcmd "$SERVICE_PID" JFR.dump name=bench filename="$DIR/service.jfr" >/dev/null && log "recorded $DIR/service.jfr, $DIR/gc.log"
log "load after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(date -u +%FT%TZ)"
