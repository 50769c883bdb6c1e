#!/usr/bin/env bash
# The department desk under its officers (issue 14): devstack (Kafka, PostgreSQL, Keycloak) and desk-service on
# side ports, 100,000 open applications of one department (apsrtc) and some thousands of other departments'
# seeded straight into the desk database, then 50 officers at once through the load generator; all co-located.
# Usage: benchmarks/bin/desk.sh [officers] [seconds]   (default 50 60)
#   DESK_BENCH_OPEN=100000 (apsrtc open applications), DESK_BENCH_OTHERS=20000 (other departments'),
#   DESK_BENCH_WARMUP=15, DESK_BENCH_THINK_MS=500 (mean think time between an officer's requests),
#   DESK_JAVA_OPTS (the desk's JVM), DESK_BENCH_JFR=1 (a JFR profile of the desk while measuring, summarised
#   in the results), DESK_BENCH_KEEP=1 (keep the temporary directory with the logs), DESK_BENCH_SQL=file.sql (an
#   experiment run on the seeded database before the load, e.g. an index; named in the results).
# Writes benchmarks/results/desk-<UTC time>.md (figures, load average, EXPLAIN ANALYZE of the queue's queries).
# vault-service (issue 15) runs beside the desk, which asks it for each citizen's data key (its client "desk", right "keys").
# Ports (never the defaults other engineers' runs use): Kafka 39092/39093, PostgreSQL 35432, Keycloak 38180/39180, desk 38086,
# vault 38087.
set -euo pipefail
cd "$(dirname "$0")/../.."
OFFICERS="${1:-50}"
SECONDS_MEASURED="${2:-60}"
OPEN="${DESK_BENCH_OPEN:-100000}"
OTHERS="${DESK_BENCH_OTHERS:-20000}"
WARMUP="${DESK_BENCH_WARMUP:-15}"
THINK="${DESK_BENCH_THINK_MS:-500}"
KAFKA_PORT=39092; PG_PORT=35432; KC_PORT=38180; KC_MGMT_PORT=39180; DESK_PORT_BENCH=38086; VAULT_PORT_BENCH=38087
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$(mktemp -d /tmp/seva-bench-desk.XXXXXX)"
OUT="benchmarks/results/desk-$STAMP.md"
mkdir -p benchmarks/results
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  # Keycloak runs under the devstack's watchdog, which stops it when the devstack goes; check its pid file anyway.
  local kc="$WORK/data/keycloak/server/keycloak.pid"
  if [ -f "$kc" ] && kill -0 "$(cat "$kc")" 2>/dev/null; then kill -TERM "$(cat "$kc")" 2>/dev/null || true; fi
  [ -n "${DESK_BENCH_KEEP:-}" ] && echo "Logs kept in $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for port in $KAFKA_PORT $PG_PORT $KC_PORT $KC_MGMT_PORT $DESK_PORT_BENCH $VAULT_PORT_BENCH; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "Port $port is in use: another run? Not starting." >&2; exit 1; fi
done
wait_for() { # seconds description command...
  local limit="$1" what="$2"; shift 2
  local until_=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $until_ ] || { echo "Timed out after ${limit}s waiting for $what" >&2; return 1; }
    sleep 0.5
  done
}

[ -f desk-service/target/quarkus-app/quarkus-run.jar ] && [ -f vault-service/target/quarkus-app/quarkus-run.jar ] \
  && [ -f devstack/target/devstack.jar ] && [ -f benchmarks/target/benchmarks.jar ] \
  || flock /tmp/seva-maven.lock ./mvnw -q -B -ntp -o install -DskipTests -pl devstack,vault-service,desk-service,benchmarks

LOAD_BEFORE="$(cat /proc/loadavg)"
DEVSTACK_KAFKA_PORT=$KAFKA_PORT DEVSTACK_KAFKA_CONTROLLER_PORT=39093 DEVSTACK_POSTGRES_PORT=$PG_PORT DEVSTACK_DATABASES=desk,vault \
  DEVSTACK_KEYCLOAK_PORT=$KC_PORT DEVSTACK_KEYCLOAK_MANAGEMENT_PORT=$KC_MGMT_PORT DEVSTACK_KEYCLOAK_LOG="$WORK/keycloak.log" \
  java -Xmx512m -XX:+UseSerialGC -jar devstack/target/devstack.jar "$WORK/data" >"$WORK/devstack.log" 2>&1 &
PIDS+=($!)
wait_for 120 "the devstack" grep -q "DEVSTACK READY" "$WORK/devstack.log" || { tail -30 "$WORK/devstack.log" >&2; exit 1; }

