"""High-precision evaluation of SymPy expressions with mpmath.

``mp_function(expr, args)`` turns an expression into an mpmath function.  Unevaluated
``Integral`` objects become ``mpmath.quad`` calls (split geometrically toward the end points,
:func:`robust_quad`) (that is what makes an integral step a real
quadrature check, independent of SymPy's ``integrate``); unevaluated ``Derivative`` objects are
differentiated symbolically first.  ``evaluate`` runs such a function at a point at a given
precision, and ``two_precision_value`` evaluates at ``dps`` and ``2 dps`` and reports their
difference (the self-consistency idea of Arb: without an external reference, agreement between
two precisions bounds the error of the lower one).

Speed without a change of method: an integrand whose operations all exist in gmpy2 (MPFR:
correctly rounded, in C) is also compiled to gmpy2 and summed by :func:`_ts_quad_fast`, the
same tanh-sinh rule as ``mpmath.quad`` (mpmath's own nodes, degrees, precision and error
estimate), 3-5x faster; a value that MPFR cannot give as a finite real (a complex
intermediate, an overflow) sends the quadrature back to ``mpmath.quad`` unchanged.  A finite
end point that is not 0 is moved to 0 (``x = a + u``, ``x = b - u``, simplified by SymPy), so
that the distance to it is exact: a singular integrand there (``1/sqrt(b - x)``) is resolved
instead of being evaluated at abscissas that lost their digits to ``b - x``.
"""

from __future__ import annotations

import itertools
from functools import lru_cache, partial
from typing import Sequence

import mpmath as mp
import sympy as sp
from mpmath.libmp import from_man_exp
from sympy.printing.pycode import MpmathPrinter

try:  # a dependency (pyproject); without it every quadrature takes the mpmath path
    import gmpy2
except ImportError:  # pragma: no cover
    gmpy2 = None

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


def _mp_quad(f, pts):
    return mp.quad(f, pts, error=True)


def _quad_with_tails(f, pts, quad=_mp_quad):
    """quad over breakpoints; an infinite end interval is integrated twice (directly, and
    after t -> 1/u), and their difference is added to the error estimate, so an integrand that
    does not decay (oscillating or divergent at infinity) cannot pass as a small error.
    ``quad(f, points) -> (value, error)``: ``mpmath.quad``, or :func:`_ts_quad_fast` for a
    gmpy2 integrand (then ``f`` is one too)."""
    inner = [p for p in pts if mp.isfinite(p)]
    val, err = (quad(f, inner) if len(inner) > 1 else (mp.mpf(0), mp.mpf(0)))
    if quad is _mp_quad:
        def inv(u):
            return f(1 / u) / u**2 if u != 0 else mp.mpf(0)
    else:
        inv = f.inverted()
    if pts[-1] == mp.inf:
        T = inner[-1]
        v1, e1 = quad(f, [T, mp.inf])
        if T > 0:
            v2, _ = quad(inv, [mp.mpf(0), 1 / T])
            e1 = max(e1, abs(v1 - v2))
        val, err = val + v1, err + e1
    if pts[0] == -mp.inf:
        T = inner[0]
        v1, e1 = quad(f, [-mp.inf, T])
        if T < 0:
            v2, _ = quad(inv, [1 / T, mp.mpf(0)])
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


