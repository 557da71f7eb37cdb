"""Mutation testing of derivations: evidence that a green check means something.

:func:`mutants` lists single edits ("mutants") of one step's statement; :func:`mutate` runs each
mutant's check and counts how many the check *kills* (status ``fail`` or ``error``).  A mutant
that survives is either a weakness of the check (it accepts a wrong statement) or a genuinely
equivalent edit (e.g. widening a domain on which the relation still holds); a step declares the
latter, with the reason, in ``step.equivalent_mutants`` (``{mutant id: reason}``).

The catalogue (per expression field of the step: Identity ``lhs``/``rhs``, Jacobian ``claim``,
Asymptotic ``approx``, NumericValue ``value``, Equivalence's SymPy sides, Dimensions ``expr``,
any other step class its ``claim_fields`` (Extremum: ``at``); sites are numbered in SymPy's pre-order traversal, matrix entries in order):

``F:const[k]*f``      the k-th numeric constant (Integer/Rational/Float; not the exponent +-1 of a
                      reciprocal, not a -1 sign coefficient, not a derivative order) times f,
                      f in 7/10, 13/10, 2, 1/2
``F:pow[k]+-1/2``     the k-th rational exponent +- 1/2
``F:neg``             the whole side negated
``F:neg[k]``          the k-th signed node negated (a term of a sum, or a product)
``F:log*[x]``         the side multiplied by log(x) (log|x| unless x is declared positive)
``F:log/[k]``         the k-th log factor of a product removed (a power of a log lowered by one)
``F:rel[k]*1.01``     the k-th relational threshold (its right side; for ``a + b > 0`` the last
``F:rel[k]*0.99``     term) moved by +-1 %
``F:scale*10``        NumericValue magnitude claims: the value x10, x1/10 (their constant edits,
                      x0.5 .. x2, are equivalent by construction and not listed)
``F:mul[x]``          Dimensions: the expression times the symbol x (numbers have no dimension,
                      so constant and sign edits, and exponents of numbers, are equivalent by
                      construction and not listed)
``domain[x]:lo|hi``   an end point of x's domain moved outward: (a, b) -> (a - (b-a)/2, b) or
                      (a, b + (b-a)/2); a semi-infinite end 0 -> -1 / +1, a -> a/2 or 2a outward.
                      Listed only when the effective domain (after the symbol's assumptions)
                      changes.
``order+-0.5``        Asymptotic: the claimed order (kept > 0)
``log_power+-1``      Asymptotic: the claimed power of |ln x| in the error

A declared id may use ``*`` as a wildcard (any characters) wherever mutant ids do not use it
literally, i.e. except before a digit or ``[`` (``const[0]*2``, ``log*[x]``): ``rhs:const[*]*2``
declares every constant of the right side doubled, ``domain[*]:*`` every widening, ``rhs:*``
every edit of the right side.  A pattern declares only the mutants it matches that survive
(a killed one is not a stale declaration); an exact id declares its mutant whatever the
outcome (a killed one is reported as stale); a pattern that matches no mutant of the catalogue
is reported like an unknown id.

Mutants identical (``==``) to the original, or to an earlier mutant of the same field, are
skipped.  Ids are deterministic (they depend only on the step's expressions), so a worker
process rebuilds the same catalogue from the derivation's registered builder: work items are
``(derivation name, step name, mutant id)``.
"""

from __future__ import annotations

import copy
import math
import random
import re
import signal
import threading
import time
import weakref
from concurrent.futures import Executor
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import sympy as sp

from .sampling import seed_for
from .steps import (Asymptotic, Dimensions, Equivalence, Identity, Jacobian, NumericValue,
                    Step)

__all__ = ["Mutant", "MutantOutcome", "StepSummary", "MutationReport", "mutants", "notes", "plan",
           "mutate", "run_mutant", "CONST_FACTORS"]

#: factors applied to each numeric constant
CONST_FACTORS: Tuple[Tuple[str, sp.Rational], ...] = (
    ("0.7", sp.Rational(7, 10)), ("1.3", sp.Rational(13, 10)), ("2", sp.Integer(2)),
    ("1/2", sp.Rational(1, 2)))
_HALF = sp.Rational(1, 2)
_REL = (("1.01", sp.Rational(101, 100)), ("0.99", sp.Rational(99, 100)))


@dataclass
class Mutant:
    """One single edit of a step.  ``make()`` returns the mutated copy (the step is untouched)."""

    id: str
    description: str
    kind: str
    step: str
    make: Callable[[], Step] = field(repr=False, compare=False)
    #: domain widenings: (the added region, a copy of the step restricted to it)
    probe: Optional[Callable[[], Tuple[str, Step]]] = field(default=None, repr=False,
                                                            compare=False)

    def apply(self) -> Step:
        return self.make()


