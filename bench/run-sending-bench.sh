#!/bin/sh
# The sending benchmarks in one command, each against the Graph API stand-in with Meta's latency
# (BenchSupport.StubGraph, 250 ms mean, 150-400 ms), the service on PostgreSQL + Redis, one at a time under
# /tmp/datacare-bench.lock (API sends to new numbers, and replies in open conversations). Each prints its SUMMARY
# line and writes bench/results/<date>-campaign|outbound.json|md.
# Each SUMMARY carries CPU per message (JVM and PostgreSQL), heap and RSS peaks and the load average at its end.
#   RECIPIENTS (20000)  MESSAGES (5000)  LATENCY ("250,150,400"; "0" answers at once)  ZERO_TOO (1: repeat at 0 ms)
#   PROFILE (1: JFR recordings per run in $LOG/<name>-jfr/, one file per JVM, so the build's second test JVM does
#   not overwrite the benchmark's; read them with `jfr print --events jdk.ExecutionSample`)
set -eu
cd "$(dirname "$0")/.."
RECIPIENTS=${RECIPIENTS:-20000}
MESSAGES=${MESSAGES:-5000}
LATENCY=${LATENCY:-250,150,400}
ZERO_TOO=${ZERO_TOO:-0}
PROFILE=${PROFILE:-0}
RESULTS=${RESULTS:-$(pwd)/bench/results}
LOG=${LOG:-/tmp/sending-bench.$$}
mkdir -p "$LOG"
echo "logs in $LOG"

bench() { # name, test class, extra -D options
    name=$1; shift; test=$1; shift
    if [ "$PROFILE" = 1 ]; then
        mkdir -p "$LOG/$name-jfr"
        set -- "$@" "-DargLine=-XX:StartFlightRecording=filename=$LOG/$name-jfr/,settings=profile,dumponexit=true"
    fi
    echo "== $name (load average $(cut -d' ' -f1-3 /proc/loadavg) while waiting for the lock)"
    flock /tmp/datacare-bench.lock ./mvnw -o -B -pl app -am test -Dtest="$test" -Dbench=true \
        -Dbench.results="$RESULTS" -Dsurefire.failIfNoSpecifiedTests=false "$@" > "$LOG/$name.log" 2>&1 || true
    grep '^SUMMARY' "$LOG/$name.log" || echo "SUMMARY $name FAILED (see $LOG/$name.log)"
}

for latency in "$LATENCY" $( [ "$ZERO_TOO" = 1 ] && echo 0 ); do
    tag=$(echo "$latency" | tr ',' '-')
    bench "campaign-1000-$tag" CampaignBench -Dbench.recipients="$RECIPIENTS" -Dbench.rate=1000 \
        -Dbench.graph-latency="$latency" -Dbench.timeout-minutes=20
    bench "campaign-80-$tag" CampaignBench -Dbench.recipients="$RECIPIENTS" -Dbench.rate=80 -Dbench.reserved=0.0 \
        -Dbench.replies=0 -Dbench.graph-latency="$latency" -Dbench.timeout-minutes=20
    bench "outbound-1000-$tag" OutboundBench -Dbench.messages="$MESSAGES" -Dbench.clients=32 -Dbench.rate=1000 \
        -Dbench.graph-latency="$latency" -Dbench.timeout-minutes=20
    bench "outbound-open-1000-$tag" OutboundBench -Dbench.messages="$MESSAGES" -Dbench.clients=32 -Dbench.rate=1000 \
        -Dbench.open-conversations=true -Dbench.graph-latency="$latency" -Dbench.timeout-minutes=20
done
