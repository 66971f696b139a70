-- gc.lua: garbage collection under a few MiB of allocations, weak tables, finalizers.
local before = collectgarbage("count")
local keep = {}
for round = 1, 20 do
  local t = {}
  for i = 1, 20000 do t[i] = {i, tostring(i)} end
  keep[round % 3] = t
end
collectgarbage("collect")
local peak = collectgarbage("count")
keep = nil
collectgarbage("collect")
local after = collectgarbage("count")
assert(after < peak, "memory not given back")
assert(after < before + 1024, "more than 1 MiB left after collection")
local weak = setmetatable({}, {__mode = "k"})
weak[{}] = true
collectgarbage("collect")
assert(next(weak) == nil)
local finalized = false
do setmetatable({}, {__gc = function() finalized = true end}) end
collectgarbage("collect")
assert(finalized)
local big = string.rep("x", 4 * 1024 * 1024)
assert(#big == 4194304)
big = nil
collectgarbage("collect")
collectgarbage("generational")
for i = 1, 100000 do local _ = {i} end
collectgarbage("incremental")
print("gc ok")
