#!/usr/bin/env bash
# All tests. Storage tests start their own Azurite (installed here first) unless AzureWebJobsStorage is set.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh
install_azurite
dotnet test ResilienceFunctions.sln -nologo "$@"
