"""Numeric kernels, Monte Carlo and simulations of glassderive (``glassderive.numeric``).

Conventions shared by every exported function:

* **Vectorised**: array arguments broadcast (numpy rules); a scalar in gives a 0-d result
  (a numpy float), an array in gives an array of the broadcast shape.
* **Double precision out**: the kernels compute in float64 and return float64 whatever the
  input dtype (float32, integers, Python floats); cast the result if you need float32.  A
  float32 input is converted exactly, so the answer is the double-precision value at the
  float32 argument.
* **Validated**: a non-finite argument, a value outside the parameter's domain or an argument
  that is not a real number is a ``ValueError``/``TypeError`` that names the parameter and its
  domain; nothing silently returns NaN.
* **Bounded memory**: the sea-gull kernels work through large inputs in chunks, so the
  temporaries stay O(chunk) (only the output is O(n)).

Modules: :mod:`.seagull` (sea-gull DOS and the Boson peak, Parshin, Schober, Gurevich 2007),
:mod:`.quartic` (random quartics, Kumar, Procaccia, Singh 2021), :mod:`.soft_potential`
(levels and tunnel splittings of soft potentials, Il'in, Karpov, Parshin 1987),
:mod:`.kernel` (lambdified kernels of symbolic results), :mod:`.progress`.
"""
