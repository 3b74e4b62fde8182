-- wrk script: POST /v1/events, an NDJSON batch of purchases without requestId per request, each for a random shopper of
-- a file and one of the products that shopper was shown (a purchase attribution has to look up).
--   wrk -t1 -c8 -d20s -s benchmarks/perf/attribution-purchases.lua URL -- FILE BATCH TAG
-- FILE: lines "user product product ...". TAG makes event ids unique across runs.
local shoppers = {}
local batch = 100
local tag = "r"
local sent = 0

function init(args)
  for line in io.lines(args[1]) do
    local fields = {}
    for field in line:gmatch("%S+") do fields[#fields + 1] = field end
    if #fields > 1 then shoppers[#shoppers + 1] = fields end
  end
  batch = tonumber(args[2] or "100")
  tag = args[3] or "r"
  math.randomseed(42)
end

function request()
  local lines = {}
  for i = 1, batch do
    local s = shoppers[math.random(1, #shoppers)]
    sent = sent + 1
    lines[i] = '{"id":"' .. tag .. '-' .. sent .. '","type":"purchase","user":"' .. s[1] ..
      '","channel":"store","items":[{"product":"' .. s[math.random(2, #s)] .. '","quantity":1,"price":10}]}'
  end
  return wrk.format("POST", "/v1/events", {["Content-Type"] = "application/x-ndjson"}, table.concat(lines, "\n"))
end
