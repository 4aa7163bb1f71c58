#!/usr/bin/env bash
# Resident memory of a running local stack (bin/run-local): every process it started, and its PostgreSQL.
# PSS counts a shared page once, divided among the processes sharing it (PostgreSQL's backends share its
# buffers, so their RSS added up counts those buffers once per backend); RSS is printed beside it.
set -euo pipefail

descendants() {
    echo "$1"
    local child
    for child in $(ps -o pid= --ppid "$1" 2>/dev/null || true); do descendants "$child"; done
}

row() { # pid label
    local rollup=/proc/$1/smaps_rollup
    [ -r "$rollup" ] || return 0
    awk -v pid="$1" -v label="$2" '/^Rss:/{r=$2} /^Pss:/{p=$2} END {printf "%8d %10d %10d  %s\n", pid, r, p, label}' "$rollup"
}

launcher=$(pgrep -f -- '-jar .*devstack-[^ ]*-exec\.jar' | head -1 || true)
[ -n "$launcher" ] || { echo "stack-memory: no local stack runs here (start bin/run-local first)" >&2; exit 1; }
postmaster=$(head -1 "$(readlink -f "/proc/$launcher/cwd")/.local/postgres/postmaster.pid" 2>/dev/null || true)

echo "     pid    rss KiB    pss KiB  process"
{
    for pid in $(descendants "$launcher"); do
        args=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)
        label=$(grep -o '[a-z-]*-[0-9.]*-SNAPSHOT-exec\.jar\|kc\.home\.dir' <<<"$args" | head -1 || true)
        [ "$label" = kc.home.dir ] && label=keycloak
        row "$pid" "${label:-${args:0:60}}"
    done
    # Keycloak outlives its start script, so it is no child of the launcher: it runs in an instance folder
    # named after the launcher's pid.
    for pid in $(pgrep -f -- '-Dkc\.home\.dir' || true); do
        case "$(readlink -f "/proc/$pid/cwd" 2>/dev/null)" in
            */keycloak-instances/"$launcher"-*) row "$pid" keycloak ;;
        esac
    done
    if [ -n "$postmaster" ]; then
        for pid in $(descendants "$postmaster"); do row "$pid" postgresql; done
    fi
} | tee /tmp/stack-memory.$$ | awk '$4 != "postgresql"'
awk '$4 == "postgresql" {n++; r+=$2; p+=$3} END {printf "%8s %10d %10d  postgresql (%d processes)\n", "", r, p, n}' /tmp/stack-memory.$$
awk '{r+=$2; p+=$3} END {printf "total: %.0f MiB resident by PSS (%.0f MiB by RSS added up)\n", p/1024, r/1024}' /tmp/stack-memory.$$
rm -f /tmp/stack-memory.$$
