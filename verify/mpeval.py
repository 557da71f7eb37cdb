"""High-precision evaluation of SymPy expressions with mpmath.

``mp_function(expr, args)`` turns an expression into an mpmath function.  Unevaluated
``Integral`` objects become ``mpmath.quad`` calls (split geometrically toward the end points,
:func:`robust_quad`) (that is what makes an integral step a real
quadrature check, independent of SymPy's ``integrate``); unevaluated ``Derivative`` objects are
differentiated symbolically first.  ``evaluate`` runs such a function at a point at a given
precision, and ``two_precision_value`` evaluates at ``dps`` and ``2 dps`` and reports their
difference (the self-consistency idea of Arb: without an external reference, agreement between
two precisions bounds the error of the lower one).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import mpmath as mp
import sympy as sp

__all__ = ["mp_function", "evaluate", "rel_diff", "two_precision_value", "DEFAULT_DPS"]

DEFAULT_DPS = 40


def _prepare(expr: sp.Expr) -> sp.Expr:
    for integral in expr.atoms(sp.Integral):
        inner = [i for i in integral.function.atoms(sp.Integral)]
        outer_vars = {lim[0] for lim in integral.limits}
        if len(integral.limits) > 1 or any(
                set().union(*(sp.sympify(b).free_symbols for lim in i.limits for b in lim[1:]))
                & outer_vars for i in inner):
            raise NotImplementedError(
                "multiple integrals are not evaluated by the mpmath path (SymPy prints them as "
                "one mpmath.quad call, which cannot take dependent limits): do the inner "
                f"integral in closed form or split the step ({integral})")
    return expr.replace(lambda e: isinstance(e, sp.Derivative), lambda e: e.doit())


def safe_names(expr: sp.Basic, args: tuple):
    """Rename every symbol to a plain identifier (``t'``, ``\\mathcal{E}`` are not Python names;
    lambdify renames arguments but not integration variables)."""
    syms = sorted(set(expr.atoms(sp.Symbol)) | set(args), key=lambda z: z.name)
    mapping = {z: sp.Symbol(f"_v{i}", **z.assumptions0) for i, z in enumerate(syms)}
    return expr.xreplace(mapping), tuple(mapping[a] for a in args)


def split_points(a, b) -> list:
    """Breakpoints for ``quad`` on [a, b]: geometric toward every finite end point (so that a
    peak or singularity of any width at an end point is resolved), decades toward infinity."""
    digits = mp.mp.dps
    if a == -mp.inf and b == mp.inf:
        return [-mp.inf] + [-mp.mpf(10) ** j for j in range(3, -3, -1)] + [0] + \
            [mp.mpf(10) ** j for j in range(-2, 4)] + [mp.inf]
    if b == mp.inf:
        return [a] + [a + mp.mpf(10) ** j for j in range(-digits, 4, 3)] + [mp.inf]
    if a == -mp.inf:
        return [-mp.inf] + [b - mp.mpf(10) ** j for j in range(3, -digits - 1, -3)] + [b]
    width = b - a
    lo = [a + width * mp.mpf(10) ** -j for j in range(digits, 0, -3)]
    hi = [b - width * mp.mpf(10) ** -j for j in range(1, digits + 1, 3)]
    return [a] + lo + [a + width / 2] + hi + [b]


def robust_quad(f, *ranges):
    """``mpmath.quad`` with :func:`split_points` on each range (what an ``Integral`` becomes)."""
    if len(ranges) != 1:
        return mp.quad(f, *ranges)
    a, b = ranges[0]
    a, b = mp.mpf(a), mp.mpf(b)
    if a == b:
        return mp.mpf(0)
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    return sign * mp.quad(f, split_points(a, b))


@lru_cache(maxsize=512)
def _compiled(expr: sp.Basic, args: tuple):
    expr, args = safe_names(_prepare(expr), args)
    return sp.lambdify(args, expr, modules=[{"quad": robust_quad}, "mpmath"])


def mp_function(expr, args: Sequence[sp.Symbol]):
    """An mpmath-evaluable function of ``args`` (positional)."""
    return _compiled(sp.sympify(expr), tuple(args))


def evaluate(expr, point: dict, dps: int = DEFAULT_DPS):
    """Value of ``expr`` at ``point`` (symbol -> number) with ``dps`` digits."""
    expr = sp.sympify(expr)
    args = tuple(sorted(expr.free_symbols, key=lambda s: s.name))
    missing = [s for s in args if s not in point]
    if missing:
        raise ValueError(f"no value for {missing} in {expr}")
    f = mp_function(expr, args)
    with mp.workdps(dps):
        return f(*[mp.mpf(point[s]) if not isinstance(point[s], mp.mpc) else point[s]
                   for s in args])


def rel_diff(a, b) -> mp.mpf:
    """|a - b| / max(|a|, |b|); 0 when both vanish."""
    scale = max(abs(a), abs(b))
    if scale == 0:
        return mp.mpf(0)
    return abs(a - b) / scale


def two_precision_value(expr, point: dict, dps: int = DEFAULT_DPS):
    """(value at dps, relative difference from the value at 2*dps)."""
    lo = evaluate(expr, point, dps)
    hi = evaluate(expr, point, 2 * dps)
    with mp.workdps(2 * dps):
        return lo, rel_diff(lo, hi)
