-- wrk script for bench/server_bench.sh: POST /api/v1/assess with the refract-patient/1 records
-- named after `--`, in rotation, each with `Authorization: Bearer $REFRACT_TOKEN`.
--
--   REFRACT_TOKEN=... wrk -t2 -c16 -d15s --latency -s bench/wrk_assess.lua \
--     http://127.0.0.1:PORT/api/v1/assess -- examples/a.json examples/b.json ...
--
-- At the end it prints one machine-readable line (latencies in microseconds):
--   refract-wrk requests=N duration_us=N p50_us=N p99_us=N status_errors=N socket_errors=N

local requests = {}
local next_index = 1

function init(args)
  local token = os.getenv("REFRACT_TOKEN")
  assert(token and token ~= "", "REFRACT_TOKEN is not set")
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }
  for _, path in ipairs(args) do
    local file = assert(io.open(path, "rb"))
    local body = file:read("*a")
    file:close()
    requests[#requests + 1] = wrk.format("POST", wrk.path, headers, body)
  end
  assert(#requests > 0, "give the record files after --")
end

function request()
  local chosen = requests[next_index]
  next_index = next_index % #requests + 1
  return chosen
end

function done(summary, latency, _)
  local errors = summary.errors
  io.write(string.format(
    "refract-wrk requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
