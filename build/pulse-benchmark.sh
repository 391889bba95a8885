#!/usr/bin/env bash
# The console's pulse benchmark (docs/BENCHMARKS.md): a generated 200-router network with 10,000 reservations and
# 1,000 events/s on its own thread, the real console window under Xvfb, real JavaFX pulses measured.
# Usage: build/pulse-benchmark.sh [routers reservations events/s warmup-s measure-s] (defaults 200 10000 1000 15 60)
# Needs xvfb-run. Prints the report; the JavaFX window runs in Maven's test JVM (its memory is the console's).
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS="${*:-200 10000 1000 15 60}"
xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -q -o -pl ui -am test -Dcheckstyle.skip -Dfuzz.enabled=false \
    -Dtest=PulseBenchmarkRun -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark="$ARGS" \
    2>&1 | grep -v -e '^WARNING: Unsupported JavaFX' -e 'PlatformImpl startup'
