"""Exact counts of real roots, for the independent side of an ``Equivalence``.

A :class:`~glassderive.verify.steps.Condition` that decides "the potential has a double well"
by counting the real roots of ``U'(x)`` with ``mpmath.polyroots`` pays about 1 ms per point
(Durand-Kerner iterations in complex arithmetic at 120 digits) and needs a threshold on the
imaginary parts.  :func:`count_real_roots` gives the same count exactly, by Sturm's theorem in
rational arithmetic on the exact values of the coefficients (a binary float or an mpmath
number *is* a rational), in about 15 microseconds for a cubic: no tolerance, no iteration,
and no use of the closed forms (discriminants, thresholds) a derivation states, so it stays an
independent check of them.

>>> import mpmath as mp
>>> from glassderive.verify.roots import count_real_roots
>>> count_real_roots([1, 0, -3, 1])              # x^3 - 3x + 1: three real roots
3
>>> count_real_roots([1, 0, 3, 1])               # x^3 + 3x + 1: one
1
>>> count_real_roots([1, 0, -1], 0, mp.inf)      # x^2 - 1 on (0, oo): one
1
"""

from __future__ import annotations

from fractions import Fraction
from typing import Optional, Sequence

import mpmath as mp

try:
    from gmpy2 import mpq as _Q
except ImportError:  # pragma: no cover
    _Q = Fraction

__all__ = ["count_real_roots", "exact_rational"]


def exact_rational(v):
    """The exact rational value of a real number: int, float, ``fractions.Fraction``, an
    mpmath ``mpf`` (its binary value, whatever the working precision), a SymPy Rational or
    Integer.  ``ValueError`` for an infinite, NaN or complex value."""
    if isinstance(v, bool):
        v = int(v)
    if isinstance(v, int):
        return _Q(v)
    if isinstance(v, Fraction):
        return _Q(v.numerator, v.denominator)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError(f"not a finite real number: {v!r}")
        n, d = v.as_integer_ratio()
        return _Q(n, d)
    m = getattr(v, "_mpf_", None)
    if m is not None:
        sgn, man, exp, _ = m
        if not man:
            if exp == 0:
                return _Q(0)
            raise ValueError(f"not a finite real number: {v!r}")
        q = _Q(int(man)) * (_Q(2) ** exp if exp >= 0 else _Q(1, 2 ** (-exp)))
        return -q if sgn else q
    p, q = getattr(v, "p", None), getattr(v, "q", None)      # SymPy Rational / Integer
    if isinstance(p, int) and isinstance(q, int):
        return _Q(p, q)
    raise ValueError(f"not an exact real number: {v!r} ({type(v).__name__})")


def _trim(p: list) -> list:
    i = 0
    while i < len(p) and p[i] == 0:
        i += 1
    return p[i:]


def _rem(a: list, b: list) -> list:
    """Remainder of the division of polynomial ``a`` by ``b`` (highest degree first)."""
    a = list(a)
    while len(a) >= len(b) and a:
        c = a[0] / b[0]
        for i in range(len(b)):
            a[i] -= c * b[i]
        a.pop(0)
        a = _trim(a)
    return a


def _value(p: list, x) -> object:
    v = _Q(0)
    for c in p:
        v = v * x + c
    return v


_PINF, _MINF = "+inf", "-inf"


def _sign_at(p: list, x) -> int:
    """Sign of p at x; x = "+inf" / "-inf": the sign of the leading term there."""
    if x is _PINF:
        return 1 if p[0] > 0 else -1
    if x is _MINF:
        s = 1 if p[0] > 0 else -1
        return s if (len(p) - 1) % 2 == 0 else -s
    v = _value(p, x)
    return (v > 0) - (v < 0)


def _end(v, default):
    if v is None:
        return default
    if isinstance(v, str):
        raise ValueError(f"not a number: {v!r}")
    try:
        if mp.isinf(v):
            return _PINF if v > 0 else _MINF
    except (TypeError, ValueError):
        pass
    return exact_rational(v)


def _changes(seq: list, x) -> int:
    signs = [s for s in (_sign_at(p, x) for p in seq) if s != 0]
    return sum(1 for a, b in zip(signs, signs[1:]) if a != b)


def count_real_roots(coeffs: Sequence, a=None, b=None) -> int:
    """The number of distinct real roots of ``coeffs[0] x^n + ... + coeffs[n]`` in the
    interval (a, b] (default: the whole real line), exactly.

    Parameters
    ----------
    coeffs : sequence
        Real coefficients, highest degree first (as ``mpmath.polyroots`` takes them): ints,
        floats, mpmath numbers, SymPy rationals; each is used at its exact value.
    a, b : number or +-mpmath.inf, optional
        The interval (a, b]; None for -oo and +oo.

    Returns
    -------
    int
        Distinct real roots (a multiple root counts once; a root at ``b`` counts, one at
        ``a`` does not), by Sturm's theorem for the square-free part of the polynomial, on
        the exact rational coefficients: no rounding and no tolerance.

    Notes
    -----
    Proves: the count, exactly, for the polynomial whose coefficients are the given numbers
    (the numbers themselves may carry the rounding of however they were computed).

    Cannot prove: anything about a polynomial whose coefficients are not what was passed
    (a coefficient computed in floating point is counted as the rational it rounded to).
    """
    p = _trim([exact_rational(c) for c in coeffs])
    if not p:
        raise ValueError("the zero polynomial has every number as a root")
    lo, hi = _end(a, _MINF), _end(b, _PINF)
    if len(p) == 1:
        return 0
    # the square-free part p / gcd(p, p') has the same distinct roots, all simple: its Sturm
    # sequence counts (a, b] exactly even where a or b is a root
    q = _div(p, _gcd(p, _derivative(p)))
    if len(q) == 1:
        return 0
    seq = [q, _derivative(q)]
    while True:
        r = _rem(seq[-2], seq[-1])
        if not r:
            break
        seq.append([-c for c in r])
        if len(r) == 1:
            break
    return _changes(seq, lo) - _changes(seq, hi)


def _derivative(p: list) -> list:
    n = len(p) - 1
    return [c * (n - i) for i, c in enumerate(p[:-1])]


def _gcd(a: list, b: list) -> list:
    while b:
        a, b = b, _rem(a, b)
    return a


def _div(a: list, b: list) -> list:
    """The quotient of ``a`` by ``b`` (exact division, highest degree first)."""
    a, out = list(a), []
    while len(a) >= len(b):
        c = a[0] / b[0]
        out.append(c)
        for i in range(len(b)):
            a[i] -= c * b[i]
        a.pop(0)
    return out
