-- wrk script: GET /v1/recommendations for a random shopper u0..u<N-1> per request.
--   wrk -t1 -c32 -d20s -s benchmarks/perf/random-shopper.lua URL -- N [extra query, e.g. &recordImpressions=false]
-- The same seed every run, so two runs ask for the same shoppers in the same order per connection.
local shoppers = 20000
local extra = ""

function init(args)
  shoppers = tonumber(args[1] or "20000")
  extra = args[2] or ""
  math.randomseed(42)
end

function request()
  return wrk.format("GET", "/v1/recommendations?user=u" .. math.random(0, shoppers - 1) .. "&k=10" .. extra)
end
