#!/usr/bin/env bash
# The console's pulse benchmark (docs/BENCHMARKS.md): the real engine on a generated 200-router network with
# ~10,000 reservations and ~1,000 events/s on its own thread, the real console window under Xvfb, real pulses.
# Usage: build/pulse-benchmark.sh [routers sessions calls/s refresh-s warmup-s measure-s] (defaults 200 2500 3 45 30 60)
# BENCHMARK_JFR=/tmp/p.jfr records the measured part with JFR. Needs xvfb-run. Prints the report; the JavaFX
# window and the engine run in Maven's test JVM (its memory is the console's).
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS="${*:-200 2500 3 45 30 60}"
xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -q -o -pl ui -am test -Dcheckstyle.skip -Dfuzz.enabled=false \
    -Dtest=PulseBenchmarkRun -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark="$ARGS" \
    ${BENCHMARK_JFR:+-Dbenchmark.jfr="$BENCHMARK_JFR"} \
    2>&1 | grep -v -e '^WARNING: Unsupported JavaFX' -e 'PlatformImpl startup'
