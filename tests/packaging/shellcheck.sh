#!/usr/bin/env bash
# Runs shellcheck on every shell script of packaging/, tests/ and .ci/: files named *.sh and
# files whose first line names a shell (packaging/build-debs, the Debian maintainer scripts...).
# Zero findings; a finding that is not a mistake is disabled where it is, with the reason.
# packaging/dev.sh shellcheck runs this too.
set -euo pipefail
src=$1
command -v shellcheck >/dev/null || { echo "SKIP: shellcheck is not installed"; exit 77; }
cd "$src"
scripts=()
while IFS= read -r -d '' f; do
    case "$f" in
    *.sh) scripts+=("$f") ;;
    *) head -n1 "$f" | grep -qE '^#!(/usr)?/bin/(env )?(ba|da)?sh' && scripts+=("$f") ;;
    esac
done < <(find .ci packaging tests -type f ! -path '*/corpus/*' -print0 | sort -z)
shellcheck -x "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts clean"