# -- expression sites ------------------------------------------------------------------------

def _walk(expr, path=(), ctx=None):
    """Pre-order (node, path, context) over a SymPy tree; context: (parent, index in parent)."""
    yield expr, path, ctx
    if isinstance(expr, sp.Basic) and not expr.is_Atom:
        for i, a in enumerate(expr.args):
            yield from _walk(a, path + (i,), (expr, i))


def _replace(expr, path, new):
    if not path:
        return new
    args = list(expr.args)
    args[path[0]] = _replace(args[path[0]], path[1:], new)
    return expr.func(*args)


def _in_derivative_counts(expr, path) -> bool:
    """Is the node at ``path`` a variable or count of a Derivative (not an expression)?"""
    node = expr
    for i in path:
        if isinstance(node, sp.Derivative) and i > 0:
            return True
        node = node.args[i]
    return False


def _is_const(node, ctx) -> bool:
    if not isinstance(node, (sp.Integer, sp.Rational, sp.Float)) or node == 0:
        return False
    if ctx is not None:
        parent, i = ctx
        if isinstance(parent, sp.Pow) and i == 1 and abs(node) == 1:
            return False  # 1/x is structure
        if isinstance(parent, sp.Mul) and node == -1:
            return False  # a sign: see the neg mutants
    return True


def _scaled(c, f):
    return c * f  # a Float keeps its precision


def _is_log_factor(node) -> bool:
    return isinstance(node, sp.log) or (isinstance(node, sp.Pow) and isinstance(node.base, sp.log)
                                        and node.exp.is_Integer and node.exp > 0)


def _threshold(rel):
    """The relational with its threshold scaled: a list of (label suffix, new relational)."""
    out = []
    lhs, rhs = rel.lhs, rel.rhs
    for lab, f in _REL:
        if rhs != 0:
            out.append((lab, rel.func(lhs, rhs * f)))
        elif isinstance(lhs, sp.Add):
            terms = list(lhs.args)
            terms[-1] = terms[-1] * f
            out.append((lab, rel.func(sp.Add(*terms), rhs)))
    return out


def _log_of(x):
    return sp.log(x) if x.is_positive else sp.log(sp.Abs(x))


def _expr_edits(expr, kinds) -> List[Tuple[str, str, str, object]]:
    """Single edits of one scalar expression: (kind, id suffix, description, new expression)."""
    out = []
    nodes = list(_walk(expr))
    if "const" in kinds:
        k = 0
        for node, path, ctx in nodes:
            if _is_const(node, ctx) and not _in_derivative_counts(expr, path):
                for lab, f in CONST_FACTORS:
                    out.append(("const", f"const[{k}]*{lab}", f"constant {node} -> {_scaled(node, f)}",
                                lambda path=path, node=node, f=f: _replace(expr, path, _scaled(node, f))))
                k += 1
    if "pow" in kinds:
        k = 0
        for node, path, ctx in nodes:
            if isinstance(node, sp.Pow) and node.exp.is_Rational and not (
                    "dim" in kinds and not node.base.free_symbols):  # a number has no dimension
                for sgn in (1, -1):
                    new_exp = node.exp + sgn * _HALF
                    out.append(("pow", f"pow[{k}]{'+' if sgn > 0 else '-'}1/2",
                                f"exponent of {node}: {node.exp} -> {new_exp}",
                                lambda path=path, node=node, e=new_exp:
                                _replace(expr, path, sp.Pow(node.base, e))))
                k += 1
    if "neg" in kinds:
        if isinstance(expr, sp.Expr):
            out.append(("neg", "neg", "the whole side negated", lambda: -expr))
        k = 0
        for node, path, ctx in nodes:
            if not path or not isinstance(node, sp.Expr) or _in_derivative_counts(expr, path):
                continue
            if isinstance(node, sp.Mul) or (ctx is not None and isinstance(ctx[0], sp.Add)):
                what = "term" if ctx is not None and isinstance(ctx[0], sp.Add) else "factor"
                out.append(("neg", f"neg[{k}]", f"sign of the {what} {node} flipped",
                            lambda path=path, node=node: _replace(expr, path, -node)))
                k += 1
    if "log" in kinds:
        for x in (sorted(expr.free_symbols, key=lambda s: s.name)
                  if isinstance(expr, sp.Expr) else ()):
            out.append(("log", f"log*[{x.name}]", f"multiplied by {_log_of(x)}",
                        lambda x=x: expr * _log_of(x)))
        k = 0
        for node, path, ctx in nodes:
            if ctx is not None and isinstance(ctx[0], sp.Mul) and _is_log_factor(node):
                new = sp.Integer(1) if isinstance(node, sp.log) else node.base ** (node.exp - 1)
                out.append(("log", f"log/[{k}]", f"log factor {node} -> {new}",
                            lambda path=path, new=new: _replace(expr, path, new)))
                k += 1
        if _is_log_factor(expr):  # the side is itself a log factor
            new = sp.Integer(1) if isinstance(expr, sp.log) else expr.base ** (expr.exp - 1)
            out.append(("log", f"log/[{k}]", f"log factor {expr} -> {new}", lambda new=new: new))
    if "rel" in kinds:
        k = 0
        for node, path, ctx in nodes:
            if isinstance(node, sp.core.relational.Relational):
                for lab, new in _threshold(node):
                    out.append(("rel", f"rel[{k}]*{lab}", f"threshold of {node} moved x{lab}",
                                lambda path=path, new=new: _replace(expr, path, new)))
                k += 1
    if "mul" in kinds and isinstance(expr, sp.Expr):
        for x in sorted(expr.free_symbols, key=lambda s: s.name):
            out.append(("mul", f"mul[{x.name}]", f"multiplied by {x}", lambda x=x: expr * x))
    return out


