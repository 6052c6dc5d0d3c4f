# Sourced by run-local.sh and test.sh: installs the pinned Azurite and starts it on free loopback ports.
# After start_azurite, AzureWebJobsStorage holds the connection string and AZURITE_PID the process id.

SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

install_azurite() {
  if [ ! -x "$SCRIPTS_DIR/azurite/node_modules/.bin/azurite" ]; then
    echo "Installing Azurite (pinned in scripts/azurite/package-lock.json)..."
    (cd "$SCRIPTS_DIR/azurite" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

start_azurite() {
  install_azurite
  local blob queue table dir
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  dir=$(mktemp -d)
  "$SCRIPTS_DIR/azurite/node_modules/.bin/azurite" --silent --inMemoryPersistence --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$dir/azurite.log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    if (echo >"/dev/tcp/127.0.0.1/$blob") 2>/dev/null && (echo >"/dev/tcp/127.0.0.1/$queue") 2>/dev/null \
       && (echo >"/dev/tcp/127.0.0.1/$table") 2>/dev/null; then break; fi
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then echo "Azurite failed to start:"; cat "$dir/azurite.log"; return 1; fi
    sleep 0.1
  done
  # The Azurite development account: a fixed, publicly documented key, not a secret.
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  echo "Azurite running (pid $AZURITE_PID): blob $blob, queue $queue, table $table"
}
