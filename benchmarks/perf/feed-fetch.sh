#!/usr/bin/env bash
# Issue 16 item 2: how long from a catalog feed's fetch to its products served. For each size, a TSV feed of that
# many products is served by a local HTTP server (python3 -m http.server, which answers If-Modified-Since with 304),
# defined with PUT /v1/feeds/{id} on one node, and polled with GET until its last fetch is recorded; then the last
# product of the feed is looked up in the node's model (GET /v1/products/{id}/stats answers 200 only when the model
# serving recommendations holds it). Then the same feed again (a 304), and a changed feed (10 % of the prices
# changed, 1 % of the products gone, 1 % new) to time a diff.
#
#   benchmarks/perf/feed-fetch.sh             # SIZES="1000 20000"
#
# Needs curl, jq and python3. Ports NODE_PORT (18394), GRID_PORT (15894), FEED_PORT (18395), refused when taken; the
# node's data goes to a temporary directory, removed at the end. durationMs is the node's own time from its request
# to the last batch served; clientMs is from the PUT to the GET that shows the fetch (polled every 10 ms).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
node_port="${NODE_PORT:-18394}"
grid_port="${GRID_PORT:-15894}"
feed_port="${FEED_PORT:-18395}"
for port in "$node_port" "$grid_port" "$feed_port"; do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    echo "feed-fetch: port $port is taken; set NODE_PORT, GRID_PORT or FEED_PORT" >&2
    exit 1
  fi
done
dir="$(mktemp -d)"
url="http://127.0.0.1:$node_port"
mkdir -p "$dir/www"
./tailor serve --port "$node_port" --grid-port "$grid_port" --data-dir "$dir/data" > "$dir/node.log" 2>&1 &
pid=$!
python3 -m http.server "$feed_port" --bind 127.0.0.1 --directory "$dir/www" > "$dir/www.log" 2>&1 &
www=$!
trap 'kill "$pid" "$www" 2> /dev/null || true; wait "$pid" "$www" 2> /dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do curl -fsS "$url/health/ready" > /dev/null 2>&1 && break; sleep 1; done
curl -fsS "$url/health/ready" > /dev/null

# feed N SEED: N products pN-0..pN-(N-1), minus 1 % and plus 1 % new ones, 10 % of the prices changed, when SEED > 0
feed() {
  python3 - "$1" "$2" <<'PY'
import random, sys
n, seed = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(seed)
print("id\ttitle\tprice\tsale_price\tavailability\tbrand\tproduct_type\titem_group_id\tcustom_label_0\tcustom_label_1")
ids = list(range(n))
if seed:
    ids = [i for i in ids if i % 100 != 7] + list(range(n, n + n // 100))
for i in ids:
    price = 5 + (i * 37) % 200 + (0.5 if seed and i % 10 == 3 else 0)
    print(f"p{n}-{i}\tProduct {i}\t{price:.2f} EUR\t\t{'out_of_stock' if i % 17 == 0 else 'in_stock'}"
          f"\tBrand {i % 40}\tDept {i % 8} > Aisle {i % 50} > Shelf {i % 300}\tg-{i // 4}"
          f"\t{['casual', 'formal', 'sport'][i % 3]}\t{['summer', 'winter'][i % 2]}")
PY
}

define() {
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/json' "$url/v1/feeds/$1" \
    -d "{\"url\":\"http://127.0.0.1:$feed_port/$2\",\"format\":\"tsv\",\"every\":\"1h\"}"
}

# waits until the feed's last fetch started after $2 (ISO time or ""), prints the client-side milliseconds
await_fetch() {
  local id="$1" before="$2" started="$3"
  while true; do
    at="$(curl -fsS "$url/v1/feeds/$id" | jq -r '.lastFetch.at // ""')"
    if [[ -n "$at" && "$at" != "$before" ]]; then break; fi
    sleep 0.01
  done
  echo $(( ($(date +%s%N) - started) / 1000000 ))
}

for n in ${SIZES:-1000 20000}; do
  feed "$n" 0 > "$dir/www/feed-$n.tsv"
  started=$(date +%s%N)
  define "bench-$n" "feed-$n.tsv"
  client=$(await_fetch "bench-$n" "" "$started")
  served=$(curl -s -o /dev/null -w '%{http_code}' "$url/v1/products/p$n-$((n - 1))/stats")
  curl -fsS "$url/v1/feeds/bench-$n" | jq -c --arg c "$client" --arg s "$served" \
    '{products: '"$n"', fetch: "first", result: .lastFetch.result, added: .lastFetch.added,
      durationMs: .lastFetch.durationMs, slowestBatchMs: .lastFetch.slowestBatchMs, clientMs: ($c | tonumber), lastProductInModel: ($s == "200")}'
  before="$(curl -fsS "$url/v1/feeds/bench-$n" | jq -r '.lastFetch.at')"
  sleep 1.1
  started=$(date +%s%N)
  define "bench-$n" "feed-$n.tsv"
  client=$(await_fetch "bench-$n" "$before" "$started")
  curl -fsS "$url/v1/feeds/bench-$n" | jq -c --arg c "$client" \
    '{products: '"$n"', fetch: "same", result: .lastFetch.result, status: .lastFetch.status,
      durationMs: .lastFetch.durationMs, slowestBatchMs: .lastFetch.slowestBatchMs, clientMs: ($c | tonumber)}'
  before="$(curl -fsS "$url/v1/feeds/bench-$n" | jq -r '.lastFetch.at')"
  sleep 1.1
  feed "$n" 1 > "$dir/www/feed-$n.tsv"
  started=$(date +%s%N)
  define "bench-$n" "feed-$n.tsv"
  client=$(await_fetch "bench-$n" "$before" "$started")
  served=$(curl -s -o /dev/null -w '%{http_code}' "$url/v1/products/p$n-$((n + n / 100 - 1))/stats")
  curl -fsS "$url/v1/feeds/bench-$n" | jq -c --arg c "$client" --arg s "$served" \
    '{products: '"$n"', fetch: "changed", result: .lastFetch.result, added: .lastFetch.added,
      updated: .lastFetch.updated, unchanged: .lastFetch.unchanged, removed: .lastFetch.removed,
      durationMs: .lastFetch.durationMs, slowestBatchMs: .lastFetch.slowestBatchMs, clientMs: ($c | tonumber), newProductInModel: ($s == "200")}'
done
