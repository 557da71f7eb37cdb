r"""Interacting anharmonic soft oscillators: the model the vibrational-instability theory is about.

Overview
--------
Parshin, Schober and Gurevich (2007), Eqs. (2.1)-(2.3), write the potential energy of N
oscillators with bare quasi-elastic constants k_i = M omega_i^2, bilinear couplings
I_ij = g_ij J / r_ij^3 and quartic anharmonicity A_i > 0,

.. math::

    U(x) = \sum_i \frac{k_i}{2} x_i^2 - \frac12 \sum_{i\ne j} I_{ij} x_i x_j
           + \frac14 \sum_i A_i x_i^4 ,

and illustrate their theory with a simulation of N = 2197 such oscillators, bare density
g_0(omega) = 3 omega^2 on (0, omega_0 = 1), n_0 = M = 1 and J = 0.07, 0.10, 0.15 (their
Figs. 1-2; the method is in Gurevich, Parshin, Schober 2003).  This module builds that model,
measures the renormalisation kappa of the quasi-elastic constants in three readings, relaxes the
anharmonic system into a local minimum and measures the vibrational density of states there,
to compare with the sea-gull law :func:`glassderive.numeric.seagull.reduced_dos`.

Key results (functions)
-----------------------
* :func:`build_model` -- geometry (``"cubic"``: simple cubic lattice, periodic, spacing
  n_0^{-1/3}; ``"random"``: uniform positions in the periodic box with an optional minimal
  distance ``d_min``, Poisson for ``d_min = 0``), couplings (``"unit"``: g_ij = +-1 with equal
  probability, the paper's "g_ij ~ +-1"; ``"dipole"``: g_ij = e_i.e_j - 3 (e_i.n)(e_j.n) for
  random unit orientations e_i, the orientation factor of two point dipoles), bare frequencies
  omega_i = omega_0 u^{1/3} (u uniform: g_0 = 3 omega^2/omega_0^3), k_i = M omega_i^2,
  A_i = A (``A_spread = 1``) or log-uniform on [A/sqrt(s), A sqrt(s)] (``A_spread = s``).
* :func:`kappa_adiabatic` -- definition (a), Eq. (2.11): kappa_i = sum_j I_ij^2 / k_j.
* :func:`kappa_high_frequency` -- definition (b): exact elimination of the oscillators with
  omega_j > omega_cut (the "high-frequency" ones of the text after Eq. (2.18)) by a Schur
  complement on that block only.
* :func:`kappa_schur` -- definition (c): kappa_i = k_i - 1/(H^{-1})_ii, the exact harmonic
  elimination of *all* other oscillators, H = diag(k) - I (a saddle-point elimination when H
  has negative eigenvalues: :func:`negative_eigenvalue_count`, :func:`critical_coupling`).
* :func:`levy_B`, :func:`levy_density` -- the Levy law (2.17) with B of (2.18) as printed
  (pi/3) and as derived (4 pi/3; derivation ``holtsmark-width``).
* :func:`relax` -- L-BFGS (scipy) with the analytic gradient from x = 0 plus small noise, then
  Newton steps with the analytic Hessian; a saddle is left along its negative direction.
* :func:`simulate` -- independent realisations over any ``concurrent.futures.Executor``
  (``SeedSequence.spawn`` streams, a progress bar), results saved to / loaded from ``.npz``.
* :func:`power_law_exponent`, :func:`reduced_dos_peak`, :func:`fit_sea_gull`,
  :func:`kappa_statistics`, :func:`convolution_distance`, :func:`compare_spectra` -- the
  measurements; :func:`kappa_report`, :func:`relaxed_report`, :func:`summary` -- all of them
  for an :class:`Ensemble`.
* :func:`double_wells` -- second minima along the softest modes of a relaxed configuration
  (two-level-system candidates): asymmetry, barrier (straight path, and relaxed in the plane
  through its maximum), size; :func:`double_well_shape` -- their asymmetry/barrier ratio
  against the soft-potential double well (:func:`soft_potential_ratio`), where the flat
  distribution of the random force makes phi = f/f* uniform.
* :func:`lowest_eigenvalues` -- the lowest Hessian eigenvalues at a minimum by shift-invert
  Lanczos on its Cholesky factor (``relax(..., spectrum=n)``).

Large N.  The couplings are dense (1/r^3 to every oscillator, no cut-off: the dipolar sum is
only conditionally convergent, so a cut-off radius would change the model).  The model is
built block by block into one float64 (N, N) array, the relaxation reuses one more (N, N)
work array for every Hessian, its Cholesky factor and the eigenvalue problem (LAPACK in place,
Fortran order), so N = 13824 = 24^3 needs 4.4 GB at the peak (measured); L-BFGS needs only
matrix-vector products.  Reading (c) (an LU inverse, 2 N^3 flops) and the inertia of H can be
skipped (``schur=False``).

A-independence.  For equal A_i = A the substitution y = sqrt(A) x gives U = V(y)/A with V
independent of A, and the Hessian in x, diag(k + 3 A x^2) - I = diag(k + 3 y^2) - I, is the
same at corresponding minima: the relaxed spectrum does not depend on A *exactly* (from a start
scaled with 1/sqrt(A)).  Only a spread of the A_i can make it depend on anharmonicity, which is
why ``A_spread`` exists.  (A constant force h breaks the scaling: h -> h sqrt(A).)

Mean-field special case (``geometry="mean-field"``, ``h``, ``stiffness="uniform"``): all-to-all
Gaussian couplings of strength J and a constant force h, the model of Rainone, Urbani, Zamponi,
Lerner, Bouchbinder (2021), whose quartic term A x^4/4! is our A/6.

References
----------
D. A. Parshin, H. R. Schober, V. L. Gurevich, "Vibrational instability, two-level systems, and
the boson peak in glasses", Phys. Rev. B 76, 064206 (2007).

V. L. Gurevich, D. A. Parshin, H. R. Schober, "Anharmonicity, vibrational instability, and the
Boson peak in glasses", Phys. Rev. B 67, 094203 (2003), arXiv:cond-mat/0203165.

D. C. Liu, J. Nocedal, "On the limited memory BFGS method for large scale optimization",
Math. Program. 45, 503 (1989) (the L-BFGS of ``scipy.optimize``).

C. Rainone, P. Urbani, F. Zamponi, E. Lerner, E. Bouchbinder, "Mean-field model of interacting
quasilocalized excitations in glasses", SciPost Phys. Core 4, 008 (2021), arXiv:2010.11180.

B. M. Hill, "A simple general approach to inference about the tail of a distribution",
Ann. Statist. 3, 1163 (1975) (tail exponents).
"""

from __future__ import annotations

import json
import math
import time
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, field
from typing import Dict, Optional, Sequence

import numpy as np

__all__ = ["ModelParams", "OscillatorModel", "build_model", "GEOMETRIES", "COUPLINGS",
           "kappa_adiabatic", "kappa_high_frequency", "kappa_schur", "negative_eigenvalue_count",
           "critical_coupling", "levy_B", "levy_density", "bare_F", "bare_F_cdf", "Relaxed",
           "relax", "realisation", "simulate", "Ensemble", "power_law_exponent", "hill_tail",
           "kappa_statistics", "KappaStats", "convolution_distance", "reduced_dos_peak",
           "fit_sea_gull", "SeaGullFit", "mean_inverse_omega", "kappa_report", "relaxed_report",
           "summary", "compare_spectra", "double_wells", "DoubleWell", "lowest_eigenvalues",
           "soft_potential_ratio", "soft_potential_phi", "double_well_shape"]

GEOMETRIES = ("cubic", "random", "mean-field")
STIFFNESS = ("g0", "uniform")
COUPLINGS = ("unit", "dipole")


# ---------------------------------------------------------------------------------------------
# parameters and validation
# ---------------------------------------------------------------------------------------------
def _positive(name: str, value, allow_zero: bool = False) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"parameter {name!r} must be a real number, got {value!r}") from None
    ok = math.isfinite(v) and (v >= 0 if allow_zero else v > 0)
    if not ok:
        dom = "[0, inf)" if allow_zero else "(0, inf)"
        raise ValueError(f"parameter {name!r} must lie in {dom}, got {value!r}")
    return v


@dataclass(frozen=True)
class ModelParams:
    """Parameters of the oscillator model (Parshin, Schober, Gurevich 2007, Eqs. 2.1-2.3).

    Parameters
    ----------
    N : int
        Number of oscillators (>= 8; a cube number for ``geometry="cubic"``).  2197 = 13^3 in
        the paper's Figs. 1-2.
    J : float
        Interaction constant of Eq. (2.3), >= 0.
    geometry : {"cubic", "random", "mean-field"}
        Simple cubic lattice or uniform random positions, both in a periodic cube of side
        (N/n0)^{1/3}, distances by the minimum image; or "mean-field": no space, all-to-all
        Gaussian couplings I_ij = J z_ij/sqrt(N) (z_ij standard normal, symmetric), the model of
        Rainone, Urbani, Zamponi, Lerner, Bouchbinder (2021) (``coupling`` is then ignored).
    d_min : float
        Minimal distance between random positions (random sequential addition), in
        [0, 0.8 n0^{-1/3}]; ignored for the lattice (whose minimal distance is n0^{-1/3}).
    coupling : {"unit", "dipole"}
        g_ij = +-1 at random, or the point-dipole orientation factor for random orientations.
    A : float
        Quartic anharmonicity scale, > 0.
    A_spread : float
        A_i log-uniform on [A/sqrt(A_spread), A sqrt(A_spread)]; 1 means A_i = A.
    M, omega0, n0 : float
        Mass, the upper end of g_0(omega) = 3 omega^2/omega0^3, and the concentration.
    h : float
        A constant force on every oscillator, the term -h sum_i x_i in U (the "constant force
        from the surrounding elastic medium" of the mean-field model; 0 in Eq. 2.2).
    stiffness : {"g0", "uniform"}
        Bare constants from g_0 = 3 omega^2 (k = M omega^2), or k uniform on (0, M omega0^2)
        (a featureless p(k) with upper cut-off kappa_0 = M omega0^2, for the mean-field model).
    """

    N: int = 2197
    J: float = 0.1
    geometry: str = "cubic"
    d_min: float = 0.0
    coupling: str = "unit"
    A: float = 1.0
    A_spread: float = 1.0
    M: float = 1.0
    omega0: float = 1.0
    n0: float = 1.0
    h: float = 0.0
    stiffness: str = "g0"

    def __post_init__(self):
        if isinstance(self.N, bool) or not isinstance(self.N, (int, np.integer)):
            raise TypeError(f"parameter 'N' must be an integer, got {self.N!r}")
        if self.N < 8:
            raise ValueError(f"parameter 'N' must be >= 8, got {self.N}")
        if self.geometry not in GEOMETRIES:
            raise ValueError(f"parameter 'geometry' must be one of {GEOMETRIES}, got "
                             f"{self.geometry!r}")
        if self.stiffness not in STIFFNESS:
            raise ValueError(f"parameter 'stiffness' must be one of {STIFFNESS}, got "
                             f"{self.stiffness!r}")
        try:
            h = float(self.h)
        except (TypeError, ValueError):
            raise TypeError(f"parameter 'h' must be a real number, got {self.h!r}") from None
        if not math.isfinite(h):
            raise ValueError(f"parameter 'h' must lie in (-inf, inf), got {self.h!r}")
        if self.coupling not in COUPLINGS:
            raise ValueError(f"parameter 'coupling' must be one of {COUPLINGS}, got "
                             f"{self.coupling!r}")
        if self.geometry == "cubic":
            side = round(self.N ** (1 / 3))
            if side**3 != self.N:
                raise ValueError(f"parameter 'N' must be a cube number (L^3) for the cubic "
                                 f"lattice, got {self.N}")
        _positive("J", self.J, allow_zero=True)
        for name in ("A", "M", "omega0", "n0"):
            _positive(name, getattr(self, name))
        spread = _positive("A_spread", self.A_spread)
        if spread < 1:
            raise ValueError(f"parameter 'A_spread' must lie in [1, inf), got {self.A_spread}")
        d = _positive("d_min", self.d_min, allow_zero=True)
        if d > 0.8 * self.n0 ** (-1 / 3):
            raise ValueError(f"parameter 'd_min' must lie in [0, 0.8 n0^(-1/3)] (random "
                             f"sequential addition jams near 0.9), got {self.d_min}")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["N"] = int(d["N"])
        return d


