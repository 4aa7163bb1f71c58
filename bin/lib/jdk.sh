# shellcheck shell=bash
# Sourced by bin/test and bin/run-local: selects a JDK 21 or newer and exports JAVA_HOME and PATH.
#
# Order: $JAVA_HOME if it is 21+; else the newest 21+ JDK under /usr/lib/jvm, /opt/java, /usr/local/java,
# /opt, ~/.sdkman/candidates/java, ~/.jdks, /Library/Java/JavaVirtualMachines; else `java` on PATH if 21+.

CHAINBREAKER_MIN_JAVA=21

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
chainbreaker_jdk_major() {
    local home=$1 line version
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    line=$("$home/bin/java" -version 2>&1 | head -n 1) || return 0
    version=$(printf '%s\n' "$line" | sed -nE 's/.*version "([0-9]+)(\.[0-9]+)*.*".*/\1/p')
    if [ "$version" = 1 ]; then
        version=$(printf '%s\n' "$line" | sed -nE 's/.*version "1\.([0-9]+).*/\1/p')
    fi
    printf '%s' "$version"
}

chainbreaker_select_jdk() {
    local best="" best_major=0 candidate major java_on_path
    if [ -n "${JAVA_HOME:-}" ]; then
        major=$(chainbreaker_jdk_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge "$CHAINBREAKER_MIN_JAVA" ]; then
            best=$JAVA_HOME
            best_major=$major
        fi
    fi
    if [ -z "$best" ]; then
        for candidate in /usr/lib/jvm/* /opt/java/* /usr/local/java/* /opt/jdk* /opt/*jdk* \
                         "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                         /Library/Java/JavaVirtualMachines/*/Contents/Home; do
            [ -d "$candidate" ] || continue
            major=$(chainbreaker_jdk_major "$candidate")
            if [ -n "$major" ] && [ "$major" -ge "$CHAINBREAKER_MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
                best=$candidate
                best_major=$major
            fi
        done
    fi
    if [ -z "$best" ] && java_on_path=$(command -v java 2>/dev/null); then
        candidate=$(dirname "$(dirname "$(readlink -f "$java_on_path")")")
        major=$(chainbreaker_jdk_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge "$CHAINBREAKER_MIN_JAVA" ]; then
            best=$candidate
            best_major=$major
        fi
    fi
    if [ -z "$best" ]; then
        echo "Chainbreaker needs a JDK $CHAINBREAKER_MIN_JAVA or newer (with javac)." >&2
        echo "None found in JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm, /opt/java, /usr/local/java," >&2
        echo "~/.sdkman/candidates/java or on PATH. Install one (e.g. Temurin 21 or 25) or set JAVA_HOME." >&2
        return 1
    fi
    JAVA_HOME=$(cd "$best" && pwd -P)
    PATH="$JAVA_HOME/bin:$PATH"
    export JAVA_HOME PATH
}
