#!/usr/bin/env bash
# azd postdeploy hook (azure.yaml): subscribe the blob triggers (IngestIndicatorFile, IngestEmissionsFile) to the storage account's
# Event Grid system topic.
#
# On Flex Consumption the blob trigger must use the Event Grid source. Event Grid delivers BlobCreated events of
# container `indicators` to the host's blob extension webhook, authenticated with the `blobs_extension` system key.
# That key exists only after the code is deployed and the host has started, so this cannot be done in Bicep.
#
# Idempotent: `event-subscription create` is a PUT, so re-running it (every `azd deploy`) updates the subscription.
# Manual run: `azd env get-values` supplies the variables when they are not in the environment; or export
# AZURE_RESOURCE_GROUP, AZURE_FUNCTION_APP_NAME and AZURE_EVENTGRID_SYSTEM_TOPIC_NAME yourself.
set -euo pipefail

# Blob-triggered functions and their containers: "function container subscription-name".
SUBSCRIPTIONS=(
  "IngestIndicatorFile ${INDICATORS_CONTAINER_NAME:-indicators} ingest-indicator-file"
  "IngestEmissionsFile ${EMISSIONS_CONTAINER_NAME:-emissions} ingest-emissions-file"
)
KEY_ATTEMPTS="${KEY_ATTEMPTS:-30}"        # attempts to read the system key (the host may be cold)
CREATE_ATTEMPTS="${CREATE_ATTEMPTS:-5}"   # attempts to create the subscription (webhook validation handshake)
RETRY_SECONDS="${RETRY_SECONDS:-10}"

log() { printf '[postdeploy] %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

# Outside azd (manual run) read the environment's values from azd, when it is there.
if [[ -z "${AZURE_FUNCTION_APP_NAME:-}" ]] && command -v azd > /dev/null 2>&1; then
  while IFS= read -r line; do
    case "$line" in
      AZURE_RESOURCE_GROUP=* | AZURE_FUNCTION_APP_NAME=* | AZURE_FUNCTION_APP_HOSTNAME=* | AZURE_EVENTGRID_SYSTEM_TOPIC_NAME=*)
        value="${line#*=}"; value="${value#\"}"; value="${value%\"}"
        export "${line%%=*}=${value}"
        ;;
    esac
  done < <(azd env get-values 2> /dev/null || true)
fi

: "${AZURE_RESOURCE_GROUP:?not set (azd output of infra/main.bicep)}"
: "${AZURE_FUNCTION_APP_NAME:?not set (azd output of infra/main.bicep)}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?not set (azd output of infra/main.bicep)}"
command -v az > /dev/null 2>&1 || fail "the Azure CLI (az) is required: https://learn.microsoft.com/cli/azure/install-azure-cli"
az account show --output none 2> /dev/null || fail "not logged in to the Azure CLI: run 'az login' (azd auth login does not log az in)"

rg="$AZURE_RESOURCE_GROUP"
app="$AZURE_FUNCTION_APP_NAME"
topic="$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"
host="${AZURE_FUNCTION_APP_HOSTNAME:-}"
if [[ -z "$host" ]]; then
  host="$(az functionapp show --resource-group "$rg" --name "$app" --query defaultHostName --output tsv)"
fi
[[ -n "$host" ]] || fail "could not determine the host name of $app"

# 1. The blobs_extension system key. The host creates it when it starts with the blob extension loaded; a request
#    to the app wakes a scaled-to-zero Flex app.
log "waiting for the blobs_extension system key of $app"
key=""
for ((i = 1; i <= KEY_ATTEMPTS; i++)); do
  curl --silent --output /dev/null --max-time 30 "https://${host}/" || true
  key="$(az functionapp keys list --resource-group "$rg" --name "$app" \
    --query "systemKeys.blobs_extension" --output tsv 2> /dev/null || true)"
  [[ -n "$key" && "$key" != "None" && "$key" != "null" ]] && break
  key=""
  log "  not there yet (attempt $i/$KEY_ATTEMPTS); retrying in ${RETRY_SECONDS}s"
  sleep "$RETRY_SECONDS"
done
[[ -n "$key" ]] || fail "no blobs_extension system key after $KEY_ATTEMPTS attempts. Is the code deployed (azd deploy) and does the host start? Check the app's logs in Application Insights."

subscribe() {
  local FUNCTION_NAME="$1" CONTAINER_NAME="$2" SUBSCRIPTION_NAME="$3" endpoint_base endpoint created state i
  endpoint_base="https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.${FUNCTION_NAME}"
  endpoint="${endpoint_base}&code=${key}"
  
  # 2. The subscription. Event Grid validates a new webhook endpoint with a handshake that the blob extension answers;
  #    it can time out while the host is cold, hence the retries.
  log "subscribing ${endpoint_base}&code=*** to BlobCreated events of container '$CONTAINER_NAME' (system topic $topic)"
  created=""
  for ((i = 1; i <= CREATE_ATTEMPTS; i++)); do
    if az eventgrid system-topic event-subscription create \
      --name "$SUBSCRIPTION_NAME" \
      --resource-group "$rg" \
      --system-topic-name "$topic" \
      --endpoint-type webhook \
      --endpoint "$endpoint" \
      --included-event-types Microsoft.Storage.BlobCreated \
      --subject-begins-with "/blobServices/default/containers/${CONTAINER_NAME}/" \
      --event-delivery-schema eventgridschema \
      --max-delivery-attempts 30 \
      --event-ttl 1440 \
      --output none; then
      created=1
      break
    fi
    log "  create failed (attempt $i/$CREATE_ATTEMPTS); retrying in ${RETRY_SECONDS}s"
    curl --silent --output /dev/null --max-time 30 "https://${host}/" || true
    sleep "$RETRY_SECONDS"
  done
  [[ -n "$created" ]] || fail "could not create the Event Grid subscription $SUBSCRIPTION_NAME on $topic"
  
  state="$(az eventgrid system-topic event-subscription show --name "$SUBSCRIPTION_NAME" --resource-group "$rg" \
    --system-topic-name "$topic" --query provisioningState --output tsv)"
  log "event subscription $SUBSCRIPTION_NAME: $state"
  [[ "$state" == "Succeeded" ]] || fail "event subscription $SUBSCRIPTION_NAME is in state '$state'"
  log "done: files uploaded to ${CONTAINER_NAME}/{dataset}/ now trigger ${FUNCTION_NAME}"
}

for entry in "${SUBSCRIPTIONS[@]}"; do
  # shellcheck disable=SC2086 # the entry is three words on purpose
  subscribe $entry
done
