-- coroutines.lua: create/resume/yield/wrap/status, errors inside coroutines.
local gen = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(i) end
  return "end"
end)
assert(gen() == 1 and gen() == 2 and gen() == 3 and gen() == "end")
local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
assert(coroutine.status(co) == "suspended")
local ok, v = coroutine.resume(co, 1, 2); assert(ok and v == 3)
ok, v = coroutine.resume(co, 10); assert(ok and v == 20)
ok, v = coroutine.resume(co, 3, 4); assert(ok and v == 7)
assert(coroutine.status(co) == "dead")
ok, v = coroutine.resume(co)
assert(not ok and v:find("dead"))
local bad = coroutine.create(function() error("boom") end)
ok, v = coroutine.resume(bad)
assert(not ok and v:find("boom"))
-- a producer/consumer pipeline of 1000 items
local producer = coroutine.create(function()
  for i = 1, 1000 do coroutine.yield(i) end
end)
local s = 0
while true do
  local alive, x = coroutine.resume(producer)
  if not x then break end
  s = s + x
end
assert(s == 500500)
assert(coroutine.isyieldable() == false)
print("coroutines ok")
