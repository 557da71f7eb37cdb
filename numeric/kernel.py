"""Vectorised numeric kernels built from symbolic results, with input validation.

``Kernel`` wraps a function of numpy arrays.  It binds arguments by name or position (a wrong or
missing argument is a ``TypeError`` that names it), broadcasts them, refuses non-finite values
and values outside each parameter's domain with a ``ValueError`` that names the parameter and
its domain, and refuses to return non-finite values.

``Kernel.from_expr`` is the lambdify fallback (SymPy's stats pattern: hand-written fast paths
where they exist, lambdify otherwise).  The SymPy work happens once, when the kernel is built;
the call itself only runs numpy.  Names that lambdify cannot bind (it prints them and fails only
when called) are refused when the kernel is built.
"""

from __future__ import annotations

import builtins
import inspect
from typing import Callable, Mapping, Optional, Sequence

import numpy as np

__all__ = ["Kernel", "Interval", "py_name", "check_array", "POSITIVE", "NONNEGATIVE", "REAL"]


def py_name(name: str) -> str:
    """A Python identifier for a symbol name: ``t'`` -> ``t_prime``, ``mathcal{E}`` -> ``E``."""
    import re

    n = name.replace("'", "_prime")
    n = re.sub(r"\\?math[a-z]*\{([^}]*)\}", r"\1", n)
    n = re.sub(r"[^0-9A-Za-z_]", "_", n).strip("_") or "x"
    return "_" + n if n[0].isdigit() else n


class Interval:
    """A numeric range ``lo .. hi`` with open or closed ends, for argument checks."""

    def __init__(self, lo: float = -np.inf, hi: float = np.inf, lo_open: bool = True,
                 hi_open: bool = True):
        self.lo, self.hi, self.lo_open, self.hi_open = float(lo), float(hi), lo_open, hi_open

    @classmethod
    def from_sympy(cls, iv) -> "Interval":
        lo = float(iv.start) if iv.start.is_finite else -np.inf
        hi = float(iv.end) if iv.end.is_finite else np.inf
        return cls(lo, hi, bool(iv.left_open) or not np.isfinite(lo),
                   bool(iv.right_open) or not np.isfinite(hi))

    def contains(self, x: np.ndarray) -> np.ndarray:
        lo_ok = (x > self.lo) if self.lo_open else (x >= self.lo)
        hi_ok = (x < self.hi) if self.hi_open else (x <= self.hi)
        return lo_ok & hi_ok

    def __str__(self) -> str:
        lo = "-inf" if self.lo == -np.inf else f"{self.lo:g}"
        hi = "inf" if self.hi == np.inf else f"{self.hi:g}"
        return f"{'(' if self.lo_open else '['}{lo}, {hi}{')' if self.hi_open else ']'}"


POSITIVE = Interval(0.0, np.inf)
NONNEGATIVE = Interval(0.0, np.inf, lo_open=False)
REAL = Interval()


def check_array(name: str, value, domain: Optional[Interval] = None, where: str = "") -> np.ndarray:
    """``value`` as a float array; ValueError naming ``name`` if non-finite or out of domain."""
    probe = np.asarray(value) if value is not None else None
    if value is None or probe.dtype == object or probe.dtype.kind in "USVMmb":
        got = type(value).__name__ if probe is None or probe.dtype == object or \
            probe.ndim == 0 else f"an array of {probe.dtype}"
        raise TypeError(f"{where}parameter {name!r} must be a real number or array, got {got}")
    if probe.dtype.kind == "c":
        raise TypeError(f"{where}parameter {name!r} must be real, got a complex value")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{where}parameter {name!r} must be a real number or array, "
                        f"got {type(value).__name__}") from exc
    bad = ~np.isfinite(arr)
    if bad.any():
        first = arr[bad].flat[0]
        raise ValueError(f"{where}parameter {name!r} must be finite, got {first}")
    if domain is not None:
        out = ~domain.contains(arr)
        if out.any():
            first = arr[out].flat[0]
            raise ValueError(f"{where}parameter {name!r} must lie in {domain}, got {first:g}")
    return arr


class Kernel:
    """A validated, vectorised numeric function of named real parameters."""

    def __init__(self, name: str, func: Callable, params: Sequence[str],
                 domains: Optional[Mapping[str, Interval]] = None, doc: str = "",
                 where: Optional[Callable] = None, where_text: str = ""):
        self.name = name
        self._func = func
        # a joint condition on the parameters (e.g. E sqrt(p) < W), checked on every call
        self._where, self.where_text = where, where_text
        self.params = list(params)
        self.domains = dict(domains or {})
        unknown = set(self.domains) - set(self.params)
        if unknown:
            raise ValueError(f"kernel {name!r}: domains given for unknown parameters {sorted(unknown)}")
        self.__doc__ = doc or f"Kernel {name}({', '.join(self.params)})"
        self.__signature__ = inspect.Signature(
            [inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD) for p in self.params])

    @classmethod
    def from_expr(cls, name: str, expr, args, domains=None, doc: str = "",
                  where=None) -> "Kernel":
        """Lambdify a SymPy expression (numpy/scipy, common subexpressions shared)."""
        import sympy as sp

        syms = sorted(set(sp.sympify(expr).atoms(sp.Symbol)) | set(args), key=lambda z: z.name)
        rename = {z: sp.Symbol(f"_v{i}", **z.assumptions0) for i, z in enumerate(syms)}
        func = sp.lambdify([rename[a] for a in args], sp.sympify(expr).xreplace(rename),
                           modules=["numpy", "scipy"], cse=True)
        namespace = set(func.__globals__) | set(dir(builtins))
        unbound = [n for n in func.__code__.co_names if n not in namespace]
        if unbound:
            raise NotImplementedError(f"kernel {name!r}: lambdify left unbound names {unbound}; "
                                      f"map them to numpy/scipy functions")
        doms = {}
        for s, iv in (domains or {}).items():
            doms[py_name(str(s))] = iv if isinstance(iv, Interval) else Interval.from_sympy(iv)
        cond = None
        if where is not None:
            cond = sp.lambdify([rename[a] for a in args], sp.sympify(where).xreplace(rename),
                               modules=["numpy"])
        return cls(name, func, [py_name(str(a)) for a in args], doms, doc, cond,
                   str(where) if where is not None else "")

    def __call__(self, *args, **kwargs):
        try:
            bound = self.__signature__.bind(*args, **kwargs)
        except TypeError as exc:
            raise TypeError(f"{self.name}({', '.join(self.params)}): {exc}") from None
        arrays = [check_array(p, bound.arguments[p], self.domains.get(p), f"{self.name}: ")
                  for p in self.params]
        arrays = np.broadcast_arrays(*arrays) if arrays else []
        if self._where is not None:
            ok = np.broadcast_to(np.asarray(self._where(*arrays), dtype=bool),
                                 arrays[0].shape if arrays else ())
            if not ok.all():
                raise ValueError(f"{self.name}: parameters must satisfy {self.where_text}")
        with np.errstate(all="ignore"):
            out = np.asarray(self._func(*arrays), dtype=float)
        if arrays and out.shape != arrays[0].shape:
            out = np.broadcast_to(out, arrays[0].shape).copy()
        if not np.all(np.isfinite(out)):
            raise FloatingPointError(f"{self.name}: non-finite result for finite in-domain "
                                     f"input; please report this")
        return out[()] if out.ndim == 0 else out

    def __repr__(self) -> str:
        doms = ", ".join(f"{p} in {self.domains[p]}" if p in self.domains else p
                         for p in self.params)
        return f"<Kernel {self.name}({doms})>"
