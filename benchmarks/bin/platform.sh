#!/usr/bin/env bash
# The whole platform under load and faults (issue: end-to-end load and fault benchmark).
#   benchmarks/bin/platform.sh <name> <ramp> [fault] [fault-at-seconds]
#   ramp: journeys per second : seconds, comma-separated steps, e.g. "1:60,2:60,4:60"
#     (MIX=chat: citizen messages per second : seconds; onboarding, then ROUNDS=5 rounds of menu, search, status,
#     THINK_MS=500 between a reply and the next message)
#   WARMUP_RATE: the warm-up's rate (journeys/s, or citizen messages/s with MIX=chat; default 1 journey/s, 13 msg/s)
#   JFR_DIR=<dir>: a 60 s JFR profile of every service JVM from the first measured arrival
#   IDLE_SECONDS=30: the idle cost is measured after the warm-up; CPU per citizen message per process is in the report
#   fault: none | kill:<process> (e.g. kill:payment-service) | kafka | postgres | meta-5xx | meta-429
#          | razorpay-down | razorpay-lost | razorpay-doubled (issue 17; FAULT_SECONDS=60 long, played by the Razorpay stand-in:
#            down = every API call answers 503 and webhooks wait until it is back; lost = no Razorpay
#            webhook; doubled = every Razorpay webhook twice). fault-at counts from the first measured arrival.
# Payments (issue 17; every journey pays its fee unless PAYMENTS_ENABLED=false):
#   PAYMENT_OUTCOMES=success:70,no_webhook:10,duplicate_webhook:10,late_webhook:10  each citizen's outcome, drawn from this mix
#     (weights; success failure pending no_webhook late_webhook duplicate_webhook; PAYMENT_SEED=17 makes it reproducible).
#     no_webhook = WhatsApp's payment webhook lost, duplicate_webhook = doubled, late_webhook = 300 ms late.
#   RAZORPAY_WEBHOOK_FAULT=none|drop|duplicate|reorder|failed_before_captured  Razorpay's webhooks for the whole run.
#   PAYMENT_RECONCILE_AFTER / PAYMENT_RECONCILE_EVERY / PAYMENT_RECONCILE_FIRST  passed to payment-service when set (its
#     defaults: 10m / 1m / 30s). A lost webhook is found only by the reconciliation: for no_webhook or razorpay-* in a short
#     run set e.g. PAYMENT_RECONCILE_AFTER=20s PAYMENT_RECONCILE_EVERY=5s PAYMENT_RECONCILE_FIRST=5s, and DRAIN_MINUTES
#     well above the reconcile-after (with the defaults, DRAIN_MINUTES=12).
#   MIX=payments: ramp in payments/s. The citizens the ramp needs (sum of rate x seconds) first walk the journey to the
#     payment request at SETUP_RATE=5 journeys/s (not measured, at most SETUP_MINUTES=60), then pay at the ramp's rate.
#   AFTER_PAYMENT_REPLIES=5: replies a captured payment brings (order completed, receipt, accepted, approved, certificate);
#     with REVENUE_APPROVE_AFTER=1h the department decides after the run: 3.
#   Every run with payments ends with the payment latency (webhook to order_status) and the ledger check (PASS/FAIL).
#   WARMUP=60 (seconds at 1 journey/s before measuring: ten JVMs compiling on two cores), DRAIN_MINUTES=4,
#   CONVERSATION_INSTANCES=1|2|4 and CONVERSATION_CONSUMERS=<threads per instance> for the scaling runs
# Starts the platform with ./seva up on side ports (vault-service included) (own state directory, Meta played by the load
# generator's embedded Graph API stand-in), runs the load, stops everything. Report and plot in
# benchmarks/results/<name>-<time>.{md,png}.
set -euo pipefail
cd "$(dirname "$0")/../.."
NAME="${1:-platform}"; RAMP="${2:-1:60}"; FAULT="${3:-none}"; FAULT_AT="${4:-30}"
HOME_DIR="$(mktemp -d /tmp/seva-load.XXXXXX)"
export SEVA_HOME="$HOME_DIR"
export GATEWAY_PORT=38081 CONVERSATION_PORT=38082 CATALOGUE_PORT=38083 DOCUMENT_PORT=38084 NOTIFICATION_PORT=38085
export SIMULATOR_PORT=38090 DEPARTMENT_PORT=38091 DEVSTACK_KAFKA_PORT=39092 DEVSTACK_KAFKA_CONTROLLER_PORT=39093
export DEVSTACK_POSTGRES_PORT=35432 DEVSTACK_CONTROL_PORT=39099
# The desk and Keycloak too: a run beside a local ./seva up must not meet it on 8086 or 8180.
export DESK_PORT=38086 DEVSTACK_KEYCLOAK_PORT=38180
# vault-service (issue 15): ./seva starts it first, with the local run's clients, HSM PINs and a SoftHSM2 token in SEVA_HOME.
export VAULT_PORT=38087
# payment-service (issue 17): WhatsApp's payment look-up and Razorpay are the load generator's stand-in too. No payment
# links in the load: whether the link's message comes before or after a fast citizen's payment is a race, and each
# journey's replies are counted exactly.
export PAYMENT_PORT=38088 RAZORPAY_API_URL="http://127.0.0.1:38190/razorpay/v1" PAYMENT_LINKS_ENABLED=false
export SIMULATOR_RAZORPAY_WEBHOOK_URL="http://127.0.0.1:38088/webhooks/razorpay"
# conversation-service's own vault key before vault-service (./seva no longer sets it); harmless once it no longer reads it.
export AADHAAR_VAULT_KEYS="${AADHAAR_VAULT_KEYS:-dev1:c2V2YS1kZXZlbG9wbWVudC1hYWRoYWFyLXZhdWx0LTE=}"
export WHATSAPP_API_BASE_URL="http://127.0.0.1:38190"          # the load generator's stand-in
export WHATSAPP_THROUGHPUT_PER_SECOND=1000 REVENUE_APPROVE_AFTER="${REVENUE_APPROVE_AFTER:-1s}" REVENUE_ACCEPT_AFTER="${REVENUE_ACCEPT_AFTER:-200ms}"
# payment-service's reconciliation, only when asked (./seva passes the environment on; unset: the service's defaults).
for v in PAYMENT_RECONCILE_AFTER PAYMENT_RECONCILE_EVERY PAYMENT_RECONCILE_FIRST; do
  if [ -n "${!v:-}" ]; then export "$v"; fi