# The desk reads the realm's keys at start (OIDC), so it starts once the realm answers (a first start: ~25 s).
wait_for 240 "Keycloak's realm" grep -qE "KEYCLOAK (READY|FAILED)" "$WORK/devstack.log" || { tail -30 "$WORK/devstack.log" >&2; exit 1; }
if ! grep -q "KEYCLOAK READY" "$WORK/devstack.log"; then
  grep "KEYCLOAK FAILED" "$WORK/devstack.log" >&2; tail -40 "$WORK/keycloak.log" >&2 || true; exit 1
fi

# vault-service as ./seva starts it (development_defaults: the local run's clients and HSM PINs), its SoftHSM2 token in $WORK.
mkdir -p "$WORK/softhsm/vault-service"
VAULT_PORT=$VAULT_PORT_BENCH KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=$PG_PORT \
  POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres SEVA_LOCAL_RUN=true LOG_JSON=false \
  VAULT_CLIENTS="desk:seva-dev-vault-desk:keys" VAULT_HSM_PIN=seva-dev-vault-pin VAULT_HSM_SO_PIN=seva-dev-vault-so-pin VAULT_KEK_ALIAS=kek-1 \
  SOFTHSM2_CONF="$WORK/softhsm/vault-service/softhsm2.conf" \
  java -Xms64m -Xmx256m -XX:+UseSerialGC -jar vault-service/target/quarkus-app/quarkus-run.jar >"$WORK/vault.log" 2>&1 &
VAULT_PID=$!
PIDS+=($VAULT_PID)
wait_for 180 "vault-service" curl -sf "http://127.0.0.1:$VAULT_PORT_BENCH/q/health/ready" || { tail -50 "$WORK/vault.log" >&2; exit 1; }

# The environment ./seva gives the desk (development_defaults), on the side ports; one department is enough.
JFR_OPTS=""
[ -n "${DESK_BENCH_JFR:-}" ] && JFR_OPTS="-XX:StartFlightRecording=filename=$WORK/desk.jfr,settings=profile,dumponexit=true"
DESK_PORT=$DESK_PORT_BENCH KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=$PG_PORT \
  POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres OIDC_AUTH_SERVER_URL="http://localhost:$KC_PORT/realms/seva" \
  DESK_OIDC_CLIENT_SECRET=seva-dev-desk-client-secret DESK_OIDC_STATE_SECRET=seva-dev-desk-pkce-state-secret-0123456789 \
  DESK_SESSION_SECRET=seva-dev-desk-session-secret-0123456789ab DESK_CSRF_SECRET=seva-dev-desk-csrf-secret-0123456789abcdef \
  DESK_DEPARTMENTS=apsrtc,municipal,transport,energy,civilsupplies,health,helpdesk DOCUMENT_SERVICE_URL=http://127.0.0.1:1 \
  WHATSAPP_API_BASE_URL=http://127.0.0.1:1 WHATSAPP_ACCESS_TOKEN=bench LOG_JSON=false SEVA_LOCAL_RUN=true \
  VAULT_URL="http://127.0.0.1:$VAULT_PORT_BENCH" VAULT_CLIENT_SECRET=seva-dev-vault-desk \
  java ${DESK_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseParallelGC} $JFR_OPTS -jar desk-service/target/quarkus-app/quarkus-run.jar \
  >"$WORK/desk.log" 2>&1 &
DESK_PID=$!
PIDS+=($DESK_PID)
# Its migrations run at start, before it is ready.
wait_for 180 "desk-service" curl -sf "http://127.0.0.1:$DESK_PORT_BENCH/q/health/ready" || { tail -50 "$WORK/desk.log" >&2; exit 1; }

export PGPASSWORD=postgres
PSQL=(psql -X -q -h 127.0.0.1 -p $PG_PORT -U postgres -d desk)
SEED_START=$SECONDS
"${PSQL[@]}" -v open="$OPEN" -v others="$OTHERS" -f benchmarks/bin/desk-seed.sql >"$WORK/seed.out"
SEED_SECONDS=$((SECONDS - SEED_START))
# An experiment on the benchmark's own database only (e.g. an index the lead may want), never on desk-service's migrations.
EXPERIMENT=""
if [ -n "${DESK_BENCH_SQL:-}" ]; then
  "${PSQL[@]}" -v ON_ERROR_STOP=1 -f "$DESK_BENCH_SQL" >>"$WORK/seed.out"
  EXPERIMENT="$(grep -v '^--' "$DESK_BENCH_SQL" | tr '\n' ' ')"
fi

