-- wrk script for Taskboard. The harness (bench/run.py) passes, through the
-- environment, the logged-in session cookie, a CSRF token from that session,
-- the case to drive and the ids of the tasks the logged-in user owns.
local case = os.getenv("BENCH_CASE")
local cookie = os.getenv("BENCH_COOKIE")
local csrf = os.getenv("BENCH_CSRF")
local task_ids = {}
for id in string.gmatch(os.getenv("BENCH_TASK_IDS") or "", "%d+") do
  task_ids[#task_ids + 1] = id
end
local list_pages = tonumber(os.getenv("BENCH_LIST_PAGES") or "1")

wrk.headers["Cookie"] = cookie
local form_headers = {
  ["Cookie"] = cookie,
  ["Content-Type"] = "application/x-www-form-urlencoded",
}
local form_body = "csrf_token=" .. csrf ..
  "&title=Load+test+task&description=created+by+wrk+%3Cb%3E%26%3C%2Fb%3E&status=pending&due_date=2025-06-01"

math.randomseed(os.time())

local function task_page()
  return wrk.format("GET", "/tasks/" .. task_ids[math.random(1, #task_ids)])
end

local function list_page(page)
  return wrk.format("GET", "/tasks/?per_page=50&page=" .. page)
end

local function users_page()
  return wrk.format("GET", "/users/?per_page=20")
end

local function create_task()
  return wrk.format("POST", "/tasks/new", form_headers, form_body)
end

-- The same mix as the anchor's mixed.lua: 60% task page, 20% list, 10% users, 10% create.
local function mixed()
  local r = math.random(1, 100)
  if r <= 60 then
    return task_page()
  elseif r <= 80 then
    return list_page(math.random(1, list_pages))
  elseif r <= 90 then
    return users_page()
  end
  return create_task()
end

local cases = {
  list = function() return list_page(1) end,
  task = task_page,
  users = users_page,
  create = create_task,
  mixed = mixed,
}
request = cases[case]
