"""Steps of a derivation, each with a check that can fail.

A step is one relation taken from a paper together with the kind of justification it rests on
and the assumptions it needs.  Every step class owns its check:

``Identity``      lhs = rhs.  Symbolic first (``simplify(lhs - rhs) == 0``); then numerically with
                  mpmath at >= 30 digits at seeded random points drawn inside the assumptions,
                  reporting the worst relative residual.  Unevaluated ``Integral`` objects are
                  evaluated by mpmath quadrature, so an integral step is a real quadrature check.
                  Assumptions marked ``necessary`` are also tested just outside their range, where
                  the relation must fail (otherwise the assumption is not needed, and the step is
                  reported as misstated).
``Jacobian``      |d(old)/d(new)| = claim.  The determinant symbolically (SymPy) and, independently,
                  from an mpmath finite-difference Jacobian of the mapping.
``Asymptotic``    f ~ g as x -> 0 or oo with relative error O(x^p) (or O(x^-p)).  mpmath evaluates the
                  relative error on a geometric sequence of x approaching the limit; it must shrink
                  and its fitted log-log slope must equal the stated order.
``NumericValue``  expr = value within a stated tolerance (the paper's precision), evaluated at two
                  working precisions that must agree.
``Equivalence``   condition A <=> condition B, tested at many random points; the sample must contain
                  both outcomes (else the test would be vacuous).

``step.corrupted()`` returns a copy whose claim is scaled by 8/7 (or transformed by a function you
give): the test-suite checks every step of every derivation that way, so no check is a no-op.
"""

from __future__ import annotations

import copy
import math
import random
import re
import time
from enum import Enum
from typing import Callable, Iterable, Mapping, Optional, Sequence

import mpmath as mp
import sympy as sp

from .mpeval import DEFAULT_DPS, evaluate, mp_function, rel_diff, two_precision_value
from .report import StepResult
from .sampling import describe, draw_corners, draw_inside, draw_outside_group, seed_for

__all__ = [
    "Kind", "Step", "Identity", "Jacobian", "Asymptotic", "NumericValue", "Equivalence", "Dimensions",
    "Extremum",
    "perturb", "latex_text",
]


class Kind(str, Enum):
    """The justification a step rests on."""

    ALGEBRA = "algebra"
    SUBSTITUTION = "substitution"
    DERIVATIVE = "derivative"
    INTEGRAL = "integral"
    CHANGE_OF_VARIABLES = "change of variables"
    SERIES = "series"
    LIMIT = "limit"
    ASYMPTOTIC = "asymptotic"
    AVERAGE = "average"
    NUMERIC = "numeric value"
    CONDITION = "condition"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


def perturb(expr):
    """Default corruption: scale a claim by 8/7 (relations: their right-hand side)."""
    if isinstance(expr, sp.core.relational.Relational):
        return expr.func(expr.lhs, perturb(expr.rhs))
    if isinstance(expr, (sp.And, sp.Or)):
        args = list(expr.args)
        # scale the first nonzero threshold (a real constant of the claim); else shift one
        order = sorted(range(len(args)), key=lambda i: not (
            isinstance(args[i], sp.core.relational.Relational) and args[i].rhs != 0))
        for i in order:
            new = perturb(args[i])
            if new != args[i]:
                return expr.func(*args[:i], new, *args[i + 1:])
        return expr
    if isinstance(expr, sp.Not):
        return sp.Not(perturb(expr.args[0]))
    if isinstance(expr, (int, float)):
        return expr * 8 / 7 if expr else 1 / 7
    if isinstance(expr, sp.MatrixBase):
        return sp.ImmutableMatrix(expr.applyfunc(perturb))
    expr = sp.sympify(expr)
    return expr * sp.Rational(8, 7) if expr != 0 else sp.Rational(1, 7)


_TEXT_ESC = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "|": r"$|$", "<": r"$<$",
             ">": r"$>$", "^": r"\^{}", "~": r"\~{}"}


def latex_text(text: str) -> str:
    """Escape plain text for ``\\text{...}``; ``$...$`` spans are kept as math."""
    parts = re.split(r"(\$[^$]*\$)", text)
    out = []
    for p in parts:
        if p.startswith("$") and p.endswith("$") and len(p) >= 2:
            out.append(p)
        else:
            out.append("".join(_TEXT_ESC.get(c, c) for c in p))
    return "".join(out)


def as_expr(step_name, what: str, value, matrix: bool = True):
    """``value`` as a SymPy expression for the field ``what`` of step ``step_name``; a string,
    a Python callable or anything SymPy cannot take exactly is a ``TypeError`` that says how to
    write it (a string would be parsed into new symbols without the assumptions the author
    declared, so the check would sample them outside their domain)."""
    if isinstance(value, (sp.Basic, sp.MatrixBase)):
        return sp.ImmutableMatrix(value) if isinstance(value, sp.MatrixBase) and \
            not isinstance(value, sp.ImmutableMatrix) else value
    if isinstance(value, str):
        raise TypeError(f"step {step_name!r}: {what} is the string {value!r}, not a SymPy "
                        f"expression: build it from the symbols you declared (sp.Symbol(..., "
                        f"positive=True) etc.); a string would make new symbols without their "
                        f"assumptions")
    if isinstance(value, (list, tuple)):
        if not matrix:
            raise TypeError(f"step {step_name!r}: {what} must be a single SymPy expression, "
                            f"got a {type(value).__name__}")
        return sp.ImmutableMatrix([as_expr(step_name, what, v, matrix=False) if not
                                   isinstance(v, (list, tuple)) else
                                   [as_expr(step_name, what, w, matrix=False) for w in v]
                                   for v in value])
    if callable(value):
        raise TypeError(f"step {step_name!r}: {what} is a Python callable "
                        f"({getattr(value, '__name__', type(value).__name__)}), not a SymPy "
                        f"expression: write the formula with SymPy (a value computed by code "
                        f"goes in NumericValue(expr=callable, tex=...) or Asymptotic(expr="
                        f"callable, expr_tex=...))")
    try:
        return sp.sympify(value, strict=True)
    except (sp.SympifyError, TypeError, ValueError):
        raise TypeError(f"step {step_name!r}: {what} must be a SymPy expression, got "
                        f"{type(value).__name__} {value!r:.60}") from None


def _sym_sorted(symbols: Iterable[sp.Symbol]) -> list:
    return sorted(symbols, key=lambda s: s.name)


