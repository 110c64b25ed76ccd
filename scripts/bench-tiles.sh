#!/usr/bin/env bash
# Tile benchmark: every vector tile of the sample site at zooms 12-17 (parcels, cables, markers) through
# the service versus the same ST_AsMVT statement run bare, interleaved in one run; p50/p95 per zoom and
# the service's overhead. Writes target/bench/tiles.md.
# Usage: scripts/bench-tiles.sh [rounds=5]
source "$(dirname "$0")/lib.sh"
# the per-caller request budget would answer 429 to a benchmark: off, as for a trusted GIS gateway
start_bench_service 512m --spring.profiles.active=demo --goafwatch.demo-feed.enabled=false --goafwatch.limits.requests-per-minute=0
log "tiles: ${1:-5} rounds"
java -cp "$BENCH_CP" com.goafwatch.map.TileBenchmark "$SERVICE_URL" "$BENCH_JDBC_URL" "$ADMIN_PASSWORD" "${1:-5}"
