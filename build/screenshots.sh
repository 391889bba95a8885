#!/usr/bin/env bash
# Takes the screenshots of the console shown in the README (docs/screenshots/*.png) on a virtual X display:
# opens the console on the example network with its traffic mix, waits for reservations, and snapshots the main
# views. Needs xvfb-run (apt-get install xvfb xauth libgtk-3-0).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl engine,persistence -DskipTests -Dcheckstyle.skip install
xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -q -pl ui test -Dcheckstyle.skip -Dtest=ScreenshotTour \
    -Dsurefire.failIfNoSpecifiedTests=false -Dscreenshots="$PWD/docs/screenshots"
ls -l docs/screenshots
