# shellcheck shell=bash
# Finding a JDK 25+ without JAVA_HOME: sourced by ./rsvp-console and the build/ scripts (one home for the search).
# Defines java_major BIN and find_java (prints the java binary, or returns 1). Reads NEEDED_MAJOR (default 25) and
# RSVP_CONSOLE_JDK_DIRS (colon-separated directories holding JDKs, searched instead of the usual places).

: "${NEEDED_MAJOR:=25}"

# Prints the major version of the java binary $1 (reads the JDK's release file when there is one: no JVM start).
java_major() {
    local bin="$1" home version=""
    home="$(dirname "$(dirname "$bin")")"
    if [ -r "$home/release" ]; then
        version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)"
    fi
    if [ -z "$version" ]; then
        version="$("$bin" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')"
    fi
    version="${version%%[!0-9]*}"
    printf '%s' "${version:-0}"
}

find_java() {
    local best="" best_major=0 candidate major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        major="$(java_major "$JAVA_HOME/bin/java")"
        if [ "$major" -ge "$NEEDED_MAJOR" ]; then
            printf '%s' "$JAVA_HOME/bin/java"
            return 0
        fi
    fi
    # The usual install places: Linux packages, tarballs, SDKMAN, IntelliJ downloads, macOS.
    local -a candidates=()
    if [ -n "${RSVP_CONSOLE_JDK_DIRS:-}" ]; then
        local d
        local -a dirs
        IFS=: read -r -a dirs <<<"$RSVP_CONSOLE_JDK_DIRS"
        for d in "${dirs[@]}"; do
            candidates+=("$d"/*/bin/java)
        done
    else
        candidates=(/usr/lib/jvm/*/bin/java /usr/java/*/bin/java /usr/local/java/*/bin/java /opt/java/*/bin/java
            /opt/jdk*/bin/java /opt/*/jdk*/bin/java "${HOME:-/nonexistent}"/.sdkman/candidates/java/*/bin/java
            "${HOME:-/nonexistent}"/.jdks/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java)
    fi
    for candidate in "${candidates[@]}"; do
        [ -x "$candidate" ] || continue
        major="$(java_major "$candidate")"
        if [ "$major" -ge "$NEEDED_MAJOR" ] && [ "$major" -gt "$best_major" ]; then
            best="$candidate"
            best_major="$major"
        fi
    done
    if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
        candidate="$(command -v java)"
        major="$(java_major "$(readlink -f "$candidate" 2>/dev/null || printf '%s' "$candidate")")"
        if [ "$major" -ge "$NEEDED_MAJOR" ]; then
            best="$candidate"
        fi
    fi
    [ -n "$best" ] || return 1
    printf '%s' "$best"
}