def _field_edits(value, kinds):
    """Edits of a field (a scalar or a matrix): (kind, suffix, description, thunk -> new value)."""
    if isinstance(value, sp.MatrixBase):
        out = []
        entries = list(value)
        for j, e in enumerate(entries):
            for kind, suf, desc, thunk in _expr_edits(e, kinds):
                def make(j=j, thunk=thunk):
                    new = list(entries)
                    new[j] = thunk()
                    return sp.ImmutableMatrix(value.rows, value.cols, new)
                out.append((kind, f"[{j}]:{suf}", f"entry {j}: {desc}", make))
        return out
    return [(kind, f":{suf}", desc, thunk) for kind, suf, desc, thunk in _expr_edits(value, kinds)]


_ALL = ("const", "pow", "neg", "log", "rel")


def _fields(step) -> List[Tuple[str, tuple]]:
    """The expression fields of a step to mutate, with the kinds of edits that apply."""
    if isinstance(step, Dimensions):
        return [("expr", ("pow", "mul", "dim"))]
    if isinstance(step, Identity):
        return [("rhs", _ALL), ("lhs", _ALL)]
    if isinstance(step, Jacobian):
        return [("claim", _ALL)]
    if isinstance(step, Asymptotic):
        return [("approx", _ALL)]
    if isinstance(step, NumericValue):
        return [("value", ("const", "pow", "neg"))]
    if isinstance(step, Equivalence):
        return [(f, _ALL) for f in ("rhs", "lhs") if isinstance(getattr(step, f), sp.Basic)]
    return [(f, _ALL) for f in getattr(step, "claim_fields", ())
            if isinstance(getattr(step, f, None), (sp.Basic, sp.MatrixBase))]


def _copy_with(step, **attrs):
    new = copy.copy(step)
    for k, v in attrs.items():
        setattr(new, k, v)
    return new


def _widen(iv: sp.Interval):
    """(label, widened interval) for each finite end point of ``iv``."""
    a, b = iv.start, iv.end
    out = []
    if a.is_finite and b.is_finite:
        w = (b - a) / 2
        out += [("lo", sp.Interval(a - w, b, iv.left_open, iv.right_open)),
                ("hi", sp.Interval(a, b + w, iv.left_open, iv.right_open))]
    else:
        if a.is_finite:
            na = -1 if a == 0 else (a / 2 if a > 0 else 2 * a)
            out.append(("lo", sp.Interval(na, b, iv.left_open, iv.right_open)))
        if b.is_finite:
            nb = 1 if b == 0 else (2 * b if b > 0 else b / 2)
            out.append(("hi", sp.Interval(a, nb, iv.left_open, iv.right_open)))
    return out


def _iv(iv) -> str:
    if not isinstance(iv, sp.Interval):
        return str(iv)
    return (("(" if iv.left_open else "[") + f"{iv.start}, {iv.end}" +
            (")" if iv.right_open else "]"))


