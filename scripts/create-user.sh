#!/usr/bin/env bash
# Admin command: creates a local user and prints a generated password once.
#   scripts/create-user.sh NAME ROLE [PROJECT-CODES|*]     e.g. scripts/create-user.sh li.wei engineer RENCHENG-DEMO
#   scripts/create-user.sh NAME --reset-password
# Uses the same database settings as scripts/run-demo.sh (GOAFWATCH_PGHOST/PORT, GOAFWATCH_DB).
source "$(dirname "$0")/lib.sh"
NAME="${1:?usage: create-user.sh NAME ROLE [PROJECTS] | NAME --reset-password}"
read -r host port < <(ensure_postgres)
cd "$ROOT"
[ -f target/goafwatch.jar ] || mvn -B -q -DskipTests package
ARGS=(--create-user="$NAME")
if [ "${2:-}" = "--reset-password" ]; then ARGS+=(--reset-password); else ARGS+=(--role="${2:-viewer}" --projects="${3:-}"); fi
exec java -jar target/goafwatch.jar --spring.main.web-application-type=none --logging.level.root=warn \
  --spring.datasource.url="jdbc:postgresql://$host:$port/${GOAFWATCH_DB:-goafwatch}" \
  --goafwatch.influx.connect-timeout=200ms "${ARGS[@]}"
