"""Random points inside (and just outside) a step's assumptions.

A step states its assumptions as a mapping ``{symbol: sympy.Interval}`` plus an optional
SymPy boolean ``where`` relating several symbols (rejection sampling).  Points are drawn with a
seeded generator (the seed comes from the derivation and step names), so every verification run
is reproducible.  Values are returned as mpmath numbers at the current working precision.

Unbounded intervals are sampled log-uniformly over several decades, so that a check sees both
small and large magnitudes; bounded ones uniformly, kept a little away from the end points (where
a relation may be singular).
"""

from __future__ import annotations

import hashlib
import math
import random
from functools import lru_cache
from typing import Callable, Mapping

import mpmath as mp
import sympy as sp

__all__ = ["Domain", "seed_for", "draw_inside", "draw_outside", "draw_outside_group"]

Domain = Mapping[sp.Symbol, sp.Interval]

#: magnitudes spanned on unbounded intervals: 10**LOG_LO .. 10**LOG_HI
LOG_LO, LOG_HI = -2.0, 1.5


def seed_for(*names: str) -> int:
    """A stable 64-bit seed from names (Python's ``hash`` is salted per process)."""
    digest = hashlib.sha256("\x1f".join(names).encode()).digest()
    return int.from_bytes(digest[:8], "little")


def _float(v) -> float:
    return float(v) if v.is_finite else (math.inf if v == sp.oo else -math.inf)


_REAL_LINE = sp.Interval(-sp.oo, sp.oo)


def _bounds(iv: sp.Interval) -> tuple:
    """(start, end) of an interval as floats (+-inf for an infinite end)."""
    return _float(iv.start), _float(iv.end)


def _draw_interval(rng: random.Random, iv: sp.Interval) -> float:
    return _draw_bounds(rng, *_bounds(iv))


def _draw_bounds(rng: random.Random, lo: float, hi: float) -> float:
    if math.isfinite(lo) and math.isfinite(hi):
        u = rng.uniform(0.02, 0.98)
        return lo + (hi - lo) * u
    mag = 10.0 ** rng.uniform(LOG_LO, LOG_HI)
    if math.isfinite(lo):
        return lo + mag
    if math.isfinite(hi):
        return hi - mag
    return mag if rng.random() < 0.5 else -mag


def _draw_outside(rng: random.Random, iv: sp.Interval, allowed: sp.Interval = None) -> float:
    """A value just outside ``iv`` but inside ``allowed`` (the symbol's assumptions)."""
    lo, hi = _float(iv.start), _float(iv.end)
    alo, ahi = (-math.inf, math.inf) if allowed is None else (_float(allowed.start),
                                                              _float(allowed.end))
    sides = [s for s, v, room in (("lo", lo, lo > alo), ("hi", hi, hi < ahi))
             if math.isfinite(v) and room]
    if not sides:
        raise ValueError(f"cannot sample outside {iv} within the symbol's assumptions {allowed}")
    side = rng.choice(sides)
    width = (hi - lo) if (math.isfinite(lo) and math.isfinite(hi)) else 1.0
    for _ in range(100):
        mag = width * 10.0 ** rng.uniform(-1.5, 0.5)
        v = lo - mag if side == "lo" else hi + mag
        if alo < v < ahi:
            return v
    # squeeze into the allowed gap
    return (lo + alo) / 2 if side == "lo" else (hi + ahi) / 2


def _accept(where, point: dict) -> bool:
    if where is None:
        return True
    if callable(where) and not isinstance(where, sp.Basic):
        return bool(where(point))
    fast = _where_function(where)
    if fast is not None and all(z in point for z in fast[0]):
        # the condition at 30 digits, as SymPy evaluates it below, without SymPy's symbolic
        # machinery (which takes milliseconds per point); anything it cannot decide goes
        # the SymPy way
        try:
            with mp.workdps(30):
                return bool(fast[1](*[mp.mpf(point[z]) for z in fast[0]]))
        except Exception:
            pass
    val = where.subs({k: sp.Float(v, 30) for k, v in point.items()})
    return bool(val)


@lru_cache(maxsize=256)
def _where_function(where):
    """(symbols, mpmath function) of a SymPy condition, or None if lambdify refuses it."""
    try:
        syms = tuple(sorted(where.free_symbols, key=lambda z: z.name))
        return syms, sp.lambdify(syms, where, modules="mpmath")
    except Exception:
        return None


