"""glassderive: machine-checked derivations and fast numeric kernels for the low-temperature
anomalies of glasses (two-level systems, the Boson peak, quasi-localized modes).

Public API
    ``list_derivations()``   names of the registered derivations
    ``get(name)``            a :class:`~glassderive.verify.Derivation` (``.verify()``, ``.latex()``,
                             ``.results``, ``.kernel(name)``, ``.reference(name)``)
    ``verify(names=None, executor=None, progress=None)``  check several derivations, optionally
                             spread over any ``concurrent.futures.Executor``
Subpackages: ``glassderive.derivations`` (symbolic), ``glassderive.numeric`` (kernels,
Monte Carlo), ``glassderive.verify`` (checking machinery, mpmath references).
"""

from __future__ import annotations

from .api import verify
from .registry import get, info, list_derivations

__version__ = "0.1.0"
__all__ = ["list_derivations", "get", "info", "verify", "__version__"]
