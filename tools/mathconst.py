#!/usr/bin/python3
"""mathconst.py - prints the constants of lib/libstd/src/math (as exact C hex floats)
from high-precision arithmetic done here with Python integers and Decimal: pi by
Machin's formula, atan by Euler's series, logarithms by the atanh series. Run it and
compare with the tables in src/math/*.c when a constant is added or in doubt."""
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 460


def pi_dec():
    """pi = 16 atan(1/5) - 4 atan(1/239) (Machin)."""
    return 16 * atan_series(Decimal(1) / 5) - 4 * atan_series(Decimal(1) / 239)


def atan_series(x):
    """atan(x) by Euler's series: sum 2^2n (n!)^2 / (2n+1)! x^(2n+1) / (1+x^2)^(n+1)."""
    y = x * x / (1 + x * x)
    term = x / (1 + x * x)
    total = Decimal(0)
    n = 0
    while abs(term) > Decimal(10) ** -450:
        total += term
        n += 1
        term = term * y * (2 * n) / (2 * n + 1)
    return total


def ln_dec(x):
    """ln(x) = 2 atanh((x-1)/(x+1)); fine for x in [0.5, 10]."""
    s = (x - 1) / (x + 1)
    s2, term, total, n = s * s, s, Decimal(0), 0
    while abs(term) > Decimal(10) ** -450:
        total += term / (2 * n + 1)
        term *= s2
        n += 1
    return 2 * total


def to_double(v):
    """Round a Decimal to the nearest double (via Fraction: exact)."""
    return float(Fraction(v))


def split(v, bits=53):
    """hi (rounded to @bits significant bits) and lo = v - hi, both as doubles."""
    f = Fraction(v)
    hi = float(f)
    if bits < 53:
        import math
        m, e = math.frexp(hi)
        hi = round(m * 2 ** bits) / 2 ** bits * 2 ** e
    return hi, float(f - Fraction(hi))


def show(name, v, bits=53):
    hi, lo = split(v, bits)
    print(f"{name}_hi = {hi.hex()}, {name}_lo = {lo.hex()}")


pi = pi_dec()
ln2 = ln_dec(Decimal(2))
ln10 = ln_dec(Decimal(10) / 8) + 3 * ln2
show("pi", pi)
show("pio2", pi / 2)
show("pio2_33a", pi / 2, 33)
r = pi / 2 - Decimal(Fraction(float(split(pi / 2, 33)[0])).numerator) / Fraction(float(split(pi / 2, 33)[0])).denominator
show("pio2_33b", r, 33)
r2 = r - Decimal(Fraction(split(r, 33)[0]).numerator) / Fraction(split(r, 33)[0]).denominator
show("pio2_33c", r2)
show("ln2", ln2)
show("ln2_32", ln2, 32)
show("inv_ln2", 1 / ln2)
show("inv_ln10", 1 / ln10)
show("log10_2", ln2 / ln10)
show("log10_2_32", ln2 / ln10, 32)
show("two_thirds", Decimal(2) / 3)
for j in range(1, 9):
    show(f"atan_{j}_8", atan_series(Decimal(j) / 8))
# 2/pi as 24-bit chunks for the Payne-Hanek reduction: floor(2/pi * 2^(24*N)).
N = 56
bits = int((2 / pi) * (Decimal(2) ** (24 * N)))
chunks = [(bits >> (24 * (N - 1 - i))) & 0xFFFFFF for i in range(N)]
print("two_over_pi_24 =", ", ".join(f"0x{c:06x}" for c in chunks))
