#!/usr/bin/env bash
# All tests: the Bicep build and lint, then the .NET tests. Storage tests start their own Azurite (installed here first) unless AzureWebJobsStorage is set.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh
install_azurite
bash scripts/check-bicep.sh
log=$(mktemp)
status=0
dotnet test ResilienceFunctions.sln -nologo "$@" 2>&1 | tee "$log" || status=$?
# One closing line over all test projects.
awk '/(Passed|Failed)! +- +Failed:/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
