#!/usr/bin/env bash
# Shared set-up for scripts/run-demo.sh and scripts/test.sh: installs missing Debian packages and starts
# what they need without relying on anything a particular machine happens to start (no systemd): a
# PostgreSQL with PostGIS, and for the tests an MQTT broker (Mosquitto) on 127.0.0.1:1883. InfluxDB is
# started by the demo (project-local) and by the tests themselves (throwaway, free ports). Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
PGHOST_="${GOAFWATCH_PGHOST:-127.0.0.1}"
PGPORT_="${GOAFWATCH_PGPORT:-5432}"
PGUSER_="${GOAFWATCH_PGUSER:-postgres}"
LOCAL_PG_PORT=55432

log() { printf '\033[1;34m[goafwatch]\033[0m %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_packages() {
  # service: PostGIS, InfluxDB, GDAL (shapefile/GeoPackage imports), CJK fonts (report PDFs);
  # build: Maven, JDK; tests: Mosquitto (MQTT notifications), Chromium + driver (web map),
  # poppler-utils (pdftoppm renders report pages), python3-owslib (an independent OGC API client),
  # haproxy (the load balancer in front of two service processes, HaClusterTest), python3-qgis and
  # qgis-providers (QGIS 3.22 itself, headless, as a GIS client: QgisClientTest; 225 packages on top of the others here)
  local wanted=(postgresql-15-postgis-3 influxdb gdal-bin maven openjdk-17-jdk-headless curl
                fonts-noto-cjk mosquitto chromium chromium-driver poppler-utils python3-owslib haproxy
                python3-qgis qgis-providers)
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  # a JDK or Maven that is already on PATH (e.g. from another distribution) is good enough
  command -v mvn >/dev/null && missing=("${missing[@]/maven}")
  command -v javac >/dev/null && missing=("${missing[@]/openjdk-17-jdk-headless}")
  local real=()
  for p in "${missing[@]}"; do [ -n "$p" ] && real+=("$p"); done
  if [ "${#real[@]}" -gt 0 ]; then
    log "installing Debian packages: ${real[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${real[@]}" >/dev/null
  fi
}

pg_up() { pg_isready -q -h "$1" -p "$2" 2>/dev/null; }

# Prints "host port" of a reachable PostgreSQL: the configured one, the machine's cluster (started if
# stopped), or a project-local cluster under .local/pg.
ensure_postgres() {
  if pg_up "$PGHOST_" "$PGPORT_"; then echo "$PGHOST_ $PGPORT_"; return; fi
  if command -v pg_lsclusters >/dev/null && pg_lsclusters -h 2>/dev/null | grep -q .; then
    local ver; ver=$(pg_lsclusters -h | awk 'NR==1{print $1}')
    log "starting the machine's PostgreSQL $ver cluster"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do pg_up "$PGHOST_" "$PGPORT_" && { echo "$PGHOST_ $PGPORT_"; return; }; sleep 1; done
  fi
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if ! pg_up 127.0.0.1 "$LOCAL_PG_PORT"; then
    log "starting a project-local PostgreSQL on port $LOCAL_PG_PORT (data in .local/pg)"
    mkdir -p "$LOCAL/pg"
    local run=(); [ "$(id -u)" = 0 ] && { chown -R postgres:postgres "$LOCAL/pg"; run=(runuser -u postgres --); }
    [ -f "$LOCAL/pg/data/PG_VERSION" ] || "${run[@]}" "$bin/initdb" -D "$LOCAL/pg/data" -U postgres -A trust >/dev/null
    "${run[@]}" "$bin/pg_ctl" -D "$LOCAL/pg/data" -l "$LOCAL/pg/postgres.log" -w \
      -o "-p $LOCAL_PG_PORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  echo "127.0.0.1 $LOCAL_PG_PORT"
}

ensure_database() { # host port dbname
  if ! psql -h "$1" -p "$2" -U "$PGUSER_" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$3'" | grep -q 1; then
    log "creating database $3"
    psql -q -h "$1" -p "$2" -U "$PGUSER_" -d postgres -c "CREATE DATABASE \"$3\""
  fi
}

port_answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; } # host port

