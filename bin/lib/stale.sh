# shellcheck shell=bash
# Whether a built jar is older than the sources it is built from, so that bin/run-local and bin/bench rebuild after a
# `git pull` or an edit instead of running yesterday's code.

# chainbreaker_stale ROOT JAR: true (0) when JAR is missing, or when any pom.xml of the project or any file under a
# module's src/ is newer than JAR. Every module counts, not only the jar's own: a service's jar embeds platform and
# proto, and a pom change may change what goes into any jar.
chainbreaker_stale() {
    local root=$1 jar=$2
    [ -f "$jar" ] || return 0
    local newer
    newer=$(find "$root" -maxdepth 1 -name pom.xml -newer "$jar" -print -quit)
    [ -n "$newer" ] && return 0
    newer=$(find "$root" -mindepth 2 -maxdepth 2 -name pom.xml -newer "$jar" -print -quit)
    [ -n "$newer" ] && return 0
    local src
    for src in "$root"/*/src; do
        [ -d "$src" ] || continue
        newer=$(find "$src" -type f -newer "$jar" -print -quit)
        [ -n "$newer" ] && return 0
    done
    return 1
}
