-- wrk script: POST /v1/events, an NDJSON batch of view events per request, each for a random shopper u0..u<N-1>
-- and a random product p0..p<P-1> (the ids `loadtest generate` gives), every event with an id of its own; BATCH 1
-- sends each event alone as a JSON object (single events over keep-alive).
--   wrk -t1 -c8 -d20s -s benchmarks/perf/random-events.lua URL -- SHOPPERS PRODUCTS BATCH TAG
-- TAG makes event ids unique across runs (a repeated id counts once, and is answered as a duplicate).
local shoppers = 20000
local products = 20000
local batch = 100
local tag = "w"
local sent = 0

function init(args)
  shoppers = tonumber(args[1] or "20000")
  products = tonumber(args[2] or "20000")
  batch = tonumber(args[3] or "100")
  tag = args[4] or "w"
  math.randomseed(42)
end

function request()
  local lines = {}
  for i = 1, batch do
    sent = sent + 1
    lines[i] = '{"id":"' .. tag .. '-' .. sent .. '","type":"view","user":"u' .. math.random(0, shoppers - 1) ..
      '","product":"p' .. math.random(0, products - 1) .. '"}'
  end
  if batch == 1 then
    -- One event per request, as a storefront sends it from a page: a JSON object, not a batch of one.
    return wrk.format("POST", "/v1/events", {["Content-Type"] = "application/json"}, lines[1])
  end
  return wrk.format("POST", "/v1/events", {["Content-Type"] = "application/x-ndjson"}, table.concat(lines, "\n"))
end
