-- wrk script: POST /api/v1/halls/$HALL/tickets (default lz-city, the demo hall) with the kiosk token in $TOKEN,
-- a fresh Idempotency-Key per request and queues A..E in turn. Used to profile the issue path without
-- Gatling's CPU: TOKEN=$(cat .siban/demo-kiosk-token) wrk -t2 -c20 -d30s -s load-tests/wrk/issue-ticket.lua http://127.0.0.1:8080
local token = os.getenv("TOKEN")
local hall = os.getenv("HALL") or "lz-city"
local counter = 0
tid = 0
local threads = {}
setup = function(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
init = function(args)
  tid = tostring(os.time()) .. "-" .. tostring(tid)
end
request = function()
  counter = counter + 1
  local q = ({"A","B","C","D","E"})[(counter % 5) + 1]
  local headers = {["Content-Type"]="application/json", ["Authorization"]="Bearer " .. token,
    ["Idempotency-Key"]= tid .. "-" .. counter}
  return wrk.format("POST", "/api/v1/halls/" .. hall .. "/tickets", headers, '{"queueCode":"' .. q .. '","channel":"KIOSK","priority":"NORMAL"}')
end
response = function(status, headers, body)
  if status ~= 201 then
    if not printed then print(status .. " " .. body); printed = true end
  end
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2fms p99 %.2fms non-2xx %d\n", latency:percentile(50)/1000, latency:percentile(99)/1000, summary.errors.status))
end