def _domain_mutants(step) -> List[Mutant]:
    out = []
    for sym in sorted(step.domain, key=lambda z: str(z)):
        iv = step.domain[sym]
        if not isinstance(iv, sp.Interval):
            continue
        try:
            before = step.effective_domain([sym])[sym]
        except Exception:
            continue
        for lab, wide in _widen(iv):
            dom = dict(step.domain)
            dom[sym] = wide
            trial = _copy_with(step, domain=dom)
            try:
                after = trial.effective_domain([sym])[sym]
            except Exception:
                continue
            if after == before:
                continue  # the symbol's assumptions clip the widening: nothing changes
            eff = "" if after == wide else f" (with its assumptions: {_iv(after)})"
            added = sp.Interval(after.start, before.start, after.left_open, not before.left_open) \
                if lab == "lo" else sp.Interval(before.end, after.end, not before.right_open,
                                                after.right_open)

            def probe(sym=sym, added=added):
                dom = dict(step.domain)
                dom[sym] = added
                return _iv(added), _copy_with(step, domain=dom)
            out.append(Mutant(f"domain[{sym}]:{lab}",
                              f"domain of {sym} widened: {_iv(iv)} -> {_iv(wide)}{eff}",
                              "domain", step.name,
                              lambda dom=dom: _copy_with(step, domain=dict(dom)), probe))
    return out


def _catalogue(step) -> List[Mutant]:
    out: List[Mutant] = []
    for fname, kinds in _fields(step):
        orig = getattr(step, fname, None)
        if isinstance(orig, (int, float)) and not isinstance(orig, bool):
            orig = sp.sympify(orig)
        if not isinstance(orig, (sp.Basic, sp.MatrixBase)):
            continue
        seen = {orig}
        if isinstance(step, NumericValue) and step.magnitude:
            extra = [("scale", ":scale*10", "value x10", lambda: orig * 10),
                     ("scale", ":scale/10", "value x1/10", lambda: orig / 10)]
        else:
            extra = []
        edits = _field_edits(orig, kinds)
        if isinstance(step, NumericValue) and step.magnitude and fname == "value":
            # an order-of-magnitude claim cannot resolve a factor 0.5 .. 2 (that is what it
            # says): such edits are equivalent by construction; its mutants are x10 and x1/10
            edits = [e for e in edits if e[0] not in ("const",)]
        for kind, suf, desc, thunk in edits + extra:
            try:
                new = thunk()
            except Exception:
                continue  # SymPy refuses the edit: no such mutant
            if new in seen:
                continue
            seen.add(new)
            out.append(Mutant(f"{fname}{suf}", f"{fname}: {desc}", kind, step.name,
                              lambda fname=fname, new=new: _copy_with(step, **{fname: new})))
    out += _domain_mutants(step)
    if isinstance(step, Asymptotic):
        for d in (0.5, -0.5):
            if step.order + d > 0:
                out.append(Mutant(f"order{'+' if d > 0 else '-'}0.5",
                                  f"order {step.order:g} -> {step.order + d:g}", "order", step.name,
                                  lambda d=d: _copy_with(step, order=step.order + d)))
        for d in (1, -1):
            out.append(Mutant(f"log_power{'+' if d > 0 else '-'}1",
                              f"log power {step.log_power} -> {step.log_power + d}", "log_power",
                              step.name, lambda d=d: _copy_with(step, log_power=step.log_power + d)))
    return out


_PATTERNS: Dict[str, Optional["re.Pattern"]] = {}


def _pattern(key: str):
    """The regular expression of a declared id with wildcards, or None for a plain id."""
    if key in _PATTERNS:
        return _PATTERNS[key]
    parts, wild = [], False
    for i, c in enumerate(key):
        nxt = key[i + 1] if i + 1 < len(key) else ""
        if c == "*" and not (nxt.isdigit() or nxt == "["):
            parts.append(".*")
            wild = True
        else:
            parts.append(re.escape(c))
    _PATTERNS[key] = re.compile("".join(parts) + r"\Z") if wild else None
    return _PATTERNS[key]


def declared_reason(step: Step, mutant_id: str, survived: bool = True) -> str:
    """The reason ``step.equivalent_mutants`` gives for the mutant ``mutant_id``: its exact
    id, else (for a surviving mutant) the first pattern with wildcards that matches it;
    ``""`` when it is not declared."""
    decl = step.equivalent_mutants
    if mutant_id in decl:
        return str(decl[mutant_id] or "")
    if survived:
        for key, reason in decl.items():
            pat = _pattern(key)
            if pat is not None and pat.match(mutant_id):
                return str(reason or "")
    return ""


