#!/usr/bin/env bash
# notification-service throughput and latency on this machine: devstack (Kafka + PostgreSQL) +
# notification-service + the load generator, with Meta's Graph API played by the simulator's stand-in
# inside the load generator's JVM; all co-located.
# Usage: benchmarks/bin/notification.sh [rates] [seconds]   (e.g. "900,1000" 60)
#   NOTIFICATION_BENCH_LIMIT=1000 (the number's limit), NOTIFICATION_BENCH_WARMUP=60 (seconds at half the first rate);
#   any SEVA_NOTIFICATION_* variable reaches notification-service (e.g. SEVA_NOTIFICATION_THROUGHPUT_BURST=1s);
#   NOTIFICATION_BENCH_KEEP_LOGS=1 keeps the processes' logs in the temporary directory.
# Writes benchmarks/results/notification-<UTC time>.md; copy the figures into benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
RATES="${1:-900,1000}"
SECONDS_PER_RATE="${2:-60}"
LIMIT="${NOTIFICATION_BENCH_LIMIT:-1000}"
WARMUP="${NOTIFICATION_BENCH_WARMUP:-60}"
WORK="$(mktemp -d /tmp/seva-bench-notification.XXXXXX)"
OUT="benchmarks/results/notification-$(date -u +%Y%m%dT%H%M%SZ).md"
mkdir -p benchmarks/results
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [ -n "${KEEP_LOGS:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
KEEP_LOGS="${NOTIFICATION_BENCH_KEEP_LOGS:-}"

[ -f notification-service/target/quarkus-app/quarkus-run.jar ] && [ -f devstack/target/devstack.jar ] \
  && [ -f benchmarks/target/benchmarks.jar ] && ls benchmarks/target/lib/whatsapp-simulator-*-standin.jar >/dev/null 2>&1 \
  || ./mvnw -q -B install -DskipTests -pl contracts,devstack,whatsapp-simulator,notification-service,benchmarks -am

DEVSTACK_KAFKA_PORT=19092 DEVSTACK_KAFKA_CONTROLLER_PORT=19093 DEVSTACK_POSTGRES_PORT=25432 DEVSTACK_DATABASES=notification \
  java -Xmx512m -XX:+UseSerialGC -jar devstack/target/devstack.jar "$WORK/data" >"$WORK/devstack.log" 2>&1 &
PIDS+=($!)
until grep -q "DEVSTACK READY" "$WORK/devstack.log"; do sleep 0.5; done

# The load generator starts the Graph API stand-in on 18090, then waits for notification-service to be ready.
java -Xmx768m -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.seva.benchmarks.NotificationBenchmark \
  --bootstrap 127.0.0.1:19092 --stand-in-port 18090 --notification http://127.0.0.1:18085 --token bench-access-token \
  --limit "$LIMIT" --rates "$RATES" --seconds "$SECONDS_PER_RATE" --warmup-seconds "$WARMUP" >"$WORK/bench.out" 2>"$WORK/bench.err" &
BENCH=$!
PIDS+=($BENCH)

# SEVA_LOCAL_RUN: a local run, so the devstack's database password (a development default) is allowed (issue 15).
NOTIFICATION_PORT=18085 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092 POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=25432 \
  POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres WHATSAPP_API_BASE_URL=http://127.0.0.1:18090 \
  WHATSAPP_ACCESS_TOKEN=bench-access-token WHATSAPP_THROUGHPUT_PER_SECOND="$LIMIT" \
  DOCUMENT_FETCH_SECRET=bench-document-fetch-secret NOTIFICATION_ADDRESS_HASH_KEY=bench-address-hash-key LOG_JSON=false \
  SEVA_LOCAL_RUN=true \
  java ${NOTIFICATION_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseParallelGC} -jar notification-service/target/quarkus-app/quarkus-run.jar \
  >"$WORK/notification.log" 2>&1 &
PIDS+=($!)

wait "$BENCH" || { cat "$WORK/bench.err" >&2; tail -50 "$WORK/notification.log" >&2; exit 1; }
{
  echo "# notification-service benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "Co-located: Kafka + PostgreSQL (devstack) + notification-service (${NOTIFICATION_JAVA_OPTS:--Xmx512m ParallelGC}) + load generator with the Graph API stand-in."
  echo "Throughput limit of the business number: ${LIMIT}/s in notification-service and enforced by the stand-in."
  echo "notification-service settings from the environment: $(env | grep -E '^SEVA_NOTIFICATION_' | tr '\n' ' ')(others default)."
  echo "Mix: text 3 : list 1 : buttons 1, one citizen per command; open loop; latency from the command's due time to the Graph API call."
  echo
  cat "$WORK/bench.out"
  echo
  echo "notification-service metrics after the run:"
  echo '```'
  curl -s http://127.0.0.1:18085/q/metrics | grep -E '^seva_notification_(sends_total|retries_total|dead_letters_total|duplicates_total|(command_to_accepted|api_latency|throttle_wait)_seconds_(count|sum|max))' \
    | sed 's/ # {.*//' || true
  echo '```'
} | tee "$OUT"
echo "Written: $OUT"
