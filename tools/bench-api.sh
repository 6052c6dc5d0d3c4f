#!/usr/bin/env bash
# Load benchmark of the read API through the local host on Azurite, beside a static file server serving the same
# JSON (the ceiling). Needs wrk (Debian package). Prints requests/s and latency percentiles; not part of the tests.
#   bash tools/bench-api.sh [cities=300] [seconds=15] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
CITIES=${1:-300}; SECONDS_RUN=${2:-15}; CONNECTIONS=${3:-32}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 2; }
source scripts/azurite.sh
start_azurite
WORK=$(mktemp -d)
cleanup() { kill "${HOST_PID:-}" "${STATIC_PID:-}" "$AZURITE_PID" 2>/dev/null || true; }
trap cleanup EXIT

dotnet build functions/ResilienceFunctions.LocalHost -c Release -nologo -v q >/dev/null
PORT=$(free_port)
LocalHost__Urls="http://127.0.0.1:$PORT" Logging__LogLevel__Default=Warning \
  dotnet functions/ResilienceFunctions.LocalHost/bin/Release/net10.0/ResilienceFunctions.LocalHost.dll run >"$WORK/host.log" 2>&1 &
HOST_PID=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do
  kill -0 "$HOST_PID" 2>/dev/null || { echo "the local host did not start:"; cat "$WORK/host.log"; exit 1; }
  sleep 0.2
done

# A synthetic panel: $CITIES cities x 10 years x the 29 built-in indicators (cities unknown to the registry: region 'unknown').
python3 - "$CITIES" "$WORK/bench.csv" <<'PY'
import csv, random, sys
cities, path = int(sys.argv[1]), sys.argv[2]
ids = ["gdp_per_capita","gdp_growth_rate","tertiary_share","fiscal_revenue_per_capita","retail_sales_per_capita","savings_per_capita",
 "mining_employment_share","doctors_per_10k","hospital_beds_per_10k","college_students_per_10k","unemployment_rate","pension_coverage",
 "education_exp_share","library_books_per_100","green_coverage_builtup","park_green_per_capita","wastewater_per_gdp","so2_per_gdp",
 "dust_per_gdp","solid_waste_utilization","sewage_treatment_rate","garbage_harmless_rate","road_area_per_capita","buses_per_10k",
 "drainage_density","gas_coverage","broadband_per_100","mobile_per_100","water_coverage"]
rng = random.Random(7)
with open(path, "w", newline="") as f:
    w = csv.writer(f); w.writerow(["city_id", "year", *ids])
    for c in range(cities):
        for y in range(2010, 2020):
            w.writerow([f"city{c:04d}", y, *[round(rng.uniform(1, 100) * (1 + 0.05 * (y - 2010)), 3) for _ in ids]])
PY
dotnet functions/ResilienceFunctions.LocalHost/bin/Release/net10.0/ResilienceFunctions.LocalHost.dll upload bench "$WORK/bench.csv" >/dev/null
URL="http://127.0.0.1:$PORT/api/datasets/bench/scores?year=2019"
for _ in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL")" = 200 ] && break; sleep 0.2
done
echo "uncached first read: $(curl -s -o "$WORK/scores.json" -w '%{time_total}' "$URL&limit=10000") s (cold response cache, $(stat -c %s "$WORK/scores.json") bytes)"
# the URL measured below is the one warmed just before, as a dashboard would re-read it
curl -s -o /dev/null "$URL"
echo "first read of another view, first call of its code (JIT): $(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/api/datasets/bench/rankings?year=2018") s"
for year in 2017 2016 2015; do
  echo "uncached read of year $year (data not in any cache, code warm): $(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/api/datasets/bench/scores?year=$year") s"
done

run() { wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency "${@:2}" "$1" | awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%s req/s, p50 %s, p99 %s\n", rps, p50, p99}'; }
echo "local host, cached scores of $CITIES cities: $(run "$URL")"
echo "local host, same, client accepting gzip (browsers, Power BI): $(run "$URL" -H 'Accept-Encoding: gzip')"
echo "local host, cached small resource (years): $(run "http://127.0.0.1:$PORT/api/datasets/bench/years")"
curl -s -o "$WORK/static.json" "$URL"
SPORT=$(free_port)
(cd "$WORK" && python3 -m http.server "$SPORT" --bind 127.0.0.1 >/dev/null 2>&1) &
STATIC_PID=$!
until curl -sf "http://127.0.0.1:$SPORT/static.json" >/dev/null; do sleep 0.2; done
echo "static file server (python3 -m http.server), same JSON: $(run "http://127.0.0.1:$SPORT/static.json")"
if command -v nginx >/dev/null; then
  NPORT=$(free_port)
  mkdir -p "$WORK/nginx"
  chmod 755 "$WORK"; chmod 644 "$WORK/static.json"   # nginx workers run as another user
  cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx; uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server { listen 127.0.0.1:$NPORT; root $WORK; }
}
CONF
  nginx -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
  NGINX_PID=$!
  trap 'cleanup; kill "$NGINX_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$NPORT/static.json" >/dev/null && break; sleep 0.2; done
  echo "static file server (nginx, 1 worker), same JSON: $(run "http://127.0.0.1:$NPORT/static.json")"
fi
