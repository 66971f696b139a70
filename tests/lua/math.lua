-- math.lua: the math library against known values (libstd's math.h).
local function near(a, b, eps) return math.abs(a - b) <= (eps or 1e-12) * math.max(1, math.abs(b)) end
assert(math.floor(3.7) == 3 and math.ceil(3.2) == 4 and math.floor(-3.5) == -4)
assert(near(math.sqrt(2), 1.4142135623730951))
assert(near(math.sin(math.pi / 6), 0.5) and near(math.cos(math.pi / 3), 0.5))
assert(near(math.tan(math.pi / 4), 1.0))
assert(near(math.exp(1), 2.718281828459045) and near(math.log(math.exp(2)), 2))
assert(near(math.log(1024, 2), 10) and near(math.log(1000, 10), 3))
assert(near(math.atan(1, 1), math.pi / 4) and near(math.atan(-1, -1), -3 * math.pi / 4))
assert(near(math.asin(1), math.pi / 2) and near(math.acos(0), math.pi / 2))
assert(2 ^ 0.5 == math.sqrt(2) or near(2 ^ 0.5, math.sqrt(2)))
assert(near(10 ^ -3, 0.001))
assert(math.fmod(7, 3) == 1 and math.fmod(-7, 3) == -1 and near(math.fmod(7.5, 2), 1.5))
assert(math.abs(-4) == 4 and math.max(1, 9, 3) == 9 and math.min(4, -2) == -2)
local ip, fp = math.modf(3.75)
assert(ip == 3 and fp == 0.75)
assert(math.ult(1, -1))
math.randomseed(42)
local a = math.random(1, 100)
math.randomseed(42)
assert(math.random(1, 100) == a)
for _ = 1, 1000 do local r = math.random(); assert(r >= 0 and r < 1) end
local s = 0
for i = 1, 100000 do s = s + math.sin(i) * math.sin(i) + math.cos(i) * math.cos(i) end
assert(near(s, 100000, 1e-9))
print("math ok")