class Step:
    """Base class: one relation from a paper and its check.

    Parameters common to all steps
    ------------------------------
    name : short id, unique within the derivation (used in reports and by ``corrupt``).
    eq : the paper's equation label(s), e.g. ``"(6)"``.
    kind : a :class:`Kind`.
    why : the justification in words (``$...$`` for inline math in the LaTeX).
    domain : ``{symbol: sympy.Interval}``, the ranges the step assumes.
    where : an extra SymPy boolean (or a callable on a point) restricting the samples.
    necessary : symbols (or tuples of symbols moved together) whose range is essential: just
        outside it the relation must fail.
    dps : working precision of the numeric check (>= 30).
    """

    claim_fields: tuple = ()
    default_kind = Kind.ALGEBRA

    def __init__(self, name: str, *, eq: str = "", kind: Optional[Kind] = None, why: str = "",
                 domain: Optional[Mapping] = None, where=None, necessary: Sequence = (),
                 dps: int = DEFAULT_DPS, tol: Optional[float] = None, n_points: int = 8,
                 uses: Sequence[str] = (), equivalent_mutants: Optional[Mapping] = None):
        if not isinstance(name, str) or not name.strip():
            raise TypeError(f"a step's name must be a non-empty string, got {name!r}")
        if dps < 30:
            raise ValueError(f"step {name!r}: dps must be >= 30 for a reference check, got {dps}")
        for z, iv in dict(domain or {}).items():
            if not isinstance(z, sp.Symbol):
                raise TypeError(f"step {name!r}: the keys of domain= must be SymPy symbols, got "
                                f"{type(z).__name__} {z!r}")
        self.name = name
        self.eq = eq
        self.kind = Kind(kind) if kind is not None else self.default_kind
        self.why = why
        self.domain = dict(domain or {})
        self.where = where
        self.necessary = [tuple(n) if isinstance(n, (tuple, list)) else (n,) for n in necessary]
        self.dps = dps
        self.tol = tol
        self.n_points = n_points
        self.derivation_name = ""
        # names of earlier steps whose verified expressions this one uses (``Derivation.ref``)
        self.uses = tuple(uses)
        # mutants (``glassderive mutate`` ids) that cannot change the outcome, with the reason
        self.equivalent_mutants = dict(equivalent_mutants or {})

    # -- interface -------------------------------------------------------------------------
    def check(self) -> StepResult:
        t0 = time.perf_counter()
        try:
            ok, method, residual, tol, detail = self._check()
            status = "pass" if ok else "fail"
        except Exception as exc:  # a check that crashes is reported, never passed
            ok, method, residual, tol, detail = False, "error", math.inf, 0.0, \
                f"{type(exc).__name__}: {exc}"
            status = "error"
        return StepResult(step=self.name, equation=self.eq, kind=self.kind.value, status=status,
                          method=method, residual=float(residual), tolerance=float(tol),
                          detail=detail, seconds=time.perf_counter() - t0)

    def corrupted(self, transform: Callable = perturb) -> "Step":
        """A copy with its claim transformed (default: scaled by 8/7)."""
        new = copy.copy(self)
        for f in self.claim_fields:
            setattr(new, f, transform(getattr(self, f)))
        return new

    def latex(self) -> str:
        """One line of the derivation's ``align`` environment."""
        body = self._latex_relation()
        note = self.kind.value + (f": {self.why}" if self.why else "")
        tag = f"\\tag*{{{latex_text(self.eq)}}}" if self.eq else ""
        return f"{body} && \\text{{{latex_text(note)}}} {tag}".rstrip()

    def outputs(self) -> dict:
        """The expressions this step verifies, by name; the first is the step's claim (what
        ``Derivation.ref`` returns by default)."""
        return {f: getattr(self, f) for f in self.claim_fields}

    def validate(self) -> None:
        """Build-time checks of the step's statement (called by ``Derivation.add``): every free
        symbol has a non-empty domain (from ``domain`` or its SymPy assumptions, intersected),
        and ``where`` can be satisfied.  Raises ``ValueError`` naming the symbol."""
        syms = self._sampled_symbols()
        self.effective_domain(syms)
        if syms and self.where is not None and isinstance(self.where, sp.Basic):
            if self.where == sp.false:
                raise ValueError(f"step {self.name!r}: the condition where={self.where} is "
                                 f"always false")
            try:
                draw_inside(self.effective_domain(syms), 1, self._seed("validate"), self.where,
                            syms, max_tries=4000)
            except ValueError:
                dom = self.effective_domain(syms)
                culprit = ""
                if isinstance(self.where, sp.And):
                    for c in self.where.args:
                        try:
                            draw_inside(dom, 1, self._seed("validate"), c, syms, max_tries=4000)
                        except ValueError:
                            culprit = f"; the condition {c} alone holds nowhere there"
                            break
                raise ValueError(f"step {self.name!r}: no point of the domain {describe(dom)} "
                                 f"satisfies where={self.where}{culprit} (contradictory "
                                 f"assumptions? widen the domain or fix the condition)") from None

    def _sampled_symbols(self) -> list:
        return _sym_sorted(self.free_symbols())

    def effective_domain(self, symbols=None) -> dict:
        """Each symbol's sampling interval: the step's ``domain`` intersected with the interval
        its SymPy assumptions allow (``positive=True`` -> (0, oo), ...).  A symbol with neither
        (no domain, not declared real) or an empty intersection is a ``ValueError``."""
        return effective_domain(self.name, self.domain,
                                symbols if symbols is not None else self._sampled_symbols())

    def _allowed(self, syms) -> dict:
        return {z: assumption_interval(z) or sp.Interval(-sp.oo, sp.oo) for z in syms}

    def _outside_domain(self, syms) -> dict:
        """The stated domain for the symbols that have one (what "outside" refers to), the
        effective domain for the others."""
        eff = self.effective_domain(syms)
        return {z: self.domain.get(z, eff[z]) for z in syms}

    # -- helpers ----------------------------------------------------------------------------
    def _seed(self, *extra: str) -> int:
        return seed_for(self.derivation_name, self.name, *extra)

    def _assumption_text(self) -> str:
        return describe(self.domain, self.where)

    def _check(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def _latex_relation(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def free_symbols(self) -> set:
        out = set()
        for f in self.claim_fields:
            v = getattr(self, f)
            if isinstance(v, sp.Basic):
                out |= v.free_symbols
        return out


def assumption_interval(sym: sp.Symbol):
    """The real interval a symbol's SymPy assumptions allow, or None if not declared real."""
    if sym.is_positive:
        return sp.Interval.open(0, sp.oo)
    if sym.is_nonnegative:
        return sp.Interval(0, sp.oo)
    if sym.is_negative:
        return sp.Interval.open(-sp.oo, 0)
    if sym.is_nonpositive:
        return sp.Interval(-sp.oo, 0)
    if sym.is_real or sym.is_extended_real:
        return sp.Interval(-sp.oo, sp.oo)
    return None


def effective_domain(step_name: str, domain: Mapping, symbols) -> dict:
    out = {}
    for z in symbols:
        given = domain.get(z)
        allowed = assumption_interval(z) if isinstance(z, sp.Symbol) else None
        if given is None and allowed is None:
            raise ValueError(f"step {step_name!r}: symbol {z} has no domain: give it one in "
                             f"domain= or declare it real/positive in sp.Symbol(...)")
        if given is not None and not isinstance(given, sp.Interval):
            if given is sp.S.EmptySet or getattr(given, "is_empty", False):
                raise ValueError(f"step {step_name!r}: the domain of {z} is empty")
            raise ValueError(f"step {step_name!r}: the domain of {z} must be a sympy.Interval, "
                             f"got {given}")
        iv = given if allowed is None else (allowed if given is None else given & allowed)
        if not isinstance(iv, sp.Interval) or iv.is_empty or iv.measure == 0:
            raise ValueError(f"step {step_name!r}: the domain of {z} is empty or a point: "
                             f"{given} given, and its assumptions allow {allowed}")
        out[z] = iv
    return out


def _stratum_value(rng: random.Random, iv: sp.Interval, k: int, n: int) -> float:
    """A value in stratum ``k`` of ``n`` of an interval (log strata on unbounded ones)."""
    lo = float(iv.start) if iv.start.is_finite else -math.inf
    hi = float(iv.end) if iv.end.is_finite else math.inf
    u = (k + rng.random()) / n
    if math.isfinite(lo) and math.isfinite(hi):
        return lo + (hi - lo) * u
    mag = 10.0 ** (-4 + 8 * u)
    if math.isfinite(lo):
        return lo + mag
    if math.isfinite(hi):
        return hi - mag
    return mag if rng.random() < 0.5 else -mag


def _sign_changes(fg, syms, base, z, iv, n: int = 96) -> list:
    """Roots of the real function t -> fg(base with z = t) on ``iv``: sign changes on a grid
    (linear on finite intervals, logarithmic toward infinite ends), refined by bisection."""
    lo = iv.start if iv.start.is_finite else None
    hi = iv.end if iv.end.is_finite else None
    if lo is not None and hi is not None:
        grid = [mp.mpf(float(lo)) + (mp.mpf(float(hi)) - mp.mpf(float(lo))) * (i + 0.5) / n
                for i in range(n)]
    else:
        mags = [mp.mpf(10) ** (-6 + 12 * i / (n // 2)) for i in range(n // 2 + 1)]
        if lo is not None:
            grid = [mp.mpf(float(lo)) + m for m in mags]
        elif hi is not None:
            grid = [mp.mpf(float(hi)) - m for m in reversed(mags)]
        else:
            grid = [-m for m in reversed(mags)] + mags
    def val(t):
        q = dict(base)
        q[z] = t
        try:
            v = fg(*[q[s] for s in syms])
            return mp.re(v) if mp.im(v) == 0 else mp.nan
        except Exception:
            return mp.nan
    roots = []
    with mp.workdps(30):
        vals = [val(t) for t in grid]
        for (a, fa), (b, fb) in zip(zip(grid, vals), zip(grid[1:], vals[1:])):
            if mp.isnan(fa) or mp.isnan(fb) or fa == 0 or fb == 0 or (fa > 0) == (fb > 0):
                if fa == 0 and not mp.isnan(fa):
                    roots.append(a)
                continue
            for _ in range(80):
                m = (a + b) / 2
                fm = val(m)
                if mp.isnan(fm) or fm == 0:
                    break
                if (fm > 0) == (fa > 0):
                    a, fa = m, fm
                else:
                    b = m
            roots.append((a + b) / 2)
            if len(roots) >= 6:
                break
    return roots


def _accept_point(where, point) -> bool:
    from .sampling import _accept
    return _accept(where, {k: float(v) for k, v in point.items()})


def _has_integral(expr) -> bool:
    return isinstance(expr, sp.Basic) and expr.has(sp.Integral)


class Identity(Step):
    """``lhs = rhs`` under the step's assumptions."""

    claim_fields = ("rhs",)

    def __init__(self, name: str, lhs, rhs, *, symbolic: Optional[bool] = None,
                 lhs_tex: Optional[str] = None, rhs_tex: Optional[str] = None, **kw):
        super().__init__(name, **kw)
        # how the paper writes the sides (the check uses ``lhs`` and ``rhs``)
        self.lhs_tex, self.rhs_tex = lhs_tex, rhs_tex
        self.lhs = as_expr(name, "the left side", lhs)
        self.rhs = as_expr(name, "the right side (the claim)", rhs)
        if isinstance(self.lhs, sp.MatrixBase) != isinstance(self.rhs, sp.MatrixBase) or (
                isinstance(self.lhs, sp.MatrixBase) and self.lhs.shape != self.rhs.shape):
            raise ValueError(f"step {name!r}: both sides must be scalars or of the same shape")
        self.symbolic = symbolic
        if self.tol is None:
            self.tol = 1e-18 if (_has_integral(self.lhs) or _has_integral(self.rhs)) \
                else 10.0 ** (-(self.dps - 12))
        if self.kind is Kind.ALGEBRA and (_has_integral(self.lhs) or _has_integral(self.rhs)):
            self.kind = Kind.INTEGRAL

    def outputs(self) -> dict:
        # both sides are verified equal: a result may be taken from the left side too (the
        # integrand of a verified integral, say); the claim stays the default
        return {**super().outputs(), "lhs": self.lhs}

    def free_symbols(self) -> set:
        return self.lhs.free_symbols | self.rhs.free_symbols

    def _symbolic(self):
        """(True, 0) when SymPy reduces lhs - rhs to 0; (None, remainder) when it does not
        (the remainder is shown and its non-smooth pieces steer the sampling); (None, None)
        when the symbolic pass is skipped (integrals)."""
        use = self.symbolic
        if use is None:
            use = not (_has_integral(self.lhs) or _has_integral(self.rhs))
        if not use:
            return None, None
        diff = (self.lhs - self.rhs).doit()
        if isinstance(diff, sp.MatrixBase):
            rest = [sp.simplify(d) for d in diff]
            nz = [r for r in rest if r != 0]
            return (True, sp.S.Zero) if not nz else (None, nz[0])
        rest = sp.simplify(diff)
        return (True, sp.S.Zero) if rest == 0 else (None, rest)

    # -- where an identity can be wrong on part of its domain ---------------------------------
    def _kinks(self, remainder) -> list:
        """Arguments whose sign change makes an expression non-analytic: of Abs, sign,
        Heaviside, Min/Max, Piecewise conditions, and sqrt/log/non-integer powers (branch
        cuts).  Two analytic sides that agree on an open subset of a connected domain agree
        everywhere, so a relation wrong on part of its domain is wrong next to one of these."""
        out = []
        exprs = [remainder] if remainder is not None else []
        exprs += list(self.lhs) if isinstance(self.lhs, sp.MatrixBase) else [self.lhs]
        exprs += list(self.rhs) if isinstance(self.rhs, sp.MatrixBase) else [self.rhs]
        for e in exprs:
            if not isinstance(e, sp.Basic):
                continue
            for a in sp.preorder_traversal(e):
                if isinstance(a, (sp.Abs, sp.sign, sp.Heaviside, sp.log)):
                    out.append(a.args[0])
                elif isinstance(a, (sp.Min, sp.Max)):
                    out += [x - y for x, y in zip(a.args, a.args[1:])]
                elif isinstance(a, sp.Pow) and a.exp.is_number and not a.exp.is_integer:
                    out.append(a.base)
                elif isinstance(a, sp.Piecewise):
                    for _, cond in a.args:
                        for rel in cond.atoms(sp.core.relational.Relational):
                            out.append(rel.lhs - rel.rhs)
        uniq = []
        for g in out:
            g = sp.sympify(g)
            if g.free_symbols and g not in uniq:
                uniq.append(g)
        return uniq[:12]

    def _hunt_points(self, remainder, base_points) -> list:
        """Extra points for an identity SymPy could not reduce to 0: Latin-hypercube strata
        over the domain, the edges of every interval, and both sides of every sign change of
        a non-smooth argument (see :meth:`_kinks`)."""
        syms = _sym_sorted(self.free_symbols())
        if not syms:
            return []
        dom = self.effective_domain(syms)
        rng = random.Random(self._seed("hunt"))
        pts = []
        # strata
        n = 48
        perms = {z: rng.sample(range(n), n) for z in syms}
        for i in range(n):
            pts.append({z: mp.mpf(_stratum_value(rng, dom[z], perms[z][i], n)) for z in syms})
        # edges: each finite end point, approached to 1e-9 of the width
        for z in syms:
            iv = dom[z]
            for end, sgn in ((iv.start, 1), (iv.end, -1)):
                if end.is_finite:
                    width = float(iv.end - iv.start) if iv.measure.is_finite else 1.0
                    for eps in (1e-9, 1e-4):
                        for bp in base_points[:2]:
                            q = dict(bp)
                            q[z] = mp.mpf(float(end)) + sgn * mp.mpf(eps) * max(width, 1e-30)
                            pts.append(q)
        # sign changes of the non-smooth arguments along each symbol
        for g in self._kinks(remainder):
            gsyms = _sym_sorted(g.free_symbols & set(syms))
            if not gsyms or (g.free_symbols - set(syms)):
                continue
            fg = mp_function(g, syms)
            for bp in base_points[:3]:
                for z in gsyms:
                    for root in _sign_changes(fg, syms, bp, z, dom[z]):
                        delta = max(abs(root), mp.mpf(1)) * mp.mpf(10) ** -8
                        for side in (-1, 1):
                            q = dict(bp)
                            q[z] = root + side * delta
                            if dom[z].contains(sp.Float(q[z], 30)) == sp.true:
                                pts.append(q)
        out = []
        for q in pts:
            try:
                if _accept_point(self.where, q):
                    out.append(q)
            except Exception:
                continue
        return out

    def _residuals(self, points, dps: Optional[int] = None) -> tuple:
        worst, where = mp.mpf(0), None
        args = _sym_sorted(self.free_symbols())
        if isinstance(self.lhs, sp.MatrixBase):
            pairs = list(zip(self.lhs, self.rhs))
        else:
            pairs = [(self.lhs, self.rhs)]
        # a side that is exactly 0 has no size: measure the other side against the sum of the
        # magnitudes of its terms (what has to cancel)
        funcs = []
        for l, r in pairs:
            if r == 0 and l != 0:
                l, r = r, l
            scale = None
            if l == 0:
                terms = sp.Add.make_args(r)
                scale = mp_function(sp.Add(*[sp.Abs(t) for t in terms]), args)
            funcs.append((mp_function(l, args), mp_function(r, args), scale))

        def resid(fl, fr, scale, vals):
            a, b = fl(*vals), fr(*vals)
            if scale is None:
                return rel_diff(a, b)
            size = scale(*vals)
            return abs(a - b) / size if size != 0 else abs(a - b)

        with mp.workdps(dps or self.dps):
            for p in points:
                vals = [mp.mpf(p[s]) for s in args]
                r = max(resid(fl, fr, sc, vals) for fl, fr, sc in funcs)
                if r > worst or where is None:
                    worst, where = r, p
        return float(worst), where

    def _points(self, outside=None):
        syms = _sym_sorted(self.free_symbols())
        if outside is None:
            return draw_inside(self.effective_domain(syms), self.n_points, self._seed(), self.where, syms)
        return draw_outside_group(self._outside_domain(syms), outside, self.n_points,
                                  self._seed("out", *map(str, outside)), self.where, syms,
                                  allowed=self._allowed(syms))

    def _check(self):
        sym, remainder = self._symbolic()
        points = self._points()
        residual, worst_at = self._residuals(points)
        ok = residual <= self.tol
        has_int = _has_integral(self.lhs) or _has_integral(self.rhs)
        notes = []
        n_pts = len(points)
        if ok and sym is None and remainder is not None:
            # SymPy did not reduce the difference to 0: say so, and look for the error where
            # an identity can be wrong on part of its domain
            extra = self._hunt_points(remainder, points)
            n_pts += len(extra)
            if extra:
                r2, at2 = self._residuals(extra)
                if r2 > residual:
                    residual, worst_at = r2, at2
                ok = residual <= self.tol
            txt = sp.sstr(remainder)
            notes.append(f"SymPy did not reduce lhs - rhs to 0 (left {txt[:80]}"
                         f"{'...' if len(txt) > 80 else ''}); checked at {len(extra)} more "
                         f"points (strata, edges, sign changes)")
        hi_dps = None
        if ok and not has_int:
            # a residual that is not 0 at a much higher precision is not 0: an error confined
            # to an exponentially small term (down to e^-700) must show
            hi_dps = self.dps + 320
            r_hi, at_hi = self._residuals(points, dps=hi_dps)
            tol_hi = 10.0 ** (-(hi_dps - 12)) * (self.tol / 10.0 ** (-(self.dps - 12)))
            if r_hi > tol_hi:
                ok = False
                residual, worst_at = max(residual, r_hi), at_hi
                notes.append(f"at {hi_dps} digits the residual is {r_hi:.2e} (not 0: an "
                             f"exponentially small difference)")
        method = ("symbolic+" if sym else "") + ("quadrature" if self.kind in
                  (Kind.INTEGRAL, Kind.AVERAGE) or has_int else "numeric") + \
            f" (mpmath {self.dps}" + (f" and {hi_dps}" if hi_dps else "") + \
            f" digits, {n_pts} points)"
        detail = ""
        if not ok:
            at = ", ".join(f"{k}={mp.nstr(v, 6)}" for k, v in worst_at.items())
            detail = f"lhs != rhs at {at} (assumptions: {self._assumption_text()})"
            if sym:
                detail += "; SymPy simplified the difference to 0 but the numbers disagree"
        for group in self.necessary:
            out_res, out_at = self._residuals(self._points(outside=group))
            names = ",".join(str(s) for s in group)
            if out_res <= self.tol * 1e3:
                ok = False
                notes.append(f"assumption on {names} stated as necessary but the relation also "
                             f"holds outside it (residual {out_res:.1e})")
            else:
                notes.append(f"assumption on {names} needed: fails outside (residual {out_res:.1e})")
        if notes:
            detail = "; ".join(([detail] if detail else []) + notes)
        return ok, method, residual, self.tol, detail

    def _latex_relation(self) -> str:
        lhs = self.lhs_tex if self.lhs_tex else sp.latex(self.lhs)
        rhs = self.rhs_tex if self.rhs_tex else sp.latex(self.rhs)
        return f"{lhs} &= {rhs}"


class Jacobian(Step):
    """``|det d(old)/d(new)| = claim`` for the change of variables ``old = mapping(new)``."""

    claim_fields = ("claim",)
    default_kind = Kind.CHANGE_OF_VARIABLES

    def __init__(self, name: str, mapping: Mapping, new: Sequence[sp.Symbol], claim, **kw):
        super().__init__(name, **kw)
        self.old = list(mapping)
        self.mapping = [as_expr(name, f"the map of {o}", mapping[o], matrix=False)
                        for o in self.old]
        self.new = list(new)
        for v in self.new:
            if not isinstance(v, sp.Symbol):
                raise TypeError(f"step {name!r}: the new variables must be SymPy symbols, got "
                                f"{v!r}")
        if len(self.new) != len(self.old):
            raise ValueError(f"step {name!r}: {len(self.old)} old variables but "
                             f"{len(self.new)} new ones: a Jacobian needs a square map")
        self.claim = as_expr(name, "the claimed determinant", claim, matrix=False)
        if self.tol is None:
            self.tol = 10.0 ** (-(self.dps // 2 - 4))  # finite differences lose about half

    def free_symbols(self) -> set:
        out = set(self.new) | self.claim.free_symbols
        for m in self.mapping:
            out |= m.free_symbols
        return out

    def determinant(self) -> sp.Expr:
        return sp.Matrix([[sp.diff(m, v) for v in self.new] for m in self.mapping]).det()

    def _check(self):
        det = self.determinant()
        symbolic_ok = sp.simplify(sp.Abs(det) - self.claim) == 0
        syms = _sym_sorted(self.free_symbols())
        points = draw_inside(self.effective_domain(syms), self.n_points, self._seed(), self.where, syms)
        fdet = mp_function(sp.Abs(det), syms)
        fclaim = mp_function(self.claim, syms)
        maps = [mp_function(m, syms) for m in self.mapping]
        worst = mp.mpf(0)
        with mp.workdps(self.dps):
            for p in points:
                claim = fclaim(*[p[s] for s in syms])
                r1 = rel_diff(fdet(*[p[s] for s in syms]), claim)
                # independent of SymPy's derivatives: numeric partial derivatives by mpmath
                rows = []
                for fm in maps:
                    row = []
                    for v in self.new:
                        def along(x, v=v, fm=fm, p=p):
                            q = dict(p)
                            q[v] = x
                            return fm(*[q[s] for s in syms])
                        row.append(mp.diff(along, p[v]))
                    rows.append(row)
                r2 = rel_diff(abs(mp.det(mp.matrix(rows))), claim)
                worst = max(worst, r1, r2)
        ok = float(worst) <= self.tol
        method = ("symbolic+" if symbolic_ok else "") + \
            f"numeric (SymPy determinant and mpmath finite-difference Jacobian, {len(points)} points)"
        detail = f"det = {sp.factor(det)}"
        return ok, method, float(worst), self.tol, detail

    def _latex_relation(self) -> str:
        old = ", ".join(sp.latex(o) for o in self.old)
        new = ", ".join(sp.latex(v) for v in self.new)
        return (f"\\left|\\frac{{\\partial({old})}}{{\\partial({new})}}\\right| "
                f"&= {sp.latex(self.claim)}")


class Asymptotic(Step):
    """``expr ~ approx`` as ``var -> to`` (0 or oo), relative error of order ``order``.

    The relative error |expr/approx - 1| is computed with mpmath on ``points`` (a sequence
    approaching the limit; default four decades) for each sampled value of the other
    parameters.  It must decrease monotonically and its log-log slope over the innermost
    points must equal ``order`` within ``order_tol``.  ``order`` may be fractional; for a claim
    whose error is O(var^p) as var -> 0 give p, for O(var^-p) as var -> oo give p as well.
    """

    claim_fields = ("approx",)
    default_kind = Kind.ASYMPTOTIC

    def __init__(self, name: str, expr, approx, var: sp.Symbol, to, order: float, *,
                 points: Optional[Sequence[float]] = None, order_tol: float = 0.1,
                 n_params: int = 2, expr_tex: Optional[str] = None, log_power: int = 0,
                 log_tol: float = 0.5, exact: bool = False, **kw):
        kw.setdefault("n_points", n_params)
        super().__init__(name, **kw)
        # ``expr`` may be a callable (x, params) -> number: a quantity computed numerically
        # (an eigenvalue, say) whose limit the step checks; ``expr_tex`` then names it
        self.func = expr if callable(expr) and not isinstance(expr, sp.Basic) else None
        if self.func is not None and not expr_tex:
            raise ValueError(f"Asymptotic {name!r}: a computed expr needs expr_tex")
        self.expr = sp.Symbol(expr_tex) if self.func is not None else \
            as_expr(name, "the expression", expr, matrix=False)
        self.approx = as_expr(name, "the asymptotic form (the claim)", approx, matrix=False)
        if not isinstance(var, sp.Symbol):
            raise TypeError(f"step {name!r}: var must be a SymPy symbol, got {var!r}")
        self.expr_tex = expr_tex
        self.log_power = int(log_power)  # error ~ var^(+-order) |ln var|^log_power
        self.var = var
        self.to = sp.sympify(to)
        if self.to not in (sp.S.Zero, sp.oo, -sp.oo):
            raise ValueError(f"asymptotic limit must be 0 or oo, got {to}")
        self.order = float(order)
        if not self.order > 0:
            raise ValueError(f"order must be > 0 (the error must vanish), got {order}")
        if points is None:
            points = [10.0 ** -k for k in range(2, 9)] if self.to == 0 else \
                [10.0 ** k for k in range(2, 9)]
        self.points = [float(p) for p in points]
        self.order_tol = order_tol
        # the residual power of |ln var| left after dividing the error by var^order |ln var|^m
        # must vanish within log_tol: a missing or spurious log factor leaves +-1
        self.log_tol = float(log_tol)
        self.exact = bool(exact)
        if self.tol is None:
            self.tol = order_tol

    def validate(self) -> None:
        super().validate()
        given = self.domain.get(self.var)
        allowed = assumption_interval(self.var)
        iv = given if allowed is None else (allowed if given is None else given & allowed)
        if iv is None:
            return
        sign = -1.0 if self.to == -sp.oo else 1.0
        outside = [p for p in self.points if not iv.contains(sp.Float(sign * p))]
        if outside:
            where = f"domain {given}" if given is not None else f"assumptions ({iv})"
            raise ValueError(f"step {self.name!r}: the limit {self.var} -> {self.to} lies outside "
                             f"the {where} of {self.var}: the sequence {self.var} = "
                             f"{sign * outside[0]:g}, ... toward the limit is not allowed there; "
                             f"fix to= or the domain of {self.var}")

    def free_symbols(self) -> set:
        if self.func is not None:
            return self.approx.free_symbols | {self.var}
        return self.expr.free_symbols | self.approx.free_symbols

    def errors(self, params: dict) -> list:
        syms = _sym_sorted(self.free_symbols())
        if self.func is not None:
            func = self.func
            fe = lambda *vals: mp.mpf(func(dict(zip(syms, vals))))
        else:
            fe = mp_function(self.expr, syms)
        fa = mp_function(self.approx, syms)
        out = []
        with mp.workdps(self.dps):
            for x in self.points:
                q = dict(params)
                q[self.var] = mp.mpf(x) if self.to != -sp.oo else -mp.mpf(x)
                vals = [q[s] for s in syms]
                out.append(abs(fe(*vals) / fa(*vals) - 1))
        return out

    def _check(self):
        others = _sym_sorted(self.free_symbols() - {self.var})
        if others:
            # the corners of the parameter box first (a claim that fails near the end of one
            # parameter's range fails there on every seed), then random points
            dom = self.effective_domain(others)
            param_sets = draw_corners(dom, self._seed("corners"), self.where, others)
            param_sets = param_sets[:self.n_points]
            if len(param_sets) < self.n_points:
                param_sets += draw_inside(dom, self.n_points - len(param_sets), self._seed(),
                                          self.where, others)
        else:
            param_sets = [{}]
        worst_dev, details = 0.0, []
        ok = True
        floor = mp.mpf(10) ** (-(self.dps - 8))
        for params in param_sets:
            errs = self.errors(params)
            ptxt = ", ".join(f"{k}={mp.nstr(v, 4)}" for k, v in params.items())
            pre = f"[{ptxt}] " if ptxt else ""
            if all(e < floor for e in errs):
                # the two sides coincide: fine only for a relation declared exact
                if not self.exact:
                    ok = False
                    details.append(pre + "the two sides coincide to working precision: an "
                                   "exact relation is not an asymptotic claim of order "
                                   f"{self.order:g} (declare exact=True, or make it an Identity)")
                else:
                    details.append(pre + "exact to working precision (declared exact)")
                continue
            if self.exact:
                ok = False
                details.append(pre + f"declared exact but the relative error is "
                               f"{mp.nstr(max(errs), 3)}")
                worst_dev = max(worst_dev, math.inf)
                continue
            if any(e < floor for e in errs):
                ok = False
                details.append(pre + "error vanishes at some points only")
                continue
            lx = [math.log(abs(x)) for x in self.points]
            llx = [math.log(abs(v)) for v in lx]
            logs = [(a, float(mp.log(e)) - self.log_power * b) for a, b, e in zip(lx, llx, errs)]
            inner = logs[-4:]
            slope = _slope(inner)
            measured = slope if self.to == 0 else -slope
            dev = abs(measured - self.order)
            # the normalised error R = err / (x^p |ln x|^m) must tend to a constant: its
            # log-slope against ln|ln x| is the power of a missing (+1) or spurious (-1) log
            ratio = [(b, y - (self.order if self.to == 0 else -self.order) * a)
                     for a, b, (_, y) in zip(lx, llx, logs)]
            log_slope = _slope(ratio[-4:])
            worst_dev = max(worst_dev, dev)
            tail = errs[-4:]
            shrinking = all(e2 < e1 for e1, e2 in zip(tail, tail[1:]))
            log_bad = abs(log_slope) > self.log_tol
            if not shrinking or dev > self.order_tol or log_bad:
                ok = False
            details.append(pre + f"measured order {measured:.3f} (claimed {self.order:g}), "
                           f"residual log power {log_slope:+.2f} (claimed "
                           f"|ln x|^{self.log_power}), rel. error {mp.nstr(errs[0], 3)} -> "
                           f"{mp.nstr(errs[-1], 3)}" + ("" if shrinking else ", NOT shrinking")
                           + (", WRONG LOG FACTOR" if log_bad else ""))
        method = f"asymptotic rate (mpmath {self.dps} digits, {len(self.points)} points " \
                 f"x{len(param_sets)})"
        return ok, method, worst_dev, self.order_tol, "; ".join(details)

    def _latex_relation(self) -> str:
        lim = "0" if self.to == 0 else (r"\infty" if self.to == sp.oo else r"-\infty")
        p = sp.nsimplify(self.order)
        lg = "" if not self.log_power else (
            f"\\,|\\ln {sp.latex(self.var)}|" + (f"^{{{self.log_power}}}" if self.log_power != 1 else ""))
        err = f"O({sp.latex(self.var)}^{{{sp.latex(p)}}}{lg})" if self.to == 0 else \
            f"O({sp.latex(self.var)}^{{-{sp.latex(p)}}}{lg})"
        if self.func is not None:
            lhs = self.expr_tex
        else:
            lhs = f"{self.expr_tex} = {sp.latex(self.expr)}" if self.expr_tex else sp.latex(self.expr)
        return (f"{lhs} &\\simeq {sp.latex(self.approx)}"
                f"\\quad({sp.latex(self.var)}\\to {lim},\\ \\text{{rel. error }} {err})")


def _slope(pts) -> float:
    """Least-squares slope of (x, y) pairs."""
    n = len(pts)
    mx = sum(a for a, _ in pts) / n
    my = sum(b for _, b in pts) / n
    return sum((a - mx) * (b - my) for a, b in pts) / sum((a - mx) ** 2 for a, _ in pts)


def _printed_window(value, digits: int):
    """(relative half-width, whether ``value`` has at most ``digits`` significant digits): the
    window of a claim printed to ``digits`` digits is half a unit in its last digit."""
    v = abs(float(value))
    unit = 10.0 ** (math.floor(math.log10(v)) - digits + 1)
    return 0.5 * unit / v, abs(round(v / unit) * unit - v) <= 1e-9 * v


class NumericValue(Step):
    """``expr = value`` at fixed parameter values, to the precision the paper states.

    The tolerance says what the paper claims:

    * ``digits=n``: the value is printed to ``n`` significant digits; ``expr`` must lie within
      half a unit in the last digit shown (``0.48`` with ``digits=2``: 0.475 .. 0.485);
    * ``magnitude=True``: an order-of-magnitude claim (``~1e-4``): checked on ``log10`` within
      ``band`` decades (default 0.5);
    * ``rel_tol`` / ``abs_tol``: an explicit tolerance (say why in ``why``);
    * none of these: an exact value (to the working precision).

    The error is measured against the claim (``|expr - value| / |value|``: a symmetric window
    around what the paper printed), at two working precisions that must agree.
    """

    claim_fields = ("value",)
    default_kind = Kind.NUMERIC

    def __init__(self, name: str, expr, value, *, rel_tol: Optional[float] = None,
                 abs_tol: Optional[float] = None, digits: Optional[int] = None,
                 magnitude: bool = False, band: float = 0.5, at: Optional[Mapping] = None,
                 tex: Optional[str] = None, **kw):
        super().__init__(name, **kw)
        # ``expr`` may be a callable dps -> mpf (a value defined implicitly, e.g. a maximum);
        # ``tex`` then says in LaTeX what it is
        self.func = expr if callable(expr) and not isinstance(expr, sp.Basic) else None
        self.expr = sp.Symbol(tex or name) if self.func else \
            as_expr(name, "the expression", expr, matrix=False)
        self.value = as_expr(name, "the claimed value", value, matrix=False)
        self.at = dict(at or {})
        self.tex = tex
        given = [x is not None and x is not False for x in (rel_tol, abs_tol, digits, magnitude)]
        if sum(given) > 1:
            raise ValueError(f"NumericValue {name!r}: give one of rel_tol, abs_tol, digits, "
                             f"magnitude")
        if digits is not None and (int(digits) != digits or digits < 1):
            raise ValueError(f"NumericValue {name!r}: digits must be a positive integer")
        if magnitude and not band > 0:
            raise ValueError(f"NumericValue {name!r}: band must be > 0 decades")
        self.digits = int(digits) if digits is not None else None
        self.magnitude, self.band = bool(magnitude), float(band)
        if self.digits is not None or self.magnitude:
            if not (self.value.is_number and self.value.is_real and self.value != 0):
                raise ValueError(f"NumericValue {name!r}: a claim of stated digits or magnitude "
                                 f"needs a nonzero real value, got {value}")
        if self.digits is not None:
            rel_tol = _printed_window(self.value, self.digits)[0]
        if not any(given):
            rel_tol = 10.0 ** (-(self.dps - 12))
        self.rel_tol, self.abs_tol = rel_tol, abs_tol
        self.tol = self.band if self.magnitude else (rel_tol if rel_tol is not None else abs_tol)
        missing = set() if self.func else self.expr.free_symbols - set(self.at)
        if missing:
            raise ValueError(f"NumericValue {name!r}: no value given for {sorted(map(str, missing))}")

    def free_symbols(self) -> set:
        return set()

    def outputs(self) -> dict:
        return {"value": self.value, "expr": self.expr}

    def corrupted(self, transform: Callable = perturb) -> "Step":
        """Default corruption: move the claimed value outside the tolerance (x 8/7, or further
        for a loose claim: x 10^(2 band) for a magnitude, 1 + 3 tol otherwise)."""
        if transform is not perturb or (self.rel_tol is None and not self.magnitude):
            return super().corrupted(transform)
        if self.magnitude:
            factor = sp.Integer(10) ** sp.nsimplify(2 * self.band)
        else:
            factor = max(sp.Rational(8, 7), 1 + 3 * sp.nsimplify(self.rel_tol))
        new = copy.copy(self)
        new.value = self.value * factor if self.value != 0 else sp.Rational(1, 7)
        return new

    def _check(self):
        if self.func is not None:
            with mp.workdps(self.dps):
                got = +self.func(self.dps)
            with mp.workdps(2 * self.dps):
                hi = +self.func(2 * self.dps)
                stability = rel_diff(got, hi)
        else:
            got, stability = two_precision_value(self.expr, self.at, self.dps)
        target = evaluate(self.value, {}, self.dps)
        tol = self.tol
        if self.digits is not None:
            # the window follows the claim as it stands (an edited value gets its own), and a
            # claim with more significant digits than stated is itself misstated
            tol, printed = _printed_window(self.value, self.digits)
            if not printed:
                return False, f"mpmath value ({self.digits} stated digits)", math.inf, tol, \
                    (f"the claim {mp.nstr(target, 15)} has more than {self.digits} "
                     f"significant digit(s): it is not what the paper prints")
        with mp.workdps(self.dps):
            if self.magnitude:
                if got == 0 or mp.im(got) != 0 or mp.re(got) * mp.re(target) <= 0:
                    residual = mp.inf
                else:
                    residual = abs(mp.log10(got / target))
                kind = f"log10, band {self.band:g} decades"
            elif self.rel_tol is not None:
                residual = abs(got - target) / abs(target) if target != 0 else abs(got)
                kind = (f"{self.digits} stated digits" if self.digits is not None
                        else "relative to the claim")
            else:
                residual = abs(got - target)
                kind = "absolute"
        unstable = stability > mp.mpf(10) ** (-(self.dps // 2))
        ok = (float(residual) <= tol) and not unstable
        detail = f"computed {mp.nstr(got, 15)}, claimed {mp.nstr(target, 15)}"
        if unstable:
            detail += f"; value not stable between {self.dps} and {2*self.dps} digits " \
                      f"({mp.nstr(stability, 3)})"
        return ok, f"mpmath value at {self.dps} and {2*self.dps} digits ({kind})", \
            float(residual), tol, detail

    def _latex_relation(self) -> str:
        at = ""
        if self.at:
            at = r"\quad\left(" + ", ".join(f"{sp.latex(k)}={sp.latex(v)}"
                                            for k, v in self.at.items()) + r"\right)"
        rel = r"\sim" if self.magnitude else ("=" if (self.tol or 0) < 1e-20 else r"\approx")
        lhs = self.tex if self.func is not None else sp.latex(self.expr)
        return f"{lhs} &{rel} {sp.latex(self.value)}{at}"


class Dimensions(Step):
    """``expr`` has the physical dimension ``expected`` given the symbols' dimensions.

    Uses SymPy's SI dimension system: each symbol is replaced by its ``Dimension`` and the
    dependencies (powers of mass, length, time, ...) of both sides are compared.
    """

    claim_fields = ("expr",)
    default_kind = Kind.ALGEBRA

    def __init__(self, name: str, expr, expected, dims: Mapping, **kw):
        super().__init__(name, **kw)
        self.expr = as_expr(name, "the expression", expr, matrix=False)
        self.expected = expected
        self.dims = dict(dims)
        self.tol = 0.0

    def free_symbols(self) -> set:
        return set()

    def validate(self) -> None:
        missing = self.expr.free_symbols - set(self.dims)
        if missing:
            raise ValueError(f"step {self.name!r}: no dimension given for "
                             f"{', '.join(sorted(map(str, missing)))}: add it to dims=")
        super().validate()

    @staticmethod
    def _deps(dim):
        from sympy.physics.units.systems.si import dimsys_SI
        return dimsys_SI.get_dimensional_dependencies(dim)

    def _check(self):
        from sympy.physics.units import Dimension
        missing = self.expr.free_symbols - set(self.dims)
        if missing:
            raise ValueError(f"no dimension given for {sorted(map(str, missing))}")
        got = self._deps(self._dimension_of(self.expr))
        want = self._deps(self.expected)
        ok = got == want
        fmt = lambda d: " ".join(f"{getattr(k, 'name', k)}^{v}" for k, v in sorted(d.items(), key=str)) or "1"
        return ok, "dimensional analysis (SymPy SI)", 0.0 if ok else 1.0, 0.0, \
            f"dimension {fmt(got)}, expected {fmt(want)}"

    def _dimension_of(self, e):
        from sympy.physics.units import Dimension
        if isinstance(e, sp.Symbol):
            return self.dims[e]
        if e.is_number:
            return Dimension(1)
        if isinstance(e, sp.Add):
            dims = [self._dimension_of(a) for a in e.args]
            first = self._deps(dims[0])
            if any(self._deps(d) != first for d in dims[1:]):
                raise ValueError(f"adding quantities of different dimensions in {e}")
            return dims[0]
        if isinstance(e, sp.Mul):
            out = Dimension(1)
            for a in e.args:
                out = out * self._dimension_of(a)
            return out
        if isinstance(e, sp.Pow):
            if not e.exp.is_number:
                raise ValueError(f"symbolic exponent in {e}")
            return self._dimension_of(e.base) ** e.exp
        raise ValueError(f"cannot take the dimension of {e}")

    def corrupted(self, transform: Callable = None) -> "Step":
        """Default corruption: multiply by one of the symbols (a number would not show)."""
        new = copy.copy(self)
        syms = sorted(self.expr.free_symbols, key=lambda z: z.name)
        if transform is None or transform is perturb:
            new.expr = self.expr * syms[0]
        else:
            new.expr = transform(self.expr)
        return new

    def _latex_relation(self) -> str:
        return f"[{sp.latex(self.expr)}] &= {sp.latex(self.expected.name)}"


class Extremum(Step):
    """``var = at`` is a *real* minimum (or maximum) of ``U`` under the step's assumptions.

    At seeded points: ``at`` is real (its imaginary part vanishes to working precision: a
    complex root also solves ``U'(at) = 0``), ``U'(at) = 0`` (measured against the sum of the
    magnitudes of its terms) and ``U''(at) > 0`` for a minimum (``< 0`` for a maximum), clear of
    zero.  ``at`` may be a list (several extrema claimed at once).
    """

    claim_fields = ("at",)
    default_kind = Kind.DERIVATIVE

    def __init__(self, name: str, U, var: sp.Symbol, at, *, extremum: str = "minimum", **kw):
        super().__init__(name, **kw)
        if extremum not in ("minimum", "maximum"):
            raise ValueError(f"Extremum {name!r}: extremum must be 'minimum' or 'maximum'")
        self.U = as_expr(name, "the function U", U, matrix=False)
        if not isinstance(var, sp.Symbol):
            raise TypeError(f"step {name!r}: var must be a SymPy symbol, got {var!r}")
        self.var = var
        self.at = as_expr(name, "the claimed extremum", at)
        self.extremum = extremum
        if self.tol is None:
            self.tol = 10.0 ** (-(self.dps - 12))

    def _roots(self) -> list:
        return list(self.at) if isinstance(self.at, sp.MatrixBase) else [self.at]

    def free_symbols(self) -> set:
        out = self.U.free_symbols - {self.var}
        for r in self._roots():
            out |= r.free_symbols
        return out

    def _check(self):
        syms = _sym_sorted(self.free_symbols())
        points = draw_inside(self.effective_domain(syms), self.n_points, self._seed(),
                             self.where, syms)
        # the extremum may lie where ``var``'s own assumptions do not (a negative minimum of a
        # potential written in a positive x): differentiate in a plain real variable, so the
        # term magnitudes below are not simplified under the wrong sign
        xr = sp.Dummy("x", real=True)
        U = self.U.xreplace({self.var: xr})
        d1 = sp.diff(U, xr)
        d2 = sp.diff(U, xr, 2)
        scale1 = sp.Add(*[sp.Abs(t) for t in sp.Add.make_args(sp.expand(d1))])
        scale2 = sp.Add(*[sp.Abs(t) for t in sp.Add.make_args(sp.expand(d2))])
        args = syms + [xr]
        f1, f2 = mp_function(d1, args), mp_function(d2, args)
        s1, s2 = mp_function(scale1, args), mp_function(scale2, args)
        roots = [mp_function(r, syms) for r in self._roots()]
        worst, problems = mp.mpf(0), []
        sign = 1 if self.extremum == "minimum" else -1
        with mp.workdps(self.dps):
            tiny = mp.mpf(10) ** (-(self.dps - 10))
            for p in points:
                vals = [p[z] for z in syms]
                for j, fr in enumerate(roots):
                    r = fr(*vals)
                    at = ", ".join(f"{k}={mp.nstr(v, 5)}" for k, v in p.items())
                    if abs(mp.im(r)) > tiny * max(1, abs(r)):
                        problems.append(f"root {j} is not real at {at} ({mp.nstr(r, 6)})")
                        worst = mp.inf
                        continue
                    r = mp.re(r)
                    g1, sc1 = f1(*vals, r), s1(*vals, r)
                    sc1 = abs(sc1)
                    res = abs(g1) / sc1 if sc1 else abs(g1)
                    worst = max(worst, res)
                    if res > self.tol:
                        problems.append(f"U'(root {j}) = {mp.nstr(g1, 3)} at {at}")
                    g2, sc2 = f2(*vals, r), s2(*vals, r)
                    if not sign * mp.re(g2) > mp.mpf(10) ** (-(self.dps // 2)) * max(abs(sc2), tiny):
                        problems.append(f"U''(root {j}) = {mp.nstr(g2, 3)} at {at}: not a "
                                        f"{self.extremum}")
                        worst = mp.inf
                if len(roots) > 1:
                    vals_r = [mp.re(fr(*vals)) for fr in roots]
                    for j in range(len(vals_r)):
                        for k in range(j):
                            if abs(vals_r[j] - vals_r[k]) <= 1e-12 * max(1, abs(vals_r[j])):
                                problems.append(f"roots {k} and {j} coincide at {at}: the "
                                                f"extrema claimed are not distinct")
                                worst = mp.inf
        ok = not problems
        method = f"real root, U' = 0 and the sign of U'' (mpmath {self.dps} digits, " \
                 f"{len(points)} points)"
        return ok, method, float(worst), self.tol, "; ".join(problems[:3])

    def _latex_relation(self) -> str:
        pts = ", ".join(sp.latex(r) for r in self._roots())
        return (f"{sp.latex(self.var)} &= {pts}\\quad\\text{{(real {self.extremum}"
                f"{'s' if len(self._roots()) > 1 else ''} of }} {sp.latex(self.U)}\\text{{)}}")


class Condition:
    """A numeric predicate with a description, for use in :class:`Equivalence`.

    ``func`` takes a point (dict symbol -> mpf) and returns a bool, computed by a method that
    does not rest on the algebra it is compared with (root counting, direct minimisation).
    """

    def __init__(self, func: Callable[[dict], bool], text: str, symbols: Sequence[sp.Symbol]):
        self.func, self.text, self.symbols = func, text, list(symbols)

    def __call__(self, point: dict) -> bool:
        return bool(self.func(point))


class Equivalence(Step):
    """``lhs <=> rhs`` at ``n_points`` random points (default 2000) inside the domain."""

    claim_fields = ("rhs",)
    default_kind = Kind.CONDITION

    def __init__(self, name: str, lhs, rhs, **kw):
        kw.setdefault("n_points", 2000)
        super().__init__(name, **kw)
        self.lhs, self.rhs = lhs, rhs
        if not isinstance(rhs, sp.Basic):
            self.claim_fields = ("lhs",) if isinstance(lhs, sp.Basic) else ()
        if self.tol is None:
            self.tol = 0.0

    def outputs(self) -> dict:
        out = super().outputs()
        for f in ("lhs", "rhs"):
            if isinstance(getattr(self, f), sp.Basic):
                out.setdefault(f, getattr(self, f))
        return out

    def corrupted(self, transform: Callable = perturb) -> "Step":
        if not self.claim_fields:
            raise TypeError("neither side of this equivalence is symbolic; corrupt it by hand")
        return super().corrupted(transform)

    def free_symbols(self) -> set:
        out = set()
        for side in (self.lhs, self.rhs):
            out |= side.free_symbols if isinstance(side, sp.Basic) else set(side.symbols)
        return out

    @staticmethod
    def _evaluator(side, syms):
        if isinstance(side, sp.Basic):
            f = sp.lambdify(syms, side, modules=["mpmath"])

            def holds(p):
                try:
                    return bool(f(*[p[s] for s in syms]))
                except TypeError:  # an order comparison with a non-real value: not satisfied
                    return False
            return holds
        return side

    def _disagreements(self, points, syms):
        fl, fr = self._evaluator(self.lhs, syms), self._evaluator(self.rhs, syms)
        bad, trues, first = 0, 0, None
        with mp.workdps(self.dps):
            for p in points:
                a, b = fl(p), fr(p)
                trues += a
                if a != b:
                    bad += 1
                    first = first or p
        return bad, trues, first

    def _check(self):
        syms = _sym_sorted(self.free_symbols())
        points = draw_inside(self.effective_domain(syms), self.n_points, self._seed(), self.where, syms)
        bad, trues, first = self._disagreements(points, syms)
        n = len(points)
        need = max(5, n // 100)
        residual = bad / n
        ok = bad == 0
        details = [f"{bad} of {n} points disagree; left side true at {trues}"]
        if first is not None:
            details.append("first at " + ", ".join(f"{k}={mp.nstr(v, 6)}" for k, v in first.items()))
        if (trues < need or n - trues < need) and not getattr(self, "one_outcome_ok", False):
            # (a mutation probe of an added region sets one_outcome_ok: there the question is
            # only whether the two conditions agree, and one may hold nowhere)
            ok = False
            details.append(f"vacuous sample: each outcome must occur at least {need} times")
        b_ok, b_txt = self._boundary_check(points, syms)
        details.append(b_txt)
        ok = ok and b_ok
        for group in self.necessary:
            out_pts = draw_outside_group(self._outside_domain(syms), group, n // 2,
                                         self._seed("out", *map(str, group)), self.where, syms,
                                         allowed=self._allowed(syms))
            ob, _, _ = self._disagreements(out_pts, syms)
            names = ",".join(str(s) for s in group)
            if ob == 0:
                ok = False
                details.append(f"assumption on {names} stated as necessary but the equivalence "
                               f"also holds outside it")
            else:
                details.append(f"assumption on {names} needed: {ob} disagreements outside")
        return ok, f"sampled ({n} points)", residual, self.tol, "; ".join(details)

    def _boundary_check(self, points, syms, n_rays: int = 12):
        """Rays through the claimed boundary: for pairs of sample points on which the claimed
        condition differs, bisect the segment between them to the claimed boundary (to 1e-24
        of its length) and require the independent condition to flip there too: it must agree
        with the claim at distance 1e-9 (of the segment) on both sides.  A threshold off by
        0.1 % moves the boundary by ~1e-3 and fails on every seed."""
        if not isinstance(self.rhs, sp.Basic) and not isinstance(self.lhs, sp.Basic):
            return True, "boundary: no symbolic side"
        claim_side, other_side = (self.rhs, self.lhs) if isinstance(self.rhs, sp.Basic) \
            else (self.lhs, self.rhs)
        fc = self._evaluator(claim_side, syms)
        fo = self._evaluator(other_side, syms)
        rng = random.Random(self._seed("rays"))
        with mp.workdps(self.dps):
            vals = [fc(p) for p in points]
            trues = [p for p, v in zip(points, vals) if v]
            falses = [p for p, v in zip(points, vals) if not v]
            if not trues or not falses:
                return True, "boundary: not reached by the sample"
            bad, tested, first = 0, 0, None
            for _ in range(n_rays * 4):
                if tested >= n_rays:
                    break
                a, b = rng.choice(trues), rng.choice(falses)
                seg = lambda t: {z: a[z] + (b[z] - a[z]) * t for z in syms}
                lo, hi = mp.mpf(0), mp.mpf(1)   # fc(seg(lo)) true, fc(seg(hi)) false
                for _ in range(80):
                    m = (lo + hi) / 2
                    if fc(seg(m)):
                        lo = m
                    else:
                        hi = m
                t0 = (lo + hi) / 2
                eps = mp.mpf(10) ** -9
                if t0 - eps <= 0 or t0 + eps >= 1:
                    continue
                pin, pout = seg(t0 - eps), seg(t0 + eps)
                if self.where is not None and not (_accept_point(self.where, pin)
                                                    and _accept_point(self.where, pout)):
                    continue
                # the claim itself must flip right there (a single crossing near t0)
                if not (fc(pin) and not fc(pout)):
                    continue
                tested += 1
                if fo(pin) != fc(pin) or fo(pout) != fc(pout):
                    bad += 1
                    first = first or seg(t0)
        if tested == 0:
            return True, "boundary: no usable ray"
        txt = f"boundary: {tested} rays bisected to the claimed boundary, independent " \
              f"condition flips there on {tested - bad}"
        if first is not None:
            txt += " (not at " + ", ".join(f"{k}={mp.nstr(v, 8)}" for k, v in first.items()) + ")"
        return bad == 0, txt

    def _latex_relation(self) -> str:
        def side(s):
            return sp.latex(s) if isinstance(s, sp.Basic) else f"\\text{{{latex_text(s.text)}}}"
        return f"{side(self.lhs)} &\\iff {side(self.rhs)}"