# ---------------------------------------------------------------------------------------------
# the model
# ---------------------------------------------------------------------------------------------
@dataclass
class OscillatorModel:
    """One realisation: positions, bare constants, anharmonicities and couplings.

    Attributes
    ----------
    params : ModelParams
    positions : (N, 3) array, in the periodic cube of side ``box``
    omega, k, A : (N,) arrays -- bare frequencies, k = M omega^2, quartic coefficients
    I : (N, N) array -- couplings I_ij = g_ij J / r_ij^3, symmetric, zero diagonal
    g : (N, N) array or None -- the orientation factors g_ij (kept for N <= 4096 unless
        ``build_model(..., keep_g=...)`` says otherwise: at N = 13824 it would be another 1.5 GB)
    mean_abs_g : float -- <|g_ij|> over the pairs i < j
    """

    params: ModelParams
    positions: np.ndarray
    box: float
    omega: np.ndarray
    k: np.ndarray
    A: np.ndarray
    I: np.ndarray
    g: Optional[np.ndarray]
    h: float = 0.0
    mean_abs_g: float = float("nan")

    @property
    def N(self) -> int:
        return self.k.size

    def hessian_matvec(self, x, v) -> np.ndarray:
        """The Hessian at ``x`` applied to ``v`` without forming it: (k + 3 A x^2) v - I v."""
        x = np.asarray(x, float)
        return (self.k + 3 * self.A * x**2) * v - self.I @ v

    def harmonic_matrix(self) -> np.ndarray:
        """H = diag(k) - I, the Hessian of U at x = 0 (Eq. 2.2 without the quartic term).

        Returned in Fortran order (-I^T, equal to -I: the couplings are exactly symmetric), so
        that LAPACK can work on it in place without a further (N, N) copy."""
        H = np.negative(self.I.T)
        H[np.diag_indices_from(H)] = self.k
        return H

    def energy(self, x) -> float:
        """U(x) of Eq. (2.2)."""
        x = np.asarray(x, float)
        return float(0.5 * np.dot(self.k * x, x) - 0.5 * x @ (self.I @ x)
                     + 0.25 * np.dot(self.A, x**4) - self.h * np.sum(x))

    def gradient(self, x) -> np.ndarray:
        """dU/dx_i = k_i x_i - sum_j I_ij x_j + A_i x_i^3 - h."""
        x = np.asarray(x, float)
        return self.k * x - self.I @ x + self.A * x**3 - self.h

    def energy_and_gradient(self, x):
        """(U, grad U) with one matrix-vector product (what L-BFGS calls)."""
        x = np.asarray(x, float)
        Ix = self.I @ x
        x3 = x**3
        e = 0.5 * np.dot(self.k * x - Ix, x) + 0.25 * np.dot(self.A * x3, x) - self.h * x.sum()
        return float(e), self.k * x - Ix + self.A * x3 - self.h

    def hessian(self, x, out: Optional[np.ndarray] = None) -> np.ndarray:
        """d^2U/dx_i dx_j = (k_i + 3 A_i x_i^2) delta_ij - I_ij (written into ``out``, an (N, N)
        float64 array, when given: at large N one buffer is reused instead of a new copy)."""
        x = np.asarray(x, float)
        H = np.negative(self.I if out is None or not out.flags.f_contiguous else self.I.T,
                        out=out)
        H[np.diag_indices_from(H)] = self.k + 3 * self.A * x**2
        return H


def _lattice(N: int, n0: float):
    side = round(N ** (1 / 3))
    a = n0 ** (-1 / 3)
    g = np.arange(side) * a
    pos = np.stack(np.meshgrid(g, g, g, indexing="ij"), -1).reshape(-1, 3)
    return pos, side * a


def _random_positions(N: int, n0: float, d_min: float, rng) -> tuple:
    box = (N / n0) ** (1 / 3)
    if d_min == 0:
        return rng.uniform(0, box, (N, 3)), box
    pos = np.empty((N, 3))
    n = 0
    tries = 0
    while n < N:
        batch = rng.uniform(0, box, (64, 3))
        for p in batch:
            tries += 1
            if tries > 2000 * N:
                raise ValueError(f"parameter 'd_min' = {d_min} too large: random sequential "
                                 f"addition placed only {n} of {N} points")
            if n:
                d = pos[:n] - p
                d -= box * np.round(d / box)
                if np.min(np.einsum("ij,ij->i", d, d)) < d_min * d_min:
                    continue
            pos[n] = p
            n += 1
            if n == N:
                break
    return pos, box


def _distances2(pos, box, keep=False):
    """Squared minimum-image distances (diagonal set to 1) and, if ``keep``, the vectors."""
    n = pos.shape[0]
    r2 = np.zeros((n, n))
    comps = []
    for c in range(3):
        dc = pos[:, None, c] - pos[None, :, c]
        dc -= box * np.round(dc / box)
        r2 += dc * dc
        if keep:
            comps.append(dc)
    np.fill_diagonal(r2, 1.0)
    return r2, (np.stack(comps, -1) if keep else None)


