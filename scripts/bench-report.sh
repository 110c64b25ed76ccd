#!/usr/bin/env bash
# Report benchmark: a phase of 100 parcels with a year of 15-minute data in a throwaway InfluxDB; times the
# acceptance report (PDF x rounds, JSON, XLSX, DOCX), the share spent in InfluxDB and the service's peak heap
# (-Xmx512m). Writes target/bench/report.md.
# Usage: scripts/bench-report.sh [rounds=3]
source "$(dirname "$0")/lib.sh"
start_bench_service 512m --goafwatch.evaluation.interval=0 --goafwatch.evaluation.on-ingest=false
log "report benchmark: ${1:-3} PDF rounds"
java -cp "$BENCH_CP" com.goafwatch.report.ReportBenchmark "$SERVICE_URL" "$INFLUX_URL" "$ADMIN_PASSWORD" "${1:-3}"