# CPU time (clock ticks) of each process of the run and of the whole machine at the measured window's edges:
# who used the 2 cores (the desk, PostgreSQL by kind of process, Kafka in the devstack JVM, Keycloak, everyone else).
ticks() { # pid [children]: user+system (+ reaped children's) ticks of the process
  local s; s="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo 0; return; }
  s="${s##*) }"; set -- $s
  echo $(( ${12} + ${13} + ${14} + ${15} ))
}
cpu_snapshot() { # -> "name ticks" lines
  local pm kc c line
  echo "machine $(awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat)"
  echo "desk-service $(ticks "$DESK_PID")"
  echo "vault-service $(ticks "$VAULT_PID")"
  echo "devstack-jvm(kafka) $(ticks "${PIDS[0]}")"
  kc="$(cat "$WORK/data/keycloak/server/keycloak.pid" 2>/dev/null || echo 0)"
  echo "keycloak $(ticks "$kc")"
  pm="$(head -1 "$(dirname "$(find "$WORK/data" -name postmaster.pid | head -1)")/postmaster.pid" 2>/dev/null || echo 0)"
  # The postmaster's own ticks include those of its children that ended (parallel workers, closed connections).
  echo "postgres:postmaster+ended $(ticks "$pm")"
  ps -o pid=,args= --ppid "$pm" 2>/dev/null | while read -r c line; do
    case "$line" in
      *walsender*) echo "postgres:walsender(outbox-relay) $(ticks "$c")" ;;
      *"postgres desk"*) echo "postgres:desk-connections $(ticks "$c")" ;;
      *) echo "postgres:background $(ticks "$c")" ;;
    esac
  done
}
LOAD_START="$(cat /proc/loadavg)"
java -Xmx256m -XX:+UseSerialGC -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.seva.benchmarks.desk.DeskBenchmark \
  --desk "http://127.0.0.1:$DESK_PORT_BENCH" --realm "http://127.0.0.1:$KC_PORT/realms/seva" --department apsrtc \
  --officers "$OFFICERS" --warmup-seconds "$WARMUP" --seconds "$SECONDS_MEASURED" --think-ms "$THINK" --open "$OPEN" \
  >"$WORK/bench.out" 2>"$WORK/bench.err" &
BENCH_PID=$!
PIDS+=($BENCH_PID)
# How the queue's table was read while measuring: sequential scans (and rows they read) against index scans.
SCANS_SQL="SELECT seq_scan, seq_tup_read, idx_scan, idx_tup_fetch, n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE relname = 'desk_application'"
wait_for $((WARMUP + 60)) "the measured window" grep -q "MEASURE START" "$WORK/bench.err" \
  && { cpu_snapshot >"$WORK/cpu.start"; "${PSQL[@]}" -At -F ' ' -c "$SCANS_SQL" >"$WORK/scans.start"; } || true
wait_for $((SECONDS_MEASURED + 60)) "the measured window's end" grep -q "MEASURE END" "$WORK/bench.err" \
  && { cpu_snapshot >"$WORK/cpu.end"; "${PSQL[@]}" -At -F ' ' -c "$SCANS_SQL" >"$WORK/scans.end"; } || true
wait "$BENCH_PID" || { cat "$WORK/bench.err" >&2; tail -50 "$WORK/desk.log" >&2; exit 1; }
LOAD_END="$(cat /proc/loadavg)"
CPU_TABLE="$(awk -v hz="$(getconf CLK_TCK)" -v secs="$SECONDS_MEASURED" '
  FNR == NR { a[$1] += $2; next } { b[$1] += $2; if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 } }
  END {
    total = b["machine"] - a["machine"]; ours = 0
    printf "| process | CPU s | cores |\n|---|---|---|\n"
    for (i = 1; i <= n; i++) { k = order[i]; if (k == "machine") continue; d = (b[k] - a[k]) / hz; ours += d
      printf "| %s | %.1f | %.2f |\n", k, d, d / secs }
    printf "| everything else on the machine (load generator, other engineers) | %.1f | %.2f |\n", total / hz - ours, (total / hz - ours) / secs
    printf "| machine (2 cores) | %.1f | %.2f |\n", total / hz, total / hz / secs
  }' "$WORK/cpu.start" "$WORK/cpu.end" 2>/dev/null || echo "(no CPU snapshot)")"

