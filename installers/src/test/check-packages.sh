#!/usr/bin/env bash
# Checks what `mvn -Pinstallers verify` built (run by the installers module in its verify phase):
# the app image runs on its own jlink runtime; the .deb holds the console launcher with a desktop entry and the
# daemon as a systemd unit granted CAP_NET_RAW; as root with apt, the .deb is installed for real (the launcher's
# --version and the daemon launcher's --help run) and removed again.
set -euo pipefail

target="$1"      # installers/target
version="$2"     # project version, e.g. 0.1.0-SNAPSHOT
image="$target/image/rsvp-console"
failures=0
fail() { echo "check-packages: FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "check-packages: ok: $*"; }

# --- app image --------------------------------------------------------------------------------------------------
[ -x "$image/bin/rsvp-console" ] || { echo "check-packages: FAIL: no app image at $image" >&2; exit 1; }
out="$("$image/bin/rsvp-console" --version 2>&1)" || fail "app image launcher --version exited $?"
grep -q "rsvp-console $version" <<<"$out" || fail "app image --version printed '$out', expected 'rsvp-console $version'"
grep -q "$image/lib/runtime" <<<"$out" || fail "app image does not run on its own runtime: '$out'"
grep -q '^JAVA_VERSION="25' "$image/lib/runtime/release" || fail "runtime is not Java 25"
if grep -q 'jdk.compiler\|jdk.jshell' "$image/lib/runtime/release"; then fail "runtime carries JDK tools"; fi
[ -x "$image/bin/daemon" ] || fail "no daemon launcher in the app image"
grep -qx 'arguments=daemon' "$image/lib/app/daemon.cfg" 2>/dev/null \
    || grep -q 'daemon' "$image/lib/app/daemon.cfg" || fail "daemon launcher does not run the daemon command"
# The daemon's --help, run as the unit runs it ("daemon daemon ..."): jpackage drops the launcher's default
# argument as soon as any are given, so a bare "bin/daemon --help" is the top-level help.
daemon_help() {
    local out
    out="$("$1" daemon --help 2>&1)" || { fail "$1 daemon --help exited $?"; return; }
    for opt in 'Usage: rsvp-console daemon' --config --socket --udp --db; do
        grep -q -- "$opt" <<<"$out" || fail "$1 daemon --help does not name '$opt': $out"
    done
}
daemon_help "$image/bin/daemon"
ok "app image: $(du -sh "$image" | cut -f1), runtime $(sed -n 's/^JAVA_VERSION=//p' "$image/lib/runtime/release")"

# --- .deb -------------------------------------------------------------------------------------------------------
if ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "check-packages: SKIPPED the .deb checks: dpkg-deb is not installed (no .deb is built without it)"
    exit $((failures > 0))
fi
deb="$(ls "$target"/dist/rsvp-console_*.deb 2>/dev/null | head -n 1 || true)"
[ -n "$deb" ] || { echo "check-packages: FAIL: no .deb in $target/dist" >&2; exit 1; }
[ "$(dpkg-deb -f "$deb" Package)" = rsvp-console ] || fail "package name is not rsvp-console"
listing="$(dpkg-deb -c "$deb" | awk '{print $6}')"
for f in ./opt/rsvp-console/bin/rsvp-console ./opt/rsvp-console/bin/daemon \
         ./lib/systemd/system/rsvp-console-daemon.service ./opt/rsvp-console/lib/rsvp-console-rsvp-console.desktop; do
    grep -qx "$f" <<<"$listing" || fail "the .deb lacks $f"
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dpkg-deb -R "$deb" "$work/root"
unit="$work/root/lib/systemd/system/rsvp-console-daemon.service"
grep -qx 'AmbientCapabilities=CAP_NET_RAW' "$unit" || fail "the unit does not grant CAP_NET_RAW"
grep -qx 'ExecStart=/opt/rsvp-console/bin/daemon daemon --config /etc/rsvp-console/daemon.yaml' "$unit" \
    || fail "the unit's ExecStart is wrong: $(grep ExecStart "$unit")"
grep -q 'xdg-desktop-menu install /opt/rsvp-console/lib/rsvp-console-rsvp-console.desktop' \
    "$work/root/DEBIAN/postinst" || fail "postinst does not install the desktop entry"
grep -q 'Exec=/opt/rsvp-console/bin/rsvp-console' \
    "$work/root/opt/rsvp-console/lib/rsvp-console-rsvp-console.desktop" || fail "desktop entry runs the wrong thing"
daemon_entry="$work/root/opt/rsvp-console/lib/rsvp-console-daemon.desktop"
if [ -f "$daemon_entry" ] && ! grep -qx 'NoDisplay=true' "$daemon_entry"; then
    fail "the daemon's desktop entry must stay out of the menus (NoDisplay=true)"
fi
ok "deb: $(basename "$deb") $(du -h "$deb" | cut -f1)"

# --- a real install, where we may ---------------------------------------------------------------------------------
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1 || [ -n "${RSVP_NO_INSTALL_TEST:-}" ]; then
    echo "check-packages: SKIPPED the install test (needs root and apt-get; RSVP_NO_INSTALL_TEST unset)"
    exit $((failures > 0))
fi
export DEBIAN_FRONTEND=noninteractive
before=$failures
# xdg-desktop-menu installs entries only where a desktop's menu directories exist: stand in for a desktop.
made_dirs=()
for d in /usr/share/applications /usr/share/desktop-directories; do
    if [ ! -d "$d" ]; then mkdir -p "$d" && made_dirs+=("$d"); fi
done
cp "$deb" "$work/pkg.deb"
apt-get install -y -q "$work/pkg.deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get install failed"; }
if [ -x /usr/bin/rsvp-console ]; then
    out="$(/usr/bin/rsvp-console --version 2>&1)" || fail "installed rsvp-console --version exited $?"
    grep -q "rsvp-console $version" <<<"$out" || fail "installed --version printed '$out'"
else
    fail "/usr/bin/rsvp-console missing after install"
fi
if [ -x /opt/rsvp-console/bin/daemon ]; then
    daemon_help /opt/rsvp-console/bin/daemon
else
    fail "/opt/rsvp-console/bin/daemon (the unit's ExecStart) missing after install"
fi
[ -f /lib/systemd/system/rsvp-console-daemon.service ] || fail "unit not installed"
ls /usr/share/applications/*rsvp-console*.desktop >/dev/null 2>&1 || fail "no desktop entry installed"
apt-get purge -y -q rsvp-console >>"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get purge failed"; }
[ ! -e /usr/bin/rsvp-console ] || fail "/usr/bin/rsvp-console left after remove"
[ ! -e /opt/rsvp-console/bin/rsvp-console ] || fail "/opt/rsvp-console left after remove"
for d in "${made_dirs[@]}"; do rmdir "$d" 2>/dev/null || true; done
[ "$failures" -eq "$before" ] && ok "installed with apt-get, ran /usr/bin/rsvp-console --version and the daemon's --help, removed"

exit $((failures > 0))
