"""Registry of derivations: names -> builders (built on first use, then cached).

Derivations come from four places, each recorded as the derivation's *source* (shown by
``glassderive list`` and in every error about a clash of names):

* the built-in ones (``glassderive.derivations``), registered on first use;
* **plugins**: installed distributions that declare an entry point in the group
  ``glassderive.derivations`` (``name = "package.module"`` or ``"package.module:build"``), loaded
  with the built-in ones, so ``pip install`` of a paper's own package makes its derivations
  appear in ``glassderive list`` and ``glassderive verify``;
* **files**: :func:`load` of a ``.py`` file (``glassderive verify FILE.py``) or of a directory of
  them (``glassderive verify derivations/``);
* **modules**: :func:`load` of an importable module name (``glassderive verify pkg.module``).

A file, module or plugin defines derivations either with functions decorated by
:func:`register` or with a module-level ``build()`` that returns a ``Derivation`` (registered
under the derivation's own name).  Two sources that define one name are an error naming both.

Worker processes (``--jobs``, any executor) rebuild a derivation from its :func:`origin`, a
small picklable description of where it came from (:func:`ensure_loaded`).
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import importlib.util
import os
import sys
import types
import warnings
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

__all__ = ["register", "list_derivations", "get", "info", "DerivationInfo", "load",
           "load_file", "load_module", "origin", "ensure_loaded", "LoadError",
           "ENTRY_POINT_GROUP", "DuplicateDerivation", "looks_like_source"]

#: the entry-point group a package declares its derivations in (``pyproject.toml``:
#: ``[project.entry-points."glassderive.derivations"]``)
ENTRY_POINT_GROUP = "glassderive.derivations"

#: where a derivation came from, in a form a worker process can load again:
#: ``None`` (built-in or plugin: loaded with the registry), ``("file", path)``,
#: ``("module", name)``
Origin = Optional[Tuple[str, str]]


class DuplicateDerivation(ValueError):
    """Two sources define a derivation of one name (the message names both)."""


class LoadError(Exception):
    """A file, module or plugin that cannot be loaded as derivations (missing, does not import,
    defines none).  The message is one line for the user."""


@dataclass(frozen=True)
class DerivationInfo:
    """What the registry knows of a derivation before it is built."""

    name: str
    title: str
    paper: str
    equations: str
    builder: Callable
    #: where it is defined, for people: ``"built-in (glassderive.derivations.wkb_tunneling)"``,
    #: ``"file /path/x.py"``, ``"module pkg.mod"``, ``"plugin dist 1.0 (entry point ...)"``
    source: str = ""
    #: where it is defined, for worker processes (see :data:`Origin`)
    origin: Origin = None


_REGISTRY: Dict[str, DerivationInfo] = {}
_CACHE: Dict[str, object] = {}
_LOADED_ORIGINS: Dict[Tuple[str, str], List[str]] = {}
#: the source being loaded (set by the loaders while a file, module or plugin executes)
_LOADING: List[Tuple[str, Origin]] = []
_BUILTINS_LOADED = False
_BUILTINS_LOADING = False


def _current_source(builder: Callable) -> Tuple[str, Origin]:
    if _LOADING:
        return _LOADING[-1]
    mod = getattr(builder, "__module__", "") or ""
    if mod.startswith("glassderive."):
        return f"built-in ({mod})", None
    return f"module {mod}" if mod else "the Python session", None


def _add(meta: DerivationInfo) -> None:
    """Put ``meta`` in the registry; a name already defined elsewhere is a ``ValueError`` that
    names both sources.  The same source loaded again (a worker, a re-run) replaces it."""
    old = _REGISTRY.get(meta.name)
    if old is not None and old.builder is not meta.builder:
        same = old.source == meta.source and old.origin == meta.origin
        if not same:
            raise DuplicateDerivation(f"derivation {meta.name!r} is defined twice: in {old.source} and "
                             f"in {meta.source}; rename one of them")
        _CACHE.pop(meta.name, None)
    _REGISTRY[meta.name] = meta


def register(name: str, *, title: str, paper: str, equations: str):
    """Decorator: register a function that builds and returns a ``Derivation``.

    The builder is recorded under ``name`` with its title, source and equations, and is called
    only when the derivation is first needed (``glassderive.get(name)``, ``glassderive verify
    NAME``); the built derivation is then cached for the process.  The decorator returns the
    builder unchanged.  Where the builder was defined (a file or module given to :func:`load`,
    a plugin, the package itself) is recorded as its source, shown by ``glassderive list``.

    Parameters
    ----------
    name : str
        The derivation's name (``glassderive verify NAME``): a non-empty string (else
        ``TypeError``).  The built ``Derivation`` must carry the same name: ``get(name)``
        raises ``RuntimeError`` otherwise.
    title : str
        Shown by ``glassderive list`` before the derivation is built.
    paper : str
        The source paper, shown by ``glassderive list``.
    equations : str
        The equations covered, e.g. ``"(1)-(3)"``, shown by ``glassderive list``.

    Returns
    -------
    callable
        The decorator; applied to a builder it registers it and returns it.

    Raises
    ------
    DuplicateDerivation
        (a ``ValueError``) ``name`` is already registered from another source; the message
        names both.  The same source registering it again (a re-load) replaces it.
    TypeError
        ``name`` is not a non-empty string, or the decorated object is not callable.

    Notes
    -----
    Proves: nothing: registering builds and checks nothing.  The derivation's steps are
    checked by ``glassderive verify NAME`` or ``glassderive.get(NAME).verify()``.

    Cannot prove: that the builder works: an error in it shows when the derivation is first
    built.

    Examples
    --------
    >>> from glassderive import Derivation, register
    >>> @register("my-derivation", title="...", paper="A. Author, J. 1, 1 (2026)",
    ...           equations="(1)-(3)")
    ... def build():
    ...     d = Derivation("my-derivation", "...", "A. Author, J. 1, 1 (2026)", "(1)-(3)")
    ...     return d
    >>> build().name
    'my-derivation'
    """
    if not isinstance(name, str) or not name:
        raise TypeError(f"register: the derivation name must be a non-empty string, got {name!r}")

    def deco(builder: Callable) -> Callable:
        if not callable(builder):
            raise TypeError(f"register({name!r}) decorates a function that builds a Derivation, "
                            f"got {type(builder).__name__}")
        source, orig = _current_source(builder)
        _add(DerivationInfo(name, title, paper, equations, builder, source, orig))
        return builder

    return deco


# -- loading ------------------------------------------------------------------------------------
_PLUGIN_ERROR: List[Exception] = []


def _load() -> None:
    """Register the built-in derivations and the installed plugins (once per process).  A
    plugin that clashes with another source makes every later query raise the same error."""
    global _BUILTINS_LOADED, _BUILTINS_LOADING
    if _PLUGIN_ERROR:
        raise _PLUGIN_ERROR[0]
    if _BUILTINS_LOADED or _BUILTINS_LOADING:
        return
    _BUILTINS_LOADING = True
    try:
        import glassderive.derivations  # noqa: F401  (registers the built-in derivations)
        _BUILTINS_LOADED = True
    finally:
        _BUILTINS_LOADING = False
    try:
        _load_plugins()
    except DuplicateDerivation as exc:
        _PLUGIN_ERROR.append(exc)
        raise


def _entry_points():
    from importlib.metadata import entry_points

    try:
        return list(entry_points(group=ENTRY_POINT_GROUP))
    except TypeError:  # pragma: no cover - Python < 3.10 API
        return list(entry_points().get(ENTRY_POINT_GROUP, ()))


def _load_plugins() -> None:
    for ep in _entry_points():
        dist = getattr(ep, "dist", None)
        who = f"{dist.metadata['Name']} {dist.version}" if dist is not None else "?"
        source = f"plugin {who} (entry point {ep.name} = {ep.value})"
        _LOADING.append((source, None))
        try:
            try:
                obj = ep.load()
            except DuplicateDerivation:
                raise
            except Exception as exc:
                # a broken third-party package must not take the built-in derivations down
                warnings.warn(f"glassderive: the plugin {source} does not import: "
                              f"{type(exc).__name__}: {exc}", RuntimeWarning, stacklevel=2)
                continue
            before = set(_REGISTRY)
            if isinstance(obj, types.ModuleType):
                _collect(obj, before, source)
            elif callable(obj) and not any(m.builder is obj for m in _REGISTRY.values()):
                _register_built(obj, source, None)
        finally:
            _LOADING.pop()


def _register_built(build: Callable, source: str, orig: Origin) -> str:
    """Build a derivation from a plain ``build()`` and register it under its own name."""
    from glassderive.verify.derivation import Derivation

    d = build()
    if not isinstance(d, Derivation):
        raise LoadError(f"{source}: build() returned {type(d).__name__}, not a "
                        f"glassderive.Derivation")
    _add(DerivationInfo(d.name, d.title, d.paper, d.equations, build, source, orig))
    _CACHE[d.name] = d
    return d.name


def _collect(module: types.ModuleType, before: set, source: str, orig: Origin = None) -> List[str]:
    """The derivations a freshly executed module defines: those it registered with
    :func:`register`, else its module-level ``build()``."""
    names = [n for n in _REGISTRY if n not in before or
             (_REGISTRY[n].source == source and _REGISTRY[n].origin == orig)]
    build = getattr(module, "build", None)
    if callable(build) and not any(_REGISTRY[n].builder is build for n in names):
        names.append(_register_built(build, source, orig))
    return names


def _execute(label: str, run: Callable, before: set, source: str, key) -> List[str]:
    """Run ``run()`` (which executes a file or imports a module and returns it) with
    ``source`` as the current source, then collect what it defines.  Failures become one-line
    ``LoadError``s starting with ``label``; a clash of names propagates as it is."""
    _LOADING.append((source, key))
    try:
        try:
            module = run()
        except DuplicateDerivation:
            raise
        except Exception as exc:
            raise LoadError(f"{label}: does not import: {_one_line(exc)}") from exc
        try:
            return _collect(module, before, source, key)
        except (LoadError, DuplicateDerivation):
            raise
        except Exception as exc:
            raise LoadError(f"{label}: build() failed: {_one_line(exc)}") from exc
    finally:
        _LOADING.pop()


def _module_name_for(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0]
    safe = "".join(c if c.isalnum() or c == "_" else "_" for c in stem)
    digest = hashlib.sha1(path.encode()).hexdigest()[:10]
    return f"glassderive_user_{safe}_{digest}"


def load_file(path) -> List[str]:
    """Load the derivations a Python file defines; returns their names.

    The file is executed as a module (its directory is put on ``sys.path``, so it may import
    its neighbours).  ``LoadError`` (one line) if it does not exist, is not a ``.py`` file, does
    not import, or defines no derivation.
    """
    path = os.path.abspath(os.fspath(path))
    key = ("file", path)
    if key in _LOADED_ORIGINS:
        return list(_LOADED_ORIGINS[key])
    if not os.path.exists(path):
        raise LoadError(f"{path}: no such file")
    if os.path.isdir(path):
        raise LoadError(f"{path}: is a directory (use load() for a directory of files)")
    if not path.endswith(".py"):
        raise LoadError(f"{path}: not a Python file (.py)")
    _load()
    modname = _module_name_for(path)
    spec = importlib.util.spec_from_file_location(modname, path)
    module = importlib.util.module_from_spec(spec)
    folder = os.path.dirname(path)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    source = f"file {path}"
    before = set(_REGISTRY)
    sys.modules[modname] = module
    try:
        names = _execute(path, lambda: spec.loader.exec_module(module) or module, before,
                         source, key)
    except BaseException:
        sys.modules.pop(modname, None)
        raise
    if not names:
        raise LoadError(f"{path}: defines no derivation (give it a module-level build() that "
                        f"returns a glassderive.Derivation, or decorate builders with "
                        f"@glassderive.register)")
    _LOADED_ORIGINS[key] = names
    return list(names)


def load_module(name: str) -> List[str]:
    """Import the module ``name`` (e.g. ``"mypaper.derivations"``) and register the derivations
    it defines; returns their names.  ``LoadError`` if it does not import or defines none."""
    key = ("module", name)
    if key in _LOADED_ORIGINS:
        return list(_LOADED_ORIGINS[key])
    _load()
    source = f"module {name}"
    before = set(_REGISTRY)
    names = _execute(f"module {name}", lambda: importlib.import_module(name), before, source,
                     key)
    if not names:
        raise LoadError(f"module {name}: defines no derivation (a module-level build() "
                        f"returning a glassderive.Derivation, or @glassderive.register)")
    _LOADED_ORIGINS[key] = names
    return list(names)


def _derivation_files(folder: str) -> List[str]:
    return sorted(os.path.join(folder, f) for f in os.listdir(folder)
                  if f.endswith(".py") and not f.startswith(("_", ".", "test_"))
                  and f != "conftest.py")


def load(target) -> List[str]:
    r"""Load and register the derivations of a ``.py`` file, a directory of them or a module.

    What ``glassderive verify FILE.py`` (or ``DIR``, or ``pkg.module``) does before it
    verifies.  A file or module defines derivations either with builders decorated by
    :func:`register` or with a module-level ``build()`` returning a ``Derivation``
    (registered under the derivation's own name; ``build()`` is called at load time).  A
    file is executed as a module with its directory put on ``sys.path`` (so it may import its
    neighbours); loading the same file or module again returns the same names without
    executing it again.

    Parameters
    ----------
    target : str or os.PathLike
        A directory: every ``*.py`` in it (not in subdirectories) whose name does not start
        with ``_``, ``.`` or ``test_`` (and not ``conftest.py``), in sorted order; files that
        define no derivation are skipped.  A path ending in ``.py`` or containing a path
        separator: that file.  Otherwise a dotted module name to import
        (``"mypaper.derivations"``).

    Returns
    -------
    list of str
        The names of the derivations loaded, in order.

    Raises
    ------
    LoadError
        One line for the user: the file does not exist, is not a ``.py`` file, does not
        import, its ``build()`` fails or returns something other than a ``Derivation``, it
        defines no derivation; a directory in which no file defines one; a target that is
        neither a file, a directory nor a module name.
    DuplicateDerivation
        A name is already registered from another source (the message names both).

    Notes
    -----
    Proves: nothing: loading builds (for ``build()``) but checks nothing; verify the
    derivations it returns.

    Cannot prove: that the loaded builders registered with :func:`register` work: they
    run when the derivation is first needed.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from glassderive import load
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "mine.py").write_text(
    ...     "from glassderive import Derivation\n"
    ...     "def build():\n"
    ...     "    return Derivation('load-demo', 'Demo', 'A. Author (2026)', '(1)')\n")
    >>> load(folder)
    ['load-demo']
    """
    target = os.fspath(target)
    if os.path.isdir(target):
        files = _derivation_files(target)
        names: List[str] = []
        for f in files:
            try:
                names += load_file(f)
            except LoadError as exc:
                if "defines no derivation" not in str(exc):
                    raise
        if not names:
            raise LoadError(f"{os.path.abspath(target)}: no .py file in it defines a derivation")
        return names
    if target.endswith(".py") or os.sep in target or (os.altsep and os.altsep in target):
        return load_file(target)
    if _is_module_name(target):
        return load_module(target)
    raise LoadError(f"{target}: neither a .py file, a directory nor a module name")


def _is_module_name(s: str) -> bool:
    return all(part.isidentifier() for part in s.split("."))


def looks_like_source(arg: str) -> bool:
    """Does a command-line argument name a file, a directory or a dotted module (rather than
    a derivation name)?  Derivation names are not dotted and have no ``.py``."""
    return (arg.endswith(".py") or os.path.isdir(arg) or os.sep in arg
            or ("." in arg and _is_module_name(arg)))


def _one_line(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, SyntaxError) and exc.lineno:
        text = f"SyntaxError: {exc.msg} (line {exc.lineno})"
    return " ".join(text.split())


def origin(name: str) -> Origin:
    """Where the derivation ``name`` comes from, for a worker process (see
    :func:`ensure_loaded`)."""
    return info(name).origin


def ensure_loaded(orig: Origin) -> None:
    """Load the file or module a derivation came from, in this process (a no-op for the
    built-in and plugin ones, and for an origin already loaded)."""
    if orig is None:
        return
    kind, target = orig
    if kind == "file":
        load_file(target)
    elif kind == "module":
        load_module(target)
    else:  # pragma: no cover - defensive
        raise ValueError(f"unknown origin {orig!r}")


# -- queries ------------------------------------------------------------------------------------
def list_derivations() -> List[str]:
    """Names of the registered derivations, in registration order."""
    _load()
    return list(_REGISTRY)


def info(name: str) -> DerivationInfo:
    _load()
    if not isinstance(name, str):
        raise TypeError(f"derivation name must be a string, got {type(name).__name__}")
    if name not in _REGISTRY:
        close = difflib.get_close_matches(name, list(_REGISTRY), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"unknown derivation {name!r}{hint} (known: {', '.join(_REGISTRY)})")
    return _REGISTRY[name]


def get(name: str):
    """The derivation registered as ``name`` (a ``KeyError`` names the known ones)."""
    meta = info(name)
    if name not in _CACHE:
        d = meta.builder()
        if getattr(d, "name", None) != name:
            raise RuntimeError(f"builder of {name!r} ({meta.source}) returned "
                               f"{getattr(d, 'name', type(d).__name__)!r}, not a Derivation "
                               f"named {name!r}")
        _CACHE[name] = d
    return _CACHE[name]
