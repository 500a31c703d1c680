-- wrk script: POST /api/v1/jobs with a distinct, valid CNPJ in every request.
-- ACCESS_TOKEN (environment) authenticates; CNPJ_BASE (environment, default 10000000) offsets
-- the CNPJs so that runs against the same database do not repeat each other's.

local threads = {}
-- globals, so that done() can read them from each thread with thread:get
local counter = 0
thread_id = 0
statuses = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

local function check_digit(digits, weights)
  local sum = 0
  for i = 1, #weights do
    sum = sum + digits[i] * weights[i]
  end
  local rest = sum % 11
  if rest < 2 then return 0 end
  return 11 - rest
end

local function cnpj(n)
  -- 8-digit root from n, branch 0001, then the two check digits
  local base = string.format("%08d0001", n % 100000000)
  local digits = {}
  for i = 1, 12 do digits[i] = tonumber(base:sub(i, i)) end
  local first = check_digit(digits, {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2})
  digits[13] = first
  local second = check_digit(digits, {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2})
  return base .. first .. second
end

function init(args)
  local base = tonumber(os.getenv("CNPJ_BASE") or "10000000")
  -- each thread numbers its own CNPJs: thread k takes base + k, base + k + 64, ...
  counter = base + thread_id
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("ACCESS_TOKEN")
end

function request()
  counter = counter + 64
  local body = string.format(
    '{"cnpj":"%s","scheduledAt":"2030-01-01T09:30:00-03:00","priority":%d,"label":"Cliente %d"}',
    cnpj(counter), 1 + counter % 5, counter)
  return wrk.format(nil, "/api/v1/jobs", nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      total[status] = (total[status] or 0) + n
    end
  end
  io.write(string.format("requests %d in %.1f s = %.0f req/s\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  for status, n in pairs(total) do
    io.write(string.format("status %d: %d\n", status, n))
  end
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
end