def unknown_declarations(step: Step, ids) -> List[str]:
    """Declared ids (or patterns) of ``step`` that match no mutant id in ``ids``."""
    ids = list(ids)
    out = []
    for key in step.equivalent_mutants:
        pat = _pattern(key)
        if (pat is None and key not in ids) or (pat is not None and
                                                not any(pat.match(i) for i in ids)):
            out.append(key)
    return out


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _signature(step) -> tuple:
    """What the catalogue depends on (compared by identity: a field reassigned is a new one)."""
    names = [f for f, _ in _fields(step)] + ["domain", "order", "log_power"]
    return tuple(getattr(step, f, None) for f in names) + tuple(
        x for kv in getattr(step, "domain", {}).items() for x in kv)


def mutants(step: Step) -> List[Mutant]:
    """The catalogue of single edits of ``step`` (see the module docstring), in a
    deterministic order with deterministic ids."""
    sig = _signature(step)
    try:
        old_sig, out = _CACHE[step]
        if len(old_sig) == len(sig) and all(a is b for a, b in zip(old_sig, sig)):
            return list(out)
    except (KeyError, TypeError):
        pass
    out = _catalogue(step)
    try:
        _CACHE[step] = (sig, out)
    except TypeError:  # pragma: no cover - unhashable step
        pass
    return list(out)


def notes(step: Step, catalogue: Optional[List[Mutant]] = None) -> List[str]:
    """Warnings about a step that mutation testing reveals without running anything."""
    out = []
    ms = mutants(step) if catalogue is None else catalogue
    lhs, rhs = getattr(step, "lhs", None), getattr(step, "rhs", None)
    if isinstance(step, Identity) and isinstance(lhs, (sp.Basic, sp.MatrixBase)) and lhs == rhs:
        out.append(f"lhs and rhs are the same expression ({_short(lhs)}): SymPy's automatic "
                   f"evaluation made them identical when the step was built, so the check "
                   f"compares an expression with itself (the algebra rests on SymPy alone)")
    if not [m for m in ms if m.kind != "domain"]:
        out.append("no mutant of the statement itself (only domain widenings)")
    return out


def _short(e, n=60) -> str:
    t = sp.sstr(e.tolist() if isinstance(e, sp.MatrixBase) else e).replace("\n", " ")
    return t if len(t) <= n else t[:n] + "..."


def _sample(ms: List[Mutant], limit: Optional[int], seed: int) -> List[Mutant]:
    """At most ``limit`` mutants, stratified by kind (round robin over shuffled kinds),
    deterministic for a given seed; returned in catalogue order."""
    if limit is None or len(ms) <= limit:
        return list(ms)
    rng = random.Random(seed)
    groups: Dict[str, List[int]] = {}
    for i, m in enumerate(ms):
        groups.setdefault(m.kind, []).append(i)
    for g in groups.values():
        rng.shuffle(g)
    order = sorted(groups)  # deterministic kind order, rotated by the seed
    rot = rng.randrange(len(order))
    order = order[rot:] + order[:rot]
    chosen: List[int] = []
    while len(chosen) < limit:
        for kind in order:
            if groups[kind] and len(chosen) < limit:
                chosen.append(groups[kind].pop())
    return [ms[i] for i in sorted(chosen)]


# -- outcomes and report ---------------------------------------------------------------------

@dataclass
class MutantOutcome:
    """The check's verdict on one mutant (``id`` is ``""`` for the unmutated step)."""

    step: str
    id: str
    description: str
    status: str            # the check's status: "pass" | "fail" | "error" | "timeout"
    residual: float = math.nan
    detail: str = ""
    seconds: float = 0.0
    declared: str = ""     # reason, when the step declares this mutant equivalent
    #: a surviving domain widening checked on the added region alone (``mutate(probe=True)``):
    #: "pass on (0, 1/2)" suggests an equivalent mutant, "fail ..." a sample that missed it
    probe: str = ""

    @property
    def killed(self) -> bool:
        return self.status in ("fail", "error", "timeout")

    @property
    def survived(self) -> bool:
        return not self.killed

    def to_dict(self) -> dict:
        res = self.residual if math.isfinite(self.residual) else None  # strict JSON
        return {"step": self.step, "id": self.id, "description": self.description,
                "status": self.status, "residual": res, "detail": self.detail,
                "seconds": self.seconds, "declared": self.declared, "probe": self.probe}


