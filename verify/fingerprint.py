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
import os
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


def _file_hash(path: str) -> str:
    """SHA-256 (16 hex digits) of a file; remembered per (path, mtime, size), so a file edited
    while the process runs is hashed again."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return ""
    return _file_hash_at(path, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=512)
def _file_hash_at(path: str, mtime_ns: int, size: int) -> str:
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
        # what the function calls or reads at module level, not the whole file it sits in: an
        # edit elsewhere in a derivation's module does not re-run the steps that hold its
        # callables; too deep a chain falls back to the hash of the file (coarse, still sound)
        globs = getattr(f, "__globals__", None)
        if globs is not None:
            if depth > 4:
                parts.append(_file_hash(_source_file(f)))
            else:
                for name in sorted(_names(code)):
                    if name in globs:
                        parts.append(f"{name}=" + _global(globs[name], depth + 1))
    else:
        parts.append(_file_hash(_source_file(f)))
    parts.append(_numeric_version())
    return "fn(" + ";".join(parts) + ")"


def _source_file(obj) -> str:
    try:
        return inspect.getsourcefile(obj) or ""
    except TypeError:
        return ""


def _names(code: types.CodeType) -> set:
    """Global (and attribute) names a code object and the code nested in it refer to."""
    out = set(code.co_names)
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            out |= _names(c)
    return out


@lru_cache(maxsize=1)
def _library_roots() -> tuple:
    import sysconfig
    roots = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    return tuple(str(pathlib.Path(r).resolve()) for r in roots if r)


def _is_library(modname: str) -> bool:
    """A module of Python or an installed third-party package (not glassderive, not an
    author's own file): identified by name and version, not by code."""
    import sys
    if not modname or modname.split(".")[0] == "glassderive":
        return False
    if modname.split(".")[0] in sys.builtin_module_names:
        return True
    mod = sys.modules.get(modname.split(".")[0])
    f = getattr(mod, "__file__", None)
    if f is None:
        return mod is not None
    f = str(pathlib.Path(f).resolve())
    return any(f.startswith(r) for r in _library_roots())


def _global(v, depth: int) -> str:
    """Fingerprint of a module-level object that a callable uses."""
    if isinstance(v, types.ModuleType):
        if _is_library(v.__name__):
            return f"module({v.__name__})"
        return f"module({v.__name__}:{_file_hash(getattr(v, '__file__', '') or '')})"
    if isinstance(v, (types.FunctionType, type)):
        if _is_library(getattr(v, "__module__", "") or ""):
            return f"lib({v.__module__}.{v.__qualname__})"
        if isinstance(v, type):
            return f"type({v.__qualname__}:{_file_hash(_source_file(v))})"
        return _callable(v, depth)
    if isinstance(v, types.BuiltinFunctionType):
        return f"builtin({getattr(v, '__module__', '')}.{v.__qualname__})"
    mod = getattr(type(v), "__module__", "") or ""
    if callable(v) and not _is_library(mod) and not isinstance(v, sp.Basic):
        return f"obj({type(v).__qualname__}:{_file_hash(_source_file(type(v)))}:" \
               f"{fingerprint_value(v, depth)})"
    return fingerprint_value(v, depth)


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


# -- whole-derivation keys: a warm run that builds nothing -----------------------------------
def _package_dirs():
    """The source folders of the installed ``glassderive`` namespace (root, verify, numeric,
    derivations), found without importing anything new."""
    import sys
    dirs = {}
    for mod in ("glassderive", "glassderive.verify", "glassderive.numeric",
                "glassderive.derivations"):
        m = sys.modules.get(mod)
        f = getattr(m, "__file__", None) if m is not None else None
        if f is None:
            import importlib.util
            spec = importlib.util.find_spec(mod)
            f = spec.origin if spec is not None else None
        if f is None:  # pragma: no cover - broken installation
            return None
        dirs[mod] = pathlib.Path(f).resolve().parent
    return dirs


@lru_cache(maxsize=256)
def _imported_modules(path: pathlib.Path, content_hash: str) -> tuple:
    """Names, relative to the derivations package, of the modules a file imports from it."""
    import ast
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):  # hashed as it is; nothing to follow
        return ()
    mods = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                mods.append(base)
                mods += [f"{base}.{a.name}" if base else a.name for a in node.names]
            elif base.startswith("glassderive.derivations"):
                rest = base[len("glassderive.derivations"):].lstrip(".")
                mods.append(rest)
                mods += [f"{rest}.{a.name}" if rest else a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("glassderive.derivations."):
                    mods.append(a.name[len("glassderive.derivations."):])
    return tuple(m for m in mods if m)


def _local_imports(path: pathlib.Path, root: pathlib.Path, seen: set) -> None:
    """Add ``path`` and the modules of the derivations package it imports (transitively)."""
    if path in seen or not path.is_file():
        return
    seen.add(path)
    for m in _imported_modules(path, _file_hash(str(path))):
        cand = root.joinpath(*m.split("."))
        _local_imports(cand.with_suffix(".py"), root, seen)
        _local_imports(cand / "__init__.py", root, seen)


@lru_cache(maxsize=1)
def _runtime_versions() -> str:
    import platform
    from importlib.metadata import version
    out = [f"python={platform.python_version()}"]
    for mod in ("sympy", "mpmath", "numpy", "scipy", "gmpy2"):
        try:
            out.append(f"{mod}={version(mod)}")
        except Exception:
            out.append(f"{mod}=?")
    return ";".join(out)


def _others_hash(dirs) -> str:
    """Hash of every source file of glassderive outside the derivations package."""
    key = tuple(sorted((m, str(d)) for m, d in dirs.items()))
    return _others_hash_cached(key)


@lru_cache(maxsize=4)
def _others_hash_cached(key) -> str:
    paths = [p for mod, d in key if mod != "glassderive.derivations"
             for p in pathlib.Path(d).glob("*.py")]
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(str(p.relative_to(p.parent.parent)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def derivation_source_key(name: str, builder) -> "str | None":
    """A key for the whole outcome of the built-in derivation ``name``: a hash of the builder's
    module and the derivation modules it imports, of every other source file of glassderive
    (engine, kernels, CLI, materials) and of the versions of Python, SymPy, mpmath, NumPy and
    SciPy.  Equal keys mean the same steps, checked by the same code: the stored report can be
    reused without building the derivation.  ``None`` (no derivation-level reuse; the step
    cache still applies) for a builder defined outside the ``glassderive.derivations`` package,
    whose own imports cannot be followed."""
    dirs = _package_dirs()
    if dirs is None:
        return None
    root = pathlib.Path(dirs["glassderive.derivations"]).resolve()
    try:
        src = pathlib.Path(inspect.getsourcefile(builder)).resolve()
    except (TypeError, OSError):
        return None
    if src.parent != root:
        return None
    seen: set = set()
    _local_imports(src, root, seen)
    _local_imports(root / "__init__.py", root, seen)
    h = hashlib.sha256()
    h.update(f"report-key/1|{name}|{_runtime_versions()}|{_others_hash(dirs)}".encode())
    # the builder as loaded, not only its file: code executed from an edited copy of the
    # source under the same file name (a test, a notebook) must not reuse the file's report
    h.update(_callable(builder, 0).encode())
    for p in sorted(seen):
        h.update(b"\0" + p.name.encode() + b"\0" + _file_hash(str(p)).encode())
    return h.hexdigest()
