#!/usr/bin/env bash
# README command 2: runs every test against real PostgreSQL/PostGIS and a real InfluxDB.
# The tests create a throwaway database on the PostgreSQL found here and start their own influxd
# (Debian package) on free ports with a temporary data directory. The MQTT tests publish to the broker
# on 127.0.0.1:1883, started here when nothing answers there.
source "$(dirname "$0")/lib.sh"
ensure_packages
read -r host port < <(ensure_postgres)
ensure_mosquitto
export GOAFWATCH_TEST_PG_HOST="$host" GOAFWATCH_TEST_PG_PORT="$port" GOAFWATCH_TEST_PG_USER="$PGUSER_"
cd "$ROOT"
exec mvn -B verify "$@"
