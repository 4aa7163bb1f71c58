# shellcheck shell=bash
# Sourced by .ci/run, bin/test and bin/run-local: the programs from Debian that the build's tests and the local
# stack drive for real. Installs what is missing when this machine lets us (root, or sudo without a password).
#
# chainbreaker_packages [--with-test-programs]
#   SoftHSM2 is required (the case- and repatriation-service do not start without a PKCS#11 token): bin/test,
#   bin/run-local and .ci/run. --with-test-programs (.ci/run) also installs Chromium, Redis and promtool, which
#   are optional: without them their tests skip, saying why.
#   Prints what it does on stderr. Returns non-zero only when SoftHSM2 is missing and cannot be installed, after
#   saying which package and which command installs it.

# The Debian package behind each program, and how to tell it is there.
chainbreaker_have_softhsm2() {
    # softhsm2-util initialises the token (devstack SoftHsm); the Debian package brings the library with it.
    command -v softhsm2-util >/dev/null 2>&1 || [ -x /opt/homebrew/bin/softhsm2-util ]
}

chainbreaker_missing_optional() {
    command -v chromium >/dev/null 2>&1 || printf '%s\n' chromium
    command -v chromedriver >/dev/null 2>&1 || printf '%s\n' chromium-driver
    [ -x /usr/bin/redis-server ] || printf '%s\n' redis-server
    # promtool (Debian's prometheus package) checks the alert rules in the k8s tests.
    command -v promtool >/dev/null 2>&1 || printf '%s\n' prometheus
}

# Prints the command prefix that runs apt-get as root ("" when root, "sudo -n"), or fails.
chainbreaker_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        printf '%s' ""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
        printf '%s' "sudo -n"
    else
        return 1
    fi
}

# Installs the packages named; returns non-zero (after printing the tail of apt's log) when that fails.
chainbreaker_apt_install() {
    local as_root apt_log status=0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "No apt-get on this machine to install $*." >&2
        return 1
    fi
    if ! as_root=$(chainbreaker_as_root); then
        echo "No root or password-less sudo to install $*." >&2
        return 1
    fi
    echo "Installing $* (Debian packages the tests and the local stack use)..." >&2
    apt_log=$(mktemp)
    # shellcheck disable=SC2086 # $as_root is empty or "sudo -n"
    if timeout 600 $as_root apt-get update -qq >"$apt_log" 2>&1 \
        && timeout 600 $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$apt_log" 2>&1; then
        echo "Installed: $*" >&2
    else
        echo "Could not install $*:" >&2
        tail -n 5 "$apt_log" >&2 || true
        status=1
    fi
    rm -f "$apt_log"
    return "$status"
}

chainbreaker_packages() {
    local optional=() needed=() package
    if [ "${1:-}" = --with-test-programs ]; then
        while IFS= read -r package; do
            optional+=("$package")
        done < <(chainbreaker_missing_optional)
    fi
    if ! chainbreaker_have_softhsm2; then
        needed+=(softhsm2)
    fi
    if [ "${#needed[@]}" -gt 0 ] || [ "${#optional[@]}" -gt 0 ]; then
        # One apt run for everything missing; if it fails, SoftHSM2 alone gets a second chance (an optional package
        # unknown to this distribution must not cost the required one).
        if ! chainbreaker_apt_install ${needed[@]+"${needed[@]}"} ${optional[@]+"${optional[@]}"}; then
            if [ "${#optional[@]}" -gt 0 ]; then
                echo "Without ${optional[*]} the tests that need them skip, saying why." >&2
            fi
            if [ "${#needed[@]}" -gt 0 ] && [ "${#optional[@]}" -gt 0 ] && command -v apt-get >/dev/null 2>&1 \
                && chainbreaker_as_root >/dev/null; then
                chainbreaker_apt_install "${needed[@]}" || true
            fi
        fi
    fi
    if ! chainbreaker_have_softhsm2; then
        echo "Chainbreaker needs SoftHSM2 (Debian/Ubuntu package softhsm2): the case- and repatriation-service keep" >&2
        echo "each country's key in a PKCS#11 token and do not start without one. It is missing and could not be" >&2
        echo "installed here (see above). Install it, then run again:" >&2
        echo "    sudo apt-get install softhsm2        (Fedora: sudo dnf install softhsm; macOS: brew install softhsm)" >&2
        return 1
    fi
    return 0
}