@dataclass
class StepSummary:
    step: str
    catalogue: int               # mutants in the catalogue (before ``limit``)
    outcomes: List[MutantOutcome]
    baseline: Optional[MutantOutcome] = None
    notes: List[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def killed(self) -> int:
        return sum(o.killed for o in self.outcomes)

    @property
    def errors(self) -> List[MutantOutcome]:
        return [o for o in self.outcomes if o.status in ("error", "timeout")]

    @property
    def declared(self) -> List[MutantOutcome]:
        return [o for o in self.outcomes if o.survived and o.declared]

    @property
    def survivors(self) -> List[MutantOutcome]:
        return [o for o in self.outcomes if o.survived and not o.declared]

    @property
    def kill_rate(self) -> float:
        return self.killed / self.total if self.total else 1.0

    @property
    def baseline_ok(self) -> bool:
        return self.baseline is None or self.baseline.status == "pass"

    @property
    def ok(self) -> bool:
        return self.baseline_ok and not self.survivors


@dataclass
class MutationReport:
    """Outcome of :func:`mutate`: per step and in total."""

    derivation: str
    steps: List[StepSummary] = field(default_factory=list)
    seconds: float = 0.0
    limit: Optional[int] = None
    #: ids a step declares equivalent that its catalogue does not contain (typos, stale ids)
    unknown_declared: List[Tuple[str, str]] = field(default_factory=list)

    @property
    def outcomes(self) -> List[MutantOutcome]:
        return [o for s in self.steps for o in s.outcomes]

    @property
    def total(self) -> int:
        return sum(s.total for s in self.steps)

    @property
    def killed(self) -> int:
        return sum(s.killed for s in self.steps)

    @property
    def kill_rate(self) -> float:
        return self.killed / self.total if self.total else 1.0

    @property
    def survivors(self) -> List[MutantOutcome]:
        return [o for s in self.steps for o in s.survivors]

    @property
    def declared(self) -> List[MutantOutcome]:
        return [o for s in self.steps for o in s.declared]

    @property
    def errors(self) -> List[MutantOutcome]:
        return [o for s in self.steps for o in s.errors]

    @property
    def declared_but_killed(self) -> List[MutantOutcome]:
        """Mutants declared equivalent that the check kills (the declaration is stale)."""
        return [o for o in self.outcomes if o.killed and o.declared]

    @property
    def baseline_failures(self) -> List[MutantOutcome]:
        return [s.baseline for s in self.steps if not s.baseline_ok]

    @property
    def ok(self) -> bool:
        """Every mutant killed or declared equivalent (and every unmutated step passes)."""
        return all(s.ok for s in self.steps)

    def step(self, name: str) -> StepSummary:
        for s in self.steps:
            if s.step == name:
                return s
        raise KeyError(f"no step named {name!r} in the mutation report of {self.derivation!r}")

    def table(self) -> str:
        header = ("step", "mutants", "killed", "errors", "declared", "survived", "kill rate")
        rows = []
        for s in self.steps:
            n = f"{s.total}" + (f"/{s.catalogue}" if s.catalogue != s.total else "")
            rows.append((s.step + ("" if s.baseline_ok else " (BASELINE FAILS)"), n,
                         str(s.killed), str(len(s.errors)), str(len(s.declared)),
                         str(len(s.survivors)), f"{100 * s.kill_rate:.0f} %"))
        rows.append(("total", str(self.total), str(self.killed), str(len(self.errors)),
                     str(len(self.declared)), str(len(self.survivors)),
                     f"{100 * self.kill_rate:.1f} %"))
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]

        def fmt(r):
            return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                             for i, (c, w) in enumerate(zip(r, widths)))
        lines = [fmt(header), fmt(tuple("-" * w for w in widths))]
        lines += [fmt(r) for r in rows[:-1]] + [fmt(tuple("-" * w for w in widths)), fmt(rows[-1])]
        return "\n".join(lines)

    def __str__(self) -> str:
        lim = f", at most {self.limit} per step" if self.limit is not None else ""
        head = (f"{self.derivation}: {'OK' if self.ok else 'NOT OK'}: {self.killed}/{self.total} "
                f"mutants killed ({100 * self.kill_rate:.1f} %), {len(self.declared)} declared "
                f"equivalent, {len(self.survivors)} survived{lim} ({self.seconds:.1f} s)")
        lines = [head, "", self.table()]
        for b in self.baseline_failures:
            lines += ["", f"unmutated step {b.step} does not pass ({b.status}): {b.detail}"]
        claim = [o for o in self.survivors if not o.id.startswith("domain[")]
        dom = [o for o in self.survivors if o.id.startswith("domain[")]
        if claim:
            lines += ["", "surviving mutants (the check accepts them):"]
            lines += [f"  {o.step}  {o.id}  {o.description}" for o in claim]
        if dom:
            lines += ["", "surviving domain widenings (the relation holds on the wider domain, "
                          "or the check's sample misses where it fails):"]
            lines += [f"  {o.step}  {o.id}  {o.description}"
                      + (f"\n      probe: {o.probe}" if o.probe else "") for o in dom]
        for s in self.steps:
            for note in s.notes:
                lines += [f"note: {s.step}: {note}"] if lines[-1].startswith("note:") else \
                    ["", f"note: {s.step}: {note}"]
        if self.errors:
            lines += ["", "mutants whose check crashed (counted as killed):"]
            lines += [f"  {o.step}  {o.id}  {o.status}: {o.detail}" for o in self.errors]
        if self.declared:
            lines += ["", "declared equivalent:"]
            lines += [f"  {o.step}  {o.id}  {o.declared}" for o in self.declared]
        if self.declared_but_killed:
            lines += ["", "declared equivalent but killed (stale declaration):"]
            lines += [f"  {o.step}  {o.id}" for o in self.declared_but_killed]
        if self.unknown_declared:
            lines += ["", "declared equivalent but not in the catalogue:"]
            lines += [f"  {s}  {i}" for s, i in self.unknown_declared]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "derivation": self.derivation, "ok": self.ok, "total": self.total,
            "killed": self.killed, "kill_rate": self.kill_rate, "seconds": self.seconds,
            "limit": self.limit,
            "steps": [{"step": s.step, "catalogue": s.catalogue, "mutants": s.total,
                       "killed": s.killed, "errors": len(s.errors), "declared": len(s.declared),
                       "survived": len(s.survivors), "kill_rate": s.kill_rate,
                       "notes": list(s.notes),
                       "baseline": s.baseline.to_dict() if s.baseline else None}
                      for s in self.steps],
            "survivors": [o.to_dict() for o in self.survivors],
            "declared": [o.to_dict() for o in self.declared],
            "errors": [o.to_dict() for o in self.errors],
            "declared_but_killed": [o.to_dict() for o in self.declared_but_killed],
            "unknown_declared": [list(x) for x in self.unknown_declared],
            "outcomes": [o.to_dict() for o in self.outcomes],
        }


