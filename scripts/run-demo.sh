#!/usr/bin/env bash
# README command 1: runs GoafWatch with the synthetic sample site on http://localhost:8080.
# Installs what is missing (Debian packages), uses or starts PostgreSQL+PostGIS, starts a project-local
# InfluxDB, builds the service, applies migrations and loads the sample site (safe to re-run).
source "$(dirname "$0")/lib.sh"
INFLUX_PORT="${GOAFWATCH_INFLUX_PORT:-8186}"
DB="${GOAFWATCH_DB:-goafwatch}"

ensure_packages
read -r host port < <(ensure_postgres)
ensure_database "$host" "$port" "$DB"
ensure_influxdb "$INFLUX_PORT"

cd "$ROOT"
log "building the service"
mvn -B -q -DskipTests package
log "starting on http://localhost:${PORT:-8080} (Ctrl-C stops it; InfluxDB keeps running, see README)"
log "log in as 'admin': on the first run its password is printed below (once); later runs keep it."
log "lost it? scripts/create-user.sh admin --reset-password   ·   more users: scripts/create-user.sh NAME ROLE PROJECT"
exec java -Xmx512m -jar target/goafwatch.jar --spring.profiles.active=demo \
  --spring.datasource.url="jdbc:postgresql://$host:$port/$DB" \
  --goafwatch.influx.url="http://127.0.0.1:$INFLUX_PORT" "$@"
