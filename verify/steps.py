"""Steps of a derivation, each with a check that can fail.

A step is one relation taken from a paper together with the kind of justification it rests on
(:class:`Kind`) and the assumptions it needs.  Every step class owns its check (what a pass
proves, and what it cannot, is in each class's ``Notes`` and in ``docs/verification.md``):

``Identity``      lhs = rhs.  SymPy first (``simplify(lhs - rhs) == 0``, shown but never enough
                  to pass); then mpmath at >= 30 digits (40 by default) at seeded random points
                  inside the assumptions, and the same points again at 320 more digits.  When
                  SymPy leaves a remainder, extra points are added where an identity can be
                  wrong on part of its domain (strata, interval ends, both sides of every kink
                  or branch cut).  Unevaluated ``Integral`` objects are evaluated by mpmath
                  quadrature with a checked error estimate, so an integral step is a real
                  quadrature check.  Assumptions marked ``necessary`` are also tested just
                  outside their range, where the relation must fail (otherwise the step is
                  reported as misstated).
``Jacobian``      |d(old)/d(new)| = claim.  The determinant symbolically (SymPy) and,
                  independently, from an mpmath numerical-differentiation Jacobian of the map.
``Asymptotic``    f ~ g as x -> 0 or +-oo with relative error O(x^p |ln x|^m) (or O(x^-p ...)).
                  mpmath evaluates the relative error on a geometric sequence of x approaching
                  the limit, at the corners of the parameter box; it must shrink, its fitted
                  log-log slope must equal the stated order and the error divided by the
                  claimed form must tend to a constant (no missing or spurious log factor).
``NumericValue``  expr = value to the precision the paper states (printed digits, an order of
                  magnitude or an explicit tolerance), evaluated at two working precisions that
                  must agree.
``Equivalence``   condition A <=> condition B (SymPy booleans or :class:`Condition` predicates),
                  tested at 2000 random points that must contain both outcomes, and on rays
                  bisected to the claimed boundary, where the other condition must flip too.
``Extremum``      var = at is a real minimum (maximum) of U: real, U' = 0, U'' of the claimed
                  sign, several claimed extrema distinct.
``Dimensions``    expr has the claimed physical dimension (SymPy's SI dimension system).

``step.corrupted()`` returns a copy whose claim is edited (by default scaled by 8/7; a
``NumericValue`` is moved outside its window, a ``Dimensions`` expression multiplied by a
symbol; or transformed by a function you give): the test suite checks every step of every
derivation that way, so no check is a no-op.
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

from .mpeval import (DEFAULT_DPS, _outer_integrals, evaluate, mp_function, rel_diff,
                     two_precision_value)
from .report import StepResult
from .sampling import describe, draw_corners, draw_inside, draw_outside_group, seed_for

__all__ = [
    "Kind", "Step", "Identity", "Jacobian", "Asymptotic", "NumericValue", "Equivalence", "Dimensions",
    "Extremum",
    "perturb", "latex_text",
]


class Kind(str, Enum):
    r"""The kind of justification a step rests on.

    A label, not a check: it says which operation of the paper a step reproduces (an algebraic
    rearrangement, a substitution, a derivative, an integral, ...).  It is printed before the
    step's ``why`` in the LaTeX (``\text{derivative: ...}``) and in the report, and it is part
    of the step's cache fingerprint.  Each step class has a default (``Identity``: ``ALGEBRA``,
    switched to ``INTEGRAL`` when a side contains an ``Integral``; ``Jacobian``:
    ``CHANGE_OF_VARIABLES``; ``Asymptotic``: ``ASYMPTOTIC``; ``NumericValue``: ``NUMERIC``;
    ``Equivalence``: ``CONDITION``; ``Extremum``: ``DERIVATIVE``; ``Dimensions``:
    ``ALGEBRA``).

    Parameters
    ----------
    value : str
        One of the values below; ``Kind("derivative") is Kind.DERIVATIVE``.  A step's ``kind=``
        accepts a member or its value.

    Attributes
    ----------
    ALGEBRA : "algebra"
    SUBSTITUTION : "substitution"
    DERIVATIVE : "derivative"
    INTEGRAL : "integral"
    CHANGE_OF_VARIABLES : "change of variables"
    SERIES : "series"
    LIMIT : "limit"
    ASYMPTOTIC : "asymptotic"
    AVERAGE : "average"
    NUMERIC : "numeric value"
    CONDITION : "condition"

    Notes
    -----
    Proves: nothing by itself.  The check a step runs is decided by its class, not by its
    kind; the one exception is the report's method text, which an ``Identity`` of kind
    ``INTEGRAL`` or ``AVERAGE`` calls "quadrature".

    Cannot prove: that the stated justification is the one that makes the relation true (a
    step labelled ``SERIES`` passes if the relation holds, however it was obtained).

    Examples
    --------
    >>> from glassderive import Kind
    >>> Kind("change of variables") is Kind.CHANGE_OF_VARIABLES
    True
    >>> str(Kind.NUMERIC)
    'numeric value'
    """

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


def _refuse_tol(kind: str, name: str, tol, instead: str, allow_zero: bool = False) -> None:
    """A ``tol=`` that a step kind would not use is an error, not silently ignored (an author
    who writes ``tol=0.05`` believes the check uses it)."""
    if tol is None or (allow_zero and tol == 0):
        return
    raise ValueError(f"{kind} {name!r}: tol={tol!r} would be ignored: a {kind} step does not "
                     f"take tol= ({instead})")


def _sym_sorted(symbols: Iterable[sp.Symbol]) -> list:
    return sorted(symbols, key=lambda s: s.name)


class Step:
    r"""Base class of the step kinds: one relation from a paper and the check that can fail it.

    A step pairs a claim (an equation, an asymptotic form, a value, a condition, ...) with the
    kind of justification it rests on, that justification in words, the paper's equation label
    and the assumptions under which the relation holds.  Each subclass implements the check;
    :meth:`check` runs it and returns a :class:`~glassderive.verify.report.StepResult` whose
    status is ``"pass"``, ``"fail"`` or ``"error"`` (a check that raises is reported as an
    error, never as a pass).  Authors do not instantiate ``Step`` itself: they use
    :class:`Identity`, :class:`Jacobian`, :class:`Asymptotic`, :class:`NumericValue`,
    :class:`Equivalence`, :class:`Extremum` or :class:`Dimensions` and append the step with
    ``Derivation.add``, which also runs :meth:`validate` (an impossible statement is an error
    at build time, naming the derivation, the step and the symbol).

    Parameters
    ----------
    name : str
        Short id, unique within the derivation.  It names the step in reports and in
        ``Derivation.ref``, ``Derivation.step`` and ``Derivation.corrupt``, and (with the
        derivation's name) seeds the random points, so every run samples the same points.
    eq : str, optional
        The paper's equation label(s), e.g. ``"(6)"`` or ``"(8)-(11)"``.  Shown in reports and
        set as ``\tag*{...}`` at the right of the step's LaTeX line, exactly as written (give
        the parentheses); empty: no tag.
    kind : Kind or str, optional
        The justification (:class:`Kind` or its value, e.g. ``"derivative"``); default: the
        class's ``default_kind``.  Printed before ``why``.
    why : str, optional
        The justification in words.  In the LaTeX the line ends with ``\text{kind: why}``:
        ``$...$`` spans are kept as inline math, the rest is plain text whose ``& % # _ | < >
        ^ ~`` are escaped (backslashes are not: write math inside ``$...$``).
    domain : dict, optional
        ``{symbol: sympy.Interval}``, the range each symbol is sampled in.  It is intersected
        with the interval the symbol's SymPy assumptions allow (``positive=True``: (0, oo),
        ``real=True``: the real line); a symbol with neither, a domain that is not an
        ``Interval``, or an empty (or one-point) intersection is a ``ValueError`` when the step
        is added.  A bounded interval is sampled uniformly in its central 96 %, a half-line at
        distances 10**-2 .. 10**1.5 from its end and the real line at +-(10**-2 .. 10**1.5)
        (log-uniform).
    where : sympy boolean or callable, optional
        A joint condition on the sampled symbols (e.g. ``E < 20*T``); points that violate it
        are rejected.  A callable receives a point ``{symbol: float}`` and returns a bool.  A
        SymPy condition that no point of the domain satisfies is a ``ValueError`` when the step
        is added (naming the conjunct that holds nowhere, if one does).
    necessary : sequence, optional
        Symbols (or tuples of symbols moved out together) whose stated range is essential:
        the check also samples just outside that range (the other symbols inside), where the
        relation must fail; a relation that holds there too is reported as misstated.
        Honoured by ``Identity`` and ``Equivalence``; the other kinds accept and ignore it.
    dps : int, optional
        Working precision of the numeric check in decimal digits (default 40); below 30 is a
        ``ValueError``.
    tol : float, optional
        The largest residual accepted; ``None``: the class's default (see each class).
        Taken by ``Identity``, ``Jacobian`` and ``Extremum``; the kinds that would ignore it
        (``Asymptotic``, ``NumericValue``, ``Equivalence`` and ``Dimensions``, except
        ``tol=0`` for the last two) raise ``ValueError`` naming what they use instead.
    n_points : int, optional
        How many seeded random points the check draws (default 8; ``Asymptotic`` and
        ``Equivalence`` use it differently and say so).
    uses : sequence of str, optional
        Names of earlier steps whose verified expressions this step uses.  ``Derivation.add``
        merges them with ``add(..., uses=)`` and with every step taken by ``Derivation.ref``
        since the previous ``add``; each must be an earlier step.  They are listed in the
        report, and their fingerprints enter this step's cache key.
    equivalent_mutants : dict, optional
        ``{mutant id: reason}``: edits made by ``glassderive mutate`` that cannot change the
        truth of the step (a constant factor that cancels, ...), counted as equivalent rather
        than as survivors.

    Notes
    -----
    Proves: what each subclass's check proves (see its ``Notes``).  Every check is numeric
    (mpmath at ``dps`` digits); SymPy's symbolic answer, where a class asks for one, is shown
    in the method text ("symbolic+...") but never makes a step pass on its own.

    Cannot prove: anything outside the sampled points and the stated assumptions; a step
    proves the relation it states, not that it is the relation the paper needs.

    Examples
    --------
    >>> import sympy as sp
    >>> from glassderive import Identity
    >>> x = sp.Symbol("x", positive=True)
    >>> step = Identity("square", (x + 1)**2, x**2 + 2*x + 1, eq="(1)")
    >>> step.check().status
    'pass'
    >>> step.corrupted().check().status   # the claim scaled by 8/7
    'fail'
    """

    claim_fields: tuple = ()
    #: whether the check tests ``necessary=`` (the relation must fail just outside): only
    #: ``Identity`` and ``Equivalence`` do; elsewhere the argument is refused at build time
    tests_necessary = False
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
        """Run the check and return its :class:`~glassderive.verify.report.StepResult`
        (``"pass"``, ``"fail"``, or ``"error"`` with the exception in ``detail`` and an infinite
        residual: a check that crashes is never a pass).  No cache is consulted: see
        ``Derivation.verify``."""
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
        """A copy with its claim transformed (default: scaled by 8/7; see :func:`perturb`): the
        check of the copy must fail, which shows that the check is not a no-op."""
        new = copy.copy(self)
        for f in self.claim_fields:
            setattr(new, f, transform(getattr(self, f)))
        return new

    def latex(self, tex: Optional[Callable] = None) -> str:
        r"""One line of the derivation's ``align*`` environment:
        ``<relation> && \text{<kind>: <why>} \tag*{<eq>}`` (no ``: why`` without ``why``, no
        tag without ``eq``).  ``why`` and ``eq`` go through :func:`latex_text`: ``$...$``
        spans stay math, the rest is escaped as text.  ``tex`` prints the expressions
        (default: ``sympy.latex`` with primed symbols such as ``eta'`` printed ``\eta'``).  A
        relation whose two sides print the same (SymPy evaluated them into one expression)
        is shown once, as a statement: ``& <expr> && \text{<kind>, statement: <why>}``."""
        if tex is None:
            from .derivation import _tex as tex      # derivation.py imports this module
        import inspect
        body = self._latex_relation(tex) if inspect.signature(self._latex_relation).parameters \
            else self._latex_relation()
        statement = body.lstrip().startswith("&")
        note = self.kind.value + (", statement" if statement else "") + \
            (f": {self.why}" if self.why else "")
        tag = f"\\tag*{{{latex_text(self.eq)}}}" if self.eq else ""
        return f"{body} && \\text{{{latex_text(note)}}} {tag}".rstrip()

    def outputs(self) -> dict:
        """The expressions this step verifies, by name; the first is the step's claim (what
        ``Derivation.ref`` returns by default).  ``Identity``: ``rhs``, ``lhs``; ``Jacobian``:
        ``claim``; ``Asymptotic``: ``approx``; ``NumericValue``: ``value``, ``expr``;
        ``Equivalence``: its symbolic sides (the claim first); ``Extremum``: ``at``;
        ``Dimensions``: ``expr``."""
        return {f: getattr(self, f) for f in self.claim_fields}

    def validate(self) -> None:
        """Build-time checks of the step's statement (called by ``Derivation.add``): every free
        symbol has a non-empty domain (from ``domain`` or its SymPy assumptions, intersected),
        and ``where`` can be satisfied.  Raises ``ValueError`` naming the symbol."""
        if self.necessary and not self.tests_necessary:
            raise ValueError(f"step {self.name!r}: necessary= is tested only by Identity and "
                             f"Equivalence; a {type(self).__name__} step would ignore it "
                             f"(remove it, or state the relation as an Identity)")
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

    def _latex_relation(self, tex: Callable = sp.latex) -> str:  # pragma: no cover - abstract
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


def _edge_points(domain: dict, syms, n_per_edge: int, seed: int, where=None) -> list:
    """Points whose coordinate in one symbol lies in the outer 2 % of a finite end of its
    interval (where ``draw_inside`` never goes), the other coordinates drawn as usual."""
    rng = random.Random(seed)
    out = []
    for z in syms:
        iv = domain[z]
        lo = float(iv.start) if iv.start.is_finite else None
        hi = float(iv.end) if iv.end.is_finite else None
        if lo is None or hi is None:
            continue
        width = hi - lo
        for side in ("lo", "hi"):
            got, tries = 0, 0
            while got < n_per_edge and tries < 50 * n_per_edge:
                tries += 1
                base = draw_inside(domain, 1, rng.randrange(2**63), None, syms)[0]
                u = 0.02 * rng.random() ** 2          # denser toward the end itself
                v = lo + width * u if side == "lo" else hi - width * u
                if v in (lo, hi):
                    continue
                base[z] = mp.mpf(v)
                if _accept_point(where, base):
                    out.append(base)
                    got += 1
    return out


def _accept_point(where, point) -> bool:
    from .sampling import _accept
    return _accept(where, {k: float(v) for k, v in point.items()})


def _kink_arguments(exprs) -> list:
    """The arguments whose sign change makes one of ``exprs`` non-analytic (see
    ``Identity._kinks``), at most 12."""
    out = []
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


def _hunt_points(step, syms, kinks, base_points) -> list:
    """Latin-hypercube strata over the step's domain (48), each finite end of each interval
    approached to 1e-9 and 1e-4 of its width (from two base points), and both sides of every
    sign change of each argument in ``kinks`` along each symbol (from three base points);
    only points that satisfy ``where``."""
    dom = step.effective_domain(syms)
    rng = random.Random(step._seed("hunt"))
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
    for g in kinks:
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
            if _accept_point(step.where, q):
                out.append(q)
        except Exception:
            continue
    return out


def _has_integral(expr) -> bool:
    return isinstance(expr, sp.Basic) and expr.has(sp.Integral)


class Identity(Step):
    r"""``lhs = rhs`` under the step's assumptions, checked with mpmath at random points.

    The workhorse step: an algebraic rearrangement, a substitution, a derivative (write the
    left side with an unevaluated ``sympy.Derivative``: it is differentiated before the
    numbers are taken) or an integral (an unevaluated ``sympy.Integral``, computed by mpmath
    quadrature, never by SymPy's ``integrate``).  Both sides may also be matrices (lists of
    lists) of one shape, compared entry by entry.  The right side is the claim: what
    :meth:`corrupted` edits and what ``Derivation.ref`` returns by default.

    Parameters
    ----------
    name : str
        Short id, unique within the derivation (reports, ``ref``, ``corrupt``, the seed).
    lhs : sympy expression or list
        The left side, usually what is computed (from earlier steps through
        ``Derivation.ref``).  A string or a Python callable is a ``TypeError`` (a string would
        make new symbols without the assumptions you declared).
    rhs : sympy expression or list
        The right side: the relation as the paper states it (the claim).
    symbolic : bool, optional
        Whether to ask SymPy for ``simplify(lhs - rhs)`` first.  ``None`` (default): yes,
        unless a side contains an ``Integral``.  ``False`` skips it, and with it the extra
        points that a remainder triggers (see Notes).
    lhs_tex, rhs_tex : str, optional
        How the paper writes the sides, used in the LaTeX instead of ``sympy.latex`` of the
        expressions (the check still uses ``lhs`` and ``rhs``).
    eq : str, optional
        The paper's equation label, e.g. ``"(6)"`` (printed as ``\tag*{(6)}``).
    kind : Kind or str, optional
        Default ``Kind.ALGEBRA``; an ``ALGEBRA`` step with an ``Integral`` in a side becomes
        ``Kind.INTEGRAL``.
    why : str, optional
        The justification in words, ``$...$`` for inline math in the LaTeX.
    domain : dict, optional
        ``{symbol: sympy.Interval}``, intersected with each symbol's assumptions.
    where : sympy boolean or callable, optional
        A joint condition restricting the samples.
    necessary : sequence, optional
        Symbols (or tuples) whose range is essential: at ``n_points`` points just outside it
        (3 % to 3 widths beyond an end, inside the symbol's assumptions) the relation must
        fail, i.e. the worst residual there must exceed ``1000 * tol``; otherwise the step
        fails as misstated.
    dps : int, optional
        Working precision (default 40, at least 30).
    tol : float, optional
        Largest accepted relative residual.  Default ``10**-(dps - 12)`` (1e-28 at 40 digits);
        ``1e-18`` when a side contains an ``Integral``.
    n_points : int, optional
        Random points inside the domain (default 8).
    uses : sequence of str, optional
        Earlier steps whose expressions this one uses (besides those taken with ``ref``).
    equivalent_mutants : dict, optional
        ``{mutant id: reason}`` for edits by ``glassderive mutate`` that cannot change the
        truth of the step.

    Notes
    -----
    Proves: at ``n_points`` seeded points inside the assumptions, the two sides agree to
    ``tol`` relative to the larger of their magnitudes (when one side is exactly 0, relative
    to the sum of the magnitudes of the other side's terms, what has to cancel), at ``dps``
    digits.  A step without integrals that passes is evaluated again at the same points at
    ``dps + 320`` digits (360 by default), where the residual must fall by the same 320
    orders: the agreement is then not an exponentially small difference (a wrong term down
    to about e^-700 of the sides fails).  SymPy's answer is shown ("symbolic+numeric"), but a
    symbolic zero that the numbers contradict is a failure.  When SymPy leaves a remainder
    (shown in the detail), the check adds 48 Latin-hypercube points, points at 1e-9 and 1e-4
    of the width from every finite end, and points on both sides of each sign change (grid
    and bisection along each symbol) of the arguments of ``Abs``, ``sign``, ``Heaviside``,
    ``log``, ``Min``/``Max``, ``Piecewise`` conditions and non-integer powers: an identity
    that holds on part of its domain and fails elsewhere can only do so through such a piece,
    so the error is looked for next to it.  For two analytic sides, one random point exposes
    a difference with probability 1 (their difference vanishes on a set of measure zero), so
    a pass is strong evidence down to the working precision.  Integrals are evaluated by
    ``mpmath.quad`` split toward the end points and toward interior peaks of the integrand,
    an infinite tail integrated twice (directly and after t -> 1/u); a quadrature whose error
    estimate does not vouch for 10**-(dps/2) relative raises ``QuadratureError``, reported
    as an error.  (A singular end point other than 0 is first moved to 0 by SymPy, so that
    the distance to it is exact, and the integrand is summed in MPFR where gmpy2 has all its
    operations: the same rule, nodes and error estimate as ``mpmath.quad``.)

    Cannot prove: agreement away from the sampled points when SymPy reduces the difference
    to 0 or the symbolic pass is skipped (integrals, ``symbolic=False``): then only the
    ``n_points`` random points are checked, which miss a disagreement confined to a fraction
    eps of the domain with probability (1 - eps)**n_points, and never look within 2 % of a
    finite end or beyond 10**1.5 on an unbounded range.  An integral identity is checked to
    ``tol`` (1e-18), never better, with no 320-digit re-check; multiple integrals with
    dependent limits are not evaluated (an error).  A difference smaller than the working
    precision at the points used.

    Examples
    --------
    >>> import sympy as sp
    >>> from glassderive import Derivation, Identity
    >>> x = sp.Symbol("x", positive=True)
    >>> d = Derivation("identity-demo", "Demo", "A. Author (2026)", "(1)-(2)")
    >>> step = d.add(Identity("double-angle", sp.sin(2*x), 2*sp.sin(x)*sp.cos(x), eq="(1)",
    ...                       domain={x: sp.Interval(0, 3)}, why=r"$\sin 2x=2\sin x\cos x$"))
    >>> step.check().status
    'pass'
    >>> gauss = d.add(Identity("gauss", sp.Integral(sp.exp(-x**2), (x, 0, sp.oo)),
    ...                        sp.sqrt(sp.pi)/2, eq="(2)"))
    >>> gauss.kind.value, gauss.check().status
    ('integral', 'pass')
    >>> step.corrupted().check().status
    'fail'
    """

    tests_necessary = True
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
        exprs = [remainder] if remainder is not None else []
        exprs += list(self.lhs) if isinstance(self.lhs, sp.MatrixBase) else [self.lhs]
        exprs += list(self.rhs) if isinstance(self.rhs, sp.MatrixBase) else [self.rhs]
        return _kink_arguments(exprs)

    def _hunt_points(self, remainder, base_points) -> list:
        """Extra points for an identity SymPy could not reduce to 0: Latin-hypercube strata
        over the domain, the edges of every interval, and both sides of every sign change of
        a non-smooth argument (see :meth:`_kinks`)."""
        syms = _sym_sorted(self.free_symbols())
        if not syms:
            return []
        return _hunt_points(self, syms, self._kinks(remainder), base_points)

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
        work_dps = None   # the precision the points needed (None: the step's dps)
        if not ok and not has_int:
            # a true identity can lose everything to cancellation at the working precision
            # (1 - tanh(z)^2 for z > 46 at 40 digits): the same points at three times the
            # digits tell a loss of precision (the residual falls) from an error (it stays)
            esc = 3 * self.dps
            r_esc, at_esc = self._residuals(points, dps=esc)
            if r_esc <= self.tol:
                notes.append(f"at {self.dps} digits the residual was {residual:.1e} "
                             f"(cancellation); at {esc} digits it is {r_esc:.1e}")
                residual, worst_at, ok, work_dps = r_esc, at_esc, True, esc
        n_pts = len(points)
        if ok and sym is None and remainder is not None:
            # SymPy did not reduce the difference to 0: say so, and look for the error where
            # an identity can be wrong on part of its domain
            extra = self._hunt_points(remainder, points)
            n_pts += len(extra)
            if extra:
                r2, at2 = self._residuals(extra, dps=work_dps)
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
                # a real difference is the same at any precision; rounding noise left by a
                # cancellation falls with it: one more precision tells them apart
                r_hi2, _ = self._residuals(points, dps=2 * hi_dps)
                if r_hi2 <= r_hi * 1e-100:
                    notes.append(f"at {hi_dps} digits the residual is {r_hi:.1e} and at "
                                 f"{2 * hi_dps} digits {r_hi2:.1e}: rounding left by a "
                                 f"cancellation, not a difference")
                    r_hi = 0.0
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

    def _latex_relation(self, tex: Callable = sp.latex) -> str:
        lhs = self.lhs_tex if self.lhs_tex else tex(self.lhs)
        rhs = self.rhs_tex if self.rhs_tex else tex(self.rhs)
        if lhs == rhs:        # SymPy evaluated both sides into one expression: show it once
            return f"& {lhs}"
        return f"{lhs} &= {rhs}"


class Jacobian(Step):
    r"""``|det d(old)/d(new)| = claim`` for the change of variables ``old = mapping(new)``.

    The factor a change of variables puts in an integral: for ``old = mapping(new)`` the
    claim is the absolute value of the determinant of the matrix of partial derivatives of
    the old variables with respect to the new ones.  In the LaTeX:
    ``\left|\frac{\partial(old)}{\partial(new)}\right| &= claim``.

    Parameters
    ----------
    name : str
        Short id, unique within the derivation (reports, ``ref``, ``corrupt``, the seed).
    mapping : dict
        ``{old symbol: expression in the new variables}``, in the order of the matrix rows.
    new : sequence of sympy.Symbol
        The new variables (the columns), as many as old ones (a square map).
    claim : sympy expression
        The claimed ``|det|`` (nonnegative: it is compared with an absolute value).  What
        ``Derivation.ref`` returns (its only output, ``"claim"``).
    eq : str, optional
        The paper's equation label (printed as ``\tag*{...}``).
    kind : Kind or str, optional
        Default ``Kind.CHANGE_OF_VARIABLES``.
    why : str, optional
        The justification in words (``$...$`` for inline math).
    domain : dict, optional
        ``{symbol: sympy.Interval}`` for the new variables and the parameters.
    where : sympy boolean or callable, optional
        A joint condition restricting the samples.
    necessary : sequence, optional
        Accepted but not tested by this kind (no points outside the range are drawn).
    dps : int, optional
        Working precision (default 40, at least 30).
    tol : float, optional
        Largest accepted relative difference; default ``10**-(dps//2 - 4)`` (1e-16 at 40
        digits: numerical differentiation loses about half the digits).
    n_points : int, optional
        Random points inside the domain (default 8).
    uses : sequence of str, optional
        Earlier steps whose expressions this one uses (besides those taken with ``ref``).
    equivalent_mutants : dict, optional
        ``{mutant id: reason}`` for edits by ``glassderive mutate`` that cannot change the
        truth of the step.

    Notes
    -----
    Proves: at ``n_points`` seeded points inside the assumptions, the claim equals, to
    ``tol`` relative, both ``|det|`` of SymPy's Jacobian matrix (evaluated by mpmath) and
    ``|det|`` of a Jacobian matrix whose entries are numerical derivatives of the map by
    ``mpmath.diff``, independent of SymPy's differentiation.  SymPy's
    ``simplify(|det| - claim) == 0`` is reported ("symbolic+numeric") but does not pass the
    step by itself; the determinant, factored, is printed in the detail.

    When SymPy does not prove ``|det| = claim`` (symbolically: ``det**2 - claim**2``
    cancels to 0 and the claim is nonnegative, or ``simplify(|det| - claim) == 0``), the
    claim is also compared with SymPy's ``|det|`` at the points ``Identity`` adds when SymPy
    leaves a remainder: 48 Latin-hypercube strata, each finite end of the domain approached
    to 1e-9 and 1e-4 of its width, and both sides of every sign change of ``det`` and of the
    arguments of ``sqrt``, ``log``, ``Abs``, ... in the map and the claim: a claim that is
    ``det`` without the absolute value, negative on 1 % of the domain, fails.

    Cannot prove: a claim that differs from ``|det|`` only where the map is not
    differentiable, or only on a region the random points miss when SymPy proves the
    relation (then only the ``n_points`` points are used: a region of fraction eps is
    missed with probability (1 - eps)**n_points).  The sign or orientation of the map,
    that it is one-to-one, and the limits of the transformed integral are not checked.

    Examples
    --------
    >>> import sympy as sp
    >>> from glassderive import Jacobian
    >>> r, phi = sp.symbols("r phi", positive=True)
    >>> X, Y = sp.symbols("X Y", real=True)
    >>> polar = Jacobian("polar", {X: r*sp.cos(phi), Y: r*sp.sin(phi)}, (r, phi), r,
    ...                  domain={phi: sp.Interval(0, 2*sp.pi)}, why="polar coordinates")
    >>> polar.check().status
    'pass'
    """

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

    def _symbolic(self, det) -> tuple:
        """(SymPy proves |det| = claim, a note).  Cheap first: det**2 - claim**2 cancelled
        to 0 with a claim SymPy knows to be nonnegative is a proof.  With equal squares
        and a claim whose sign SymPy cannot decide, ``simplify(|det| - claim)`` cannot
        remove the absolute value either (it would need that sign): it is skipped (it takes
        seconds on hyperbolic functions) and the step is not labelled symbolic.  Otherwise
        ``simplify(|det| - claim) == 0`` decides, as it always did.  The label only: the
        numeric comparison decides pass or fail."""
        try:
            squares = sp.cancel(sp.together(sp.expand(det**2 - self.claim**2))) == 0
        except Exception:
            squares = False
        if squares and self.claim.is_nonnegative:
            return True, ""
        if squares and self.claim.is_nonnegative is None:
            return False, "; SymPy: det^2 = claim^2, the sign of the claim not decided"
        return sp.simplify(sp.Abs(det) - self.claim) == 0, ""

    def _check(self):
        det = self.determinant()
        symbolic_ok, sym_note = self._symbolic(det)
        syms = _sym_sorted(self.free_symbols())
        points = draw_inside(self.effective_domain(syms), self.n_points, self._seed(), self.where, syms)
        fdet = mp_function(sp.Abs(det), syms)
        fclaim = mp_function(self.claim, syms)
        maps = [mp_function(m, syms) for m in self.mapping]
        worst, worst_at = mp.mpf(0), None
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
                if max(r1, r2) > worst:
                    worst, worst_at = max(r1, r2), p
        n_hunt, hunt_note = 0, ""
        if not symbolic_ok and float(worst) <= self.tol:
            # SymPy did not prove |det| = claim: look for a region where they differ where
            # one can (both sides of each sign change of det, of the arguments of sqrt, log,
            # Abs, ...; strata; the edges of the domain), comparing the claim with SymPy's
            # determinant (verified against finite differences at the points above)
            kinks = _kink_arguments([sp.Abs(det), self.claim] + list(self.mapping))
            extra = _hunt_points(self, syms, kinks, points)
            n_hunt = len(extra)
            with mp.workdps(self.dps):
                for p in extra:
                    vals = [p[s] for s in syms]
                    r = rel_diff(fdet(*vals), fclaim(*vals))
                    if r > worst:
                        worst, worst_at = r, p
            hunt_note = f"; SymPy did not prove |det| = claim: checked at {n_hunt} more " \
                        f"points (strata, edges, sign changes)"
        ok = float(worst) <= self.tol
        method = ("symbolic+" if symbolic_ok else "") + \
            f"numeric (SymPy determinant and mpmath finite-difference Jacobian, " \
            f"{len(points) + n_hunt} points)"
        detail = f"det = {sp.factor(det)}" + sym_note + hunt_note
        if not ok and worst_at is not None:
            detail += "; |det| != claim at " + ", ".join(
                f"{k}={mp.nstr(v, 6)}" for k, v in worst_at.items())
        return ok, method, float(worst), self.tol, detail

    def _latex_relation(self, tex: Callable = sp.latex) -> str:
        old = ", ".join(tex(o) for o in self.old)
        new = ", ".join(tex(v) for v in self.new)
        return (f"\\left|\\frac{{\\partial({old})}}{{\\partial({new})}}\\right| "
                f"&= {tex(self.claim)}")


class Asymptotic(Step):
    r"""``expr ~ approx`` as ``var -> to`` (0 or +-oo), with relative error of a stated order.

    The claim is ``expr = approx (1 + O(var**order |ln var|**log_power))`` as ``var -> 0``
    (``O(var**-order ...)`` as ``var -> +-oo``).  The relative error ``|expr/approx - 1|`` is
    computed with mpmath on a geometric sequence of ``var`` approaching the limit, for a few
    values of the other symbols, and its rate is measured.  In the LaTeX:
    ``expr &\simeq approx\quad(x\to 0,\ \text{rel. error } O(x^{p}\,|\ln x|^{m}))``.

    Parameters
    ----------
    name : str
        Short id, unique within the derivation (reports, ``ref``, ``corrupt``, the seed).
    expr : sympy expression or callable
        The exact quantity.  A callable computes it numerically (an eigenvalue, a root): it
        receives one point ``{symbol: mpf}`` (``var`` and the other symbols of ``approx``)
        and returns a number; ``expr_tex`` must then name it.
    approx : sympy expression
        The asymptotic form (the claim; ``Derivation.ref`` returns it, output ``"approx"``).
    var : sympy.Symbol
        The variable that goes to the limit.
    to : 0, sympy.oo or -sympy.oo
        The limit; anything else is a ``ValueError``.  The sequence must lie inside ``var``'s
        domain and assumptions (checked when the step is added).
    order : float
        p > 0 (may be fractional): the error is O(var**p) toward 0 and O(var**-p) toward
        +-oo.
    points : sequence of float, optional
        The magnitudes of ``var`` approaching the limit, in order; default
        ``1e-2, 1e-3, ..., 1e-8`` toward 0 and ``1e2, ..., 1e8`` toward +-oo (negated for
        -oo).  The fit uses the last (innermost) four.
    order_tol : float, optional
        Accepted distance between measured and claimed order (default 0.1).
    n_params : int, optional
        How many sets of the other symbols' values are tested (default 2: the two corners
        of the parameter box); ``n_points=`` overrides it.
    expr_tex : str, optional
        LaTeX name of ``expr`` (required for a callable; for an expression it is printed as
        ``expr_tex = expr``).
    log_power : int, optional
        m, the power of ``|ln var|`` in the claimed error (default 0).
    log_tol : float, optional
        Accepted residual power of ``|ln var|`` (default 0.5; a missing or spurious log
        factor leaves +-1).
    exact : bool, optional
        Declare that the two sides are equal (to working precision) at every point; an
        asymptotic step whose sides coincide fails unless this is set.
    eq : str, optional
        The paper's equation label (printed as ``\tag*{...}``).
    kind : Kind or str, optional
        Default ``Kind.ASYMPTOTIC``.
    why : str, optional
        The justification in words (``$...$`` for inline math).
    domain : dict, optional
        ``{symbol: sympy.Interval}`` for the other symbols (their corners are sampled) and
        for ``var`` (which must contain the sequence).
    where : sympy boolean or callable, optional
        A condition on the other symbols (a corner that violates it is replaced by a random
        point); the sequence of ``var`` is not filtered by it.
    necessary : sequence, optional
        Accepted but not tested by this kind.
    dps : int, optional
        Working precision (default 40, at least 30).  Errors below ``10**-(dps - 8)`` count
        as zero (see Notes).
    tol : None
        Not taken: a ``tol=`` is a ``ValueError`` naming ``order_tol`` and ``log_tol`` (it
        would be ignored).  The reported tolerance is ``order_tol``.
    n_points : int, optional
        Number of parameter sets (default ``n_params``, 2): the two corners first, then
        random points inside the domain.  Ignored when ``approx`` and ``expr`` depend on
        ``var`` only.
    uses : sequence of str, optional
        Earlier steps whose expressions this one uses (besides those taken with ``ref``).
    equivalent_mutants : dict, optional
        ``{mutant id: reason}`` for edits by ``glassderive mutate`` that cannot change the
        truth of the step.

    Notes
    -----
    Proves: for each parameter set (the corners of the box, every other symbol 2 % of a
    finite width inside its lower ends, then its upper ends; ``0.02 max(1, |end|)`` from the end
    of a half-line; an infinite end drawn at random; then random points if ``n_points`` > 2),
    on the innermost four points of the sequence: the relative error decreases strictly; the
    least-squares slope of ``ln err - m ln|ln x|`` against ``ln x`` is the claimed order
    within ``order_tol``; and the error divided by ``x**p |ln x|**m`` tends to a constant
    (its slope against ``ln|ln x|`` is within ``log_tol`` of 0), so a missing or spurious
    log factor fails even though it shifts the fitted power by only about 1/ln x.  Two sides
    that coincide to ``10**-(dps - 8)`` at every point fail unless ``exact=True`` (an exact
    relation claims no order); an ``exact=True`` step fails if they differ anywhere.  The
    residual is the worst distance between measured and claimed order.

    Cannot prove: the regime beyond the sampled decades (a crossover at smaller ``var``
    than the last point), the constant in front of the error term, or the behaviour at
    parameter values other than those sampled (two corners by default).  An error that
    falls below ``10**-(dps - 8)`` at some points (a high order at the default points:
    order 4 at x = 1e-8 gives 1e-32) fails with "error vanishes at some points only": give
    ``points`` nearer the start of the limit, or a larger ``dps``.  For a callable ``expr``,
    only as much as the callable's own accuracy.

    Examples
    --------
    >>> import sympy as sp
    >>> from glassderive import Asymptotic
    >>> x = sp.Symbol("x", positive=True)
    >>> a = sp.Symbol("a", positive=True)
    >>> Asymptotic("sin-small-x", sp.sin(x), x, x, 0, order=2).check().status
    'pass'
    >>> step = Asymptotic("exp-small-x", sp.exp(a*x) - 1, a*x, x, 0, order=1,
    ...                   domain={a: sp.Interval(1, 2)})
    >>> step.check().status
    'pass'
    >>> Asymptotic("wrong-order", sp.exp(a*x) - 1, a*x, x, 0, order=2,
    ...            domain={a: sp.Interval(1, 2)}).check().status
    'fail'
    """

    claim_fields = ("approx",)
    default_kind = Kind.ASYMPTOTIC

    def __init__(self, name: str, expr, approx, var: sp.Symbol, to, order: float, *,
                 points: Optional[Sequence[float]] = None, order_tol: float = 0.1,
                 n_params: int = 2, expr_tex: Optional[str] = None, log_power: int = 0,
                 log_tol: float = 0.5, exact: bool = False, **kw):
        kw.setdefault("n_points", n_params)
        _refuse_tol("Asymptotic", name, kw.pop("tol", None),
                    "the accepted distance between the measured and the claimed order is "
                    "order_tol=, default 0.1; the accepted residual power of |ln x| is "
                    "log_tol=, default 0.5")
        super().__init__(name, **kw)
        # ``expr`` may be a callable {symbol: mpf} -> number (one point: ``var`` and the other
        # symbols): a quantity computed numerically (an eigenvalue, say) whose limit the step
        # checks; ``expr_tex`` then names it
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
        self.tol = order_tol   # (reported as the step's tolerance)

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
            fe_consts = []
        else:
            fe, fe_consts = self._side_function(self.expr, syms)
        fa, fa_consts = self._side_function(self.approx, syms)
        out = []
        with mp.workdps(self.working_dps()):
            ce = ca = None
            for x in self.points:
                q = dict(params)
                q[self.var] = mp.mpf(x) if self.to != -sp.oo else -mp.mpf(x)
                vals = [q[s] for s in syms]
                if ce is None:
                    # integrals that do not depend on var: the same at every x, computed once
                    ce = [c(*vals) for c in fe_consts]
                    ca = [c(*vals) for c in fa_consts]
                out.append(abs(fe(*vals, *ce) / fa(*vals, *ca) - 1))
        return out

    def _side_function(self, expr, syms):
        """(f, consts): ``f(*syms, *c)`` evaluates ``expr`` with its outermost integrals that
        do not contain ``var`` given as the values ``c``, computed by ``consts`` (functions
        of ``syms``): at every x of the sequence they are the same quadrature."""
        ints = [i for i in _outer_integrals(expr) if self.var not in i.free_symbols]
        if not ints or expr.has(sp.Derivative):
            # (a derivative of such an integral with respect to a parameter is not constant)
            return mp_function(expr, syms), []
        qs = [sp.Symbol(f"_const_integral_{k}") for k in range(len(ints))]
        body = expr.xreplace(dict(zip(ints, qs)))
        return mp_function(body, list(syms) + qs), [mp_function(i, syms) for i in ints]

    def working_dps(self) -> int:
        """The precision of the check: at least ``dps``, and enough that an error of the
        claimed order stays measurable at the innermost point (``cos x ~ 1 - x^2/2`` has a
        relative error 4e-34 at x = 1e-8: 40 digits would see 0).  A numerically computed
        ``expr`` (a callable) keeps ``dps``: its own precision cannot be raised here."""
        if self.func is not None:
            return self.dps
        decades = max(abs(math.log10(abs(x))) for x in self.points)
        return max(self.dps, int(math.ceil(self.order * decades)) + 30)

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
        work = self.working_dps()
        floor = mp.mpf(10) ** (-(work - 8))
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
        method = f"asymptotic rate (mpmath {work} digits, {len(self.points)} points " \
                 f"x{len(param_sets)})"
        return ok, method, worst_dev, self.order_tol, "; ".join(details)

    def _latex_relation(self, tex: Callable = sp.latex) -> str:
        lim = "0" if self.to == 0 else (r"\infty" if self.to == sp.oo else r"-\infty")
        p = sp.nsimplify(self.order)
        lg = "" if not self.log_power else (
            f"\\,|\\ln {tex(self.var)}|" + (f"^{{{self.log_power}}}" if self.log_power != 1 else ""))
        err = f"O({tex(self.var)}^{{{tex(p)}}}{lg})" if self.to == 0 else \
            f"O({tex(self.var)}^{{-{tex(p)}}}{lg})"
        if self.func is not None:
            lhs = self.expr_tex
        else:
            lhs = f"{self.expr_tex} = {tex(self.expr)}" if self.expr_tex else tex(self.expr)
        return (f"{lhs} &\\simeq {tex(self.approx)}"
                f"\\quad({tex(self.var)}\\to {lim},\\ \\text{{rel. error }} {err})")


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
    r"""``expr = value`` at fixed parameter values, to the precision the paper states.

    A number printed in the paper (a constant, a coefficient, a crossover) against the
    expression it comes from.  The tolerance says what the paper claims; give at most one of:

    * ``digits=n``: the value is printed to ``n`` significant digits; ``expr`` must lie within
      half a unit in the last digit shown (``0.48`` with ``digits=2``: 0.475 .. 0.485);
    * ``magnitude=True``: an order-of-magnitude claim (``~1e-4``): checked on ``log10`` within
      ``band`` decades (default 0.5);
    * ``rel_tol`` / ``abs_tol``: an explicit tolerance (say why in ``why``);
    * none of these: an exact value (to the working precision).

    The error is measured against the claim (``|expr - value| / |value|``: a symmetric window
    around what the paper printed), at two working precisions that must agree.  In the LaTeX
    the relation is ``=`` for a tolerance below 1e-20, ``\approx`` otherwise, ``\sim`` for a
    magnitude, followed by the values of ``at``.

    Parameters
    ----------
    name : str
        Short id, unique within the derivation (reports, ``ref``, ``corrupt``, the seed).
    expr : sympy expression or callable
        The quantity.  Every free symbol needs a value in ``at`` (else ``ValueError``).  A
        callable ``f(dps) -> mpf`` computes a value defined implicitly (a maximum, a root);
        it is called under ``mpmath.workdps(dps)`` and ``workdps(2*dps)``; ``tex`` then names
        it.
    value : number or sympy expression
        The claimed value (what ``Derivation.ref`` returns by default; the outputs are
        ``"value"`` and ``"expr"``).  A Python float is its binary value (``0.1`` is not
        1/10): at tight tolerances give ``sympy.Rational`` or ``sympy.Float("0.1")``.
        ``digits`` and ``magnitude`` need a nonzero real number.
    rel_tol : float, optional
        Accepted ``|expr - value| / |value|``.
    abs_tol : float, optional
        Accepted ``|expr - value|``.
    digits : int, optional
        Significant digits the paper prints; ``value`` must have no more than that (a claim
        with more digits is reported as misstated).
    magnitude : bool, optional
        An order-of-magnitude claim: ``|log10(expr/value)| <= band``.
    band : float, optional
        Decades accepted with ``magnitude=True`` (default 0.5).
    at : dict, optional
        ``{symbol: value}`` at which ``expr`` is evaluated (exact SymPy numbers are exact;
        floats are their binary values).
    tex : str, optional
        LaTeX for a callable ``expr``.
    unit : str, optional
        The unit of the value as printed (``"K"``, ``"s"``; empty for a pure number), shown by
        ``glassderive numbers``.
    eq : str, optional
        The paper's equation label (printed as ``\tag*{...}``).
    kind : Kind or str, optional
        Default ``Kind.NUMERIC``.
    why : str, optional
        The justification in words (``$...$`` for inline math); say where a loose tolerance
        comes from.
    domain, where, necessary, n_points : optional
        Accepted but not used: the step is evaluated at the single point ``at``.
    dps : int, optional
        Working precision (default 40, at least 30); the value is also computed at
        ``2*dps``.
    tol : None
        Not taken (a ``ValueError``: it would be ignored): the tolerance comes from
        ``digits``, ``magnitude``/``band``, ``rel_tol`` or ``abs_tol`` (without them,
        ``10**-(dps - 12)`` relative).
    uses : sequence of str, optional
        Earlier steps whose expressions this one uses (besides those taken with ``ref``).
    equivalent_mutants : dict, optional
        ``{mutant id: reason}`` for edits by ``glassderive mutate`` that cannot change the
        truth of the step.

    Notes
    -----
    Proves: the value of ``expr`` computed by mpmath at ``dps`` and at ``2*dps`` digits agree
    to ``10**-(dps//2)`` relative (else the step fails: the value is not stable), and lies
    within the window the paper's statement allows around the claim: half a unit of the
    last printed digit (``digits=``), ``band`` decades with both real and of one sign
    (``magnitude=True``), ``rel_tol`` or ``abs_tol``, or ``10**-(dps - 12)`` relative for
    an exact value.  The residual is in the same unit as the tolerance (relative, absolute,
    or decades).

    Cannot prove: anything about other parameter values than ``at``; for a callable, errors
    of its method that do not change with the precision (a truncated series, a
    discretisation): agreement of two precisions bounds only the rounding of the evaluation.
    A loose window (``magnitude``, a large ``rel_tol``) cannot tell a correct expression from
    a nearby wrong one.

    Examples
    --------
    >>> import sympy as sp
    >>> from glassderive import NumericValue
    >>> x = sp.Symbol("x", positive=True)
    >>> NumericValue("zeta2", sp.pi**2/6, sp.Float("1.645"), digits=4).check().status
    'pass'
    >>> NumericValue("tiny", sp.exp(-9), sp.Float("1e-4"), magnitude=True).check().status
    'pass'
    >>> NumericValue("at-a-point", x**2 + 1, 5, at={x: 2}).check().status
    'pass'
    >>> NumericValue("too-many-digits", sp.pi**2/6, sp.Float("1.6449"), digits=4).check().status
    'fail'
    """

    claim_fields = ("value",)
    default_kind = Kind.NUMERIC

    def __init__(self, name: str, expr, value, *, rel_tol: Optional[float] = None,
                 abs_tol: Optional[float] = None, digits: Optional[int] = None,
                 magnitude: bool = False, band: float = 0.5, at: Optional[Mapping] = None,
                 tex: Optional[str] = None, unit: str = "", **kw):
        _refuse_tol("NumericValue", name, kw.pop("tol", None),
                    "the window comes from digits=, magnitude=/band=, rel_tol= or abs_tol=")
        super().__init__(name, **kw)
        # ``expr`` may be a callable dps -> mpf (a value defined implicitly, e.g. a maximum);
        # ``tex`` then says in LaTeX what it is
        self.func = expr if callable(expr) and not isinstance(expr, sp.Basic) else None
        self.expr = sp.Symbol(tex or name) if self.func else \
            as_expr(name, "the expression", expr, matrix=False)
        self.value = as_expr(name, "the claimed value", value, matrix=False)
        self.at = dict(at or {})
        self.tex = tex
        self.unit = str(unit)   # shown by `glassderive numbers`
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

    def computed(self):
        """The value the step computes from its inputs (mpmath, at the step's precision)."""
        if self.func is not None:
            with mp.workdps(self.dps):
                return +self.func(self.dps)
        return two_precision_value(self.expr, self.at, self.dps)[0]

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

    def _latex_relation(self, tex: Callable = sp.latex) -> str:
        at = ""
        if self.at:
            at = r"\quad\left(" + ", ".join(f"{tex(k)}={tex(v)}"
                                            for k, v in self.at.items()) + r"\right)"
        rel = r"\sim" if self.magnitude else ("=" if (self.tol or 0) < 1e-20 else r"\approx")
        lhs = self.tex if self.func is not None else tex(self.expr)
        return f"{lhs} &{rel} {tex(self.value)}{at}"


class Dimensions(Step):
    r"""``expr`` has the physical dimension ``expected``, given the dimensions of its symbols.

    Dimensional analysis with SymPy's SI dimension system: each symbol is replaced by its
    ``sympy.physics.units.Dimension`` and the powers of the base dimensions (mass, length,
    time, ...) of ``expr`` and ``expected`` are compared.  In the LaTeX:
    ``[expr] &= expected``.

    Parameters
    ----------
    name : str
        Short id, unique within the derivation (reports, ``ref``, ``corrupt``).
    expr : sympy expression
        Built from the symbols of ``dims`` by products, sums of terms of one dimension and
        powers with numeric exponents (the claim; ``Derivation.ref`` returns it, output
        ``"expr"``).
    expected : sympy.physics.units.Dimension
        The claimed dimension, e.g. ``energy`` or ``1/time``.
    dims : dict
        ``{symbol: Dimension}`` for every free symbol of ``expr`` (a missing one is a
        ``ValueError`` when the step is added); ``Dimension(1)`` for a dimensionless one.
    eq : str, optional
        The paper's equation label (printed as ``\tag*{...}``).
    kind : Kind or str, optional
        Default ``Kind.ALGEBRA``.
    why : str, optional
        The justification in words (``$...$`` for inline math).
    domain, where, necessary, dps, n_points : optional
        Accepted but not used: nothing is sampled.
    tol : 0 or None
        The tolerance is 0 (the dimensions are equal or not); another value is a
        ``ValueError`` (it would be ignored).
    uses : sequence of str, optional
        Earlier steps whose expressions this one uses (besides those taken with ``ref``).
    equivalent_mutants : dict, optional
        ``{mutant id: reason}`` for edits by ``glassderive mutate`` that cannot change the
        truth of the step.

    Notes
    -----
    Proves: the dimension of ``expr`` is ``expected`` (residual 0 on a pass, 1 on a
    failure; the detail prints both as powers of the base dimensions), every sum in
    ``expr`` adds terms of one dimension, and every transcendental function (``exp``,
    ``log``, ``sin``, ``tanh``, ...) and every symbolic exponent has a dimensionless
    argument (its value is then dimensionless; ``Abs``, ``Min``/``Max`` keep the dimension
    of their arguments, ``sign`` is dimensionless); otherwise the step is an error naming
    itself and the offending subexpression with its dimension.

    Cannot prove: numeric factors (2, pi) or signs, which have no dimension; that the
    dimensions given in ``dims`` are right; the dimension of an unevaluated ``Integral`` or
    ``Derivative`` (an error).  ``corrupted()`` multiplies ``expr`` by a symbol of
    ``dims`` that has a dimension; with none (every symbol dimensionless) no corruption can
    change the dimension, and it raises ``ValueError`` saying so.

    Examples
    --------
    >>> import sympy as sp
    >>> from sympy.physics.units import energy, length, mass, time
    >>> from glassderive import Dimensions
    >>> m, v = sp.symbols("m v", positive=True)
    >>> Dimensions("kinetic-energy", m*v**2/2, energy, {m: mass, v: length/time}).check().status
    'pass'
    >>> Dimensions("momentum", m*v, energy, {m: mass, v: length/time}).check().status
    'fail'
    """

    claim_fields = ("expr",)
    default_kind = Kind.ALGEBRA

    def __init__(self, name: str, expr, expected, dims: Mapping, **kw):
        _refuse_tol("Dimensions", name, kw.pop("tol", None),
                    "dimensions are equal or not; tol=0 may be written", allow_zero=True)
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
        missing = self.expr.free_symbols - set(self.dims)
        if missing:
            raise ValueError(f"step {self.name!r}: no dimension given for "
                             f"{sorted(map(str, missing))}")
        got = self._deps(self._dimension_of(self.expr))
        want = self._deps(self.expected)
        ok = got == want
        return ok, "dimensional analysis (SymPy SI)", 0.0 if ok else 1.0, 0.0, \
            f"dimension {self._fmt(got)}, expected {self._fmt(want)}"

    @staticmethod
    def _fmt(deps) -> str:
        return " ".join(f"{getattr(k, 'name', k)}^{v}"
                        for k, v in sorted(deps.items(), key=str)) or "1"

    def _dimensionless(self, e) -> bool:
        return not self._deps(self._dimension_of(e))

    def _refuse(self, what: str, e, arg) -> None:
        raise ValueError(f"step {self.name!r}: {what} in {e}: {arg} has dimension "
                         f"{self._fmt(self._deps(self._dimension_of(arg)))}, not 1")

    def _dimension_of(self, e):
        from sympy.physics.units import Dimension
        if isinstance(e, sp.Symbol):
            return self.dims[e]
        if e.is_number:
            return Dimension(1)
        if isinstance(e, sp.Add):
            dims = [self._dimension_of(a) for a in e.args]
            first = self._deps(dims[0])
            for a, d in zip(e.args[1:], dims[1:]):
                if self._deps(d) != first:
                    raise ValueError(f"step {self.name!r}: adding quantities of different "
                                     f"dimensions in {e}: {e.args[0]} has "
                                     f"{self._fmt(first)}, {a} has {self._fmt(self._deps(d))}")
            return dims[0]
        if isinstance(e, sp.Mul):
            out = Dimension(1)
            for a in e.args:
                out = out * self._dimension_of(a)
            return out
        if isinstance(e, sp.Pow):
            if not e.exp.is_number:
                # (x/x0)**alpha: a symbolic exponent is fine on a dimensionless base
                if not self._dimensionless(e.exp):
                    self._refuse("a dimensionful exponent", e, e.exp)
                if not self._dimensionless(e.base):
                    self._refuse("a symbolic exponent of a dimensionful base", e, e.base)
                return Dimension(1)
            return self._dimension_of(e.base) ** e.exp
        if isinstance(e, (sp.Abs, sp.re, sp.im, sp.conjugate)):
            return self._dimension_of(e.args[0])
        if isinstance(e, (sp.Min, sp.Max)):
            dims = [self._dimension_of(a) for a in e.args]
            for a, d in zip(e.args[1:], dims[1:]):
                if self._deps(d) != self._deps(dims[0]):
                    raise ValueError(f"step {self.name!r}: comparing quantities of different "
                                     f"dimensions in {e}")
            return dims[0]
        if isinstance(e, (sp.sign, sp.Heaviside)):
            return Dimension(1)
        if isinstance(e, sp.Function) and not isinstance(e, sp.core.function.AppliedUndef):
            # exp, log, sin, tanh, erf, ...: defined on numbers, so on dimensionless arguments
            for a in e.args:
                if not self._dimensionless(a):
                    self._refuse(f"{type(e).__name__} of a quantity with a dimension", e, a)
            return Dimension(1)
        raise ValueError(f"step {self.name!r}: cannot take the dimension of {e} "
                         f"({type(e).__name__})")

    def corrupted(self, transform: Callable = None) -> "Step":
        """Default corruption: multiply by a symbol that has a dimension (a number, or a
        dimensionless symbol, would not show): the first, by name, of ``expr``, else of
        ``dims``.  A ``ValueError`` when no symbol of ``dims`` has a dimension: nothing then
        changes the dimension of the expression."""
        new = copy.copy(self)
        if transform is None or transform is perturb:
            own = sorted(self.expr.free_symbols, key=lambda z: z.name)
            rest = sorted(set(self.dims) - set(own), key=lambda z: z.name)
            for z in own + rest:
                if self._deps(self.dims[z]):
                    new.expr = self.expr * z
                    return new
            raise ValueError(f"step {self.name!r}: no symbol of dims= has a dimension, so no "
                             f"corruption can change the dimension of {self.expr}; give one "
                             f"with transform= (a Dimensions step of a pure number checks "
                             f"only that it is dimensionless)")
        new.expr = transform(self.expr)
        return new

    def _latex_relation(self, tex: Callable = sp.latex) -> str:
        return f"[{tex(self.expr)}] &= {tex(self.expected.name)}"


class Extremum(Step):
    r"""``var = at`` is a *real* minimum (or maximum) of ``U`` under the step's assumptions.

    The positions of the minima (maxima) of a potential or a free energy, as functions of its
    parameters.  At seeded parameter points: ``at`` is real (its imaginary part vanishes to
    working precision: a complex root also solves ``U'(at) = 0``), ``U'(at) = 0`` (measured
    against the sum of the magnitudes of its terms) and ``U''(at) > 0`` for a minimum
    (``< 0`` for a maximum), clear of zero.  ``at`` may be a list (several extrema claimed at
    once), which must then be distinct.  In the LaTeX:
    ``var &= at\quad\text{(real minimum of } U\text{)}``.

    Parameters
    ----------
    name : str
        Short id, unique within the derivation (reports, ``ref``, ``corrupt``, the seed).
    U : sympy expression
        The function whose extrema are claimed.
    var : sympy.Symbol
        The variable of ``U`` the extremum is taken in.  Its own assumptions do not restrict
        where the extremum may lie (``U`` is differentiated in a plain real variable).
    at : sympy expression or list
        The claimed position(s), in terms of the parameters (the claim; ``Derivation.ref``
        returns it, output ``"at"``).
    extremum : {"minimum", "maximum"}, optional
        Which kind is claimed (default ``"minimum"``).
    eq : str, optional
        The paper's equation label (printed as ``\tag*{...}``).
    kind : Kind or str, optional
        Default ``Kind.DERIVATIVE``.
    why : str, optional
        The justification in words (``$...$`` for inline math).
    domain : dict, optional
        ``{symbol: sympy.Interval}`` for the parameters (``var`` is not sampled).
    where : sympy boolean or callable, optional
        A joint condition on the parameters (e.g. the range where a double well exists).
    necessary : sequence, optional
        Accepted but not tested by this kind.
    dps : int, optional
        Working precision (default 40, at least 30).
    tol : float, optional
        Largest accepted ``|U'(at)|`` relative to the sum of the magnitudes of the terms of
        ``U'``; default ``10**-(dps - 12)``.
    n_points : int, optional
        Random parameter points (default 8).
    uses : sequence of str, optional
        Earlier steps whose expressions this one uses (besides those taken with ``ref``).
    equivalent_mutants : dict, optional
        ``{mutant id: reason}`` for edits by ``glassderive mutate`` that cannot change the
        truth of the step.

    Notes
    -----
    Proves: at ``n_points`` seeded parameter points inside the assumptions, every claimed
    position is real (imaginary part at most ``10**-(dps - 10)`` of ``max(1, |at|)``),
    ``|U'(at)|`` is within ``tol`` of zero relative to the sum of the magnitudes of the terms
    of the expanded ``U'``, ``U''(at)`` has the claimed sign and exceeds ``10**-(dps//2)``
    of the magnitudes of its terms (a strict local minimum or maximum), and several claimed
    positions differ by more than 1e-12 relative.  The residual is the worst relative
    ``U'``; a non-real root, a wrong sign of ``U''`` or two coincident roots make it
    infinite.

    Cannot prove: that the extremum is global, or that no other extremum exists (extrema
    that are not claimed are not looked for); a degenerate extremum (``U'' = 0``, as of
    ``x**4``) fails although it is one.  Parameter values other than the random points
    (a region of fraction eps is missed with probability (1 - eps)**n_points); that the
    position lies inside ``var``'s own domain (deliberately not required).

    Examples
    --------
    >>> import sympy as sp
    >>> from glassderive import Extremum
    >>> x = sp.Symbol("x", real=True)
    >>> a = sp.Symbol("a", positive=True)
    >>> U = x**4/4 - a*x**2/2
    >>> Extremum("double-well", U, x, [sp.sqrt(a), -sp.sqrt(a)],
    ...          domain={a: sp.Interval(1, 2)}).check().status
    'pass'
    >>> Extremum("barrier-top", U, x, 0, extremum="maximum",
    ...          domain={a: sp.Interval(1, 2)}).check().status
    'pass'
    >>> Extremum("not-a-minimum", U, x, 0, domain={a: sp.Interval(1, 2)}).check().status
    'fail'
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

    def _latex_relation(self, tex: Callable = sp.latex) -> str:
        pts = ", ".join(tex(r) for r in self._roots())
        return (f"{tex(self.var)} &= {pts}\\quad\\text{{(real {self.extremum}"
                f"{'s' if len(self._roots()) > 1 else ''} of }} {tex(self.U)}\\text{{)}}")


class Condition:
    r"""A numeric predicate with a description, for use in :class:`Equivalence`.

    The independent side of an equivalence: a condition computed by a method that does not
    rest on the algebra it is compared with (counting real roots, minimising directly,
    diagonalising), so that their agreement checks the algebra.  Calling it evaluates
    ``func`` and returns a bool.

    Parameters
    ----------
    func : callable
        ``func(point) -> bool``, where ``point`` is ``{symbol: mpf}`` at the step's working
        precision (it may hold other symbols of the step as well).
    text : str
        What the condition says, for the LaTeX (``\text{...}``, ``$...$`` for inline math)
        and reports.
    symbols : sequence of sympy.Symbol
        The symbols ``func`` reads: they are sampled by the step (give each a domain or
        real/positive assumptions).

    Notes
    -----
    Proves: nothing by itself; the :class:`Equivalence` that uses it checks that it agrees
    with the other side.

    Cannot prove: its own correctness.  An error in ``func`` that happens to match the
    algebra makes the step pass; an exception inside it makes the step an error.

    Examples
    --------
    >>> import mpmath as mp
    >>> import sympy as sp
    >>> from glassderive import Condition
    >>> b, c = sp.symbols("b c", real=True)
    >>> two_roots = Condition(lambda p: len([r for r in mp.polyroots([1, p[b], p[c]])
    ...                                      if mp.im(r) == 0]) == 2,
    ...                       "$x^2+bx+c$ has two real roots", (b, c))
    >>> two_roots({b: mp.mpf(3), c: mp.mpf(1)})
    True
    """

    def __init__(self, func: Callable[[dict], bool], text: str, symbols: Sequence[sp.Symbol]):
        self.func, self.text, self.symbols = func, text, list(symbols)

    def __call__(self, point: dict) -> bool:
        return bool(self.func(point))


class Equivalence(Step):
    r"""``lhs <=> rhs``: two conditions hold at the same points of the domain.

    A stability criterion, the range where a double well exists, a threshold: the claim (a
    SymPy boolean, e.g. ``b**2 > 4*c``) against an independent condition (a SymPy boolean or a
    :class:`Condition` computed numerically), compared at ``n_points`` random points (default
    2000) inside the domain and on rays bisected to the claimed boundary.  In the LaTeX:
    ``lhs &\iff rhs`` (a ``Condition`` printed as its ``text``).

    Parameters
    ----------
    name : str
        Short id, unique within the derivation (reports, ``ref``, ``corrupt``, the seed).
    lhs : sympy boolean or Condition
        One side; usually the independent condition.
    rhs : sympy boolean or Condition
        The other side; usually the claim.  The claim (what ``corrupted`` edits, what
        ``Derivation.ref`` returns by default, and the side bisected on the rays) is ``rhs``
        when it is a SymPy boolean, else ``lhs``; with two ``Condition`` sides there is no
        claim to edit or bisect.
    eq : str, optional
        The paper's equation label (printed as ``\tag*{...}``).
    kind : Kind or str, optional
        Default ``Kind.CONDITION``.
    why : str, optional
        The justification in words (``$...$`` for inline math).
    domain : dict, optional
        ``{symbol: sympy.Interval}`` for every symbol of either side.
    where : sympy boolean or callable, optional
        A joint condition restricting the samples (and the ray points).
    necessary : sequence, optional
        Symbols (or tuples) whose range is essential: among ``n_points // 2`` points just
        outside it the two conditions must disagree at least once; otherwise the step fails
        as misstated.
    dps : int, optional
        Working precision at which SymPy sides are evaluated (default 40, at least 30).
    tol : 0 or None
        Any disagreeing point fails the step (the reported tolerance is 0); another value
        is a ``ValueError`` (it would be ignored).
    n_points : int, optional
        Random points (default 2000).
    uses : sequence of str, optional
        Earlier steps whose expressions this one uses (besides those taken with ``ref``).
    equivalent_mutants : dict, optional
        ``{mutant id: reason}`` for edits by ``glassderive mutate`` that cannot change the
        truth of the step.

    Notes
    -----
    Proves: the two conditions have the same truth value at every one of the ``n_points``
    seeded points; each outcome occurs at least ``max(5, n_points // 100)`` times (a sample
    in which one side is constant would prove nothing); and on up to 12 segments joining a
    point where the claim holds to one where it does not, bisected 80 times to the claimed
    boundary (to about 1e-24 of the segment), the other condition agrees with the claim at
    1e-9 of the segment on both sides, so it flips exactly where the claim does: a threshold
    off by 0.1 % moves the boundary by about 1e-3 of a ray and fails.  In a SymPy side, an
    order comparison with a non-real value counts as false.  The residual is the fraction of
    disagreeing points.

    Cannot prove: a disagreement confined to a region of fraction eps of the domain far from
    the claimed boundary is missed with probability about (1 - eps)**n_points; the random
    points never come within 2 % of the width of a finite end of a bounded interval, nor
    beyond 10**1.5 on an unbounded one, so a disagreement confined there is missed whatever
    the seed.  With two ``Condition`` sides there is no boundary check.  The correctness of a
    ``Condition``'s own code.

    Examples
    --------
    >>> import sympy as sp
    >>> from glassderive import Equivalence
    >>> x = sp.Symbol("x", positive=True)
    >>> Equivalence("square-above-one", x**2 > 1, x > 1,
    ...             domain={x: sp.Interval(0, 3)}).check().status
    'pass'
    >>> Equivalence("threshold-off", x**2 > 1, x > sp.Rational(1001, 1000),
    ...             domain={x: sp.Interval(0, 3)}).check().status
    'fail'
    """

    tests_necessary = True
    claim_fields = ("rhs",)
    default_kind = Kind.CONDITION

    def __init__(self, name: str, lhs, rhs, **kw):
        kw.setdefault("n_points", 2000)
        _refuse_tol("Equivalence", name, kw.pop("tol", None),
                    "any point where the two conditions disagree fails it; tol=0 may be "
                    "written", allow_zero=True)
        super().__init__(name, **kw)
        self.lhs, self.rhs = lhs, rhs
        if not isinstance(rhs, sp.Basic):
            self.claim_fields = ("lhs",) if isinstance(lhs, sp.Basic) else ()
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

    def _disagreements(self, points, syms, values: Optional[list] = None):
        """(disagreeing points, points where lhs holds, the first disagreement); ``values``,
        if given, receives (lhs, rhs) at every point."""
        fl, fr = self._evaluator(self.lhs, syms), self._evaluator(self.rhs, syms)
        bad, trues, first = 0, 0, None
        with mp.workdps(self.dps):
            for p in points:
                a, b = fl(p), fr(p)
                if values is not None:
                    values.append((a, b))
                trues += a
                if a != b:
                    bad += 1
                    first = first or p
        return bad, trues, first

    def _check(self):
        syms = _sym_sorted(self.free_symbols())
        dom = self.effective_domain(syms)
        points = draw_inside(dom, self.n_points, self._seed(), self.where, syms)
        # the uniform draw keeps 2 % away from finite ends: add points in those margins, so a
        # disagreement confined to the edge of the domain is sampled too
        points += _edge_points(dom, syms, max(4, self.n_points // 40), self._seed("edges"),
                               self.where)
        values: list = []
        bad, trues, first = self._disagreements(points, syms, values)
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
        # (the claim's truth at the sample points, as just computed)
        claim_values = [v[1] if isinstance(self.rhs, sp.Basic) else v[0] for v in values]
        b_ok, b_txt = self._boundary_check(points, syms, claim_values=claim_values)
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

    def _boundary_check(self, points, syms, n_rays: int = 12,
                        claim_values: Optional[list] = None):
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
            vals = claim_values if claim_values is not None and \
                len(claim_values) == len(points) else [fc(p) for p in points]
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

    def _latex_relation(self, tex: Callable = sp.latex) -> str:
        def side(s):
            return tex(s) if isinstance(s, sp.Basic) else f"\\text{{{latex_text(s.text)}}}"
        return f"{side(self.lhs)} &\\iff {side(self.rhs)}"
