#!/usr/bin/env bash
# Takes the screenshots of the console shown in the README (docs/screenshots/*.png) on a virtual X display:
# opens the console on the example network with its traffic mix, waits for reservations, and snapshots the main
# views. Needs xvfb-run (apt-get install xvfb xauth libgtk-3-0). Builds engine and persistence in the same reactor
# (-am), so nothing is installed into the local Maven repository.
set -euo pipefail
cd "$(dirname "$0")/.."
xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -q -pl ui -am test -Dcheckstyle.skip -Dtest=ScreenshotTour,ReplayScreenshot,LspScreenshot,AggregateScreenshot \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.enabled=false -Dtestfx.setup.timeout=120000 -Dscreenshots="$PWD/docs/screenshots" "$@"
ls -l docs/screenshots
