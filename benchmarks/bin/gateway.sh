#!/usr/bin/env bash
# Gateway webhook throughput and latency on this machine: devstack broker + gateway + load generator,
# all co-located. Usage: benchmarks/bin/gateway.sh [rates] [seconds]   (e.g. "1000,3000,5000" 30)
# Writes benchmarks/results/gateway-<UTC time>.md; copy the figures into benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
RATES="${1:-1000,2500,5000,6000}"
SECONDS_PER_RATE="${2:-30}"
WORK="$(mktemp -d /tmp/seva-bench-gateway.XXXXXX)"
OUT="benchmarks/results/gateway-$(date -u +%Y%m%dT%H%M%SZ).md"
mkdir -p benchmarks/results
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

[ -f gateway-service/target/quarkus-app/quarkus-run.jar ] && [ -f devstack/target/devstack.jar ] && [ -f benchmarks/target/benchmarks.jar ] \
  || ./mvnw -q -B install -DskipTests -pl contracts,devstack,gateway-service,benchmarks -am

DEVSTACK_KAFKA_PORT=19092 DEVSTACK_KAFKA_CONTROLLER_PORT=19093 DEVSTACK_POSTGRES_PORT=25432 DEVSTACK_DATABASES=seva \
  java -Xmx512m -XX:+UseSerialGC -jar devstack/target/devstack.jar "$WORK/data" >"$WORK/devstack.log" 2>&1 &
PIDS+=($!)
until grep -q "DEVSTACK READY" "$WORK/devstack.log"; do sleep 0.5; done

# No vault-service: the benchmark's texts hold no Aadhaar number, so the gateway never calls it (a call would fail
# and show as 503s in the results). SEVA_LOCAL_RUN: a local run, where development defaults are allowed.
GATEWAY_PORT=18081 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092 WHATSAPP_APP_SECRET=bench-secret WHATSAPP_VERIFY_TOKEN=bench \
  WHATSAPP_PHONE_NUMBER_IDS=106540352242922 LOG_JSON=false SEVA_LOCAL_RUN=true \
  VAULT_URL=http://127.0.0.1:1 VAULT_CLIENT_SECRET=bench-vault-unused \
  java ${GATEWAY_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseParallelGC} -jar gateway-service/target/quarkus-app/quarkus-run.jar >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
until curl -sf http://127.0.0.1:18081/q/health/ready >/dev/null 2>&1; do sleep 0.5; done

{
  echo "# Gateway benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "Co-located: Kafka broker (devstack, KRaft, 1 node) + gateway (${GATEWAY_JAVA_OPTS:--Xmx512m ParallelGC}) + load generator."
  echo "Mix: 1 citizen message : 3 delivery statuses, each webhook signed; open loop, latency from the due time."
  echo
  java -Xmx512m -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.seva.benchmarks.GatewayBenchmark \
    --url http://127.0.0.1:18081/webhook --secret bench-secret --rates "$RATES" --seconds "$SECONDS_PER_RATE"
  echo
  echo "Gateway metrics after the run:"
  echo '```'
  curl -s http://127.0.0.1:18081/q/metrics | grep -E '^seva_gateway_(webhooks_received_total|webhooks_rejected_total|events_published_total|events_dead_lettered_total)' || true
  echo '```'
} | tee "$OUT"
echo "Written: $OUT"
