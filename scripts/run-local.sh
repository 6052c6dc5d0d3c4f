#!/usr/bin/env bash
# The main job, locally: Azurite + the function app on http://127.0.0.1:7071/api, with the demo data set uploaded.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh

if [ -z "${AzureWebJobsStorage:-}" ]; then
  start_azurite
  trap 'kill $AZURITE_PID 2>/dev/null || true' EXIT
fi
dotnet build functions/ResilienceFunctions.LocalHost -c Release -nologo -v q
echo "Function app on http://127.0.0.1:7071/api  (try: curl 'http://127.0.0.1:7071/api/datasets/demo/scores?year=2019')"
echo "Upload more files with: AzureWebJobsStorage='$AzureWebJobsStorage' dotnet run --project functions/ResilienceFunctions.LocalHost -- upload demo <file.csv>"
dotnet functions/ResilienceFunctions.LocalHost/bin/Release/net10.0/ResilienceFunctions.LocalHost.dll run --seed-demo "$@"