# -- running ---------------------------------------------------------------------------------

class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that ``Step.check`` does not swallow it."""


def _check(step: Step, timeout: Optional[float]):
    use_alarm = (timeout is not None and timeout > 0 and hasattr(signal, "setitimer")
                 and threading.current_thread() is threading.main_thread())
    if not use_alarm:
        return step.check(), False

    def on_alarm(signum, frame):
        raise _Timeout()
    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return step.check(), False
    except _Timeout:
        return None, True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _outcome(step: Step, mutant: Optional[Mutant], timeout: Optional[float],
             probe: bool = False) -> MutantOutcome:
    target = step if mutant is None else mutant.apply()
    t0 = time.perf_counter()
    res, timed_out = _check(target, timeout)
    secs = time.perf_counter() - t0
    mid = "" if mutant is None else mutant.id
    desc = "unmutated step" if mutant is None else mutant.description
    if timed_out:
        declared = "" if mutant is None else declared_reason(step, mid, survived=False)
        return MutantOutcome(step.name, mid, desc, "timeout", math.inf,
                             f"check ran past {timeout:g} s", secs, declared)
    declared = "" if mutant is None else declared_reason(step, mid, res.status == "pass")
    out = MutantOutcome(step.name, mid, desc, res.status, float(res.residual), res.detail,
                        secs, declared)
    if probe and out.survived and mutant is not None and mutant.probe is not None:
        region, restricted = mutant.probe()
        restricted.one_outcome_ok = True
        pres, ptimed = _check(restricted, timeout)
        out.probe = (f"timeout on {region}" if ptimed else f"{pres.status} on {region}"
                     + (f": {pres.detail[:160]}" if pres.status != "pass" and pres.detail else ""))
        if not ptimed and pres.status == "pass" and not out.declared:
            # the widened statement is true: the check, with all its points on the added
            # region, confirms the relation there, so this mutant is not an error at all
            out.declared = f"probe: the relation also holds on {region}"
    return out


def run_mutant(derivation_name: str, step_name: str, mutant_id: Optional[str],
               timeout: Optional[float] = None, probe: bool = False,
               source=None) -> MutantOutcome:
    """Check one mutant of a registered derivation, rebuilt by name (the work item an executor
    runs; module level, so it pickles).  ``mutant_id=None`` checks the unmutated step.
    ``source``: the derivation's registry origin (a file or module to load first)."""
    from glassderive.registry import ensure_loaded, get

    ensure_loaded(source)
    step = get(derivation_name).step(step_name)
    if mutant_id is None:
        return _outcome(step, None, timeout)
    by_id = {m.id: m for m in mutants(step)}
    if mutant_id not in by_id:
        return MutantOutcome(step_name, mutant_id, "?", "error", math.inf,
                             "mutant id not in this process's catalogue (non-deterministic "
                             "catalogue, or the derivation changed)")
    return _outcome(step, by_id[mutant_id], timeout, probe)


