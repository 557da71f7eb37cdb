r"""Monte Carlo of the softening kappa from randomly placed dipoles (Holtsmark).

Parshin, Schober, Gurevich, Phys. Rev. B 76, 064206 (2007), Eqs. (2.3), (2.11), (2.17)-(2.18):
a soft oscillator at the origin is coupled to stiff ones at distances r_j by
I_1j = g_j J / r_j^3, and adiabatic elimination of the stiff ones lowers its quasi-elastic
constant by

.. math::

    \kappa = \sum_j \frac{I_{1j}^2}{k_j} = \sum_j \frac{g_j^2 J^2}{M\omega_j^2\, r_j^6},

with k_j = M omega_j^2.  The stiff oscillators form a Poisson field of density n_0; their
frequencies are drawn from g_0(omega) = (n+1) omega^n / omega_0^(n+1) on (0, omega_0).  The
derivation ``holtsmark-width`` (``derivations/holtsmark_width.py``) shows that kappa then has
the Levy density (2.17) with

.. math::

    B = \frac{4\pi}{3}\sqrt{\frac{\pi}{2}}\,\frac{J n_0}{\sqrt M}\,
        \langle|g|\rangle\Big\langle\frac1\omega\Big\rangle_0 .

:func:`sample_kappa` draws kappa literally: a Poisson number of dipoles (mean
``mean_points``) uniform in the ball of radius R with n_0 (4 pi/3) R^3 = ``mean_points``
around the soft oscillator.  The only approximation is the ball: the dipoles beyond R are
missing, which lowers the Laplace exponent -ln E exp(-s kappa) by at most
:func:`truncation_bound` (from 1 - e^-x <= x); the finite-ball law itself is exact and is what
a test can compare with (``tests/test_holtsmark_width.py``).
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["sample_kappa", "truncation_bound", "mean_abs_coupling"]

_COUPLINGS = ("unit", "dipole")


def _positive(name: str, value) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a real number, got {value!r}") from None
    if not math.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return v


def mean_abs_coupling(coupling: str = "unit") -> float:
    """<|g|> of the orientation factor: 1 for ``"unit"`` (g = +-1, the paper's
    g_ij ~ +-1), 4/(3 sqrt 3) = 0.7698 for ``"dipole"`` (g = 1 - 3 cos^2(theta), an isotropic
    dipole-dipole angle)."""
    if coupling == "unit":
        return 1.0
    if coupling == "dipole":
        return 4.0 / (3.0 * math.sqrt(3.0))
    raise ValueError(f"coupling must be one of {_COUPLINGS}, got {coupling!r}")


def truncation_bound(s, *, J: float = 0.1, n0: float = 1.0, M: float = 1.0,
                     omega0: float = 1.0, n: float = 2.0, mean_points: float = 400.0,
                     coupling: str = "unit") -> float:
    """Upper bound on how much the Laplace exponent -ln E exp(-s kappa) of the ball is
    below that of the infinite Poisson field: n_0 (4 pi/3) s <c>/R^3 with
    c = g^2 J^2/(M omega^2) (needs n > 1 for a finite <omega^-2>)."""
    s = _positive("s", s)
    J, n0, M, omega0 = (_positive(k, v) for k, v in
                        (("J", J), ("n0", n0), ("M", M), ("omega0", omega0)))
    n = _positive("n", n)
    if n <= 1:
        raise ValueError(f"the bound needs <omega^-2> finite: n > 1, got n={n!r}")
    g2 = 1.0 if coupling == "unit" else 4.0 / 5.0   # <(1 - 3 mu^2)^2> = 4/5
    mean_abs_coupling(coupling)
    c_mean = g2 * J**2 / M * (n + 1) / ((n - 1) * omega0**2)
    R3 = 3.0 * _positive("mean_points", mean_points) / (4.0 * math.pi * n0)
    return n0 * 4.0 * math.pi / 3.0 * s * c_mean / R3


def sample_kappa(n_samples: int, *, J: float = 0.1, n0: float = 1.0, M: float = 1.0,
                 omega0: float = 1.0, n: float = 2.0, mean_points: float = 400.0,
                 coupling: str = "unit", seed=None, chunk: int = 2_000_000) -> np.ndarray:
    """``n_samples`` independent values of kappa = sum_j g_j^2 J^2/(M omega_j^2 r_j^6).

    Parameters
    ----------
    n_samples : int
        Number of soft oscillators (independent Poisson fields).
    J, n0, M, omega0 : float
        Coupling constant of I = g J/r^3, density of the stiff oscillators, mass, and the
        upper end of g_0 (all > 0).
    n : float
        g_0(omega) proportional to omega^n on (0, omega0), n > 0 (the paper's figures: n = 2).
    mean_points : float
        Mean number of dipoles in the ball (fixes its radius at the density n0).
    coupling : {"unit", "dipole"}
        The orientation factor g: +-1, or 1 - 3 cos^2(theta) with an isotropic direction.
    seed : int or numpy Generator, optional
        Seed of ``numpy.random.default_rng`` (the same seed gives the same samples).
    chunk : int, optional
        Dipoles drawn at a time (bounded memory).

    Returns
    -------
    numpy.ndarray
        float64 array of shape (n_samples,).
    """
    if int(n_samples) != n_samples or n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples!r}")
    n_samples = int(n_samples)
    J, n0, M, omega0, n, mean_points = (_positive(k, v) for k, v in (
        ("J", J), ("n0", n0), ("M", M), ("omega0", omega0), ("n", n),
        ("mean_points", mean_points)))
    mean_abs_coupling(coupling)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    R3 = 3.0 * mean_points / (4.0 * math.pi * n0)          # R^3 of the ball
    counts = rng.poisson(mean_points, size=n_samples)
    kappa = np.zeros(n_samples)
    per = max(1, int(chunk // max(mean_points, 1.0)))
    for start in range(0, n_samples, per):
        cnt = counts[start:start + per]
        total = int(cnt.sum())
        owner = np.repeat(np.arange(cnt.size), cnt)
        # uniform in the ball: r^3 = R^3 u, so r^6 = R^6 u^2
        u = 1.0 - rng.random(total)                        # (0, 1]
        r6 = (R3 * u) ** 2
        omega = omega0 * (1.0 - rng.random(total)) ** (1.0 / (n + 1.0))
        if coupling == "unit":
            g2 = 1.0
        else:
            mu = 2.0 * rng.random(total) - 1.0
            g2 = (1.0 - 3.0 * mu**2) ** 2
        terms = g2 * J**2 / (M * omega**2 * r6)
        kappa[start:start + cnt.size] = np.bincount(owner, weights=terms, minlength=cnt.size)
    return kappa
