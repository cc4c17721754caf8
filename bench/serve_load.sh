#!/usr/bin/env bash
# Load test of `newsdex serve` on loopback with ApacheBench (apt-get install apache2-utils):
# 200 concurrent clients per endpoint, bounded request counts; prints failures and latency
# percentiles (ms). usage: bench/serve_load.sh CORPUS_DIR [REQUESTS] [BIN]
set -euo pipefail
corpus=${1:?usage: bench/serve_load.sh CORPUS_DIR [REQUESTS] [BIN]}
n=${2:-4000}
bin=${3:-target/release/newsdex}
index=$(mktemp -d)/index
"$bin" ingest "$corpus" --index "$index" --quiet || true
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --index "$index" --bind "127.0.0.1:$port" 2>/dev/null &
server=$!
trap 'kill $server; rm -rf "$(dirname "$index")"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
id=$(curl -s "http://127.0.0.1:$port/api/search?q=minister&limit=1" | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["hits"][0]["id"], safe=""))')
for path in "/api/search?q=blair+brown" "/api/search?q=%22prime+minister%22&sort=date&limit=20" \
            "/api/people?q=election&limit=20" "/api/quotes?q=economy" "/api/articles/$id" "/healthz"; do
  echo "== $path"
  ab -q -n "$n" -c 200 "http://127.0.0.1:$port$path" 2>&1 |
    grep -E "Complete requests|Failed requests|Non-2xx|Requests per second|^  50%|^  99%|^ 100%"
done
