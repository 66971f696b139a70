-- tables.lua: tables as arrays and maps, table library, metatables.
local t = {}
for i = 1, 1000 do t[i] = i * i end
assert(#t == 1000 and t[1000] == 1000000)
table.insert(t, 1, 0)
assert(t[1] == 0 and #t == 1001)
assert(table.remove(t) == 1000000 and #t == 1000)
local names = {"pear", "apple", "fig", "banana"}
table.sort(names)
assert(table.concat(names, ",") == "apple,banana,fig,pear")
table.sort(names, function(a, b) return #a < #b end)
assert(names[1] == "fig")
assert(select("#", table.unpack({1, 2, 3})) == 3)
local m = {x = 1, y = 2, [3.0] = "three", [true] = "yes"}
assert(m[3] == "three" and m[true] == "yes")
local n = 0
for _ in pairs(m) do n = n + 1 end
assert(n == 4)
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__tostring = function(v) return "V(" .. v.x .. ")" end
V.__eq = function(a, b) return a.x == b.x end
local v = setmetatable({x = 2}, V) + setmetatable({x = 3}, V)
assert(tostring(v) == "V(5)" and v == setmetatable({x = 5}, V))
local proxy = setmetatable({}, {__index = function(_, k) return k * 2 end,
                                __newindex = function(t, k, val) rawset(t, k, val + 1) end})
proxy[1] = 10
assert(proxy[1] == 11 and proxy[21] == 42)
assert(table.move({1, 2, 3}, 1, 3, 2)[3] == 2)
print("tables ok")
