-- wrk script for the ticket benchmark: kiosks issuing tickets back to back across several halls.
-- Env TICKETS_KIOSKS: "hall token" pairs separated by ";" (load-tests/bin/load-halls prints them). Each request
-- goes to the next hall in turn, queue A, B or C at random, with a fresh Idempotency-Key; 201 is success.
-- Env WRK_SUMMARY: file the JSON summary is written to (requests, non-201 answers, socket errors, p50/p99 ms).
local kiosks = {}
for hall, token in string.gmatch(os.getenv("TICKETS_KIOSKS") or "", "([^ ;]+) ([^ ;]+)") do
  table.insert(kiosks, {hall = hall, auth = "Bearer " .. token})
end
local queues = {"A", "B", "C"}
local threads = {}
local counter = 0
failed = 0
firstFailure = nil

setup = function(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

init = function(args)
  if #kiosks == 0 then error("TICKETS_KIOSKS is empty") end
  math.randomseed(os.time() * 1000 + id)
  prefix = string.format("%x-%d-", os.time(), id)
end

request = function()
  counter = counter + 1
  local kiosk = kiosks[(counter % #kiosks) + 1]
  local body = '{"queueCode":"' .. queues[math.random(3)] .. '","channel":"KIOSK","priority":"NORMAL"}'
  return wrk.format("POST", "/api/v1/halls/" .. kiosk.hall .. "/tickets",
    {["Content-Type"] = "application/json", ["Authorization"] = kiosk.auth, ["Idempotency-Key"] = prefix .. counter}, body)
end

response = function(status, headers, body)
  if status ~= 201 then
    failed = failed + 1
    if firstFailure == nil then firstFailure = status .. " " .. body end
  end
end

done = function(summary, latency, requests)
  local notCreated, sample = 0, nil
  for _, thread in ipairs(threads) do
    notCreated = notCreated + thread:get("failed")
    sample = sample or thread:get("firstFailure")
  end
  local e = summary.errors
  local out = string.format('{"requests": %d, "durationUs": %d, "notCreated": %d, "socketErrors": %d, '
    .. '"p50Ms": %.2f, "p99Ms": %.2f, "maxMs": %.2f, "firstFailure": %q}\n',
    summary.requests, summary.duration, notCreated, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, sample or "")
  local file = os.getenv("WRK_SUMMARY")
  if file then local f = io.open(file, "w"); f:write(out); f:close() else io.write(out) end
end
