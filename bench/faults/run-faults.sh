#!/usr/bin/env bash
# Runs the fault tests one after the other and prints one SUMMARY line per test.
# usage: bench/faults/run-faults.sh [crash duplicates postgres-outage redis-outage graph-faults two-instances]
#        (no names: all of them). Exit code 0 only if every test passed.
# Every test's own tunables are listed at the top of bench/faults/<name>.sh; common ones in bench/faults/lib.sh.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ALL=(crash duplicates postgres-outage redis-outage graph-faults two-instances)
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n 2,5p "$0"; exit 0; fi
NAMES=("$@")
[ ${#NAMES[@]} -gt 0 ] || NAMES=("${ALL[@]}")
for n in "${NAMES[@]}"; do
  [ -x "$HERE/$n.sh" ] || { echo "unknown fault test '$n' (known: ${ALL[*]})" >&2; exit 2; }
done
SUMMARIES=()
FAILED=0
for n in "${NAMES[@]}"; do
  echo "==== fault test $n ($(date -u +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg))"
  out="$(mktemp)"
  "$HERE/$n.sh" 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  s="$(grep "^SUMMARY $n " "$out" | tail -1)"
  [ -n "$s" ] || s="SUMMARY $n FAIL (exit code $rc, no summary)"
  [ "$rc" = 0 ] && [[ "$s" == *" PASS "* ]] || FAILED=$((FAILED + 1))
  SUMMARIES+=("$s")
  rm -f "$out"
done
echo
echo "==== fault tests: $(( ${#NAMES[@]} - FAILED )) of ${#NAMES[@]} passed"
printf '%s\n' "${SUMMARIES[@]}"
[ "$FAILED" = 0 ]
