"""The checking machinery of glassderive and its high-precision references.

* :mod:`.steps`: step kinds (``Identity``, ``Jacobian``, ``Asymptotic``, ``NumericValue``,
  ``Equivalence``), each with a check that can fail;
* :mod:`.derivation`: the ``Derivation`` model (steps, results, LaTeX, kernels);
* :mod:`.mpeval`: mpmath evaluation of SymPy expressions (integrals by quadrature);
* :mod:`.sampling`: seeded random points inside (and just outside) assumptions;
* :mod:`.report`: ``StepResult`` and ``Report``.
"""

from .derivation import Derivation, Result
from .mpeval import DEFAULT_DPS, evaluate, mp_function, rel_diff, two_precision_value
from .report import Report, StepResult, format_table
from .roots import count_real_roots
from .steps import (Asymptotic, Condition, Dimensions, Equivalence, Extremum, Identity, Jacobian, Kind,
                    NumericValue, Step, perturb)

__all__ = [
    "Derivation", "Result", "Report", "StepResult", "format_table",
    "Step", "Identity", "Jacobian", "Asymptotic", "NumericValue", "Equivalence", "Condition",
    "Dimensions", "Extremum",
    "Kind", "perturb", "count_real_roots", "evaluate", "mp_function", "rel_diff", "two_precision_value", "DEFAULT_DPS",
]