# The queue's queries as Hibernate sends them (the API's default page, its count, and the filters), with the
# data set in place and the run's audit rows written.
explain() { echo "-- $1"; "${PSQL[@]}" -c "EXPLAIN (ANALYZE, BUFFERS) $2"; }
{
  explain "queue, first page (page size 25)" "SELECT * FROM desk_application WHERE department_id='apsrtc' AND is_open=true ORDER BY due_date, reference LIMIT 25"
  explain "queue, its count" "SELECT count(*) FROM desk_application WHERE department_id='apsrtc' AND is_open=true"
  explain "queue, page 40" "SELECT * FROM desk_application WHERE department_id='apsrtc' AND is_open=true ORDER BY due_date, reference LIMIT 25 OFFSET 975"
  explain "queue, district filter" "SELECT * FROM desk_application WHERE department_id='apsrtc' AND is_open=true AND lower(district)='krishna' ORDER BY due_date, reference LIMIT 25"
  explain "queue, district filter count" "SELECT count(*) FROM desk_application WHERE department_id='apsrtc' AND is_open=true AND lower(district)='krishna'"
  explain "queue, assigned=me" "SELECT * FROM desk_application WHERE department_id='apsrtc' AND is_open=true AND assigned_to='officer.apsrtc' ORDER BY due_date, reference LIMIT 25"
  explain "queue, overdue count" "SELECT count(*) FROM desk_application WHERE department_id='apsrtc' AND is_open=true AND overdue=true"
  explain "service-level round" "SELECT * FROM desk_application WHERE is_open=true AND due_date < current_date AND (delay_told_until IS NULL OR delay_told_until < current_date) ORDER BY due_date LIMIT 200"
} >"$WORK/explain.out" 2>&1 || true

JFR_SUMMARY=""
if [ -n "${DESK_BENCH_JFR:-}" ]; then
  JFR_TOOL=jfr; [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr ] && JFR_TOOL=/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr
  jcmd "$DESK_PID" JFR.dump filename="$WORK/desk.jfr" >/dev/null 2>&1 || true
  JFR_SUMMARY="$( { "$JFR_TOOL" view --width 160 hot-methods "$WORK/desk.jfr"; "$JFR_TOOL" view --width 160 gc-pauses "$WORK/desk.jfr"; } 2>&1 | head -60 || true)"
fi

{
  echo "# Desk benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Command: \`benchmarks/bin/desk.sh $OFFICERS $SECONDS_MEASURED\` (DESK_BENCH_OPEN=$OPEN DESK_BENCH_OTHERS=$OTHERS DESK_BENCH_WARMUP=$WARMUP DESK_BENCH_THINK_MS=$THINK)."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "Co-located: Kafka + PostgreSQL 17 + Keycloak (devstack) + vault-service + desk-service (${DESK_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseParallelGC}${JFR_OPTS:+, JFR profile on}) + load generator."
  echo "Load average (1, 5, 15 min, runnable/total): before the devstack $LOAD_BEFORE; before the load $LOAD_START; after it $LOAD_END."
  [ -z "$EXPERIMENT" ] || echo "Experiment applied to the benchmark's database before the load: \`$EXPERIMENT\`"
  echo "Data set (seeded in ${SEED_SECONDS}s):"
  echo '```'
  cat "$WORK/seed.out"
  echo '```'
  echo
  cat "$WORK/bench.out"
  echo
  echo "CPU while measuring (from /proc, ${SECONDS_MEASURED} s):"
  echo
  echo "$CPU_TABLE"
  echo
  if [ -s "$WORK/scans.start" ] && [ -s "$WORK/scans.end" ]; then
    paste -d ' ' "$WORK/scans.start" "$WORK/scans.end" | awk '{printf "desk_application while measuring (pg_stat_user_tables): %d sequential scans reading %d rows, %d index scans fetching %d rows; %d rows inserted, %d updated.\n", $7-$1, $8-$2, $9-$3, $10-$4, $11-$5, $12-$6}'
    echo
  fi
  echo "Desk metrics after the run:"
  echo '```'
  curl -s "http://127.0.0.1:$DESK_PORT_BENCH/q/metrics" | grep -E '^(http_server_requests_seconds_(count|max)\{.*(queue|applications)|jvm_gc_pause_seconds_(count|sum)|process_cpu_usage|hikaricp|vertx_sql)' \
    | sed 's/ # {.*//' | head -40 || true
  echo '```'
  echo
  echo "EXPLAIN ANALYZE after the run:"
  echo '```'
  cat "$WORK/explain.out"
  echo '```'
  if [ -n "$JFR_SUMMARY" ]; then
    echo
    echo "JFR (desk-service, whole run):"
    echo '```'
    echo "$JFR_SUMMARY"
    echo '```'
  fi
} >"$OUT"
cat "$OUT"
echo "Written: $OUT"
