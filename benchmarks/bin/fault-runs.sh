#!/usr/bin/env bash
# Every fault run of the platform benchmark, one after the other, at one load:
#   benchmarks/bin/fault-runs.sh <journeys-per-second> [seconds] [fault-at]
# Each: ./seva up on side ports, warm-up, load for <seconds> with the fault injected <fault-at> s in,
# then the exactly-once checks. Reports in benchmarks/results/fault-*.md (+ .png).
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE="${1:?journeys per second}"; SECONDS_OF_LOAD="${2:-120}"; AT="${3:-40}"
FAULTS="${FAULTS:-kill:conversation-service kill:notification-service kill:gateway-service kafka postgres meta-5xx meta-429 kill:document-service kill:catalogue-service kill:department-revenue}"
for fault in $FAULTS; do
  name="fault-${fault/:/-}"
  echo "=== $name"
  benchmarks/bin/platform.sh "$name" "$RATE:$SECONDS_OF_LOAD" "$fault" "$AT" > "/tmp/$name.log" 2>&1 || echo "$name: exit $?"
  sed -n '/^# /,$p' "/tmp/$name.log" | grep -v "^\[" | head -30
done