def draw_inside(domain: Domain, n: int, seed: int, where=None, symbols=None,
                max_tries: int = 200) -> list[dict]:
    """``n`` points (dicts symbol -> mpf) inside ``domain`` satisfying ``where``."""
    rng = random.Random(seed)
    syms = list(symbols if symbols is not None else domain)
    points: list[dict] = []
    tries = 0
    # the float bounds once, not at every draw (the same values, the same random sequence)
    bounds = [(s, _bounds(domain.get(s, _REAL_LINE))) for s in syms]
    while len(points) < n:
        tries += 1
        if tries > max_tries * n:
            raise ValueError(f"could not draw {n} points satisfying {where} inside {dict(domain)}")
        point = {s: _draw_bounds(rng, lo, hi) for s, (lo, hi) in bounds}
        if _accept(where, point):
            points.append({s: mp.mpf(v) for s, v in point.items()})
    return points


def draw_corners(domain: Domain, seed: int, where=None, symbols=None) -> list[dict]:
    """The two corners of ``domain`` (every symbol near its lower end, then near its upper
    end: 2 % of a finite width inside, or 0.02 max(1, |end|) from a finite end of a half-line;
    an infinite end is drawn at random), those that satisfy ``where``.  A claim that fails
    near one end of one parameter's range fails at a corner whatever the seed."""
    rng = random.Random(seed)
    syms = list(symbols if symbols is not None else domain)
    out = []
    for side in (0, 1):
        point = {}
        for s in syms:
            iv = domain.get(s, _REAL_LINE)
            lo, hi = _float(iv.start), _float(iv.end)
            end = lo if side == 0 else hi
            if not math.isfinite(end):
                point[s] = _draw_interval(rng, iv)
            elif math.isfinite(lo) and math.isfinite(hi):
                point[s] = lo + 0.02 * (hi - lo) if side == 0 else hi - 0.02 * (hi - lo)
            else:
                step = 0.02 * max(1.0, abs(end))
                point[s] = end + step if side == 0 else end - step
        if _accept(where, point):
            out.append({s: mp.mpf(v) for s, v in point.items()})
    return out


def draw_outside(domain: Domain, outside: sp.Symbol, n: int, seed: int, where=None,
                 symbols=None, max_tries: int = 200, allowed=None) -> list[dict]:
    """``n`` points with ``outside`` just outside its interval and the rest inside.

    ``where`` constraints that involve ``outside`` are dropped (they describe the inside).
    """
    rng = random.Random(seed ^ 0x5A5A5A5A)
    syms = list(symbols if symbols is not None else domain)
    if where is not None and isinstance(where, sp.Basic) and outside in where.free_symbols:
        where = None
    points: list[dict] = []
    tries = 0
    while len(points) < n:
        tries += 1
        if tries > max_tries * n:
            raise ValueError(f"could not draw {n} points outside the range of {outside}")
        point = {}
        for s in syms:
            iv = domain.get(s, _REAL_LINE)
            point[s] = _draw_outside(rng, iv, (allowed or {}).get(s)) if s == outside \
                else _draw_interval(rng, iv)
        if _accept(where, point):
            points.append({s: mp.mpf(v) for s, v in point.items()})
    return points


def draw_outside_group(domain: Domain, group, n: int, seed: int, where=None,
                       symbols=None, allowed=None) -> list[dict]:
    """Points with every symbol of ``group`` outside its range together (the rest inside)."""
    group = tuple(group)
    if len(group) == 1:
        return draw_outside(domain, group[0], n, seed, where, symbols, allowed=allowed)
    rng = random.Random(seed ^ 0xA5A5A5A5)
    points = []
    for p in draw_inside(domain, n, seed ^ 0x12345678, None, symbols):
        q = dict(p)
        for s in group:
            q[s] = mp.mpf(_draw_outside(rng, domain[s], (allowed or {}).get(s)))
        points.append(q)
    return points


def describe(domain: Domain, where=None) -> str:
    parts = [f"{s} in {iv}" for s, iv in domain.items()]
    if where is not None and isinstance(where, sp.Basic):
        parts.append(str(where))
    return ", ".join(parts) if parts else "no assumptions"


Filter = Callable[[dict], bool]
