#!/usr/bin/env bash
# Every fault run of the platform benchmark, one after the other, at one load:
#   benchmarks/bin/fault-runs.sh <journeys-per-second> [seconds] [fault-at]
# Each: ./seva up on side ports, warm-up, load for <seconds> with the fault injected <fault-at> s into the measured load,
# then the exactly-once checks. Reports in benchmarks/results/fault-*.md (+ .png).
#   FAULTS="kafka postgres"   the faults to run (default: the platform's list below)
#   FAULTS=payments           the payment faults (issue 17), PAYMENT_FAULTS:
#     kill:payment-service    kill -9 of payment-service while citizens pay
#     razorpay-down           the gateway down for FAULT_SECONDS (60): API calls answer 503, webhooks held until it is back
#     razorpay-lost           no Razorpay webhook for 60 s: with the mix's no_webhook, lost to both webhooks
#     razorpay-doubled        every Razorpay webhook twice for 60 s, with the mix's duplicate_webhook
#   Every payment run uses the mixed outcomes PAYMENT_OUTCOMES (default success:70,no_webhook:10,duplicate_webhook:10,late_webhook:10)
#   and a quick reconciliation (PAYMENT_RECONCILE_AFTER=20s, PAYMENT_RECONCILE_EVERY=5s, PAYMENT_RECONCILE_FIRST=5s), and
#   ends with the ledger check. E.g. FAULTS=payments benchmarks/bin/fault-runs.sh 1 120 40
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE="${1:?journeys per second}"; SECONDS_OF_LOAD="${2:-120}"; AT="${3:-40}"
PLATFORM_FAULTS="kill:conversation-service kill:notification-service kill:gateway-service kafka postgres meta-5xx meta-429 kill:document-service kill:catalogue-service kill:department-revenue"
PAYMENT_FAULTS="kill:payment-service razorpay-down razorpay-lost razorpay-doubled"
if [ -n "${FAULTS+set}" ] && [ -z "$FAULTS" ]; then
  # FAULTS="$PAYMENT_FAULTS" typed in a shell where PAYMENT_FAULTS is not set: refuse rather than run the other list.
  echo "FAULTS is empty. Name the faults, or FAULTS=payments for: $PAYMENT_FAULTS" >&2
  exit 2
fi
FAULTS="${FAULTS:-$PLATFORM_FAULTS}"
if [ "$FAULTS" = payments ] || [ "$FAULTS" = "$PAYMENT_FAULTS" ]; then
  FAULTS="$PAYMENT_FAULTS"
  export PAYMENT_OUTCOMES="${PAYMENT_OUTCOMES:-success:70,no_webhook:10,duplicate_webhook:10,late_webhook:10}"
  export PAYMENT_RECONCILE_AFTER="${PAYMENT_RECONCILE_AFTER:-20s}" PAYMENT_RECONCILE_EVERY="${PAYMENT_RECONCILE_EVERY:-5s}"
  export PAYMENT_RECONCILE_FIRST="${PAYMENT_RECONCILE_FIRST:-5s}"
  # A payment lost to both webhooks waits for the round: 20 s old, then within 5 s. 4 minutes of drain covers it many times.
  export DRAIN_MINUTES="${DRAIN_MINUTES:-4}"
fi
for fault in $FAULTS; do
  name="fault-${fault/:/-}"
  echo "=== $name"
  benchmarks/bin/platform.sh "$name" "$RATE:$SECONDS_OF_LOAD" "$fault" "$AT" > "/tmp/$name.log" 2>&1 || echo "$name: exit $?"
  sed -n '/^# /,$p' "/tmp/$name.log" | grep -v "^\[" | head -30
  grep -E "^\*\*Ledger check" "/tmp/$name.log" || true
done
