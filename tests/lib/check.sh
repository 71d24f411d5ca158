# shellcheck shell=bash
# The script tests' assertions, sourced by each of them:
#
#   source "$(dirname "$0")/../lib/check.sh"
#   check "what a user would notice" '[ "$status" = 0 ] && grep -q "OK" "$log"'
#   ...
#   finish    # prints "NAME: N passed, N failed"; its status is the script's
#
# check's condition is a string evaluated when check runs, so that a failure prints the
# description rather than a bare "[" error; single quotes keep its variables for that moment
# (shellcheck's SC2016 and SC2034 are therefore disabled in the scripts that use it). $? in the
# condition is the status of the command just before check.
passed=0
failed=0

check() {
    if eval "$2"; then
        passed=$((passed + 1))
    else
        echo "FAILED: $1"
        failed=$((failed + 1))
    fi
}

finish() {
    echo "$(basename "$0"): $passed passed, $failed failed"
    [ "$failed" = 0 ]
}