done
export SEVA_JAVA_OPTS="${SEVA_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}"
[ -f benchmarks/target/benchmarks.jar ] || ./mvnw -q -B install -DskipTests
./seva up > "$HOME_DIR/up.log" 2>&1 &
UP=$!
trap 'kill -TERM $UP 2>/dev/null; wait $UP 2>/dev/null; rm -rf "$HOME_DIR"' EXIT
until grep -q "Seva is up" "$HOME_DIR/up.log"; do
  kill -0 $UP 2>/dev/null || { cat "$HOME_DIR/up.log"; exit 1; }
  sleep 1
done
java -Xmx1g -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.seva.benchmarks.PlatformLoad \
  --name "$NAME" --ramp "$RAMP" --fault "$FAULT" --fault-at "$FAULT_AT" --seva-home "$HOME_DIR" \
  --gateway http://127.0.0.1:38081/webhook --catalogue http://127.0.0.1:38083 --bootstrap 127.0.0.1:39092 \
  --stand-in-port 38190 --postgres "jdbc:postgresql://127.0.0.1:${DEVSTACK_POSTGRES_PORT}/" --secret seva-dev-app-secret --token seva-dev-access-token \
  --warmup "${WARMUP:-60}" --drain-minutes "${DRAIN_MINUTES:-4}" --mix "${MIX:-journey}" --rounds "${ROUNDS:-5}" \
  --idle-seconds "${IDLE_SECONDS:-30}" ${THINK_MS:+--think-ms "$THINK_MS"} ${JFR_DIR:+--jfr "$JFR_DIR"} ${WARMUP_RATE:+--warmup-rate "$WARMUP_RATE"} \
  --payment-outcomes "${PAYMENT_OUTCOMES:-success}" --payment-seed "${PAYMENT_SEED:-17}" \
  --razorpay-webhook-fault "${RAZORPAY_WEBHOOK_FAULT:-none}" --fault-seconds "${FAULT_SECONDS:-60}" \
  --setup-rate "${SETUP_RATE:-5}" --setup-minutes "${SETUP_MINUTES:-60}" --after-payment-replies "${AFTER_PAYMENT_REPLIES:-5}"
