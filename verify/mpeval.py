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

import itertools
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
    # toward infinity: every decade up to 1e12 (a peak far out, e.g. at t ~ 1/x for small x,
    # is then inside one decade)
    far = list(range(-digits, 0, 3)) + list(range(0, 13))
    if b == mp.inf:
        return [a] + [a + mp.mpf(10) ** j for j in far] + [mp.inf]
    if a == -mp.inf:
        return [-mp.inf] + [b - mp.mpf(10) ** j for j in reversed(far)] + [b]
    width = b - a
    lo = [a + width * mp.mpf(10) ** -j for j in range(digits, 0, -3)]
    hi = [b - width * mp.mpf(10) ** -j for j in range(1, digits + 1, 3)]
    # strictly increasing: a point within the working precision of an end point rounds onto
    # it (b - 1e-40 == b at 40 digits), and an empty sub-interval would evaluate the
    # integrand at the end point itself (a singular end point then divides by zero)
    out = [a]
    for p in lo + [a + width / 2] + hi:
        if out[-1] < p < b:
            out.append(p)
    return out + [b]


class QuadratureError(ArithmeticError):
    """mpmath's error estimate of a quadrature inside a check exceeds what the check needs."""


#: the relative error estimate a quadrature inside a check may have (``None``: the default,
#: ``10**-(dps/2)`` at the working precision)
QUAD_RTOL = None

#: the error estimates of the quadratures done since the last :func:`reset_quad_log`
QUAD_LOG: list = []


def reset_quad_log() -> None:
    QUAD_LOG.clear()


