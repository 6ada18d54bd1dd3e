-- wrk script for the chat sample: every request carries one of the prepared users' session cookies (so each request
-- loads a Redis session), in a mix of reads and writes:
--   70 % GET  api/profiles/<user>          @Cached profile (near cache + Redis)
--   20 % GET  api/rooms/<room>/messages    room history (Redis list)
--   10 % POST api/rooms/<room>/messages    writes history and fires a @RedisTopic event to every node
-- Cookies come from the file named by COOKIES (one "name<TAB>SESSION=..." line per user), the room from ROOM.
-- Responses other than 2xx are counted per status and printed at the end; wrk's own "Non-2xx" line counts them too.

local users = {}
local room = os.getenv("ROOM") or "load"
local counter = 0
local statuses = {}

function init(args)
  for line in io.lines(os.getenv("COOKIES") or "cookies.tsv") do
    local name, cookie = line:match("^(%S+)\t(.+)$")
    if name then
      users[#users + 1] = { name = name, cookie = cookie }
    end
  end
  if #users == 0 then
    error("no users in the cookie file")
  end
end

function request()
  counter = counter + 1
  local user = users[(counter % #users) + 1]
  local headers = { ["Cookie"] = user.cookie, ["Accept"] = "application/json" }
  local pick = counter % 10
  if pick == 0 then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", wrk.path .. "api/rooms/" .. room .. "/messages", headers,
        '{"text":"load message ' .. counter .. '"}')
  elseif pick <= 2 then
    return wrk.format("GET", wrk.path .. "api/rooms/" .. room .. "/messages", headers)
  end
  return wrk.format("GET", wrk.path .. "api/profiles/" .. user.name, headers)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("[chat-load] %d requests in %.1f s: %.0f requests/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; socket errors: connect %d, read %d, write %d, timeout %d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write("[chat-load] non-2xx answers per status (counted by the thread that saw them; see wrk's Non-2xx line for all): ")
  for status, count in pairs(statuses) do
    io.write(status .. "=" .. count .. " ")
  end
  io.write("\n")
end