def _check_estimate(f, a, b, val, err):
    """mpmath's error estimate against what a check needs (:class:`QuadratureError`)."""
    rtol = QUAD_RTOL if QUAD_RTOL is not None else mp.mpf(10) ** (-(mp.mp.dps // 2))
    scale = abs(val)
    QUAD_LOG.append(float(err / scale) if scale else float(err))
    if err > rtol * scale and err > mp.mpf(10) ** (-(mp.mp.dps - 5)):
        raise QuadratureError(f"quadrature of {getattr(f, '__name__', 'the integrand')} on "
                              f"[{mp.nstr(a, 6)}, {mp.nstr(b, 6)}]: error estimate "
                              f"{mp.nstr(err, 3)} exceeds {mp.nstr(rtol, 3)} relative of "
                              f"{mp.nstr(val, 6)}")


def _quad_points(f, pts, fast=None):
    """(value, error) over breakpoints, by the gmpy2 rule when ``fast`` is given and can
    evaluate every node, else (or then) by ``mpmath.quad``."""
    if fast is not None:
        try:
            return _quad_with_tails(_fast_endpoint_safe(fast, pts[0], pts[-1]), pts,
                                    _ts_quad_fast)
        except _Fallback:
            pass
    return _quad_with_tails(f, pts)


def robust_quad(f, *ranges, fast=None):
    """``mpmath.quad`` with :func:`split_points` on each range (what an ``Integral`` becomes),
    interior peaks of the integrand as further breakpoints, and mpmath's error estimate
    checked: a quadrature that cannot vouch for ``10**-(dps/2)`` relative raises
    :class:`QuadratureError` (a check that crashes is reported as an error, never a pass).
    ``fast``: the same integrand on gmpy2 numbers (see :func:`_ts_quad_fast`), or None."""
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
    val, err = _quad_points(f, pts, fast)
    _check_estimate(f, a, b, val, err)
    return sign * val


def _quad_from_ends(f, a, b, lo, hi, fast=None):
    """The integral of ``f`` over [a, b] with each finite end point that is not 0 moved to 0:
    ``lo = (g, fast)`` is the integrand of u = x - a, ``hi`` that of v = b - x (None: that end
    stays; ``fast``: the gmpy2 form of ``f`` for that half).  The breakpoints are those of
    :func:`robust_quad` (geometric toward each end, the middle, the interior peaks of ``f``),
    written as distances from the end, which are then exact; the error estimate is checked
    as there."""
    a, b = mp.mpf(a), mp.mpf(b)
    if not a < b or (lo is None and hi is None):
        return None
    digits = mp.mp.dps
    f = _endpoint_safe(f, a, b)
    parts = []
    if mp.isfinite(a) and mp.isfinite(b):
        width = b - a
        half = width / 2
        peaks = _interior_peaks(f, a, b)
        near = [width * mp.mpf(10) ** -j for j in range(digits, 0, -3)]
        lo_pts = sorted({p - a for p in peaks if a < p < a + half} | set(near))
        hi_pts = sorted({b - p for p in peaks if a + half < p < b} | set(near))
        lo_pts = [mp.mpf(0)] + [p for p in lo_pts if 0 < p < half] + [half]
        hi_pts = [mp.mpf(0)] + [p for p in hi_pts if 0 < p < half] + [half]
        if lo is None:
            # x itself on [a, a + half]: the old breakpoints of that half
            pts = [p for p in sorted(set(split_points(a, b)) | set(peaks)) if p <= a + half]
            if pts[-1] != a + half:
                pts.append(a + half)
            parts.append((f, fast, pts))
        else:
            parts.append((lo[0], lo[1], lo_pts))
        if hi is None:
            pts = [p for p in sorted(set(split_points(a, b)) | set(peaks)) if p >= a + half]
            if pts[0] != a + half:
                pts.insert(0, a + half)
            parts.append((f, fast, pts))
        else:
            parts.append((hi[0], hi[1], hi_pts))
    else:
        far = [mp.mpf(10) ** j for j in list(range(-digits, 0, 3)) + list(range(0, 13))]
        pts = [mp.mpf(0)] + far + [mp.inf]
        if mp.isfinite(a) and lo is not None:
            parts.append((lo[0], lo[1], pts))
        elif mp.isfinite(b) and hi is not None:
            parts.append((hi[0], hi[1], pts))
        else:
            return None
    val, err = mp.mpf(0), mp.mpf(0)
    for g, fast, pts in parts:
        if g is not f:
            g = _endpoint_safe(g, pts[0], pts[-1])
        v, e = _quad_points(g, pts, fast)
        val, err = val + v, err + e
    _check_estimate(f, a, b, val, err)
    return val


# -- the gmpy2 (MPFR) rule ---------------------------------------------------------------------

class _Fallback(Exception):
    """The gmpy2 path cannot evaluate this integrand here (a complex or non-finite value, an
    argument that is not a finite real): redo the quadrature with mpmath."""


_RULE = mp.mp._tanh_sinh
_STD_NODES: dict = {}


def _to_mpfr(x):
    """An mpmath real as a gmpy2 ``mpfr`` (exact when the context has the precision)."""
    if isinstance(x, (int, float)):
        return gmpy2.mpfr(x)
    m = getattr(x, "_mpf_", None)
    if m is None:
        raise _Fallback
    sgn, man, exp, bc = m
    if not man:
        if exp == 0:          # mpmath's zero is (0, 0, 0, 0); inf and nan have exp != 0
            return gmpy2.mpfr(0)
        raise _Fallback
    v = gmpy2.mul_2exp(gmpy2.mpfr(man), exp)
    return -v if sgn else v


def _to_mpf(v, prec: int):
    if not gmpy2.is_finite(v):
        raise _Fallback
    man, exp = v.as_mantissa_exp()
    return mp.mpf(from_man_exp(int(man), int(exp), prec, "n"))


def _std_nodes(degree: int, prec: int):
    """mpmath's tanh-sinh nodes of one degree on [-1, 1] (its cache), as mpfr pairs."""
    key = (degree, prec)
    got = _STD_NODES.get(key)
    if got is None:
        nodes = _RULE.get_nodes(mp.mpf(-1), mp.mpf(1), degree, prec)
        with gmpy2.context(gmpy2.get_context(), precision=prec + 20):
            got = [(_to_mpfr(x), _to_mpfr(w)) for x, w in nodes]
        _STD_NODES[key] = got
    return got


class _FastIntegrand:
    """A gmpy2 integrand for :func:`_ts_quad_fast`: ``raw`` is summed directly; a degree
    whose sum is not finite, or that raises, is summed again node by node with ``careful``
    (the end-point rule of :func:`_endpoint_safe`; any other failure a :class:`_Fallback`)."""

    __slots__ = ("raw", "careful")

    def __init__(self, raw, careful):
        self.raw, self.careful = raw, careful

    def inverted(self) -> "_FastIntegrand":
        """The integrand of u = 1/t: f(1/u)/u^2 (0 at u = 0), for the tail cross-check."""
        raw, careful = self.raw, self.careful
        return _FastIntegrand(lambda u: raw(1 / u) / (u * u) if u != 0 else u,
                              lambda u: careful(1 / u) / (u * u) if u != 0 else u)


def _fast_endpoint_safe(F, a, b) -> _FastIntegrand:
    """:func:`_endpoint_safe` for a gmpy2 integrand; any other failure is a fallback."""
    with gmpy2.context(gmpy2.get_context(), precision=mp.mp.prec + 20):
        a = _to_mpfr(a) if mp.isfinite(a) else None
        b = _to_mpfr(b) if mp.isfinite(b) else None

    def G(t):
        try:
            v = F(t)
        except ZeroDivisionError:
            v = None
        except Exception:
            raise _Fallback
        if v is None or not gmpy2.is_finite(v):
            if t == a or t == b:
                return gmpy2.mpfr(0)
            raise _Fallback
        return v
    return _FastIntegrand(F, G)


def _estimate_error(results, prec: int, epsilon):
    """mpmath's ``QuadratureRule.estimate_error`` on MPFR partial sums (the same formula, in
    the same precision): |I_k - I_k-1| from two sums, else 10**int(min(0, max(D1^2/D2,
    2 D1, -prec))) with D1, D2 the log10 of the last two differences."""
    if len(results) == 2:
        return _to_mpf(abs(results[0] - results[1]), prec + 20)
    r1, r2, r3 = results[-1], results[-2], results[-3]
    if r1 == r2 == r3:
        return mp.mpf(0)
    d1, d2 = abs(r1 - r2), abs(r1 - r3)
    D1, D2 = gmpy2.log10(d1), gmpy2.log10(d2)
    if D2 == 0 or gmpy2.is_nan(D1) or gmpy2.is_nan(D2):
        raise _Fallback            # (mpmath divides by zero there: let it do so)
    D4 = min(0, max(D1 * D1 / D2, 2 * D1, -prec))
    if not gmpy2.is_finite(D4):
        raise _Fallback
    with mp.workprec(prec + 20):                  # (as inside mpmath.quad)
        return mp.mpf(10) ** int(gmpy2.trunc(D4))  # (int() of an mpfr rounds to nearest)


def _ts_quad_fast(F: _FastIntegrand, points):
    """``mpmath.quad(f, points, error=True)`` for a gmpy2 integrand ``F``: the same tanh-sinh
    rule (mpmath's nodes of each degree, converted once), the same working precision (20 bits
    above the caller's), the same node transformations, maximal degree, degree-by-degree
    summation and error estimate (mpmath's formula on the same partial sums), only with the
    integrand, the sums and the estimate in MPFR.  Raises :class:`_Fallback` when a value is
    not a finite real."""
    prec = mp.mp.prec
    epsilon = mp.mp.eps / 8
    maxdeg = _RULE.guess_degree(prec)
    wprec = prec + 20
    raw, careful = F.raw, F.careful
    total, total_err = mp.mpf(0), mp.mpf(0)
    with gmpy2.context(gmpy2.get_context(), precision=wprec):
        one, zero = gmpy2.mpfr(1), gmpy2.mpfr(0)
        for a, b in zip(points, points[1:]):
            if a == b:
                continue
            ainf, binf = mp.isinf(a), mp.isinf(b)
            if ainf and binf:
                raise _Fallback
            ar = None if ainf else _to_mpfr(a)
            br = None if binf else _to_mpfr(b)
            results, err = [], mp.mpf(0)
            for degree in range(1, maxdeg + 1):
                nodes = _std_nodes(degree, prec)
                if not ainf and not binf:
                    C = (br - ar) / 2
                    D = (br + ar) / 2
                    try:
                        s = gmpy2.fsum([C * w * raw(D + C * t) for t, w in nodes])
                    except Exception:
                        s = None
                    if s is None or not gmpy2.is_finite(s):
                        s = gmpy2.fsum([C * w * careful(D + C * t) for t, w in nodes])
                else:
                    c1 = ar - 1 if binf else br + 1
                    sg = 1 if binf else -1
                    xs, ws = [], []
                    for t, w in nodes:
                        u = 2 / (t + one)
                        xs.append(c1 + sg * u)
                        ws.append(w * (u * u / 2))
                    try:
                        s = gmpy2.fsum([w * raw(x) for x, w in zip(xs, ws)])
                    except Exception:
                        s = None
                    if s is None or not gmpy2.is_finite(s):
                        s = gmpy2.fsum([w * careful(x) for x, w in zip(xs, ws)])
                h = gmpy2.mul_2exp(one, -degree)
                S = results[-1] / (2 * h) if results else zero
                r = h * (S + s)
                if not gmpy2.is_finite(r):
                    raise _Fallback
                results.append(r)
                if degree > 1:
                    err = _estimate_error(results, prec, epsilon)
                    if err <= epsilon:
                        break
            with mp.workprec(wprec):
                total += _to_mpf(results[-1], wprec)
            total_err += err
    return +total, total_err


def _r_mpf(v):
    """``mpf(...)`` of the generated code on the gmpy2 path: an exact literal."""
    if isinstance(v, tuple):
        sgn, man, exp, _ = v
        r = gmpy2.mul_2exp(gmpy2.mpfr(man), exp)
        return -r if sgn else r
    return gmpy2.mpfr(v)


class _FastPrinter(MpmathPrinter):
    """Rational powers as :func:`_rpow` (root, then integer power)."""

    def _print_Pow(self, expr, rational=False):
        e = expr.exp
        if e.is_Rational and not e.is_Integer:
            return f"_rpow({self._print(expr.base)}, {e.p}, {e.q})"
        return super()._print_Pow(expr, rational=rational)


def _rpow(x, p: int, q: int):
    """``x**(p/q)`` on the gmpy2 path: a root then an integer power (MPFR's general power
    goes through log and exp); a negative base, complex in mpmath, is a fallback."""
    if x < 0:
        raise _Fallback
    r = gmpy2.sqrt(x) if q == 2 else gmpy2.rootn(x, q)
    return r**p


_FAST_NAMESPACE = {"mpf": _r_mpf, "abs": abs, "fabs": abs, "max": max, "min": min,
                   "_rpow": _rpow}
if gmpy2 is not None:
    for _n in ("sqrt", "cbrt", "exp", "expm1", "log", "log1p", "sin", "cos", "tan", "sec",
               "csc", "cot", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "sech",
               "csch", "coth", "asinh", "acosh", "atanh", "erf", "erfc", "gamma"):
        _FAST_NAMESPACE[_n] = getattr(gmpy2, _n)


def _fast_lambdify(args: tuple, expr: sp.Basic):
    """``expr`` as a function of gmpy2 numbers, or None when it uses anything that gmpy2
    does not have under the same name (constants such as ``pi`` are hoisted out of an
    integrand as values, so a constant left in the body also means None)."""
    if gmpy2 is None or expr.has(sp.Integral, sp.Piecewise):
        return None
    try:
        printer = _FastPrinter({"fully_qualified_modules": False, "inline": True,
                                "allow_unknown_functions": True})
        f = sp.lambdify(args, expr, modules=[dict(_FAST_NAMESPACE)], printer=printer, cse=True)
    except Exception:
        return None
    if not set(f.__code__.co_names) <= set(_FAST_NAMESPACE):
        return None
    return f


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


class _Integrand:
    """One form of an integrand, a function of ``args`` and then its variable: the parts that
    do not depend on the variable are computed once per quadrature (hoisted), the rest at
    every node by mpmath and, where possible, by gmpy2."""

    def __init__(self, body: sp.Basic, x: sp.Symbol, args: tuple):
        table: dict = {}
        hoisted = _hoist(body, x, table)
        self.hsyms = tuple(table)
        self.plain = _compile(body, args + (x,))
        if not table:
            self.body = self.plain
            self.consts = []
            self.fast = _fast_lambdify(args + (x,), body)
        else:
            if hoisted.has(sp.Integral, sp.Piecewise):
                self.body = _compile(hoisted, args + self.hsyms + (x,))
            else:
                # the integrand proper: common subexpressions computed once per node
                self.body = _lambdify(args + self.hsyms + (x,), hoisted, cse=True)
            self.consts = [_compile(table[h], args) for h in self.hsyms]
            self.fast = _fast_lambdify(args + self.hsyms + (x,), hoisted)

    def bind(self, vals: tuple):
        """(mpmath integrand, gmpy2 integrand or None) at parameter values ``vals``."""
        plain = self.plain
        if not self.consts:
            pre = vals
            f = lambda t: plain(*vals, t)           # noqa: E731
        else:
            try:
                with mp.extraprec(20):
                    consts = [+g(*vals) for g in self.consts]
            except Exception:
                # whatever fails here fails in the integrand too, where the unhoisted form
                # raises it as before
                return (lambda t: plain(*vals, t)), None
            pre = vals + tuple(consts)
            body = self.body
            f = lambda t: body(*pre, t)             # noqa: E731
        fast = None
        if self.fast is not None:
            try:
                with gmpy2.context(gmpy2.get_context(), precision=mp.mp.prec + 20):
                    pre_r = tuple(_to_mpfr(v) for v in pre)
            except _Fallback:
                pre_r = None
            if pre_r is not None:
                fast = partial(self.fast, *pre_r)
        return f, fast


def _compile_integral(integral: sp.Integral, args: tuple):
    """``robust_quad`` of the integrand (see :class:`_Integrand`); a finite end point that is
    not identically 0 and where the integrand is singular is moved to 0 by substituting
    ``x = a + u`` (``x = b - v``), so that SymPy cancels ``b - x`` exactly
    (:func:`_quad_from_ends`)."""
    body = integral.function
    x, a, b = integral.limits[0]
    a, b = sp.sympify(a), sp.sympify(b)
    fa, fb = _compile(a, args), _compile(b, args)
    whole = _Integrand(body, x, args)
    infinite = (sp.oo, -sp.oo, sp.zoo)
    u = sp.Symbol(f"_u{next(_NAMES)}", positive=True)
    # (the end points: x = a + u near a, x = b - u near b, u > 0 inside the range)
    lo = _Integrand(_from_end(body, x, a + u, u), u, args) \
        if a not in infinite and a != 0 and b != -sp.oo and _singular_at(body, x, a) else None
    hi = _Integrand(_from_end(body, x, b - u, u), u, args) \
        if b not in infinite and b != 0 and a != sp.oo and _singular_at(body, x, b) else None

    def integral_value(*vals):
        lo_v, hi_v = fa(*vals), fb(*vals)
        f, fast = whole.bind(vals)
        ends = (_as_real(lo_v), _as_real(hi_v))
        if (lo is not None or hi is not None) and None not in ends and ends[0] < ends[1]:
            try:
                got = _quad_from_ends(f, ends[0], ends[1],
                                      lo.bind(vals) if lo is not None else None,
                                      hi.bind(vals) if hi is not None else None, fast)
            except Exception:
                # (an end point SymPy could not cancel exactly, say): the quadrature in x
                # itself decides, as without the substitution
                got = None
            if got is not None:
                return got
        return robust_quad(f, (lo_v, hi_v), fast=fast)
    return integral_value


def _singular_at(body: sp.Basic, x: sp.Symbol, end: sp.Basic) -> bool:
    """Whether SymPy finds the integrand infinite or undefined at the end point (a factor
    1/sqrt(b - x) there, say): only then is it worth moving that end to 0.  A regular
    integrand loses nothing near the end point (a vanishing term costs absolute, not
    relative, precision)."""
    try:
        v = body.xreplace({x: end})
    except Exception:
        return True
    return v.has(sp.zoo, sp.oo, -sp.oo, sp.nan)


def _from_end(body: sp.Basic, x: sp.Symbol, at: sp.Basic, u: sp.Symbol) -> sp.Basic:
    """``body`` at ``x = at`` (``a + u`` or ``b - u``), with every sum that vanishes at u = 0
    expanded, so that its cancellation is done exactly by SymPy (``M (sqrt(k/M) + u)^2 - k``
    becomes ``M u^2 + 2 sqrt(M k) u``) instead of in floating point at each node."""
    e = body.xreplace({x: at})

    def vanishes(n) -> bool:
        if not isinstance(n, sp.Add) or u not in n.free_symbols:
            return False
        try:
            return n.xreplace({u: sp.S.Zero}) == 0
        except Exception:
            return False
    try:
        return e.replace(vanishes, lambda n: sp.expand(n))
    except Exception:
        return e


def _as_real(v):
    """A limit as an mpf (inf included), or None if it is not real."""
    if isinstance(v, mp.mpc):
        return None
    try:
        return mp.mpf(v)
    except (TypeError, ValueError):
        return None


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
