-- closures.lua: upvalues, recursion, varargs, integer/float arithmetic.
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
c1(); c1()
assert(c1() == 3 and c2() == 1)
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
assert(fib(20) == 6765)
local function sum(...)
  local s = 0
  for _, x in ipairs({...}) do s = s + x end
  return s, select("#", ...)
end
local total, count = sum(1, 2, 3, 4)
assert(total == 10 and count == 4)
local adders = {}
for i = 1, 5 do adders[i] = function(x) return x + i end end
assert(adders[3](10) == 13 and adders[5](0) == 5)
assert(7 // 2 == 3 and 7 % 3 == 1 and -7 // 2 == -4 and 7 / 2 == 3.5)
assert(math.type(1) == "integer" and math.type(1.0) == "float")
assert(1 << 62 == 4611686018427387904 and 0xff ~ 0x0f == 0xf0)
assert(math.maxinteger + 1 == math.mininteger)
assert(2^10 == 1024.0 and 10 // 0.0 == math.huge)
local deep = 0
local function recurse(n) if n == 0 then return 0 end deep = deep + 1 return recurse(n - 1) end
recurse(5000)
assert(deep == 5000)
print("closures ok")