def _resolve(derivation):
    if isinstance(derivation, str):
        from glassderive.registry import get
        return get(derivation)
    return derivation


def plan(derivation, steps: Optional[Iterable[str]] = None, limit: Optional[int] = None,
         kinds: Optional[Iterable[str]] = None) -> List[Tuple[Step, List[Mutant], int]]:
    """What :func:`mutate` will run: (step, chosen mutants, catalogue size) per step.
    ``kinds``: only mutants of these kinds (``const``, ``pow``, ``neg``, ``log``, ``rel``,
    ``scale``, ``mul``, ``domain``, ``order``, ``log_power``); a kind prefixed ``-`` is left
    out."""
    d = _resolve(derivation)
    chosen = [d.step(n) for n in steps] if steps else list(d.steps)
    kinds = list(kinds or ())
    keep = {k for k in kinds if not k.startswith("-")}
    drop = {k[1:] for k in kinds if k.startswith("-")}
    out = []
    for st in chosen:
        ms = [m for m in mutants(st) if (not keep or m.kind in keep) and m.kind not in drop]
        out.append((st, _sample(ms, limit, seed_for(d.name, st.name, "mutate")), len(ms)))
    return out


def mutate(derivation, steps: Optional[Iterable[str]] = None, executor: Optional[Executor] = None,
           progress: Optional[Callable[[MutantOutcome], None]] = None,
           limit: Optional[int] = None, timeout: Optional[float] = None,
           baseline: bool = True, kinds: Optional[Iterable[str]] = None,
           probe: bool = False) -> MutationReport:
    """Check every mutant of the chosen steps (default: all) of ``derivation`` (a
    ``Derivation`` or a registered name).

    ``limit``: at most that many mutants per step (a deterministic, kind-stratified sample).
    ``executor``: any ``concurrent.futures.Executor``; work items are (derivation name, step
    name, mutant id), rebuilt in the worker from the registry, so the derivation must be
    registered.  ``progress(outcome)`` is called after each mutant (and each baseline check).
    ``timeout``: seconds per check (SIGALRM, main thread only); a check past it is killed as
    ``"timeout"``.  ``baseline``: also check each unmutated step (a step that does not pass makes
    the report not ok: its kill rate means nothing).  ``kinds``: see :func:`plan`.
    ``probe``: re-check each surviving domain widening on the added region alone (the outcome's
    ``probe``): a pass there suggests a genuinely equivalent mutant.
    """
    d = _resolve(derivation)
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be >= 1, got {limit}")
    t0 = time.perf_counter()
    work = plan(d, steps, limit, kinds)
    report = MutationReport(d.name, limit=limit)
    for st, ms, n in work:
        ids = {m.id for m in mutants(st)}
        report.unknown_declared += [(st.name, i) for i in unknown_declarations(st, ids)]
    results: Dict[Tuple[str, str], MutantOutcome] = {}
    items = [(st, m) for st, ms, _ in work for m in ([None] if baseline else []) + ms]

    def key(st, m):
        return (st.name, "" if m is None else m.id)

    def done(st, m, out):
        out.declared = ("" if m is None else declared_reason(st, m.id, out.survived)) \
            or out.declared
        results[key(st, m)] = out
        if progress is not None:
            progress(out)

    if executor is None:
        for st, m in items:
            done(st, m, _outcome(st, m, timeout, probe))
    else:
        from glassderive.registry import get, list_derivations, origin
        if d.name not in list_derivations() or get(d.name) is not d:
            raise ValueError(f"mutate with an executor needs a registered derivation (workers "
                             f"rebuild it by name); {d.name!r} is not the registered one")
        from concurrent.futures import as_completed
        src = origin(d.name)
        futs = {executor.submit(run_mutant, d.name, st.name, None if m is None else m.id,
                                timeout, probe, src): (st, m) for st, m in items}
        for f in as_completed(futs):
            st, m = futs[f]
            try:
                out = f.result()
            except Exception as exc:  # the worker itself died
                out = MutantOutcome(st.name, "" if m is None else m.id,
                                    "unmutated step" if m is None else m.description, "error",
                                    math.inf, f"worker failed: {type(exc).__name__}: {exc}")
            done(st, m, out)
    for st, ms, n in work:
        summary = StepSummary(st.name, n, [results[key(st, m)] for m in ms],
                              results.get((st.name, "")) if baseline else None, notes(st))
        report.steps.append(summary)
    report.seconds = time.perf_counter() - t0
    return report