def _block_rows(N: int) -> int:
    """Rows per block of the blockwise construction (about 16 MB of float64 per block)."""
    return max(1, min(N, 2_000_000 // N))


def build_model(params: ModelParams = ModelParams(), seed=None,
                keep_g: Optional[bool] = None) -> OscillatorModel:
    """A realisation of the model of Eq. (2.2) (Parshin, Schober, Gurevich 2007).

    Parameters
    ----------
    params : ModelParams
    seed : int, numpy.random.SeedSequence or numpy.random.Generator
        The random stream (positions, orientations, signs, frequencies, A_i, in that order).
    keep_g : bool, optional
        Keep the (N, N) orientation factors g_ij (default: for N <= 4096).

    Returns
    -------
    OscillatorModel

    Notes
    -----
    The couplings are built row block by row block into one (N, N) float64 array: besides it
    the construction holds only the random signs of the pairs (one (N, N) int64 array, freed
    at the end; the Gaussian z_ij of the mean-field model likewise) and blocks of about 16 MB, so
    N = 13824 = 24^3 needs about 3 GB at the peak and 1.5 GB after.  The random stream and
    the floating-point operations per element are those of the plain dense construction
    (``tests/test_oscillators.py`` checks the identity), so a seed gives the same model at any N.
    """
    if not isinstance(params, ModelParams):
        raise TypeError(f"parameter 'params' must be a ModelParams, got {type(params).__name__}")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    p = params
    N = p.N
    keep_g = N <= 4096 if keep_g is None else bool(keep_g)
    if p.geometry == "cubic":
        pos, box = _lattice(N, p.n0)
    elif p.geometry == "random":
        pos, box = _random_positions(N, p.n0, p.d_min, rng)
    else:
        pos, box = np.zeros((N, 3)), math.nan
    # the random factor of every pair, drawn as in the dense construction
    z = s = e = None
    if p.geometry == "mean-field":
        z = rng.standard_normal((N, N))          # upper triangle used: z_ij, i < j
    elif p.coupling == "unit":
        s = rng.integers(0, 2, (N, N))           # upper triangle used: sign 2 s_ij - 1
    else:
        e = rng.standard_normal((N, 3))
        e /= np.linalg.norm(e, axis=1)[:, None]
    I = np.empty((N, N))
    g_all = np.empty((N, N)) if keep_g else None
    sum_abs_g = 0.0
    bs = _block_rows(N)
    cols = np.arange(N)
    for a in range(0, N, bs):
        b = min(a + bs, N)
        rows = np.arange(a, b)
        upper = cols[None, :] > rows[:, None]
        if p.geometry == "mean-field":
            g = np.where(upper, z[a:b], z[:, a:b].T) / math.sqrt(N)
            r3 = 1.0
        else:
            r2 = np.zeros((b - a, N))
            comps = []
            for c in range(3):
                dc = pos[a:b, None, c] - pos[None, :, c]
                dc -= box * np.round(dc / box)
                r2 += dc * dc
                if e is not None:
                    comps.append(dc)
            r2[rows - a, rows] = 1.0
            r3 = r2 * np.sqrt(r2)
            if s is not None:
                g = np.where(upper, s[a:b], s[:, a:b].T) * 2.0 - 1.0
            else:
                n = np.stack(comps, -1) / np.sqrt(r2)[:, :, None]
                g = e[a:b] @ e.T - 3 * np.einsum("ik,ijk->ij", e[a:b], n) * \
                    np.einsum("jk,ijk->ij", e, n)
        g[rows - a, rows] = 0.0
        I[a:b] = p.J * g / r3
        I[rows, rows] = 0.0
        sum_abs_g += float(np.sum(np.abs(g[upper])))
        if keep_g:
            g_all[a:b] = g
    del z, s
    if e is not None:             # the dipole factor is symmetric only to rounding
        _symmetrize(I)
        if keep_g:
            _symmetrize(g_all)
    u = rng.random(N)
    omega = p.omega0 * (np.cbrt(u) if p.stiffness == "g0" else np.sqrt(u))
    omega = np.maximum(omega, np.finfo(float).tiny ** (1 / 4))
    k = p.M * omega**2
    if p.A_spread == 1:
        A = np.full(N, p.A)
    else:
        A = p.A * np.exp(np.log(p.A_spread) * (rng.random(N) - 0.5))
    return OscillatorModel(p, pos, box, omega, k, A, I, g_all, float(p.h),
                           sum_abs_g / (N * (N - 1) / 2))


def _symmetrize(X: np.ndarray) -> None:
    """X <- (X + X^T)/2 in place, block by block (no second (N, N) array)."""
    N = X.shape[0]
    bs = max(1, int(math.sqrt(_block_rows(N) * N)))
    for a in range(0, N, bs):
        for c in range(a, N, bs):
            blk = 0.5 * (X[a:a + bs, c:c + bs] + X[c:c + bs, a:a + bs].T)
            X[a:a + bs, c:c + bs] = blk
            X[c:c + bs, a:a + bs] = blk.T


# ---------------------------------------------------------------------------------------------
# the three readings of kappa
# ---------------------------------------------------------------------------------------------
def kappa_adiabatic(model: OscillatorModel) -> np.ndarray:
    """Definition (a), Eq. (2.11): kappa_i = sum_{j != i} I_ij^2 / k_j (always >= 0)."""
    inv_k = 1.0 / model.k
    out = np.empty(model.N)
    bs = _block_rows(model.N)
    for a in range(0, model.N, bs):           # blockwise: no (N, N) temporary
        out[a:a + bs] = (model.I[a:a + bs] ** 2) @ inv_k
    return out


def kappa_schur(model: OscillatorModel) -> np.ndarray:
    """Definition (c): kappa_i = k_i - 1/(H^{-1})_ii, H = diag(k) - I.

    1/(H^{-1})_ii is the Schur complement of all other oscillators, i.e. the exact harmonic
    elimination of them (the effective constant of x_i at fixed x_i with the others at their
    stationary point).  When H has negative eigenvalues that point is a saddle and kappa_i can
    be negative or exceed k_i arbitrarily (see :func:`negative_eigenvalue_count`).
    """
    import scipy.linalg as sl

    # LU inverse in place (LAPACK getrf + getri, 2 N^3 flops): one Fortran-ordered (N, N)
    # array besides I (scipy.linalg.inv(..., overwrite_a=True) crashes on it in scipy 1.17)
    getrf, getri, getri_lwork = sl.get_lapack_funcs(("getrf", "getri", "getri_lwork"),
                                                    dtype=np.float64)
    lu, piv, info = getrf(model.harmonic_matrix(), overwrite_a=True)
    if info != 0:
        raise np.linalg.LinAlgError(f"H = diag(k) - I is singular (getrf info {info})")
    lwork, info = getri_lwork(model.N)
    Hinv, info = getri(lu, piv, lwork=int(lwork), overwrite_lu=True)
    return model.k - 1.0 / np.diag(Hinv).copy()


def kappa_high_frequency(model: OscillatorModel, omega_cut: float,
                         stiff: bool = False) -> np.ndarray:
    """Definition (b): renormalisation by the high-frequency oscillators only.

    The set h = {j : omega_j > omega_cut} is eliminated exactly (harmonically); for a soft
    oscillator i (omega_i <= omega_cut) kappa_i = [I_ih (H_hh)^{-1} I_hi], and for i in h the
    others in h are eliminated: kappa_i = k_i - 1/((H_hh)^{-1})_ii (only with ``stiff=True``:
    it costs an inverse of H_hh; NaN otherwise).  ``omega_cut`` in [0, omega0); with H_hh
    positive definite (checked: ValueError otherwise) every kappa_i >= 0 for the soft ones.
    """
    omega_cut = _positive("omega_cut", omega_cut, allow_zero=True)
    if omega_cut >= model.params.omega0:
        raise ValueError(f"parameter 'omega_cut' must lie in [0, omega0 = "
                         f"{model.params.omega0}), got {omega_cut}")
    hi = model.omega > omega_cut
    lo = ~hi
    Hhh = -model.I[np.ix_(hi, hi)]
    Hhh[np.diag_indices_from(Hhh)] = model.k[hi]
    try:
        C = np.linalg.cholesky(Hhh)
    except np.linalg.LinAlgError:
        raise ValueError(f"parameter 'omega_cut' = {omega_cut}: the block of the oscillators "
                         f"above it is not positive definite (raise omega_cut)") from None
    kappa = np.full(model.N, np.nan)
    Ihs = model.I[np.ix_(hi, lo)]
    # I_sh H_hh^-1 I_hs diagonal = column norms of L^-1 I_hs
    import scipy.linalg as sl

    Y = sl.solve_triangular(C, Ihs, lower=True)
    kappa[lo] = np.einsum("ij,ij->j", Y, Y)
    if stiff:
        Cinv = sl.solve_triangular(C, np.eye(C.shape[0]), lower=True)
        diag_inv = np.einsum("ij,ij->j", Cinv, Cinv)   # (H_hh^-1)_ii = |col_i(L^-1)|^2
        kappa[hi] = model.k[hi] - 1.0 / diag_inv
    return kappa


def negative_eigenvalue_count(model: OscillatorModel) -> int:
    """Number of negative eigenvalues of the harmonic matrix H = diag(k) - I (Sylvester's law
    of inertia: the negative pivots of an LDL^T factorisation, no eigenvalues needed)."""
    import scipy.linalg as sl

    if model.N > 4096:
        # LDL^T (sytrf) is slow at this size (~5 min at N = 13824 on two cores, extrapolated
        # from 23 s at N = 6000) and scipy's ldl
        # returns D as a dense (N, N) array: count the negative eigenvalues instead
        # (divide and conquer, eigenvalues only, in place)
        ev = sl.eigh(model.harmonic_matrix(), eigvals_only=True, driver="evd",
                     overwrite_a=True, check_finite=False)
        return int(np.sum(ev < 0))
    _, d, _ = sl.ldl(model.harmonic_matrix(), lower=True, check_finite=False)
    # d is block diagonal (1x1 and 2x2 blocks): count the negative eigenvalues of each block
    n = d.shape[0]
    neg, i = 0, 0
    while i < n:
        if i + 1 < n and d[i + 1, i] != 0:
            neg += int(np.sum(np.linalg.eigvalsh(d[i:i + 2, i:i + 2]) < 0))
            i += 2
        else:
            neg += int(d[i, i] < 0)
            i += 1
    return neg


def critical_coupling(model: OscillatorModel) -> float:
    """The J at which H = diag(k) - J G/r^3 first loses stability (all else fixed).

    det(diag(k) - J S) = 0 with S = g/r^3 first at J_c = 1 / lambda_max(K^{-1/2} S K^{-1/2}),
    K = diag(k) (a generalized symmetric eigenproblem; inf if S has no positive eigenvalue).
    Below J_c the harmonic elimination (c) is an elimination at a minimum.
    """
    from scipy.sparse.linalg import LinearOperator, eigsh

    s = 1.0 / np.sqrt(model.k)
    if model.params.J > 0:
        S, scale = model.I, 1.0 / model.params.J
    else:
        if model.g is None:
            raise ValueError("critical_coupling at J = 0 needs the g_ij: build the model with "
                             "keep_g=True")
        scale = 1.0
        if model.params.geometry == "mean-field":
            S = model.g
        else:
            r2, _ = _distances2(model.positions, model.box)
            S = model.g / (r2 * np.sqrt(r2))
            np.fill_diagonal(S, 0.0)
    if model.N <= 64:
        lam = np.linalg.eigvalsh(scale * S * s[:, None] * s[None, :])[-1]
    else:   # Lanczos for the top eigenvalue of K^-1/2 S K^-1/2 (matrix-vector products only)
        op = LinearOperator((model.N, model.N), dtype=float,
                            matvec=lambda v: scale * s * (S @ (s * np.ravel(v))))
        lam = eigsh(op, k=1, which="LA", tol=1e-12, v0=np.ones(model.N),
                    return_eigenvectors=False)[0]
    return float(1.0 / lam) if lam > 0 else math.inf


# ---------------------------------------------------------------------------------------------
# the Levy law and the bare distributions
# ---------------------------------------------------------------------------------------------
def mean_inverse_omega(omega0: float = 1.0) -> float:
    """<1/omega>_0 for g_0 = 3 omega^2/omega0^3: 3/(2 omega0)."""
    return 1.5 / _positive("omega0", omega0)


def levy_B(J: float, n0: float = 1.0, M: float = 1.0, omega0: float = 1.0,
           mean_abs_g: float = 1.0, printed: bool = False) -> float:
    r"""B of Eq. (2.18) for g_0 = 3 omega^2.

    Derived (Holtsmark limit of a Poisson field of stiff oscillators; derivation
    ``holtsmark-width``): B = (4 pi/3) sqrt(pi/2) <abs(g)> J n0 <1/omega>_0 / sqrt(M); as printed:
    B = (pi/3) sqrt(pi/2) J n0 <1/omega>_0 / sqrt(M).  k_c = B^2 (Eq. 2.19).
    """
    J = _positive("J", J, allow_zero=True)
    n0, M = _positive("n0", n0), _positive("M", M)
    mean_abs_g = _positive("mean_abs_g", mean_abs_g)
    pref = math.pi / 3 if printed else 4 * math.pi / 3 * mean_abs_g
    return pref * math.sqrt(math.pi / 2) * J * n0 * mean_inverse_omega(omega0) / math.sqrt(M)


def levy_density(kappa, B: float) -> np.ndarray:
    """rho(kappa) = B/sqrt(2 pi) kappa^{-3/2} exp(-B^2/(2 kappa)), Eq. (2.17) (0 for kappa <= 0)."""
    B = _positive("B", B)
    kappa = np.asarray(kappa, float)
    out = np.zeros_like(kappa)
    pos = kappa > 0
    kp = kappa[pos]
    out[pos] = B / math.sqrt(2 * math.pi) * kp**-1.5 * np.exp(-B * B / (2 * kp))
    return out


def bare_F(k, M: float = 1.0, omega0: float = 1.0) -> np.ndarray:
    """F(k) = g_0(omega)/(2 M omega) = 3 sqrt(k/M)/(2 M omega0^3) on 0 < k < M omega0^2,
    Eq. (2.20) for g_0 = 3 omega^2/omega0^3 (0 outside)."""
    k = np.asarray(k, float)
    kmax = M * omega0**2
    inside = (k > 0) & (k < kmax)
    return np.where(inside, 1.5 * np.sqrt(np.clip(k, 0, None) / M) / (M * omega0**3), 0.0)


def bare_F_cdf(k, M: float = 1.0, omega0: float = 1.0) -> np.ndarray:
    """Cumulative of :func:`bare_F`: (k / M omega0^2)^{3/2} clipped to [0, 1]."""
    k = np.asarray(k, float)
    return np.clip(k / (M * omega0**2), 0.0, 1.0) ** 1.5


# ---------------------------------------------------------------------------------------------
# relaxation
# ---------------------------------------------------------------------------------------------
@dataclass
class Relaxed:
    """A local minimum of U: position, energy, Hessian eigenvalues (all, or the lowest ones when
    relaxed with ``spectrum=n``) and how it was reached."""

    x: np.ndarray
    energy: float
    eigenvalues: np.ndarray
    grad_norm: float
    lbfgs_iterations: int
    newton_steps: int
    escapes: int
    seconds: float
    spectrum_seconds: float = float("nan")   # of ``seconds``: the eigenvalues at the minimum

    @property
    def frequencies(self) -> np.ndarray:
        """sqrt of the Hessian eigenvalues (M = 1 units: divide by sqrt(M) otherwise)."""
        return np.sqrt(np.clip(self.eigenvalues, 0, None))


def _spectrum_option(spectrum):
    """``"full"`` or a positive integer (the number of lowest modes): the value or ValueError."""
    if isinstance(spectrum, str) and spectrum == "full":
        return "full"
    if isinstance(spectrum, (bool, float)) or not isinstance(spectrum, (int, np.integer)) \
            or spectrum < 1:
        raise ValueError(f"parameter 'spectrum' must be 'full' or an integer >= 1 (the number "
                         f"of lowest modes), got {spectrum!r}")
    return int(spectrum)


def lowest_eigenvalues(model: OscillatorModel, x, n: int, chol=None, tol: float = 1e-10):
    """The ``n`` lowest eigenvalues of the Hessian at a minimum ``x`` by shift-invert Lanczos.

    ARPACK (``scipy.sparse.linalg.eigsh``) on the inverse Hessian, applied through its dense
    Cholesky factor (``chol``: a ``scipy.linalg.cho_factor`` result of the Hessian at ``x``;
    computed, ~N^3/3 flops, when not given), shift sigma = 0: at a minimum the Hessian is
    positive definite, so the eigenvalues nearest 0 are the lowest.  ValueError if the Hessian
    is not positive definite.  Returns them in ascending order.
    """
    import scipy.linalg as sl
    from scipy.sparse.linalg import LinearOperator, eigsh

    n = _spectrum_option(n)
    if n == "full" or n >= model.N - 1:
        raise ValueError(f"parameter 'n' must lie in [1, N - 2] = [1, {model.N - 2}], got {n}")
    x = np.asarray(x, float)
    if chol is None:
        try:
            chol = sl.cho_factor(model.hessian(x, out=np.empty((model.N, model.N), order="F")),
                                 lower=True, overwrite_a=True,
                                 check_finite=False)
        except np.linalg.LinAlgError:
            raise ValueError("the Hessian at x is not positive definite (not a minimum)") \
                from None
    N = model.N
    H = LinearOperator((N, N), dtype=float, matvec=lambda v: model.hessian_matvec(x, np.ravel(v)))
    Hinv = LinearOperator((N, N), dtype=float,
                          matvec=lambda v: sl.cho_solve(chol, np.ravel(v), check_finite=False))
    w = eigsh(H, k=n, sigma=0.0, OPinv=Hinv, which="LM", tol=tol, v0=np.ones(N),
              ncv=min(N, max(2 * n + 1, n + 64)), return_eigenvectors=False)
    return np.sort(w)


def relax(model: OscillatorModel, seed=None, noise: float = 1e-3, gtol: float = 1e-10,
          maxiter: int = 20000, newton: int = 4, max_escapes: int = 20,
          spectrum="full") -> Relaxed:
    """A local minimum of U reached from x = 0 plus Gaussian noise of size ``noise``.

    L-BFGS (``scipy.optimize.minimize``, method L-BFGS-B without bounds) with the analytic
    gradient, then up to ``newton`` Newton steps with the analytic Hessian (each accepted only if
    it lowers the gradient norm).  If the Hessian there is not positive definite (a saddle) the
    point is displaced along the most negative eigenvector and minimised again (``escapes``).

    Parameters
    ----------
    model : OscillatorModel
    seed : int, SeedSequence or Generator -- the noise of the start
    noise : float -- standard deviation of the start (> 0; x = 0 is a stationary point)
    gtol : float -- target max abs(grad U)
    spectrum : "full" or int -- every Hessian eigenvalue at the minimum (divide and conquer,
        eigenvalues only), or only that many lowest ones (:func:`lowest_eigenvalues`, shift-invert
        Lanczos on the Cholesky factor the Newton polish already computed)

    Memory: besides the couplings one (N, N) buffer, reused for every Hessian, its Cholesky
    factor and the eigenvalue problem (in place).
    """
    import scipy.linalg as sl
    from scipy.optimize import minimize

    noise = _positive("noise", noise)
    gtol = _positive("gtol", gtol)
    spectrum = _spectrum_option(spectrum)
    if spectrum != "full" and spectrum >= model.N - 1:
        raise ValueError(f"parameter 'spectrum' must be < N - 1 = {model.N - 1} lowest modes "
                         f"(or 'full'), got {spectrum}")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    t0 = time.perf_counter()
    x = noise * rng.standard_normal(model.N)
    iters = newton_steps = escapes = 0
    buf = np.empty((model.N, model.N), order="F")    # LAPACK works on it in place

    def factor(y):
        try:
            return sl.cho_factor(model.hessian(y, out=buf), lower=True, overwrite_a=True,
                                 check_finite=False)
        except np.linalg.LinAlgError:
            return None

    while True:
        res = minimize(model.energy_and_gradient, x, jac=True, method="L-BFGS-B",
                       options=dict(maxiter=maxiter, maxcor=20, gtol=gtol * 1e-2,
                                    ftol=1e-15, maxls=50))
        x = res.x
        iters += int(res.nit)
        g = model.gradient(x)
        chol = factor(x)
        if chol is None:          # a saddle (or a flat direction): leave it downhill
            if escapes >= max_escapes:
                break
            w0, v0 = sl.eigh(model.hessian(x, out=buf), subset_by_index=[0, 0], driver="evr",
                             overwrite_a=True)
            escapes += 1
            x = x + 0.1 * math.sqrt(abs(w0[0]) / float(np.max(model.A))) * v0[:, 0] + \
                noise * rng.standard_normal(model.N)
            continue
        for _ in range(newton):   # Newton polish at a minimum
            if np.max(np.abs(g)) < gtol * 1e-3:
                break
            step = -sl.cho_solve(chol, g, check_finite=False)
            g_new = model.gradient(x + step)
            if not np.max(np.abs(g_new)) < np.max(np.abs(g)):
                break
            x, g = x + step, g_new
            newton_steps += 1
            chol = factor(x)
            if chol is None:
                break
        break
    t_min = time.perf_counter()
    if spectrum == "full" or chol is None:
        w = sl.eigh(model.hessian(x, out=buf), eigvals_only=True, driver="evd",
                    overwrite_a=True, check_finite=False)
        if spectrum != "full":
            w = w[:spectrum]
    else:
        w = lowest_eigenvalues(model, x, spectrum, chol=chol)
    del buf
    t1 = time.perf_counter()
    return Relaxed(x, model.energy(x), w, float(np.max(np.abs(g))), iters, newton_steps,
                   escapes, t1 - t0, t1 - t_min)


# ---------------------------------------------------------------------------------------------
# one realisation, the ensemble
# ---------------------------------------------------------------------------------------------
def realisation(params: dict, seed_seq, options: dict) -> Dict[str, np.ndarray]:
    """Everything measured on one realisation (module level: any executor can pickle it).

    ``options``: ``omega_cuts`` (list, definition (b); NaN where the block above a cut is
    itself unstable), ``harmonic`` (bool: kappa (a)-(c), negative eigenvalues, J_c), ``relax``
    (bool), ``starts`` (int: relaxations from independent noisy starts; ``eigenvalues`` is the
    first start's spectrum, ``eigenvalues_starts`` all of them when starts > 1), ``noise``,
    ``double_wells`` (int: the number of softest modes searched by :func:`double_wells`; 0 =
    none; the result ``double_wells`` has rows (omega, asymmetry, barrier, distance,
    participation, barrier_plane), NaN-padded to 2 x that number), ``schur`` (bool, default
    True: reading (c) and the inertia of H, the two O(N^3) parts of the harmonic analysis),
    ``spectrum`` ("full" or the number of lowest
    Hessian eigenvalues kept, see :func:`relax`).  The seconds of each part are returned as
    ``t_build``, ``t_kappa_a``, ``t_kappa_b``, ``t_kappa_c``, ``t_inertia``, ``t_J_c``,
    ``relax_seconds`` (per start) and ``spectrum_seconds`` (its eigenvalue part).
    """
    p = ModelParams(**params)
    ss = seed_seq if isinstance(seed_seq, np.random.SeedSequence) else \
        np.random.SeedSequence(seed_seq)
    s_model, s_relax = ss.spawn(2)
    t0 = time.perf_counter()
    m = build_model(p, s_model)
    out: Dict[str, np.ndarray] = {"k": m.k, "mean_abs_g": np.array(m.mean_abs_g)}
    T = time.perf_counter
    out["t_build"] = np.array(T() - t0)
    if options.get("harmonic", True):
        t = T()
        out["kappa_a"] = kappa_adiabatic(m)
        out["t_kappa_a"] = np.array(T() - t)
        t = T()
        cuts = list(options.get("omega_cuts", (0.6, 0.75, 0.9)))
        kb = np.full((len(cuts), m.N), np.nan)
        for i, c in enumerate(cuts):
            try:
                kb[i] = kappa_high_frequency(m, c)
            except ValueError:    # the block above the cut is itself unstable: NaN
                pass
        out["kappa_b"] = kb
        out["t_kappa_b"] = np.array(T() - t)
        if options.get("schur", True):      # 2 N^3 and ~N^3 flops: optional at large N
            t = T()
            out["kappa_c"] = kappa_schur(m)
            out["t_kappa_c"] = np.array(T() - t)
            t = T()
            out["n_negative"] = np.array(negative_eigenvalue_count(m))
            out["t_inertia"] = np.array(T() - t)
        t = T()
        out["J_c"] = np.array(critical_coupling(m))
        out["t_J_c"] = np.array(T() - t)
    out["t_harmonic"] = np.array(time.perf_counter() - t0)
    if options.get("relax", True):
        starts = int(options.get("starts", 1))
        rngs = [np.random.default_rng(s) for s in s_relax.spawn(starts)]
        runs = [relax(m, r, noise=options.get("noise", 1e-3),
                      spectrum=options.get("spectrum", "full")) for r in rngs]
        first = runs[0]           # the protocol: one relaxation from x = 0 plus noise
        out["eigenvalues"] = first.eigenvalues
        out["x"] = first.x
        out["energies"] = np.array([r.energy for r in runs])
        if starts > 1:
            out["eigenvalues_starts"] = np.array([r.eigenvalues for r in runs])
        out["relax_seconds"] = np.array([r.seconds for r in runs])
        out["spectrum_seconds"] = np.array([r.spectrum_seconds for r in runs])
        out["lbfgs_iterations"] = np.array([r.lbfgs_iterations for r in runs])
        out["grad_norm"] = np.array(max(r.grad_norm for r in runs))
        n_dw = int(options.get("double_wells", 0))
        if n_dw:
            dw = double_wells(m, first, n_modes=n_dw)
            table = np.full((2 * n_dw, 6), np.nan)
            for i, d in enumerate(dw[:2 * n_dw]):
                table[i] = (d.omega, d.asymmetry, d.barrier, d.distance, d.participation,
                            d.barrier_plane)
            out["double_wells"] = table
        out["escapes"] = np.array(sum(r.escapes for r in runs))
    out["seconds"] = np.array(time.perf_counter() - t0)
    return out


@dataclass
class Ensemble:
    """Stacked per-realisation results with their parameters (``save``/``load`` as .npz)."""

    params: dict
    options: dict
    seed: int
    data: Dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def realisations(self) -> int:
        return len(next(iter(self.data.values()))) if self.data else 0

    def save(self, path) -> None:
        meta = json.dumps({"params": self.params, "options": self.options, "seed": self.seed,
                           "module": __name__})
        np.savez_compressed(path, _meta=np.array(meta), **self.data)

    @classmethod
    def load(cls, path) -> "Ensemble":
        with np.load(path) as z:
            meta = json.loads(str(z["_meta"]))
            data = {k: z[k] for k in z.files if k != "_meta"}
        return cls(meta["params"], meta["options"], meta["seed"], data)

    def pooled(self, key: str) -> np.ndarray:
        """All realisations' values of ``key`` in one flat array."""
        return np.asarray(self.data[key]).reshape(-1)


def simulate(params: ModelParams = ModelParams(), realisations: int = 10, seed: int = 2003,
             executor: Optional[Executor] = None, progress=False, *,
             omega_cuts: Sequence[float] = (0.6, 0.75, 0.9), harmonic: bool = True,
             relax: bool = True,
             starts: int = 1, noise: float = 1e-3, double_wells: int = 0,
             spectrum="full", schur: bool = True) -> Ensemble:
    """Independent realisations, in order, each with its own ``SeedSequence(seed).spawn`` stream.

    Parameters
    ----------
    params : ModelParams
    realisations : int (>= 1)
    seed : int (>= 0) -- the same seed gives the same ensemble on any executor
    executor : concurrent.futures.Executor, optional -- e.g. a ``ProcessPoolExecutor`` or a
        dask ``Client.get_executor()``; sequential without one
    progress : False, True (a live bar) or "log" (a line every 30 s), see
        :mod:`glassderive.numeric.progress`
    omega_cuts, harmonic, relax, starts, noise, double_wells : what :func:`realisation`
        measures
    schur : bool -- reading (c) (an LU inverse, 2 N^3 flops) and the inertia of H (False:
        skipped, for large N)
    spectrum : "full" or int -- every Hessian eigenvalue at the minimum, or only that many
        lowest ones (shift-invert Lanczos; the summary then fits only below the highest
        frequency computed in every realisation)
    """
    if not isinstance(params, ModelParams):
        raise TypeError(f"parameter 'params' must be a ModelParams, got {type(params).__name__}")
    if isinstance(realisations, bool) or int(realisations) != realisations or realisations < 1:
        raise ValueError(f"parameter 'realisations' must be an integer >= 1, got {realisations!r}")
    if isinstance(seed, bool) or int(seed) != seed or seed < 0:
        raise ValueError(f"parameter 'seed' must be an integer >= 0, got {seed!r}")
    if int(starts) != starts or starts < 1:
        raise ValueError(f"parameter 'starts' must be an integer >= 1, got {starts!r}")
    for c in omega_cuts:
        if not (0 <= float(c) < params.omega0):
            raise ValueError(f"parameter 'omega_cuts' must lie in [0, omega0), got {c}")
    _positive("noise", noise)
    if int(double_wells) != double_wells or double_wells < 0:
        raise ValueError(f"parameter 'double_wells' must be an integer >= 0, got "
                         f"{double_wells!r}")
    spectrum = _spectrum_option(spectrum)
    if spectrum != "full" and spectrum >= params.N - 1:
        raise ValueError(f"parameter 'spectrum' must be < N - 1 = {params.N - 1} lowest modes "
                         f"(or 'full'), got {spectrum}")
    options = {"omega_cuts": [float(c) for c in omega_cuts], "harmonic": bool(harmonic),
               "spectrum": spectrum, "schur": bool(schur),
               "relax": bool(relax), "starts": int(starts), "noise": float(noise),
               "double_wells": int(double_wells)}
    pd = params.to_dict()
    seqs = np.random.SeedSequence(int(seed)).spawn(int(realisations))
    n = int(realisations)
    if executor is None:
        it = (realisation(pd, s, options) for s in seqs)
    else:
        it = executor.map(realisation, [pd] * n, seqs, [options] * n)
    if progress:
        from .progress import progress_iter
        it = progress_iter(it, n, "realisations", "real", progress)
    parts = list(it)
    data = {key: np.stack([p[key] for p in parts]) for key in parts[0]}
    return Ensemble(pd, options, int(seed), data)


# ---------------------------------------------------------------------------------------------
# measurements
# ---------------------------------------------------------------------------------------------
def power_law_exponent(values, upper: float):
    """Maximum-likelihood exponent beta of a density ~ v^beta on (0, upper].

    beta + 1 = n / sum ln(upper/v_i) over the n values below ``upper`` (a truncated power law);
    standard error (beta + 1)/sqrt(n).  Returns (beta, error, n).
    """
    upper = _positive("upper", upper)
    v = np.asarray(values, float)
    v = v[(v > 0) & (v <= upper)]
    n = v.size
    if n < 2:
        raise ValueError(f"parameter 'upper' = {upper}: fewer than 2 values below it")
    b1 = n / np.sum(np.log(upper / v))
    return float(b1 - 1), float(b1 / math.sqrt(n)), int(n)


def hill_tail(values, fraction: float = 0.01):
    """Density exponent of the upper tail, rho ~ v^-(1 + alpha), by Hill's estimator on the
    largest ``fraction`` of the positive values: (1 + alpha, standard error alpha/sqrt(m), m)
    (Hill 1975)."""
    v = np.sort(np.asarray(values, float))
    v = v[v > 0]
    m = max(int(fraction * v.size), 2)
    if v.size <= m:
        raise ValueError("parameter 'values': too few positive values for the tail")
    top = v[-m:]
    thr = v[-m - 1]
    alpha = m / np.sum(np.log(top / thr))
    return float(1 + alpha), float(alpha / math.sqrt(m)), int(m)


@dataclass
class KappaStats:
    """Numbers of one sample of kappa (and the matching k = k_1 - kappa)."""

    maximum: float          # position of the maximum of rho(kappa) (histogram in ln kappa,
                            # converted to the density in kappa)
    median: float
    width: float            # interquartile range
    negative_fraction: float
    right_tail: tuple       # (exponent of rho ~ kappa^-e, error, tail size)
    left_tail: Optional[tuple]   # the same for -kappa (negative values), if enough
    Phi0: float             # density of k = k_1 - kappa at 0 (|k| < dk)
    Phi0_error: float
    unstable_fraction: float   # fraction with k < 0

    def line(self) -> str:
        lt = "-" if self.left_tail is None else f"{self.left_tail[0]:.2f}+-{self.left_tail[1]:.2f}"
        return (f"max {self.maximum:.4f}  median {self.median:.4f}  IQR {self.width:.4f}  "
                f"neg {self.negative_fraction:.4f}  tail+ {self.right_tail[0]:.2f}+-"
                f"{self.right_tail[1]:.2f}  tail- {lt}  Phi(0) {self.Phi0:.3f}+-"
                f"{self.Phi0_error:.3f}  k<0 {self.unstable_fraction:.4f}")


def kappa_statistics(kappa, k, dk: float = 0.01, tail_fraction: float = 0.01) -> KappaStats:
    """Maximum, median, width, tails of ``kappa`` and Phi(0) of k - kappa (``k`` the bare
    constants of the same oscillators)."""
    kappa = np.asarray(kappa, float).reshape(-1)
    k = np.asarray(k, float).reshape(-1)
    if kappa.shape != k.shape:
        raise ValueError("parameters 'kappa' and 'k' must have the same size")
    dk = _positive("dk", dk)
    pos = kappa[kappa > 0]
    lo, hi = np.quantile(pos, [0.001, 0.995])
    edges = np.geomspace(lo, hi, 60)
    h, _ = np.histogram(pos, edges)
    centers = np.sqrt(edges[1:] * edges[:-1])
    dens = h / np.diff(edges)
    dens = np.convolve(dens, np.ones(3) / 3, mode="same")
    maximum = float(centers[np.argmax(dens[1:-1]) + 1])
    q1, med, q3 = np.quantile(kappa, [0.25, 0.5, 0.75])
    neg = kappa < 0
    left = hill_tail(-kappa[neg], tail_fraction * kappa.size / max(neg.sum(), 1)) \
        if neg.sum() > 200 else None
    kk = k - kappa
    n0 = np.sum(np.abs(kk) < dk)
    return KappaStats(maximum, float(med), float(q3 - q1), float(neg.mean()),
                      hill_tail(pos, tail_fraction), left, float(n0 / (2 * dk * kk.size)),
                      float(math.sqrt(max(n0, 1)) / (2 * dk * kk.size)), float(np.mean(kk < 0)))


def convolution_distance(kappa, k, edges=None, groups: Optional[int] = None):
    """Distance between the measured Phi(k) and the convolution (2.21) of F with the measured
    rho(kappa).

    The convolution treats k_1 and kappa as independent: P(k in [a, b]) =
    E_kappa[F_cdf(b + kappa) - F_cdf(a + kappa)] (exact per sample, F of Eq. 2.20).  The
    distance is the total-variation distance of the two binned distributions,
    (1/2) sum abs(p_measured - p_convolved); its sampling error is the jackknife over ``groups``
    blocks (realisations: pass ``kappa`` and ``k`` with shape (R, N), ``groups`` = R).  Even
    an exact convolution gives a positive distance from the finite sample: ``floor`` is the mean
    distance of 50 multinomial samples of the same size drawn from the convolution itself.
    Returns (distance, error, floor, edges, p_measured, p_convolved).
    """
    kappa = np.atleast_2d(np.asarray(kappa, float))
    k = np.atleast_2d(np.asarray(k, float))
    if kappa.shape != k.shape:
        raise ValueError("parameters 'kappa' and 'k' must have the same shape")
    if edges is None:
        edges = np.linspace(-0.5, 1.0, 61)
    edges = np.asarray(edges, float)

    # per-realisation sums, so that the jackknife is a subtraction (O(R N bins), not O(R^2 ...))
    R = kappa.shape[0]
    n_r = kappa.shape[1]
    meas_r = np.array([np.histogram(kk - kap, edges)[0] for kap, kk in zip(kappa, k)], float)
    cdf = np.array([[np.sum(bare_F_cdf(e + kap)) for e in edges] for kap in kappa])
    conv_r = np.diff(cdf, axis=1)
    meas = meas_r.sum(0) / k.size
    conv = conv_r.sum(0) / k.size
    d = 0.5 * float(np.sum(np.abs(meas - conv)))
    groups = R if groups is None else int(groups)
    err = float("nan")
    if groups >= 3 and groups == R:
        tot_m, tot_c = meas_r.sum(0), conv_r.sum(0)
        size = (R - 1) * n_r
        ds = 0.5 * np.sum(np.abs((tot_m - meas_r) - (tot_c - conv_r)), axis=1) / size
        err = float(math.sqrt((R - 1) / R * np.sum((ds - ds.mean()) ** 2)))
    rng = np.random.default_rng(0)
    pc = np.clip(conv, 0, None)
    rest = max(1.0 - pc.sum(), 0.0)              # mass outside the binned range
    probs = np.append(pc, rest) / (pc.sum() + rest)
    draws = rng.multinomial(k.size, probs, size=50)[:, :-1] / k.size
    floor = float(np.mean(0.5 * np.sum(np.abs(draws - conv), axis=1)))
    return d, err, floor, edges, meas, conv


def reduced_dos_peak(omega, n_oscillators: int, bins=None, bootstrap: int = 200, seed: int = 0,
                     min_count: int = 30, omega_limit: float = math.inf):
    """Position of the maximum of g(omega)/omega^2 from a histogram of frequencies.

    g is per oscillator (``n_oscillators`` = N x realisations).  Log-spaced bins
    (default 40 on [0.01, 1]), three-bin running mean, only where three neighbouring bins hold
    at least ``min_count`` modes; the error is the bootstrap spread over resampled frequencies.
    ``omega_limit``: the spectrum is complete only below it (a partial spectrum, the lowest
    modes): bins reaching above it are not candidates (a maximum at the last candidate bin is
    then a lower bound).  Returns (omega_b, error, centers, g_over_omega2).
    """
    omega = np.asarray(omega, float).reshape(-1)
    edges = np.geomspace(0.01, 1.0, 41) if bins is None else np.asarray(bins, float)
    centers = np.sqrt(edges[1:] * edges[:-1])
    # a bin is usable when it and its right neighbour (running mean) lie below the limit
    beyond = np.append(edges[2:], np.inf) > omega_limit

    def peak(w):
        counts = np.histogram(w, edges)[0]
        h = counts / (n_oscillators * np.diff(edges)) / centers**2
        hs = np.convolve(h, np.ones(3) / 3, mode="same")
        # bins with a handful of modes (the sparse low end) would dominate g/omega^2
        cs = np.convolve(counts, np.ones(3), mode="same")
        hs[cs < min_count] = -np.inf
        hs[beyond] = -np.inf
        hs[0] = hs[-1] = -np.inf
        if not np.isfinite(hs).any():
            return math.nan, h
        i = int(np.argmax(hs))
        return centers[i], h

    wb, h = peak(omega)
    if not math.isfinite(wb):
        return math.nan, math.nan, centers, h
    rng = np.random.default_rng(seed)
    boots = [peak(rng.choice(omega, omega.size))[0] for _ in range(bootstrap)]
    return float(wb), float(np.nanstd(boots)), centers, h


@dataclass
class SeaGullFit:
    """One-parameter fit of the sea-gull law to relaxed frequencies (see :func:`fit_sea_gull`)."""

    omega_star: float
    omega_star_error: float
    amplitude: float        # M Phi(0) implied by the number of modes in the window
    omega_max: float
    n_modes: int
    chi2: float
    dof: int
    p_value: float
    ks: float               # Kolmogorov-Smirnov distance in the window
    omega_b: float          # Boson peak of the fitted law: x_b omega*
    edges: np.ndarray
    observed: np.ndarray
    expected: np.ndarray

    def line(self) -> str:
        return (f"omega* = {self.omega_star:.4f} +- {self.omega_star_error:.4f}, M Phi(0) = "
                f"{self.amplitude:.3f}, omega_b = {self.omega_b:.4f}; chi2 = {self.chi2:.1f} "
                f"for {self.dof} dof (p = {self.p_value:.2g}), KS = {self.ks:.4f}, "
                f"{self.n_modes} modes below {self.omega_max:g}")


_CUM = None


def _cumulative_reduced_dos():
    """x grid and R(x) = int_0^x reduced_dos (total), R ~ (12/pi) sqrt(3/2) x^5/5 at small x."""
    global _CUM
    if _CUM is None:
        from .seagull import reduced_dos

        x = np.geomspace(1e-4, 1e4, 8001)
        r = reduced_dos(x, "total")
        R0 = 12 / math.pi * math.sqrt(1.5) * x[0] ** 5 / 5
        inc = 0.5 * (r[1:] + r[:-1]) * np.diff(x)
        _CUM = (x, np.concatenate([[R0], R0 + np.cumsum(inc)]))
    return _CUM


def _R(X):
    x, R = _cumulative_reduced_dos()
    X = np.asarray(X, float)
    small = X < x[0]
    out = np.exp(np.interp(np.log(np.where(small, x[0], X)), np.log(x), np.log(R)))
    return np.where(small, R[0] * (np.maximum(X, 0) / x[0]) ** 5, out)


def fit_sea_gull(omega, n_oscillators: int, omega_max: float, bins: int = 20) -> SeaGullFit:
    r"""Fit g(omega) = a omega* r(omega/omega*) (r = ``reduced_dos``, total branch) for
    omega < omega_max, with the one shape parameter omega*.

    The amplitude a = M Phi(0) (per oscillator, n0 = 1) is not a second free parameter: it is
    fixed by the number of modes in the window, a = n / (n_oscillators omega*^2 R(omega_max/
    omega*)), R the integral of r.  omega* maximises the likelihood of the frequencies in the
    window, conditional on their number (error from the curvature of the log-likelihood).
    Goodness of fit: chi-square on ``bins`` equal-count bins (dof = bins - 2) and the
    Kolmogorov-Smirnov distance.
    """
    from scipy.optimize import minimize_scalar
    from scipy.stats import chi2 as chi2_dist

    from .seagull import boson_peak, reduced_dos

    omega_max = _positive("omega_max", omega_max)
    w = np.sort(np.asarray(omega, float).reshape(-1))
    w = w[(w > 0) & (w < omega_max)]
    n = w.size
    if n < 5 * bins:
        raise ValueError(f"parameter 'omega_max' = {omega_max}: only {n} modes below it "
                         f"(need >= {5 * bins})")
    logw = np.log(w)

    def nll(ls):
        s = math.exp(ls)
        return -(np.sum(np.log(reduced_dos(np.exp(logw - ls), "total"))) -
                 n * math.log(s * float(_R(omega_max / s))))

    lo, hi = math.log(omega_max / 1e3), math.log(omega_max * 10)
    grid = np.linspace(lo, hi, 41)
    vals = [nll(g) for g in grid]
    i = int(np.argmin(vals))
    res = minimize_scalar(nll, bounds=(grid[max(i - 1, 0)], grid[min(i + 1, 40)]),
                          method="bounded", options=dict(xatol=1e-8))
    ls = float(res.x)
    h = 1e-3
    curv = (nll(ls + h) - 2 * nll(ls) + nll(ls - h)) / h**2
    s = math.exp(ls)
    s_err = s / math.sqrt(curv) if curv > 0 else float("nan")
    amp = n / (n_oscillators * s * s * float(_R(omega_max / s)))
    edges = np.quantile(w, np.linspace(0, 1, bins + 1))
    edges[0], edges[-1] = 0.0, omega_max
    cdf = lambda om: _R(om / s) / float(_R(omega_max / s))  # noqa: E731
    expected = n * np.diff(cdf(edges))
    observed = np.histogram(w, edges)[0]
    c2 = float(np.sum((observed - expected) ** 2 / expected))
    dof = bins - 2
    emp = np.arange(1, n + 1) / n
    ks = float(np.max(np.abs(emp - cdf(w))))
    return SeaGullFit(s, s_err, amp, omega_max, n, c2, dof, float(chi2_dist.sf(c2, dof)), ks,
                      boson_peak().x_b * s, edges, observed, expected)


# ---------------------------------------------------------------------------------------------
# the report of an ensemble
# ---------------------------------------------------------------------------------------------
def _sea_gull_expected_exponent(upper_over_star: float) -> float:
    """The exponent :func:`power_law_exponent` returns on average for frequencies drawn from the
    sea-gull law below u = upper/omega*: beta + 1 = 1/E[ln(u/x)] (large-sample limit)."""
    from scipy.integrate import quad

    from .seagull import reduced_dos

    u = upper_over_star
    num = quad(lambda t: math.log(u / t) * float(reduced_dos(t)), 0, u, limit=200)[0]
    return 1.0 / (num / float(_R(u))) - 1.0


def kappa_report(ens: "Ensemble") -> Dict[str, dict]:
    """The numbers of every kappa definition of an ensemble: :class:`KappaStats`, Phi(0) against
    F(k_c) (k_c = B^2, B printed and derived), and the convolution distance (2.21)."""
    p = ModelParams(**ens.params)
    k = np.asarray(ens.data["k"])
    mean_abs_g = float(np.mean(ens.data["mean_abs_g"]))
    Bd = levy_B(p.J, p.n0, p.M, p.omega0, mean_abs_g)
    Bp = levy_B(p.J, p.n0, p.M, p.omega0, printed=True)
    defs = {"a (Eq. 2.11)": ens.data.get("kappa_a"), "c (Schur, all)": ens.data.get("kappa_c")}
    if "kappa_b" in ens.data:
        for i, c in enumerate(ens.options["omega_cuts"]):
            defs[f"b (omega > {c:g})"] = np.asarray(ens.data["kappa_b"])[:, i, :]
    out = {}
    for name, kap in defs.items():
        if kap is None:
            continue
        kap = np.asarray(kap)
        ok = np.any(np.isfinite(kap), axis=1)    # (b): NaN for the stiff ones / unstable
        if not ok.any():
            out[name] = {"valid_realisations": 0}
            continue
        kk, kp = k[ok], kap[ok]
        if name.startswith("b"):     # the soft ones only carry the renormalisation by the hard
            cut = float(name.split(">")[1].strip(" )"))
            soft = np.sqrt(kk / p.M) <= cut
            stats = kappa_statistics(kp[soft], kk[soft])
            stats.Phi0 *= soft.mean()
            stats.Phi0_error *= soft.mean()
        else:
            stats = kappa_statistics(kp, kk)
        if kp.shape[0] >= 3:   # realisations fluctuate more than counting says ((c): near-zero
            dk = 0.01          # eigenvalues of H put whole modes at k ~ 0): error over them
            per = np.sum(np.abs(kk - kp) < dk, axis=1) / (2 * dk * kk.shape[1])
            stats.Phi0_error = max(stats.Phi0_error, float(per.std(ddof=1) /
                                                           math.sqrt(len(per))))
        if name.startswith("b"):
            dist = (float("nan"),) * 3          # defined for the soft ones only
        else:
            dist = convolution_distance(kp, kk) if kp.shape[0] >= 3 else (float("nan"),) * 3
        out[name] = {"stats": stats, "valid_realisations": int(ok.sum()),
                     "Phi0_over_F_kc_derived": stats.Phi0 / float(bare_F(min(Bd**2, 0.999))),
                     "Phi0_over_F_kc_printed": stats.Phi0 / float(bare_F(Bp**2)),
                     "convolution_tv": dist[0], "convolution_tv_error": dist[1],
                     "convolution_tv_floor": dist[2]}
    return {"B_derived": Bd, "B_printed": Bp, "k_c_derived": Bd**2, "k_c_printed": Bp**2,
            "mean_abs_g": mean_abs_g, "definitions": out}


def relaxed_report(ens: "Ensemble", omega_max: Optional[float] = None,
                   exponent_upper: Optional[float] = None) -> dict:
    """The relaxed spectrum of an ensemble: negative Hessian eigenvalues left, the Boson peak of
    g/omega^2 (histogram), the sea-gull fit below ``omega_max`` (default 2 omega_b), the
    low-frequency exponent below ``exponent_upper`` (default omega_b/2) with the exponent the
    fitted sea-gull law gives in the same window.  ``fit_to_omega_b``: the same fit below the
    measured omega_b."""
    ev = np.asarray(ens.data["eigenvalues"])
    n_osc = ev.shape[0] * int(ens.params["N"])          # oscillators, not computed modes
    w = np.sqrt(np.clip(ev, 0, None)).reshape(-1) / math.sqrt(ens.params.get("M", 1.0))
    # a partial spectrum (the lowest modes only) is complete below the smallest of the
    # realisations' highest computed frequencies: every number is taken below it
    partial = ev.shape[1] < int(ens.params["N"])
    limit = float(np.min(np.sqrt(np.clip(ev.max(axis=1), 0, None)) /
                         math.sqrt(ens.params.get("M", 1.0)))) if partial else math.inf
    if partial:
        w = w[w <= limit]
    wb, wb_err, _, _ = reduced_dos_peak(w, n_osc, omega_limit=limit)
    wb_edge = math.isfinite(wb) and wb * 1.25 > limit     # its last candidate bin: a bound
    ref = wb if math.isfinite(wb) else limit
    omega_max = min(2 * ref, limit) if omega_max is None else min(omega_max, limit)
    exponent_upper = min(ref / 2, limit) if exponent_upper is None else \
        min(exponent_upper, limit)
    out = {"negative_at_minimum": int(np.sum(ev < 0)), "omega_b": wb, "omega_b_error": wb_err,
           "modes": n_osc, "computed_modes": int(ev.size), "omega_limit": limit,
           "omega_b_at_limit": bool(wb_edge)}
    try:
        fit = fit_sea_gull(w, n_osc, omega_max)
        out["fit"] = fit
    except ValueError as exc:
        out["fit"] = None
        out["fit_error"] = str(exc)
    try:
        out["fit_to_omega_b"] = fit_sea_gull(w, n_osc, min(wb, limit)) \
            if math.isfinite(wb) else None
    except ValueError:
        out["fit_to_omega_b"] = None
    try:
        beta, err, n = power_law_exponent(w, exponent_upper)
        if n < 20:
            raise ValueError(f"only {n} modes below {exponent_upper:.4g}: no exponent")
        out["exponent"] = (beta, err, n, exponent_upper)
        if out["fit"] is not None:
            out["exponent_sea_gull"] = _sea_gull_expected_exponent(
                exponent_upper / out["fit"].omega_star)
    except ValueError as exc:
        out["exponent"] = None
        out["exponent_error"] = str(exc)
    if "energies" in ens.data:
        e = np.asarray(ens.data["energies"])
        if e.shape[1] > 1:
            out["start_energy_spread"] = float(np.mean(np.std(e, axis=1) / np.abs(e.mean(1))))
    return out


def summary(ens: "Ensemble") -> str:
    """A plain-text report of an ensemble (what ``glassderive simulate oscillators`` prints)."""
    p = ens.params
    p = dict(ModelParams(**p).to_dict())
    lines = [f"oscillators: N = {p['N']}, J = {p['J']:g}, h = {p['h']:g}, {p['geometry']} geometry"
             f"{', d_min = %g' % p['d_min'] if p['geometry'] == 'random' else ''}, "
             f"{p['coupling']} couplings, A = {p['A']:g} (spread {p['A_spread']:g}); "
             f"{ens.realisations} realisations, seed {ens.seed}"]
    if "kappa_a" in ens.data:
        r = kappa_report(ens)
        Jc = np.asarray(ens.data["J_c"])
        if "n_negative" in ens.data:
            nneg = np.asarray(ens.data["n_negative"])
            neg = f"{nneg.mean():.1f} +- {nneg.std():.1f} negative eigenvalues"
        else:
            neg = "inertia and reading (c) not computed (schur=False)"
        lines.append(f"harmonic H = diag(k) - I: {neg}; stable only below J_c = "
                     f"{np.median(Jc):.4f} (median; range {Jc.min():.4f}-{Jc.max():.4f})")
        if p["geometry"] != "mean-field":
            lines.append(f"Levy B derived {r['B_derived']:.4f} (k_c = {r['k_c_derived']:.4f}), "
                         f"printed {r['B_printed']:.4f} (k_c = {r['k_c_printed']:.4f}); <|g|> = "
                         f"{r['mean_abs_g']:.4f}")
        for name, d in r["definitions"].items():
            if not d.get("valid_realisations"):
                lines.append(f"  kappa {name}: block above the cut unstable in every realisation")
                continue
            st = d["stats"]
            lines.append(f"  kappa {name} [{d['valid_realisations']} real.]: {st.line()}")
            conv = ("" if not np.isfinite(d["convolution_tv"]) else
                    f"; convolution (2.21) TV distance {d['convolution_tv']:.4f} +- "
                    f"{d['convolution_tv_error']:.4f} (sampling floor "
                    f"{d['convolution_tv_floor']:.4f})")
            lines.append(f"      Phi(0)/F(k_c) = {d['Phi0_over_F_kc_derived']:.3f} (derived k_c),"
                         f" {d['Phi0_over_F_kc_printed']:.3f} (printed k_c){conv}")
    if "eigenvalues" in ens.data:
        r = relaxed_report(ens)
        if r["computed_modes"] < r["modes"]:
            lines.append(f"partial spectrum: the {r['computed_modes'] // ens.realisations} lowest"
                         f" Hessian eigenvalues per realisation, complete below omega = "
                         f"{r['omega_limit']:.4f}; every number below is taken under it")
        bound = " (at the edge of the computed spectrum: a lower bound)" \
            if r["omega_b_at_limit"] else ""
        if np.isfinite(r["omega_b"]):
            peak = (f"Boson peak of g/omega^2 at omega_b = {r['omega_b']:.4f} +- "
                    f"{r['omega_b_error']:.4f}{bound}")
        else:
            peak = "no Boson peak resolved (too few modes)"
        lines.append(f"relaxed: {r['negative_at_minimum']} negative Hessian eigenvalues at the "
                     f"minima; {peak}")
        if r.get("exponent") is None and "exponent_error" in r:
            lines.append(f"  low-frequency exponent: {r['exponent_error']}")
        if r.get("exponent"):
            b, e, n, u = r["exponent"]
            extra = (f" (sea-gull law in the same window: {r['exponent_sea_gull']:.2f})"
                     if "exponent_sea_gull" in r else "")
            lines.append(f"  low-frequency exponent g ~ omega^beta below {u:.4f}: beta = "
                         f"{b:.2f} +- {e:.2f} ({n} modes){extra}")
        for key in ("fit_to_omega_b", "fit"):
            if r.get(key) is not None:
                lines.append(f"  sea-gull fit: {r[key].line()}")
        if "start_energy_spread" in r:
            lines.append(f"  relative spread of the minimum's energy over starts: "
                         f"{r['start_energy_spread']:.3g}")
    if "double_wells" in ens.data:
        t = np.asarray(ens.data["double_wells"])
        per = np.sum(np.isfinite(t[:, :, 0]), axis=1)
        rows = t[np.isfinite(t[:, :, 0])]
        n_modes = ens.options.get("double_wells", 0)
        line = (f"double wells along the {n_modes} softest modes: {per.sum()} in "
                f"{ens.realisations} realisations ({per.mean():.2f} +- "
                f"{per.std() / math.sqrt(max(len(per), 1)):.2f} per realisation)")
        if rows.size:
            a, b, pr = np.abs(rows[:, 1]), rows[:, 2], rows[:, 4]
            line += (f"; |asymmetry| median {np.median(a):.3g} (range {a.min():.2g}-"
                     f"{a.max():.2g}), barrier median {np.median(b):.3g}, oscillators involved "
                     f"(participation x N) median {np.median(pr * p['N']):.1f}")
        lines.append(line)
    return "\n".join(lines)


def compare_spectra(a: "Ensemble", b: "Ensemble", omega_max: float = 0.5) -> dict:
    """Do two ensembles have the same relaxed spectrum below ``omega_max``?  (The test of the
    claim that the relaxed DOS does not depend on the anharmonicity, Gurevich, Parshin, Schober
    2003.)  Two-sample Kolmogorov-Smirnov on the frequencies below ``omega_max``, the counts
    per oscillator there, and the Boson peak and fitted omega* of each."""
    from scipy.stats import ks_2samp

    omega_max = _positive("omega_max", omega_max)
    for e in (a, b):
        if np.shape(e.data["eigenvalues"])[-1] != int(e.params["N"]):
            raise ValueError("compare_spectra needs full spectra (spectrum='full')")
    ws = [np.sqrt(np.clip(np.asarray(e.data["eigenvalues"]), 0, None)).reshape(-1)
          for e in (a, b)]
    low = [w[w < omega_max] for w in ws]
    ks = ks_2samp(low[0], low[1])
    out = {"ks": float(ks.statistic), "p_value": float(ks.pvalue),
           "fraction_below": [lw.size / w.size for lw, w in zip(low, ws)],
           "omega_b": [reduced_dos_peak(w, w.size)[:2] for w in ws]}
    fits = []
    for w in ws:
        try:
            fits.append(fit_sea_gull(w, w.size, omega_max).omega_star)
        except ValueError:
            fits.append(float("nan"))
    out["omega_star"] = fits
    return out


# ---------------------------------------------------------------------------------------------
# double wells along the softest modes (two-level-system candidates)
# ---------------------------------------------------------------------------------------------
@dataclass
class DoubleWell:
    """A second minimum found along a soft mode of a relaxed configuration.

    ``asymmetry``: U(second) - U(first) (either sign); ``barrier``: the highest energy along the
    straight path between them, measured from the lower minimum (an upper bound on the saddle);
    ``distance``: the Euclidean distance between the minima; ``omega``: the frequency of the mode
    it was found along; ``participation``: participation ratio of the displacement
    (sum d^2)^2 / (N sum d^4) (1/N: one oscillator, 1: all); ``barrier_plane``: the lowest
    energy found (L-BFGS) in the hyperplane normal to the straight path through its maximum,
    from the lower minimum -- the minimum-energy path crosses that plane at or below its saddle,
    so for a quasi-one-dimensional well it estimates the saddle from below (``barrier`` bounds
    it from above).
    """

    mode: int
    omega: float
    asymmetry: float
    barrier: float
    distance: float
    participation: float
    barrier_plane: float = float("nan")


def double_wells(model: OscillatorModel, relaxed: Relaxed, n_modes: int = 10,
                 s_max: float = 3.0, points: int = 121, seed=None) -> list:
    """Second minima along the ``n_modes`` softest modes of a relaxed configuration.

    For each of the lowest Hessian eigenvectors v the energy U(x* + s v) is scanned on
    ``points`` values of s in [-s_max, s_max]; from every further local minimum of that line
    the full system is relaxed (:func:`relax` started there, without noise escapes), and a
    minimum distinct from x* (distance > 1e-6, gradient converged, Hessian positive definite) is
    recorded once.  Returns a list of :class:`DoubleWell`.
    """
    import scipy.linalg as sl
    from scipy.optimize import minimize

    if int(n_modes) != n_modes or n_modes < 1:
        raise ValueError(f"parameter 'n_modes' must be an integer >= 1, got {n_modes!r}")
    s_max = _positive("s_max", s_max)
    if int(points) != points or points < 5:
        raise ValueError(f"parameter 'points' must be an integer >= 5, got {points!r}")
    x0 = relaxed.x
    e0 = model.energy(x0)
    n = min(int(n_modes), model.N)
    w, V = sl.eigh(model.hessian(x0), subset_by_index=[0, n - 1], driver="evr")
    s = np.linspace(-s_max, s_max, int(points))
    found: list = []
    seen: list = []
    for m in range(n):
        v = V[:, m]
        prof = np.array([model.energy(x0 + si * v) for si in s])
        inner = np.flatnonzero((prof[1:-1] < prof[:-2]) & (prof[1:-1] < prof[2:])) + 1
        for i in inner:
            if abs(s[i]) < 2 * (s[1] - s[0]):
                continue                                   # the minimum x* itself
            res = minimize(model.energy_and_gradient, x0 + s[i] * v, jac=True,
                           method="L-BFGS-B", options=dict(maxiter=20000, maxcor=20,
                                                           gtol=1e-12, ftol=1e-15))
            x2 = res.x
            d = x2 - x0
            dist = float(np.linalg.norm(d))
            if dist < 1e-6 or np.max(np.abs(model.gradient(x2))) > 1e-7:
                continue
            if any(np.linalg.norm(x2 - y) < 1e-6 for y in seen):
                continue
            try:
                np.linalg.cholesky(model.hessian(x2))
            except np.linalg.LinAlgError:
                continue
            seen.append(x2)
            t = np.linspace(0, 1, 201)
            path = np.array([model.energy(x0 + ti * d) for ti in t])
            e2 = path[-1]
            # the saddle from below: relax within the hyperplane through the path's maximum
            # normal to d (the minimum-energy path crosses it at or below the saddle)
            n_hat = d / dist
            y_m = x0 + t[int(np.argmax(path))] * d

            def plane(z):
                z = z - np.dot(z, n_hat) * n_hat
                e, gr = model.energy_and_gradient(y_m + z)
                return e, gr - np.dot(gr, n_hat) * n_hat

            rp = minimize(plane, np.zeros(model.N), jac=True, method="L-BFGS-B",
                          options=dict(maxiter=20000, maxcor=20, gtol=1e-12, ftol=1e-15))
            found.append(DoubleWell(m, float(math.sqrt(max(w[m], 0.0))), float(e2 - e0),
                                    float(path.max() - min(e0, e2)), dist,
                                    float(np.sum(d**2) ** 2 / (model.N * np.sum(d**4))),
                                    float(rp.fun - min(e0, e2))))
    return found


def soft_potential_ratio(phi) -> np.ndarray:
    """R(phi) = |asymmetry| / barrier (from the lower minimum) of the soft double well
    U = -f x - |k| x^2/2 + A x^4/4 (Parshin, Schober, Gurevich 2007, Eq. 3.1 with k < 0) as a
    function of phi = f/f*, f* = 2 |k|^(3/2)/(3 sqrt(3A)) the force at which the upper minimum
    disappears: independent of |k| and A (exact, from the trigonometric roots of
    A x^3 - |k| x - f = 0).  R rises monotonically from 0 (phi = 0) to 1 (phi = 1)."""
    phi = np.abs(np.asarray(phi, float))
    if np.any(phi > 1):
        raise ValueError("parameter 'phi' must lie in [-1, 1] (a double well)")
    th = np.arccos(np.clip(phi, 0, 1)) / 3
    c = 2 / math.sqrt(3)                               # |k| = A = 1
    xs = [c * np.cos(th - 2 * math.pi * j / 3) for j in (0, 1, 2)]   # lower min, max?, upper
    f = phi * 2 / (3 * math.sqrt(3))

    def U(x):
        return -f * x - x**2 / 2 + x**4 / 4

    roots = np.sort(np.stack(xs), axis=0)              # x_-, x_max, x_+ (f >= 0: x_+ lower)
    lower, top, upper = U(roots[2]), U(roots[1]), U(roots[0])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(top > lower, (upper - lower) / (top - lower), 1.0)


def double_well_shape(table) -> dict:
    """The asymmetry of found double wells against the soft-potential shape.

    The soft-potential model (Parshin, Schober, Gurevich 2007, Sec. IV: U = -f x - |k| x^2/2 +
    A x^4/4 with the random force f smooth at 0, the flat distribution of the asymmetry
    Delta = 2 f x_0 behind F(E, p)) puts, at every |k|, the force uniformly on the range
    |f| < f*(k) where the double well exists: phi = |f|/f* is uniform on (0, 1) whatever the
    distribution of k.  Each double well's phi follows from its R = |asymmetry|/barrier by
    :func:`soft_potential_phi` (scale free).  ``table``: rows (omega, asymmetry, barrier,
    distance, participation[, barrier_plane]) as :func:`realisation` stores them (NaN rows
    ignored).  Returns n, and for the straight-path barrier (an upper bound: phi a lower bound)
    and, if present, the in-plane one: the phi values, their mean (uniform: 1/2 +- 1/sqrt(12 n)),
    the fraction below 1/2 with its binomial error, and the Kolmogorov-Smirnov test against
    the uniform law.
    """
    from scipy.stats import kstest

    t = np.asarray(table, float).reshape(-1, np.shape(table)[-1])
    t = t[np.isfinite(t[:, 1])]
    out = {"n": int(len(t))}
    cols = {"straight": 2}
    if t.shape[1] > 5:
        cols["plane"] = 5
    for name, c in cols.items():
        ok = np.isfinite(t[:, c]) & (t[:, c] > 0)
        R = np.abs(t[ok, 1]) / t[ok, c]
        phi = soft_potential_phi(R)
        n = phi.size
        if n == 0:
            continue
        frac = float(np.mean(phi < 0.5))
        out[name] = {"phi": phi, "n": n, "mean": float(phi.mean()),
                     "mean_expected_error": 1 / math.sqrt(12 * n),
                     "below_half": frac, "below_half_error": math.sqrt(0.25 / n),
                     "ratio_above_1": int(np.sum(R > 1)),
                     "ks": float(kstest(phi, "uniform").statistic) if n > 1 else float("nan"),
                     "ks_p": float(kstest(phi, "uniform").pvalue) if n > 1 else float("nan")}
    return out


def soft_potential_phi(ratio) -> np.ndarray:
    """The inverse of :func:`soft_potential_ratio`: phi = f/f* in [0, 1] from R = |asymmetry| /
    barrier (values of R above 1 give 1)."""
    grid = np.linspace(0, 1, 20001)
    R = soft_potential_ratio(grid)
    return np.interp(np.clip(np.asarray(ratio, float), 0, 1), R, grid)
