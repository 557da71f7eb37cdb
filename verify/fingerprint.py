"""Stable content fingerprints of steps, for the incremental verification cache.

A step's fingerprint is a SHA-256 over everything its outcome depends on: its class, its
expressions (``sympy.srepr``), domains, ``where`` conditions, tolerances, precision, sample sizes
and sequences, the fingerprints of the steps it links to, and the *engine version* (a hash of the
source of :mod:`glassderive.verify`).  Python callables (a computed quantity, a numeric
``Condition``) are fingerprinted by their code objects, closure values and the source of the
module that defines them plus that of :mod:`glassderive.numeric` (what such callables call).
Two runs that produce the same fingerprint ran the same check.
"""

from __future__ import annotations

import enum
import hashlib
import inspect
import pathlib
import types
from functools import lru_cache

import sympy as sp

__all__ = ["engine_version", "fingerprint_value", "step_fingerprint"]

_PKG = pathlib.Path(__file__).resolve().parent


def _hash_files(paths) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=1)
def engine_version() -> str:
    """Hash of the checking machinery's source: a change to any check invalidates the cache."""
    return _hash_files(_PKG.glob("*.py"))[:16]


@lru_cache(maxsize=1)
def _numeric_version() -> str:
    try:
        import glassderive.numeric as num
        root = pathlib.Path(num.__file__).resolve().parent
    except Exception:  # pragma: no cover
        return ""
    return _hash_files(root.glob("*.py"))[:16]


@lru_cache(maxsize=256)
def _file_hash(path: str) -> str:
    try:
        return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def _code(code: types.CodeType, depth: int) -> str:
    consts = ",".join(_code(c, depth) if isinstance(c, types.CodeType) else repr(c)
                      for c in code.co_consts)
    return f"code({code.co_code.hex()};{consts};{code.co_names};{code.co_varnames})"


def _callable(f, depth: int) -> str:
    parts = [getattr(f, "__qualname__", type(f).__name__)]
    code = getattr(f, "__code__", None)
    if code is not None:
        parts.append(_code(code, depth))
        for cell in (getattr(f, "__closure__", None) or ()):
            try:
                parts.append(fingerprint_value(cell.cell_contents, depth + 1))
            except ValueError:  # pragma: no cover - empty cell
                parts.append("<empty>")
        defaults = getattr(f, "__defaults__", None)
        if defaults:
            parts.append(fingerprint_value(defaults, depth + 1))
    try:
        src = inspect.getsourcefile(f)
    except TypeError:
        src = None
    if src:
        parts.append(_file_hash(src))
    parts.append(_numeric_version())
    return "fn(" + ";".join(parts) + ")"


def fingerprint_value(v, depth: int = 0) -> str:
    """A deterministic text for a value a step holds (expressions, domains, callables, ...)."""
    if depth > 6:
        return "<deep>"
    if v is None or isinstance(v, (bool, int, float, complex, str, bytes)):
        return repr(v)
    if isinstance(v, enum.Enum):
        return f"{type(v).__name__}.{v.name}"
    if isinstance(v, sp.Basic) or isinstance(v, sp.MatrixBase):
        return sp.srepr(v)
    if isinstance(v, dict):
        items = sorted((fingerprint_value(k, depth + 1), fingerprint_value(x, depth + 1))
                       for k, x in v.items())
        return "{" + ",".join(f"{k}:{x}" for k, x in items) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(fingerprint_value(x, depth + 1) for x in v) + "]"
    if isinstance(v, (set, frozenset)):
        return "set(" + ",".join(sorted(fingerprint_value(x, depth + 1) for x in v)) + ")"
    if isinstance(v, type):
        return f"type({v.__module__}.{v.__qualname__})"
    if callable(v) and not hasattr(v, "__dict__") or isinstance(v, (types.FunctionType,
                                                                    types.MethodType,
                                                                    types.BuiltinFunctionType)):
        return _callable(v, depth)
    if hasattr(v, "__dict__"):
        attrs = {k: x for k, x in vars(v).items() if not k.startswith("_")}
        inner = fingerprint_value(attrs, depth + 1)
        if callable(v):
            inner += _callable(type(v).__call__, depth + 1)
        return f"{type(v).__qualname__}({inner})"
    return f"{type(v).__qualname__}:{v!r}"


#: attributes of a step that do not change its outcome
_IGNORED = {"derivation_name", "uses", "why", "eq", "lhs_tex", "rhs_tex", "expr_tex", "tex",
            "equivalent_mutants"}


def step_fingerprint(step, linked=()) -> str:
    """SHA-256 of a step's content plus the fingerprints ``linked`` of the steps it uses."""
    attrs = {k: v for k, v in vars(step).items() if k not in _IGNORED}
    text = "|".join([engine_version(), type(step).__qualname__, step.derivation_name,
                     step.name, fingerprint_value(attrs), ",".join(linked)])
    return hashlib.sha256(text.encode()).hexdigest()
