#!/usr/bin/env bash
# All tests: the Bicep build and lint, then the .NET tests. Storage tests start their own Azurite (installed here first) unless AzureWebJobsStorage is set.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh
install_azurite
bash scripts/check-bicep.sh
dotnet test ResilienceFunctions.sln -nologo "$@"