def _interior_peaks(f, a, b, n: int = 48) -> list:
    """Interior local maxima of |f| on a coarse grid of a finite [a, b] (linear and, for
    a > 0, geometric), returned as breakpoints for the quadrature: a narrow peak that the
    end-point splitting would not resolve is then an end point of two sub-intervals."""
    grids = [a + (b - a) * mp.mpf(i) / n for i in range(1, n)]
    if a > 0 and b / a > 100:
        grids += [a * (b / a) ** (mp.mpf(i) / n) for i in range(1, n)]
    grids = sorted(set(grids))
    vals = []
    for t in grids:
        try:
            v = abs(f(t))
            vals.append(v if mp.isfinite(v) else mp.mpf(0))
        except Exception:
            vals.append(mp.mpf(0))
    def absf(t):
        try:
            v = abs(f(t))
            return v if mp.isfinite(v) else mp.mpf(0)
        except Exception:
            return mp.mpf(0)

    peaks = []
    for i in range(1, len(grids) - 1):
        if vals[i] > vals[i - 1] and vals[i] > vals[i + 1] and vals[i] > 0:
            # locate the maximum (golden section), then split geometrically toward it
            lo, hi = grids[i - 1], grids[i + 1]
            g = (mp.sqrt(5) - 1) / 2
            for _ in range(120):
                m1, m2 = hi - g * (hi - lo), lo + g * (hi - lo)
                if absf(m1) < absf(m2):
                    lo = m1
                else:
                    hi = m2
            c = (lo + hi) / 2
            h = grids[i + 1] - grids[i - 1]
            peaks.append(c)
            for k in range(1, mp.mp.dps // 2, 2):
                for p in (c - h * mp.mpf(10) ** -k, c + h * mp.mpf(10) ** -k):
                    if a < p < b:
                        peaks.append(p)
        if len(peaks) > 200:
            break
    return peaks


def _quad_with_tails(f, pts):
    """quad over breakpoints; an infinite end interval is integrated twice (directly, and
    after t -> 1/u), and their difference is added to the error estimate, so an integrand that
    does not decay (oscillating or divergent at infinity) cannot pass as a small error."""
    inner = [p for p in pts if mp.isfinite(p)]
    val, err = (mp.quad(f, inner, error=True) if len(inner) > 1 else (mp.mpf(0), mp.mpf(0)))
    if pts[-1] == mp.inf:
        T = inner[-1]
        v1, e1 = mp.quad(f, [T, mp.inf], error=True)
        if T > 0:
            v2 = mp.quad(lambda u: f(1 / u) / u**2 if u != 0 else mp.mpf(0), [0, 1 / T])
            e1 = max(e1, abs(v1 - v2))
        val, err = val + v1, err + e1
    if pts[0] == -mp.inf:
        T = inner[0]
        v1, e1 = mp.quad(f, [-mp.inf, T], error=True)
        if T < 0:
            v2 = mp.quad(lambda u: f(1 / u) / u**2 if u != 0 else mp.mpf(0), [1 / T, 0])
            e1 = max(e1, abs(v1 - v2))
        val, err = val + v1, err + e1
    return val, err


def _endpoint_safe(f, a, b):
    """``f`` that gives 0 at a node which rounded onto a finite end point of the range (a
    tanh-sinh node within 10**-dps of ``b`` *is* ``b`` in working precision) where ``f`` is
    singular: the node's weight is below the working precision, and an integrable singularity
    there (1/sqrt(1 - r) at r = 1) would otherwise divide by zero.  Anywhere else a failure
    propagates."""
    def g(t):
        try:
            v = f(t)
        except ZeroDivisionError:
            if t == a or t == b:
                return mp.mpf(0)
            raise
        if (t == a or t == b) and not mp.isfinite(v):
            return mp.mpf(0)
        return v
    g.__name__ = getattr(f, "__name__", "the integrand")
    return g


def robust_quad(f, *ranges):
    """``mpmath.quad`` with :func:`split_points` on each range (what an ``Integral`` becomes),
    interior peaks of the integrand as further breakpoints, and mpmath's error estimate
    checked: a quadrature that cannot vouch for ``10**-(dps/2)`` relative raises
    :class:`QuadratureError` (a check that crashes is reported as an error, never a pass)."""
    if len(ranges) != 1:
        return mp.quad(f, *ranges)
    a, b = ranges[0]
    a, b = mp.mpf(a), mp.mpf(b)
    if a == b:
        return mp.mpf(0)
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    pts = split_points(a, b)
    f = _endpoint_safe(f, a, b)
    if mp.isfinite(a) and mp.isfinite(b):
        pts = sorted(set(pts) | set(_interior_peaks(f, a, b)))
    val, err = _quad_with_tails(f, pts)
    rtol = QUAD_RTOL if QUAD_RTOL is not None else mp.mpf(10) ** (-(mp.mp.dps // 2))
    scale = abs(val)
    QUAD_LOG.append(float(err / scale) if scale else float(err))
    if err > rtol * scale and err > mp.mpf(10) ** (-(mp.mp.dps - 5)):
        raise QuadratureError(f"quadrature of {getattr(f, '__name__', 'the integrand')} on "
                              f"[{mp.nstr(a, 6)}, {mp.nstr(b, 6)}]: error estimate "
                              f"{mp.nstr(err, 3)} exceeds {mp.nstr(rtol, 3)} relative of "
                              f"{mp.nstr(val, 6)}")
    return sign * val


_NAMES = itertools.count()   # fresh names for hoisted values and integrals


def _lambdify(args: tuple, expr: sp.Basic, cse: bool = False):
    return sp.lambdify(args, expr, modules=[{"quad": robust_quad}, "mpmath"], cse=cse)


def _trivial(e: sp.Basic) -> bool:
    """Atoms that are as cheap to use in place as a precomputed value (a local name, a
    Python int in the generated code)."""
    return e.is_Symbol or e.is_Integer


def _hoist(e: sp.Basic, x: sp.Symbol, table: dict) -> sp.Basic:
    """``e`` with its subexpressions that do not depend on ``x`` (the integration variable)
    replaced by symbols ``_h<i>`` (``table``: symbol -> subexpression), so that they are
    computed once per quadrature instead of at every node.  Only through Add, Mul, Pow and
    applied functions (what is evaluated eagerly in the generated code); a Piecewise, a
    relational or a nested integral is kept whole."""
    if x not in e.free_symbols:
        if _trivial(e):
            return e
        for s, sub in table.items():
            if sub == e:
                return s
        s = sp.Symbol(f"_h{next(_NAMES)}")
        table[s] = e
        return s
    if isinstance(e, (sp.Add, sp.Mul)):
        inv = [a for a in e.args if x not in a.free_symbols]
        dep = [_hoist(a, x, table) for a in e.args if x in a.free_symbols]
        if len(inv) > 1 or (inv and not _trivial(inv[0])):
            inv = [_hoist(e.func(*inv), x, table)]
        return e.func(*inv, *dep, evaluate=False)
    if isinstance(e, sp.Pow):
        # a numeric exponent stays as it is (printed as sqrt, an integer power, ...)
        exp = e.exp if e.exp.is_number else _hoist(e.exp, x, table)
        return sp.Pow(_hoist(e.base, x, table), exp, evaluate=False)
    if isinstance(e, sp.Function) and not isinstance(e, sp.Piecewise):
        new = [_hoist(a, x, table) for a in e.args]
        try:
            return e.func(*new, evaluate=False)
        except TypeError:
            return e
    return e


def _outer_integrals(expr: sp.Basic) -> list:
    out = []

    def walk(e):
        if isinstance(e, sp.Integral):
            if e not in out:
                out.append(e)
            return
        for a in e.args:
            walk(a)
    walk(expr)
    return out


def _compile(expr: sp.Basic, args: tuple):
    """An mpmath function of ``args`` for ``expr`` (symbols already renamed by
    :func:`safe_names`).  Without integrals: SymPy's lambdify.  With integrals: each outermost
    ``Integral`` is a :func:`robust_quad` of an integrand whose parts that do not depend on
    the integration variable are evaluated once per quadrature (at the precision
    ``mpmath.quad`` evaluates the integrand at, 20 bits above the working one) instead of at
    every node: the same quadrature (same breakpoints, nodes, degrees and error checks), on
    the same integrand values up to rounding in the last bits."""
    integrals = _outer_integrals(expr)
    if not integrals:
        return _lambdify(args, expr)
    if expr.has(sp.Piecewise) or any(len(i.limits) != 1 or len(i.limits[0]) != 3
                                     for i in integrals):
        # a Piecewise evaluates only the branch taken: integrals stay where they are
        return _lambdify(args, expr)
    qs = tuple(sp.Symbol(f"_q{next(_NAMES)}") for _ in integrals)
    rest = expr.xreplace(dict(zip(integrals, qs)))
    parts = [_compile_integral(i, args) for i in integrals]
    if rest in qs and len(qs) == 1:
        return parts[0]
    frest = _lambdify(args + qs, rest)

    def f(*vals):
        return frest(*vals, *[g(*vals) for g in parts])
    return f


def _compile_integral(integral: sp.Integral, args: tuple):
    body = integral.function
    x, a, b = integral.limits[0]
    fa, fb = _compile(sp.sympify(a), args), _compile(sp.sympify(b), args)
    table: dict = {}
    hoisted = _hoist(body, x, table)
    hsyms = tuple(table)
    fplain = _compile(body, args + (x,))
    if not table:
        def integral_value(*vals):
            return robust_quad(lambda t: fplain(*vals, t), (fa(*vals), fb(*vals)))
        return integral_value
    if hoisted.has(sp.Integral, sp.Piecewise):
        fbody = _compile(hoisted, args + hsyms + (x,))
    else:
        # the integrand proper: common subexpressions computed once per node
        fbody = _lambdify(args + hsyms + (x,), hoisted, cse=True)
    fconst = [_compile(table[h], args) for h in hsyms]

    def integral_value(*vals):
        lo, hi = fa(*vals), fb(*vals)
        try:
            with mp.extraprec(20):
                consts = [+g(*vals) for g in fconst]
        except Exception:
            # whatever fails here fails in the integrand too, where the unhoisted form raises
            # it as before
            return robust_quad(lambda t: fplain(*vals, t), (lo, hi))
        pre = vals + tuple(consts)
        return robust_quad(lambda t: fbody(*pre, t), (lo, hi))
    return integral_value


@lru_cache(maxsize=512)
def _compiled(expr: sp.Basic, args: tuple):
    expr, args = safe_names(_prepare(expr), args)
    return _compile(expr, tuple(args))


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
