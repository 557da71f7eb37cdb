"""glassderive: machine-checked derivations and fast numeric kernels for the low-temperature
anomalies of glasses (two-level systems, the Boson peak, quasi-localized modes).

Public API:

- ``list_derivations()``: names of the registered derivations.
- ``get(name)``: a :class:`~glassderive.verify.Derivation` (``.verify()``, ``.latex()``,
  ``.results``, ``.kernel(name)``, ``.reference(name)``).
- ``verify(names=None, executor=None, progress=None, cache=None)``: check several derivations,
  optionally spread over any ``concurrent.futures.Executor``; ``cache=True`` (or a directory,
  or a ``StepCache``) reuses stored step outcomes.  The Python API writes no cache unless
  asked; the command line ``glassderive verify`` uses the cache by default.
- ``load(target)``: register the derivations a ``.py`` file, a directory of them or a module
  defines (``glassderive verify FILE.py`` does this).

Authoring API (``docs/authoring.md``; imported on first use, so ``import glassderive`` stays
light): ``Derivation``, the step kinds ``Identity``, ``Jacobian``, ``Asymptotic``,
``NumericValue``, ``Equivalence`` (with ``Condition``), ``Extremum``, ``Dimensions``, the
justification ``Kind``, ``register`` (decorator for builder functions), ``Report`` and
``StepResult``.  The built-in derivations are written with exactly these names.

Subpackages: ``glassderive.derivations`` (symbolic), ``glassderive.numeric`` (kernels,
Monte Carlo), ``glassderive.verify`` (checking machinery, mpmath references).

``glassderive.verify`` is both the function above and the name of the subpackage.  Importing a
subpackage makes Python bind it as an attribute of its parent, which used to replace the function
by the module (``TypeError: 'module' object is not callable`` after ``glassderive.get(...)``).
So when the subpackage is imported, its module object is made callable: calling it runs
:func:`glassderive.api.verify`, and ``from glassderive.verify import Identity`` as well as
``import glassderive.verify as gv; gv.Identity`` keep working.  (Re-binding the plain function
would break the latter: ``import a.b as c`` reads the attribute ``a.b``.)  The subpackage is not
imported eagerly, so ``import glassderive`` stays light (no SymPy).
"""

from __future__ import annotations

import inspect
import sys
import types

from .api import verify
from .registry import get, info, list_derivations, load, register

__version__ = "0.1.0"

#: the authoring API, forwarded lazily from ``glassderive.verify`` (PEP 562): importing
#: ``glassderive`` does not import SymPy
_AUTHORING = ("Derivation", "Result", "Step", "Identity", "Jacobian", "Asymptotic",
              "NumericValue", "Equivalence", "Condition", "Extremum", "Dimensions", "Kind",
              "Report", "StepResult", "perturb", "count_real_roots")

__all__ = ["list_derivations", "get", "info", "verify", "load", "register", "__version__",
           *_AUTHORING]


def __getattr__(name):
    if name in _AUTHORING:
        import importlib

        module = importlib.import_module(f"{__name__}.verify")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_AUTHORING))

_verify_function = verify


class _CallableVerifyModule(types.ModuleType):
    """The class given to the ``glassderive.verify`` subpackage: a module that can be called as
    :func:`glassderive.api.verify`."""

    def __call__(self, *args, **kwargs):
        return _verify_function(*args, **kwargs)

    __call__.__doc__ = _verify_function.__doc__
    _sig = inspect.signature(_verify_function)
    __call__.__signature__ = _sig.replace(parameters=[
        inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY), *_sig.parameters.values()])
    del _sig


def _make_callable(module: types.ModuleType) -> types.ModuleType:
    if type(module) is types.ModuleType:
        module.__class__ = _CallableVerifyModule
    return module


class _Package(types.ModuleType):
    """The class of the ``glassderive`` package module: when the import system binds the
    subpackage ``verify`` as an attribute, that subpackage is made callable first."""

    def __setattr__(self, name, value):
        if name == "verify" and isinstance(value, types.ModuleType):
            _make_callable(value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
if f"{__name__}.verify" in sys.modules:  # pragma: no cover - imported during our own import
    verify = _make_callable(sys.modules[f"{__name__}.verify"])
