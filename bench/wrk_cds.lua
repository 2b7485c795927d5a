-- wrk script for bench/cds_bench.sh: POST one CDS Hooks request body (the file named after `--`)
-- with `Authorization: $REFRACT_CDS_TOKEN` ("Bearer <JWT>").
--
-- At the end it prints one machine-readable line (latencies in microseconds):
--   refract-wrk requests=N duration_us=N p50_us=N p99_us=N status_errors=N socket_errors=N

local prepared

function init(args)
  local token = os.getenv("REFRACT_CDS_TOKEN")
  assert(token and token ~= "", "REFRACT_CDS_TOKEN is not set")
  local file = assert(io.open(args[1], "rb"))
  local body = file:read("*a")
  file:close()
  prepared = wrk.format("POST", wrk.path,
                        { ["Authorization"] = token, ["Content-Type"] = "application/json" }, body)
end

function request()
  return prepared
end

function done(summary, latency, _)
  local errors = summary.errors
  io.write(string.format(
    "refract-wrk requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
