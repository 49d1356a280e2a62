#!/usr/bin/env bash
# Installs what the tests need and runs them all. Used by CI (.ci/run) and by developers on a fresh machine:
#   bash scripts/test.sh
# Prints "N passed, N failed" at the end; exits non-zero when a test fails or the build breaks.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "scripts/test.sh: the .NET SDK (see global.json) is required" >&2
  exit 2
fi

# The local streaming stack's Debian packages (redis-server, clickhouse-server, librdkafka, kcat): the Kafka
# adapter loads Debian's librdkafka, and the streaming tests start redis-server and a mock cluster; with --report
# also Chromium and a CJK font for the report's rendering tests. No-op when present.
bash scripts/stack.sh install --report

log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet build ChronicCare.Monitor.sln -c Release -nologo -v quiet 2>&1 | tail -n 3
# One test assembly at a time (-m:1): several of them start real servers and `chroniccare` processes, and on a
# 2-core machine two such assemblies at once starve each other's servers into client timeouts.
dotnet test ChronicCare.Monitor.sln -c Release --no-build -nologo -m:1 2>&1 | tee "$log" || status=$?

# Sum the per-assembly lines ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, ...") into one closing line.
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { gsub(",", "", $(i+1)); f += $(i+1) }
      if ($i == "Passed:")  { gsub(",", "", $(i+1)); p += $(i+1) }
      if ($i == "Skipped:") { gsub(",", "", $(i+1)); s += $(i+1) }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")

if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "scripts/test.sh: no test ran" >&2
  status=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