# Makes sure an MQTT broker answers on 127.0.0.1:1883 (the notification tests publish there): uses the
# one that answers, else starts Debian's mosquitto in the background with a project-local configuration
# (loopback only, anonymous, no persistence). Debian's package does not start it where there is no
# systemd (containers, CI), so this does.
ensure_mosquitto() {
  local dir="$LOCAL/mosquitto"
  port_answers 127.0.0.1 1883 && return
  mkdir -p "$dir"
  cat > "$dir/mosquitto.conf" <<CONF
listener 1883 127.0.0.1
allow_anonymous true
persistence false
log_dest stderr
CONF
  # as root, mosquitto drops to its own user: let that user read the configuration
  [ "$(id -u)" = 0 ] && chmod 755 "$dir" && chmod 644 "$dir/mosquitto.conf"
  log "starting Mosquitto on 127.0.0.1:1883 (log in ${dir#$ROOT/})"
  nohup mosquitto -c "$dir/mosquitto.conf" >"$dir/mosquitto.log" 2>&1 &
  echo $! >"$dir/mosquitto.pid"
  for _ in $(seq 1 40); do port_answers 127.0.0.1 1883 && return; sleep 0.25; done
  log "Mosquitto did not come up; see $dir/mosquitto.log"; return 1
}

# Starts a project-local InfluxDB 1.x (Debian's influxd) with data under .local/influxdb.
ensure_influxdb() { # http_port
  local port="$1" dir="$LOCAL/influxdb"
  if curl -sf "http://127.0.0.1:$port/ping" >/dev/null; then
    if ! { [ -f "$dir/influxd.pid" ] && kill -0 "$(cat "$dir/influxd.pid")" 2>/dev/null; }; then
      log "note: an InfluxDB not started from this checkout answers on port $port; using it (GOAFWATCH_INFLUX_PORT picks another)"
    fi
    return
  fi
  mkdir -p "$dir"
  cat > "$dir/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$((port + 2))"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$port"
  log-enabled = false
[monitor]
  store-enabled = false
CONF
  log "starting a project-local InfluxDB on port $port (data in ${dir#$ROOT/})"
  nohup influxd -config "$dir/influxdb.conf" >"$dir/influxd.log" 2>&1 &
  echo $! >"$dir/influxd.pid"
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/ping" >/dev/null && return; sleep 0.5; done
  log "InfluxDB did not come up; see $dir/influxd.log"; return 1
}

# Benchmarks: a throwaway database, a throwaway InfluxDB and the packaged service started with the
# given heap and extra arguments. Sets SERVICE_URL, INFLUX_URL, ADMIN_PASSWORD, BENCH_CP.
start_bench_service() { # heap extra-args...
  local heap="$1"; shift
  BENCH_DIR="$LOCAL/bench"
  local bench="$BENCH_DIR" service_port=8099 influx_port=8196
  trap stop_bench_service EXIT
  stop_bench_service   # leftovers of an interrupted run
  ensure_packages
  read -r host port < <(ensure_postgres)
  psql -q -h "$host" -p "$port" -U "$PGUSER_" -d postgres -c "DROP DATABASE IF EXISTS goafwatch_bench WITH (FORCE)" \
    -c "CREATE DATABASE goafwatch_bench" 2>/dev/null
  rm -rf "$bench"; mkdir -p "$bench"
  LOCAL="$bench" ensure_influxdb "$influx_port"
  cd "$ROOT"
  mvn -B -q -DskipTests package
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
  ADMIN_PASSWORD="bench-$(date +%s%N)"
  java "-Xmx$heap" -XX:+ExitOnOutOfMemoryError -jar target/goafwatch.jar --server.port=$service_port \
    --spring.datasource.url="jdbc:postgresql://$host:$port/goafwatch_bench" \
    --goafwatch.security.bootstrap-admin-password="$ADMIN_PASSWORD" \
    --goafwatch.influx.url="http://127.0.0.1:$influx_port" --goafwatch.spool.dir="$bench/spool" "$@" >"$bench/service.log" 2>&1 &
  BENCH_APP_PID=$!
  # a deadline, not a count: a loaded machine may take minutes to start the service
  local deadline=$((SECONDS + 600))
  until curl -sf "http://127.0.0.1:$service_port/actuator/health" >/dev/null; do
    kill -0 "$BENCH_APP_PID" 2>/dev/null || { tail -30 "$bench/service.log" >&2; die "the bench service exited"; }
    [ "$SECONDS" -lt "$deadline" ] || die "the bench service did not start within 600 s (see $bench/service.log)"
    sleep 0.5
  done
  SERVICE_URL="http://127.0.0.1:$service_port"; INFLUX_URL="http://127.0.0.1:$influx_port"
  BENCH_JDBC_URL="jdbc:postgresql://$host:$port/goafwatch_bench"
  BENCH_CP="target/test-classes:target/classes:$(cat target/bench.cp)"
}

stop_bench_service() {
  if [ -n "${BENCH_APP_PID:-}" ]; then kill "$BENCH_APP_PID" 2>/dev/null || true; fi
  pkill -f -- "-jar target/goafwatch.jar --server.port=8099" 2>/dev/null || true
  pkill -f -- "$BENCH_DIR/influxdb/influxdb.conf" 2>/dev/null || true
}
