#!/usr/bin/env bash
# Runs every Herald test on a machine with only the .NET SDK: installs what the tests need first
# (Debian's Chromium for the browser tests), then prints one closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

install_if_missing() {
  local command="$1" package="$2"
  if ! command -v "$command" >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
      local sudo=""
      [ "$(id -u)" -ne 0 ] && sudo="sudo"
      echo "Installing $package (needed by the tests)..."
      $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq "$package" >/dev/null \
        || echo "warning: could not install $package; the tests that need it will fail"
    else
      echo "warning: $command is missing and apt-get is not available; install $package by hand"
    fi
  fi
}

if [ -d tests/Herald.Browser.Tests ]; then
  install_if_missing chromium chromium
fi

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build Herald.sln -c Debug -nologo -v quiet -clp:ErrorsOnly
build_status=$?
if [ $build_status -ne 0 ]; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# One test project at a time: on two cores, the rate and crash tests measure better without a browser
# suite running beside them.
test_status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" --no-build -nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" \
    --blame-hang-timeout 10m || test_status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
done
if [ $test_status -ne 0 ] && [ $failed -eq 0 ]; then
  # The runner failed without a counted failure (a crashed test host): count it as one.
  failed=1
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
