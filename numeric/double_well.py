r"""Exact two-level-system parameters of a sampled double well: from a potential-energy path
(e.g. a nudged-elastic-band output) to Delta_0, Delta, E and the WKB comparison.

Overview
    A path coordinate s (a length, or a mass-weighted length with ``mass=1``) and energies V_i
    sampled along it define the one-dimensional problem

    .. math::  -\frac{\hbar^2}{2m}\,\psi''(s) + V(s)\,\psi(s) = \varepsilon\,\psi(s).

    :func:`tls_from_path` interpolates the samples, solves for the two lowest levels
    eps_1 < eps_2 and returns the two-level-system parameters E = eps_2 - eps_1, the asymmetry
    Delta and the tunnelling element Delta_0 (E = sqrt(Delta^2 + Delta_0^2) exactly), each with
    an error estimate that separates the solver from the interpolation, and the WKB estimates of
    Delta_0 for the same path.  :func:`tls_from_paths` does the same for many paths (any
    ``concurrent.futures.Executor``, a progress bar); :func:`path_levels` gives the lowest
    levels of any confining path (one well or several).

Key results and assumptions
    * **Interpolant.**  ``"quintic"`` (default): the interpolating spline of degree 5 (C^4, it
      reproduces every polynomial of degree <= 5, so a sampled quartic is represented exactly);
      ``"cubic"``: the not-a-knot cubic spline; ``"smoothing"``: the cubic smoothing spline with
      the smoothing parameter chosen by generalized cross-validation (Craven & Wahba 1979;
      ``scipy.interpolate.make_smoothing_spline``) for noisy energies.  The interpolation error
      is estimated by the answer of a second interpolant (quintic <-> cubic; for the
      smoothing spline, the interpolating quintic: it follows the noise where there is noise,
      and where there is none the smoothing spline is the cubic, whose own fitting error the
      quintic measures): the difference is reported as ``*_err_interp``.  Between two interpolants of different order
      the difference estimates the error of the cruder one, so the estimate is pessimistic for
      the quintic.  The second interpolant is solved from the first one's converged doublet
      (see Method: the exact answer on the same grid, at ~15% of a solve), its own barrier top
      included; ``interpolation_error="resolve"`` solves it from scratch instead.  On the
      finest grid of the first interpolant the cubic's knots (its third derivative jumps) may
      be aliased: the estimate is then larger than the difference of the exact answers (for a
      sampled quartic, by orders of magnitude); where the grid resolves both, it is that
      difference (to 1e-3 on Razavy's well, tested).
      The smoothing spline is natural (V'' = 0 at its ends): its walls take the curvature of
      the least-squares parabola through the five end samples.
    * **Noise.**  With ``interpolation_error`` on, the noise of the energies is propagated
      too (``*_err_noise``, three standard deviations): its level from the sixth differences
      of the samples (:meth:`PathPotential.noise_level`), the response of E, Delta, Delta_0
      to each sample to first order through the interpolant (for the smoothing spline,
      through the interpolating cubic), the doublet and
      the barrier top (:func:`_linear_response`).  The two-interpolant difference alone does
      not bound the error of noisy data (both interpolating splines follow the noise).
    * **Ends.**  Beyond the first and the last sample the potential is continued by its
      second-order Taylor polynomial at the end (value, slope and curvature of the spline there,
      so V is C^2 across the ends): a harmonic wall.  A path that ends at a minimum continues
      as the harmonic well of that minimum.  The curvature at an end must be positive; it can be
      given instead (``wall_curvature=``, e.g. the Hessian eigenvalue along the path at an
      end-point minimum).  Where the wave functions reach beyond the samples, the levels depend
      on this assumption: extend the path into the walls when that matters.
    * **Wells and barrier.**  The barrier top s_b is the highest interior maximum of the
      interpolant; the left (right) well is the lowest minimum left (right) of it, a minimum of
      an end's wall included.  Delta > 0 when the right well (larger s) is the higher one.
    * **Delta and Delta_0.**  As in :func:`glassderive.numeric.soft_potential.tls_splitting`:
      the localized states L, R are the combinations of psi_1, psi_2 that diagonalize the
      projector onto s > s_b, Theta_ij = int_{s_b}^oo psi_i psi_j ds; then
      Delta = E (Theta_22 - Theta_11) / D and Delta_0 = 2 E abs(Theta_12) / D with
      D = sqrt((Theta_22 - Theta_11)^2 + 4 Theta_12^2).  For a mirror-symmetric well Delta = 0
      and Delta_0 = E.  The split of E into Delta and Delta_0 is physical only to relative
      O(Delta / hbar omega) (any definition of localized states); this one is exact and unique.

Method
    Reduced units: lengths in the oscillator length L = (hbar^2 / m V'')^(1/4) of the global
    minimum and energies in hbar^2 / (2 m L^2) = hbar omega / 2, so that the equation reads
    -psi'' + v(y) psi = e psi with v ~ y^2 at the global minimum.

    *Sinc-DVR* (Colbert & Miller 1992) on a uniform grid through the barrier top: the box covers
    the outer turning points of a window energy (above the two lowest levels) plus WKB tails
    with int sqrt(v - e) dy = tau, the spacing pi/P follows the momentum-space WKB decay of the
    stiffest part of the well (harmonic estimate, int_{p_c}^P sqrt(p^2 - p_c^2) dp / sqrt(k) =
    tau + 1).  tau grows with ln(hbar omega / (rtol E)), since the two wells' levels move
    independently by ~ e^(-2 tau) hbar omega, and P by 1.4 per grid.  The result is certified
    when two successive grids agree to 1e-3 rtol, or three agree pairwise to rtol, on E,
    Delta_0 (relative to itself) and Delta (relative to E).  The first grid has tau = 21, or 25
    where the wells' harmonic zero-point levels differ by more than 1e-3 hbar omega: Delta_0
    of an asymmetric doublet has a tail error ~1e3 e^(-2 tau) that grows with
    Delta / Delta_0 (~1e-11 at tau = 21 for Delta / Delta_0 ~ 1e8), and a larger tau costs
    only a few points, the walls being steep.  The spline's highest derivative
    jumps at every knot, so the convergence is algebraic and not monotonic (aliasing of the
    knots): a single pair agreeing just to rtol can be a coincidence.  A quartic sampled by the
    quintic spline has no jumps and converges exponentially.

    *Extended precision without leaving double.*  The eigenvectors X of the lowest doublet come
    from LAPACK (their span is accurate to t ~ 1e-14); the 2x2 Ritz matrix X^T (H - sigma) X is
    then formed in double-double arithmetic (error-free products and sums: Dekker 1971,
    Ogita, Rump & Oishi 2005), sigma the centre of the doublet.  Ritz values are exact to
    O(t^2 * hbar omega) ~ 1e-26 hbar omega, so E is resolved to 1e-10 down to E ~ 1e-16
    hbar omega, where eigenvalues in double precision stop at E ~ 1e-3 hbar omega (1e-13
    absolute).  Theta comes from the
    exact half-line projector of the sinc basis,
    int_0^oo sinc(x - a) sinc(x - b) dx = 1/2 + Si(2 pi a)/pi (a = b) and
    (-1)^(a+b) (Cin(2 pi abs b) - Cin(2 pi abs a)) / (2 pi^2 (a - b)) (a != b), with
    Cin(z) = int_0^z (1 - cos t)/t dt (derived here; the sum rule m(a, b) + m(-a, -b) = delta_ab
    is tested), tabulated in double-double from 40-digit mpmath.

    Where Delta_0 << Delta, Theta_12 ~ Delta_0 / 2E is tiny and Delta_0 to rtol needs Theta to
    ~rtol Delta_0 / E absolute (1e-18 and below): in double, Theta carries ~1e-16, and the tilt
    t of the LAPACK subspace and the rounding of the 2x2 rotation each move it by ~t.  So
    (i) one Jacobi-Davidson (Newton) step per Ritz vector, with the residual in double-double,
    is applied to the basis: X -> X + dX, the subspace then exact to O(t^2 cond);
    (ii) K X, M X (K = h^2 H - sigma, M the projector) and the 2x2 matrices X^T K X, X^T M X,
    X^T X are formed in double-double by Ozaki's error-free splitting (Ozaki, Ogita, Oishi,
    Rump 2012: the matrix split row-wise into 20-bit slices, X column-wise into 21-bit ones, so
    that every product of slices sums exactly in BLAS for N <= 4096; the exact partial
    products are then added error-free), the terms with dX in double;
    (iii) the 2x2 problem is solved in 192-bit arithmetic (gmpy2) in invariant form: with
    G = L L^T, A' = L^-1 A L^-T = a0 + h.sigma and Theta' = t0 + t.sigma (Pauli components),
    E = 2 abs(h), Delta = 2 h.t / abs(t) and Delta_0 = 2 abs(h x t) / abs(t) (the
    off-diagonal element of A' in the eigenbasis of Theta').  Delta_0 is then exact to
    ~1e-30 E, whatever Delta / Delta_0 (tested to 1e9); its floating-point estimate is the
    correction's effect on Theta times 16 cond (t + eps), the double-double rounding
    64 N eps^2, and E's error relative.

    *The second interpolant* (the interpolation-error estimate) on the finest grid: with
    dU = h^2 (v2 - v) on the grid, the doublet's basis moves by dX, found by Newton steps
    (I - P)(K - lam_k)(I - P) d = -(I - P) R c_k that reuse the LU factors of the
    Jacobi-Davidson step (a fixed-point iteration with rate ~ abs(dU) / gap; the first step is
    first-order perturbation theory), the residual R formed from the differences only
    (dU X + K dX + dU dX - dX B' - X (B' - B)); the 2x2 matrices follow as the first one's
    (double-double) plus difference terms, so that their rounding cancels in the difference;
    the projector's cut moves with the second interpolant's barrier top (-int psi_i psi_j over
    the shift, to second order, from psi and psi' at the node of y_b; a shift beyond h/4 is
    solved from scratch on the same grid).  This is the exact sinc-DVR answer of the second
    interpolant on that grid (tested to 1e-10 against a direct solve), not a linearization: no
    expansion of Delta, Delta_0 in the doublet, where they are not smooth.

    *Extended-precision shooting.*  Where the estimated error exceeds ``rtol`` (a doublet below
    ~1e-16 hbar omega, or grids that do not converge, as for coarse samples of a non-polynomial
    path) the same interpolant, which is
    piecewise polynomial, is integrated exactly by Taylor series (gmpy2) from both tails to the
    barrier top at a precision set by the barrier action, and E, Delta, Delta_0 follow from
    Newton iteration on the Wronskian and Wronskian identities at s_b, as in
    :func:`~glassderive.numeric.soft_potential.tls_splitting` (0.5-5 s per path).

    *WKB.*  S(e) = int sqrt(2 m (V - e)) ds / hbar between the inner turning points at the
    mean e of the doublet; Landau's estimate Delta_0 = (hbar sqrt(omega_L omega_R) / pi)
    exp(-S) (Landau & Lifshitz, Quantum Mechanics, Sec. 50, Problem 3) and the same times
    sqrt(pi/e) (Garg 2000, asymptotically exact for deep wells), and the soft-potential
    form Delta_0 = W exp(-S_b) (Parshin, Schober, Gurevich 2007, Eqs. 4.2-4.4), S_b the action
    between the minima above the higher one, W = (hbar/2) (hbar A / 2 m^2)^(1/3) with A the
    quartic coefficient of the equivalent symmetric quartic (A/4)(x^2 - x_0^2)^2 that has the
    path's barrier height (above the mean of the minima) and half-distance x_0 between the
    minima.  For the symmetric quartic, S_b and W are exactly those of the paper.

References
    D. T. Colbert, W. H. Miller, J. Chem. Phys. 96, 1982 (1992) (sinc-DVR).
    T. J. Dekker, Numer. Math. 18, 224 (1971); T. Ogita, S. M. Rump, S. Oishi, SIAM J. Sci.
    Comput. 26, 1955 (2005) (error-free transformations).
    P. Craven, G. Wahba, Numer. Math. 31, 377 (1979) (generalized cross-validation).
    L. D. Landau, E. M. Lifshitz, Quantum Mechanics, Sec. 50.
    A. Garg, Am. J. Phys. 68, 430 (2000) (the sqrt(pi/e) correction of Landau's prefactor).
    D. A. Parshin, H. R. Schober, V. L. Gurevich, Phys. Rev. B 76, 064206 (2007).
    S. Ciarella, D. Khomenko, L. Berthier, F. C. Mocanu, D. R. Reichman, C. Scalliet,
    F. Zamponi, arXiv:2212.05582 (2022) (the use case: TLS from pairs of inherent structures).
"""

from __future__ import annotations

import bisect
import functools
import math
from concurrent.futures import Executor
from dataclasses import asdict, dataclass
from typing import List, Optional, Tuple

import numpy as np

from .kernel import check_array
from .soft_potential import _doublet_split

__all__ = ["UNITS", "MIN_SAMPLES", "PathPotential", "TLSResult", "WKBEstimate", "tls_from_path",
           "tls_from_paths", "path_levels", "half_line_projector"]

#: unit systems: lengths, energies, masses and hbar^2 in those units (CODATA 2018 via scipy)
UNITS = {}


def _units_table():
    if not UNITS:
        from scipy import constants as c

        UNITS["SI"] = dict(length="m", energy="J", mass="kg", hbar2=c.hbar**2)
        UNITS["eV-angstrom-amu"] = dict(length="Å", energy="eV", mass="amu",
                                        hbar2=c.hbar**2 / (c.eV * 1e-20 * c.atomic_mass))
        UNITS["atomic"] = dict(length="bohr", energy="hartree", mass="m_e", hbar2=1.0)
    return UNITS


_units_table()
_UNIT_ALIASES = {"si": "SI", "ev-angstrom-amu": "eV-angstrom-amu", "ev-å-amu": "eV-angstrom-amu",
                 "ev-a-amu": "eV-angstrom-amu", "atomic": "atomic", "au": "atomic"}

#: fewest samples of a path
MIN_SAMPLES = 7
_INTERPOLANTS = ("quintic", "cubic", "smoothing")
_NOISE_ORDER = 6        # differences of the samples for their noise level
_SECOND = {"quintic": "cubic", "cubic": "quintic", "smoothing": "quintic"}
_EPS = np.finfo(float).eps


# ---------------------------------------------------------------------------------------------
# Piecewise-polynomial potential with harmonic walls
# ---------------------------------------------------------------------------------------------
class _Piecewise:
    """v(y): a PPoly on [x_0, x_n] (coefficients c[m, i] of (y - x_i)^(k - m)) continued by
    a_0 + a_1 t + a_2 t^2 / 2 beyond each end (t = y - end)."""

    def __init__(self, x, c, left, right):
        self.x, self.c = np.asarray(x, float), np.asarray(c, float)
        self.left, self.right = tuple(map(float, left)), tuple(map(float, right))
        from scipy.interpolate import PPoly

        self.pp = PPoly(self.c, self.x, extrapolate=True)

    @functools.cached_property
    def _scalar_tables(self):
        return self.x.tolist(), self.c.T.tolist()

    def scalar(self, y: float, nu: int = 0) -> float:
        """v, v' or v'' at one point (pure Python Horner: no array overhead)."""
        xs, cs = self._scalar_tables
        if y < xs[0] or y > xs[-1]:
            a0, a1, a2 = self.left if y < xs[0] else self.right
            t = y - (xs[0] if y < xs[0] else xs[-1])
            return (a0 + a1 * t + 0.5 * a2 * t * t, a1 + a2 * t, a2)[nu]
        i = min(bisect.bisect_right(xs, y) - 1, len(cs) - 1)
        t = y - xs[i]
        c = cs[i]
        k = len(c) - 1
        p = 0.0
        for m in range(k + 1 - nu):             # c[m] multiplies t^(k - m)
            e = k - m
            f = 1.0 if nu == 0 else (e if nu == 1 else e * (e - 1))
            p = p * t + f * c[m]
        return p

    @functools.cached_property
    def d1(self):
        return self.pp.derivative(1)

    @functools.cached_property
    def d2(self):
        return self.pp.derivative(2)

    @classmethod
    def from_ppoly(cls, pp, wall_curvature=(None, None)):
        keep = np.diff(pp.x) > 0
        x = np.concatenate([pp.x[:-1][keep], pp.x[-1:]])
        c = pp.c[:, keep]
        k = c.shape[0] - 1
        # value, slope, curvature at the ends from the first and the last piece
        a = c[::-1, 0]                                   # ascending, at x_0
        t = x[-1] - x[-2]
        last = c[::-1, -1]
        pw = t ** np.arange(k + 1)
        jj = np.arange(k + 1)
        vn = float(np.sum(last * pw))
        sn = float(np.sum((jj * last)[1:] * pw[:-1]))
        cn = float(np.sum((jj * (jj - 1) * last)[2:] * pw[:-2]))
        kl = 2 * float(a[2]) if wall_curvature[0] is None else float(wall_curvature[0])
        kr = cn if wall_curvature[1] is None else float(wall_curvature[1])
        return cls(x, c, (float(a[0]), float(a[1]), kl), (vn, sn, kr))

    def __call__(self, y, nu: int = 0):
        y = np.asarray(y, float)
        f = (self.pp, self.d1, self.d2)[nu]
        x0, xn = self.x[0], self.x[-1]
        out = np.asarray(f(np.clip(y, x0, xn)), float)
        if y.size and (y.min() < x0 or y.max() > xn):
            for end, (a0, a1, a2), sel in ((x0, self.left, y < x0), (xn, self.right, y > xn)):
                t = y[sel] - end
                out[sel] = (a0 + a1 * t + 0.5 * a2 * t * t, a1 + a2 * t, a2 + 0 * t)[nu]
        return out

    def scaled(self, s0, L, v0, eps):
        """The same function in y = (s - s0)/L, v = (V - v0)/eps."""
        k = self.c.shape[0] - 1
        powers = (L ** (k - np.arange(k + 1)))[:, None]
        c = self.c * powers / eps
        c[-1] -= v0 / eps
        x = (self.x - s0) / L
        left = ((self.left[0] - v0) / eps, self.left[1] * L / eps, self.left[2] * L * L / eps)
        right = ((self.right[0] - v0) / eps, self.right[1] * L / eps, self.right[2] * L * L / eps)
        return _Piecewise(x, c, left, right)

    def extrema(self):
        """(positions, is_minimum) of the extended potential, sorted by position."""
        x0, xn = self.x[0], self.x[-1]
        r = np.asarray(self.d1.roots(extrapolate=False), float)
        r = r[np.isfinite(r) & (r >= x0) & (r <= xn)]
        # a root at a breakpoint can slip between two pieces (v' ~ +-1e-17 on both sides):
        # the knots where v' vanishes to rounding, or changes sign up to the next knot
        # without a root found in between, are added
        g = np.asarray(self.d1(self.x), float)
        gmax = float(np.max(np.abs(g))) or 1.0
        extra = list(self.x[1:-1][np.abs(g[1:-1]) <= 1e-12 * gmax])
        for i in np.nonzero(g[:-1] * g[1:] < 0)[0]:
            a, b = self.x[i], self.x[i + 1]
            if not np.any((r >= a) & (r <= b)):
                from scipy.optimize import brentq

                extra.append(brentq(lambda q: self.scalar(q, 1), a, b, xtol=1e-15))
        if extra:
            r = np.concatenate([r, np.asarray(extra, float)])
        pos, ismin = [], []
        span = xn - x0
        for y in np.sort(r):
            if pos and abs(y - pos[-1]) <= 1e-9 * span:
                continue
            c2 = self.scalar(y, 2)
            if c2 == 0:
                continue
            pos.append(float(y))
            ismin.append(c2 > 0)
        a0, a1, a2 = self.left
        if a1 > 0 and a2 > 0:
            pos.insert(0, x0 - a1 / a2)
            ismin.insert(0, True)
        b0, b1, b2 = self.right
        if b1 < 0 and b2 > 0:
            pos.append(xn - b1 / b2)
            ismin.append(True)
        # an extremum exactly at an end (slope 0) comes from roots; keep the list alternating
        return np.array(pos), np.array(ismin, bool)

    def float_pieces(self):
        """[(lo, hi, origin, ascending coefficients)], walls included (lo/hi None: infinite)."""
        k = self.c.shape[0] - 1
        x0, xn = float(self.x[0]), float(self.x[-1])
        out = [(None, x0, x0, [self.left[0], self.left[1], 0.5 * self.left[2]])]
        for i in range(self.c.shape[1]):
            out.append((float(self.x[i]), float(self.x[i + 1]), float(self.x[i]),
                        [float(self.c[k - j, i]) for j in range(k + 1)]))
        out.append((xn, None, xn, [self.right[0], self.right[1], 0.5 * self.right[2]]))
        return out


def _spline(u, w, kind: str, lam=None):
    """The interpolant's PPoly; for the smoothing kinds ``(PPoly, lambda)``."""
    from scipy.interpolate import PPoly

    b, lam = _bspline(u, w, kind, lam)
    return PPoly.from_spline(b) if lam is None else (PPoly.from_spline(b), lam)


def _bspline(u, w, kind: str, lam=None):
    """(BSpline, smoothing parameter or None) of the samples w (any trailing shape)."""
    from scipy.interpolate import make_interp_spline, make_smoothing_spline

    if kind == "quintic":
        return make_interp_spline(u, w, k=5), None
    if kind == "cubic":
        return make_interp_spline(u, w, k=3), None
    if lam is None:
        lam = _gcv_lambda(u, w)
        lam = lam if kind == "smoothing" else lam / 10
    return make_smoothing_spline(u, w, lam=lam), lam


def _gcv_lambda(u, w):
    """The smoothing parameter of generalized cross-validation (Craven & Wahba 1979): the
    minimum over lambda of n |(I - A) w|^2 / tr(I - A)^2, A the smoother matrix (the spline of
    each unit vector at the data), on a log grid refined once (scipy picks the same criterion
    but does not return lambda; the second interpolant needs it)."""
    from scipy.interpolate import make_smoothing_spline

    n = len(u)
    eye = np.eye(n)

    def score(lam):
        A = make_smoothing_spline(u, eye, lam=lam)(u)
        r = w - A @ w
        tr = n - np.trace(A)
        return n * float(r @ r) / tr**2 if tr > 1e-9 else np.inf

    grid = np.logspace(-14, 2, 33)
    s = [score(x) for x in grid]
    i = int(np.argmin(s))
    fine = np.logspace(math.log10(grid[max(i - 1, 0)]), math.log10(grid[min(i + 1, 32)]), 9)
    s2 = [score(x) for x in fine]
    return float(fine[int(np.argmin(s2))])


# ---------------------------------------------------------------------------------------------
# The path: validation, interpolant, reduced units
# ---------------------------------------------------------------------------------------------
def _unit(units):
    key = _UNIT_ALIASES.get(str(units).lower())
    if key is None:
        raise ValueError(f"units must be one of {sorted(UNITS)}, got {units!r}")
    return key


class PathPotential:
    """The interpolated potential of a sampled path, with its wells, barrier and reduced units.

    Parameters
    ----------
    s, V : array_like
        Path coordinate (strictly monotonic; a decreasing path is reversed) and energies, at
        least ``MIN_SAMPLES`` (7) finite values each.
    mass : float
        The effective mass (> 0).  For a mass-weighted coordinate (length x sqrt(mass)) give 1.
    units : str
        ``"SI"`` (m, J, kg), ``"eV-angstrom-amu"`` (Å, eV, amu) or ``"atomic"`` (bohr, hartree,
        electron masses; hbar = 1, so ``mass=0.5`` gives -psi'' + V psi).
    interpolant : str
        ``"quintic"``, ``"cubic"`` or ``"smoothing"`` (see the module docstring).
    wall_curvature : (float or None, float or None)
        V'' of the harmonic walls beyond the first and the last sample (energy / length^2);
        None: the spline's curvature at that end.
    double_well : bool
        Require (and locate) two wells separated by a barrier.

    Raises
    ------
    ValueError
        Naming the parameter: non-finite values, fewer than 7 samples, lengths that differ,
        non-monotonic or repeated s, mass <= 0, unknown units or interpolant, an end whose
        wall is not confining (V'' <= 0 there), a path without a barrier between two minima.
    """

    def __init__(self, s, V, mass, units: str = "SI", interpolant: str = "quintic",
                 wall_curvature=(None, None), double_well: bool = True, _kind=None):
        s = check_array("s", s)
        V = check_array("V", V)
        if s.ndim != 1 or V.ndim != 1:
            raise ValueError("parameters 's' and 'V' must be one-dimensional")
        if s.size != V.size:
            raise ValueError(f"parameters 's' and 'V' must have the same length, got {s.size} "
                             f"and {V.size}")
        if s.size < MIN_SAMPLES:
            raise ValueError(f"parameter 's' needs at least {MIN_SAMPLES} samples, got {s.size}")
        d = np.diff(s)
        if np.all(d < 0):
            s, V = s[::-1].copy(), V[::-1].copy()
            wall_curvature = tuple(wall_curvature)[::-1]
        elif not np.all(d > 0):
            i = int(np.argmax(d <= 0)) if np.any(d > 0) and d[0] > 0 else int(np.argmax(d >= 0))
            raise ValueError(f"parameter 's' must be strictly monotonic (increasing or "
                             f"decreasing): s[{i}] = {s[i]:g}, s[{i + 1}] = {s[i + 1]:g}")
        mass_arr = check_array("mass", mass)
        if mass_arr.size != 1:
            raise ValueError(f"parameter 'mass' must be one number, got shape {mass_arr.shape}")
        self.mass = float(mass_arr.reshape(()))
        if not self.mass > 0:
            raise ValueError(f"parameter 'mass' must be > 0, got {self.mass:g}")
        self.units = _unit(units)
        if interpolant not in _INTERPOLANTS:
            raise ValueError(f"interpolant must be one of {_INTERPOLANTS}, got {interpolant!r}")
        if wall_curvature is None:
            wall_curvature = (None, None)
        if not isinstance(wall_curvature, (tuple, list, np.ndarray)) or len(wall_curvature) != 2:
            raise ValueError("wall_curvature must be a pair (left, right); None for an end "
                             "means the spline's curvature there")
        wall_curvature = tuple(wall_curvature)
        for side, k in zip(("left", "right"), wall_curvature):
            if k is not None and not (math.isfinite(float(k)) and float(k) > 0):
                raise ValueError(f"wall_curvature ({side}) must be a finite number > 0, got {k!r}")
        self.s, self.V = s, V
        self.interpolant = interpolant
        self.wall_curvature = wall_curvature
        hbar2 = UNITS[self.units]["hbar2"]
        # normalized units for the fit: u in [0, 1], w in [0, 1]
        span = s[-1] - s[0]
        vlo, vrange = float(V.min()), float(np.ptp(V))
        if vrange == 0:
            raise ValueError("parameter 'V' is constant: no barrier between two minima")
        u = (s - s[0]) / span
        w = (V - vlo) / vrange
        kind = _kind or interpolant
        pp = _spline(u, w, kind)
        self._lam = None
        if isinstance(pp, tuple):
            pp, self._lam = pp
        wc = [None if k is None else float(k) * span**2 / vrange for k in wall_curvature]
        for side, k in zip(("left", "right"), wc):
            if k is not None and not 1e-8 < k < 1e8:
                raise ValueError(
                    f"wall_curvature ({side}) is {k:.3g} times the path's own curvature scale "
                    f"(V range / s span^2): outside 1e-8 .. 1e8 (check its units: V per s^2)")
        if kind.startswith("smoothing"):
            # a natural smoothing spline has V'' = 0 at its ends: the walls take the curvature
            # of the least-squares parabola through the five samples at each end instead
            for side, sl in ((0, slice(0, 5)), (1, slice(-5, None))):
                if wc[side] is None:
                    wc[side] = 2 * float(np.polyfit(u[sl], w[sl], 2)[0])
        norm = _Piecewise.from_ppoly(pp, wc)
        for side, k, sv in (("left", norm.left[2], s[0]), ("right", norm.right[2], s[-1])):
            if not k > 0:
                raise ValueError(
                    f"the {side} end of the path (s = {sv:g}) is not confining: the "
                    f"interpolant's curvature there is V'' = {k * vrange / span**2:.3g} <= 0, so "
                    f"a harmonic wall cannot continue it; extend the path into the wall or give "
                    f"wall_curvature=")
        pos, ismin = norm.extrema()
        vals = norm(pos) if pos.size else np.zeros(0)
        if not np.any(ismin):    # pragma: no cover  (confining walls always give a minimum)
            raise ValueError("the path has no minimum")
        g = int(np.argmin(np.where(ismin, vals, np.inf)))
        k_min = norm.scalar(float(pos[g]), 2)
        # reduced units: the oscillator length of the global minimum, energies hbar omega / 2
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            k_phys = k_min * vrange / span**2
            self.length = (hbar2 / (self.mass * k_phys)) ** 0.25
            self.energy = hbar2 / (2 * self.mass * self.length**2)
            L_u, e_w = self.length / span, self.energy / vrange
            ratio = 1 / e_w if e_w else float("inf")
        if not (math.isfinite(L_u) and math.isfinite(e_w) and 1e-12 < e_w < 1e4):
            raise ValueError(
                f"parameters 'V', 's' and 'mass' (in units {self.units!r}) put the path's energy "
                f"range at {ratio:.3g} times hbar omega/2 of its deepest well (oscillator length "
                f"{L_u:.3g} of the path): outside 1e-4 .. 1e12, the range this solver handles "
                f"(check the units and the mass)")
        self.s_ref = s[0] + span * pos[g]
        self.V_ref = vlo + vrange * float(vals[g])
        self.v = norm.scaled(pos[g], L_u, float(vals[g]), e_w)
        self._fit = (u, w, kind, tuple(wc), (pos[g], L_u, float(vals[g]), e_w), norm)
        self._vrange = vrange
        self._pos = (pos - pos[g]) / L_u
        self._ismin = ismin
        self.wells = None
        if double_well:
            self.wells = _locate_wells(self.v, self._pos, ismin)

    def alternative(self) -> _Piecewise:
        """The second interpolant (quintic <-> cubic; smoothing -> interpolating quintic) of the
        same samples, with the same walls' curvature rule, in this potential's reduced units."""
        u, w, kind, wc, scale, norm = self._fit
        pp = _spline(u, w, _SECOND[kind])
        pp = pp[0] if isinstance(pp, tuple) else pp
        wc2 = [wc[i] if self.wall_curvature[i] is not None else None for i in range(2)]
        alt = _Piecewise.from_ppoly(pp, wc2)
        # an end where the second spline bends down keeps the first one's wall curvature
        if not (alt.left[2] > 0 and alt.right[2] > 0):
            alt = _Piecewise.from_ppoly(pp, [wc2[0] if alt.left[2] > 0 else norm.left[2],
                                             wc2[1] if alt.right[2] > 0 else norm.right[2]])
        return alt.scaled(*scale)

    def noise_level(self) -> float:
        """Standard deviation of the noise of the samples (normalized energies w = (V - min V)
        / ptp V), by the difference-based estimate mean((Delta^6 w)^2) / C(12, 6) from the
        sixth differences along the samples (Gasser, Sroka, Jennen-Steinmetz 1986 style;
        spacing assumed roughly uniform).  Exact polynomials of degree <= 5 (a sampled
        quartic) give the rounding level; a smooth path sampled coarsely counts its sixth
        derivative as noise, which errs on the safe side.  (The residuals of the GCV
        smoothing spline are no substitute: where GCV undersmooths they vanish.)"""
        u, w, kind, _, _, _ = self._fit
        m = _NOISE_ORDER
        if u.size < m + 4:
            return 0.0
        d = np.diff(w, m)
        return math.sqrt(float(np.mean(d * d)) / math.comb(2 * m, m))

    def sample_response(self, y) -> np.ndarray:
        """(N, n): the change of the reduced potential v at the points y per unit change of
        each normalized sample w_i (the interpolant of the unit vectors, its walls included:
        value, slope and curvature at the ends, or the end parabola's curvature for the
        smoothing spline; none where ``wall_curvature`` is given)."""
        u, w, kind, wc, (s0, L, _, e_w), _ = self._fit
        n = u.size
        if kind.startswith("smoothing"):
            # through the interpolating cubic: the noise of the samples reaches the smoothing
            # answer at most as it reaches the cubic's
            kind = "cubic"
        b, _ = _bspline(u, np.eye(n), kind, self._lam)
        x = s0 + L * np.asarray(y, float)
        out = b(np.clip(x, 0.0, 1.0))
        ends = []
        for side, x_end in ((0, 0.0), (1, 1.0)):
            val = b(x_end)
            slope = b.derivative(1)(x_end)
            if self.wall_curvature[side] is not None:
                curv = np.zeros(n)
            else:
                curv = b.derivative(2)(x_end)
            ends.append((x_end, val, slope, curv))
        for (x_end, val, slope, curv), sel in ((ends[0], x < 0.0), (ends[1], x > 1.0)):
            if np.any(sel):
                dt = (x[sel] - x_end)[:, None]
                out[sel] = val + slope * dt + 0.5 * curv * dt * dt
        return out / e_w

    # conversions
    def to_reduced(self, s):
        return (np.asarray(s, float) - self.s_ref) / self.length

    def to_physical(self, y):
        return self.s_ref + self.length * np.asarray(y, float)

    def __call__(self, s):
        """The interpolated and continued potential at ``s`` (input units)."""
        return self.V_ref + self.energy * self.v(self.to_reduced(s))

    @property
    def hbar_omega(self) -> Tuple[float, float]:
        """hbar omega of the left and right wells (input energy units), from V'' at the minima."""
        w = self.wells
        return (self.energy * math.sqrt(2 * w["kL"]), self.energy * math.sqrt(2 * w["kR"]))


def _locate_wells(v: _Piecewise, pos, ismin) -> dict:
    if pos.size == 0 or not np.any(~ismin):
        raise ValueError("the path has no barrier between two minima (a single well: the "
                         "interpolant has no interior maximum); a double well needs two minima "
                         "separated by a barrier")
    vals = v(pos)
    imax = np.nonzero(~ismin)[0]
    b = int(imax[np.argmax(vals[imax])])
    left = [i for i in range(b) if ismin[i]]
    right = [i for i in range(b + 1, pos.size) if ismin[i]]
    if not left or not right:   # pragma: no cover  (confining walls)
        raise ValueError("the path has no barrier between two minima (a single well)")
    iL = min(left, key=lambda i: vals[i])
    iR = min(right, key=lambda i: vals[i])
    out = dict(yL=float(pos[iL]), yR=float(pos[iR]), yb=float(pos[b]), vL=float(vals[iL]),
               vR=float(vals[iR]), vb=float(vals[b]))
    out["kL"] = v.scalar(out["yL"], 2)
    out["kR"] = v.scalar(out["yR"], 2)
    return out


# ---------------------------------------------------------------------------------------------
# Sinc-DVR pieces
# ---------------------------------------------------------------------------------------------
_PI2_3 = (3.289868133696453, 6.081344700796952e-17)   # pi^2/3 as double-double (hi, lo)


def _kinetic(N: int):
    """Colbert-Miller kinetic matrix (unit spacing) as double-double (hi, lo), read-only:
    T_ii = pi^2/3, T_ij = 2 (-1)^(i-j) / (i-j)^2 (views of one cached Toeplitz matrix)."""
    if N > _CACHE_MAX:
        return _kinetic_matrix(N)
    big = _kinetic_big(_pow2(N))
    return big["hi"][:N, :N], big["lo"][:N, :N]


def _kinetic_parts(N: int):
    """(hi, lo, split) of the kinetic matrix; split (for :func:`_mv_ozaki`) None above
    _OZAKI_MAX."""
    if N <= _CACHE_MAX:
        big = _kinetic_big(_pow2(N))
        S, rl, _ = big["prep"]
        hi = big["hi"][:N, :N]
        return hi, big["lo"][:N, :N], (S[:, :N, :N], rl[:N, :N], hi)
    H, L = _kinetic_matrix(N)
    return H, L, (_ozaki_matrix(H, L) if N <= _OZAKI_MAX else None)


def _pow2(n: int) -> int:
    return 1 << max(6, int(n - 1).bit_length())


@functools.lru_cache(maxsize=4)
def _kinetic_big(N: int) -> dict:
    H, L = _kinetic_matrix(N)
    return dict(hi=H, lo=L, prep=_ozaki_matrix(H, L))


@functools.lru_cache(maxsize=8)
def _kinetic_matrix(N: int):
    d = np.arange(1, N, dtype=float)
    d2 = d * d                                   # exact below 2^26
    hi = 2.0 / d2
    p, e = _two_prod(hi, d2)
    lo = ((2.0 - p) - e) / d2                    # 2 - p is exact (Sterbenz)
    sign = np.where(np.arange(1, N) % 2 == 0, 1.0, -1.0)
    t_hi = np.concatenate([[_PI2_3[0]], sign * hi])
    t_lo = np.concatenate([[_PI2_3[1]], sign * lo])
    idx = np.abs(np.arange(N)[:, None] - np.arange(N)[None, :])
    H, L = t_hi[idx], t_lo[idx]
    H.setflags(write=False)
    L.setflags(write=False)
    return H, L


@functools.lru_cache(maxsize=64)
def _cin_si(n: int):
    """Cin(2 pi c) and Si(2 pi c) for c = 0 .. n - 1."""
    from scipy.special import sici

    c = np.arange(n, dtype=float)
    si, ci = sici(2 * math.pi * c)
    with np.errstate(divide="ignore", invalid="ignore"):
        cin = np.where(c > 0, np.euler_gamma + np.log(2 * math.pi * c) - ci, 0.0)
    return cin, np.where(c > 0, si, 0.0)


def half_line_projector(N: int, k: int) -> np.ndarray:
    """Matrix of the projector onto y >= y_k in the sinc basis of a uniform grid y_0 .. y_(N-1):
    M_ij = int_(y_k)^oo phi_i phi_j dy, phi_i(y) = sinc((y - y_i)/h) / sqrt(h).

    Exactly (a = i - k, b = j - k): M_ii = 1/2 + Si(2 pi a)/pi and, for a != b,
    M_ij = (-1)^(a+b) (Cin(2 pi abs b) - Cin(2 pi abs a)) / (2 pi^2 (a - b)),
    Cin(z) = int_0^z (1 - cos t)/t dt: sinc(x-a) sinc(x-b) = (-1)^(a+b) sin^2(pi x)
    (1/(x-a) - 1/(x-b)) / (pi^2 (a-b)) and sin^2(pi x)/(x - c) is regular at an integer c."""
    cin, si = _cin_si(N + abs(k) + 1)
    a = np.arange(N) - k
    A, B = a[:, None], a[None, :]
    sign = np.where((A + B) % 2 == 0, 1.0, -1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        off = sign * (cin[np.abs(B)] - cin[np.abs(A)]) / (2 * math.pi**2 * (A - B))
    M = np.where(A == B, 0.0, off)
    M[np.arange(N), np.arange(N)] = 0.5 + np.sign(a) * si[np.abs(a)] / math.pi
    return M


_CIN_SI_DD = {}
_CIN_SI_LOCK = __import__("threading").RLock()


def _cin_si_dd(n: int):
    """Cin(2 pi c) / (2 pi^2) and Si(2 pi c) / pi for c = 0 .. n - 1 as double-double pairs
    (hi, lo) (40-digit mpmath in a private context, so threads and the global mpmath precision
    are untouched; tabulated once, grown in powers of two)."""
    tab = _CIN_SI_DD.get("tab")
    if tab is None or tab[0].size < n:
        with _CIN_SI_LOCK:
            tab = _CIN_SI_DD.get("tab")
            if tab is None or tab[0].size < n:
                import mpmath

                ctx = mpmath.MPContext()
                ctx.dps = 40
                m = 1 << max(9, int(n - 1).bit_length())
                out = np.zeros((4, m))
                for c in range(1, m):
                    z = 2 * ctx.pi * c
                    f = (ctx.euler + ctx.log(z) - ctx.ci(z)) / (2 * ctx.pi**2)
                    g = ctx.si(z) / ctx.pi
                    out[0, c] = float(f)
                    out[1, c] = float(f - out[0, c])
                    out[2, c] = float(g)
                    out[3, c] = float(g - out[2, c])
                out.setflags(write=False)
                tab = tuple(out)
                _CIN_SI_DD["tab"] = tab
    return tab


def _two_sum(a, b):
    """s + e = a + b exactly (Knuth)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _half_line_projector_dd(N: int, k: int):
    """:func:`half_line_projector` as a double-double pair (hi, lo), entries exact to ~1e-32."""
    fh, fl, gh, gl = _cin_si_dd(N + abs(k) + 1)
    a = np.arange(N) - k
    A, B = a[:, None], a[None, :]
    aA, aB = np.abs(A), np.abs(B)
    d = (A - B).astype(float)
    d[d == 0] = 1.0
    s, e = _two_sum(fh[aB], -fh[aA])
    e = e + (fl[aB] - fl[aA])
    q1 = s / d
    p, pe = _two_prod(q1, d)
    q2 = (((s - p) - pe) + e) / d
    hi = q1 + q2
    lo = q2 - (hi - q1)
    sign = np.where((A + B) % 2 == 0, 1.0, -1.0)
    hi, lo = sign * hi, sign * lo
    sg = np.sign(a).astype(float)
    dh, de = _two_sum(0.5, sg * gh[np.abs(a)])
    de = de + sg * gl[np.abs(a)]
    i = np.arange(N)
    hi[i, i] = dh + de
    lo[i, i] = de - (hi[i, i] - dh)
    return hi, lo


# Error-free products with BLAS (Ozaki, Ogita, Oishi, Rump, Numer. Algorithms 59, 95 (2012)):
# a matrix is split row by row into slices of _B_A bits and a vector column by column into
# slices of _B_X bits, so that every product of two slices, summed over N <= _OZAKI_MAX terms
# in any order, is exact in double; the exact partial products are then summed error-free.
_B_A, _B_X, _OZAKI_MAX = 20, 21, 4096
_CACHE_MAX = 1024          # matrices up to this size are views of cached ones


def _split_rows(A, nslices: int = 3, bits: int = _B_A, axis: int = 1):
    """A = S[0] + ... + S[nslices - 1] + rest exactly; along ``axis`` (rows for 1, columns for
    0) slice k holds multiples of 2^(E + 1 - (k + 1) bits), |S[k]| <= 2^(E - k bits), with
    2^E > max |A| of that row (column); |rest| <= 2^(E - nslices bits)."""
    m = np.max(np.abs(A), axis=axis, keepdims=True)
    _, E = np.frexp(np.where(m > 0, m, 1.0))           # m < 2^E
    rest = np.array(A, float)
    S = np.empty((nslices,) + rest.shape)
    for k in range(nslices):
        sigma = np.ldexp(1.5, E + (53 - (k + 1) * bits))
        q = (rest + sigma) - sigma
        S[k] = q
        rest = rest - q
    S.setflags(write=False)
    rest.setflags(write=False)
    return S, rest


def _dd_accumulate(terms, small):
    """(hi, lo) of the sum of ``terms`` (exact doubles) plus ``small`` (rounding-level terms)."""
    s = terms[0]
    err = small
    for p in terms[1:]:
        s, e = _two_sum(s, p)
        err = err + e
    hi = s + err
    return hi, err - (hi - s)


def _ozaki_matrix(hi, lo):
    """A double-double matrix hi + lo prepared for :func:`_mv_ozaki`: (slices of hi, rest of
    hi + lo, hi)."""
    S, rest = _split_rows(hi)
    rl = rest + lo
    rl.setflags(write=False)
    return S, rl, hi


def _mv_ozaki(prep, X, extra=(), xsplit=None):
    """(M X + sum of extra) as double-double (hi, lo): M = hi + lo prepared by
    :func:`_ozaki_matrix`, X in double (N, m) (``xsplit``: its column split, if at hand);
    ``extra``: pairs (p, e) of error-free products to add (the diagonal terms)."""
    S, rl, hi = prep
    N, m = X.shape
    Sx, xr = _split_rows(X, 3, _B_X, axis=0) if xsplit is None else xsplit
    P = np.matmul(S, np.concatenate(list(Sx), 1))        # (3, N, 3m): exact
    terms = [P[k][:, l * m:(l + 1) * m] for k in range(3) for l in range(3)]
    small = rl @ X + hi @ xr
    for p, e in extra:
        terms.append(p)
        small = small + e
    return _dd_accumulate(terms, small)


_PROJ = {}


def _projector_dd(N: int, k: int):
    """(hi, lo, split) of :func:`_half_line_projector_dd` (N, k): views of one cached matrix
    for offsets a = i - k in [-K, K) (its rows split for :func:`_mv_ozaki`)."""
    K = max(k, N - k, 1)
    if 2 * K > _CACHE_MAX:
        hi, lo = _half_line_projector_dd(N, k)
        return hi, lo, (_ozaki_matrix(hi, lo) if N <= _OZAKI_MAX else None)
    K = _pow2(K)
    big = _PROJ.get("big")
    if big is None or big["K"] < K:
        with _CIN_SI_LOCK:
            big = _PROJ.get("big")
            if big is None or big["K"] < K:
                hi, lo = _half_line_projector_dd(2 * K, K)
                hi.setflags(write=False)
                lo.setflags(write=False)
                big = dict(K=K, hi=hi, lo=lo, prep=_ozaki_matrix(hi, lo))
                _PROJ["big"] = big
    r = big["K"] - k
    sl = slice(r, r + N)
    S, rl, _ = big["prep"]
    hi = big["hi"][sl, sl]
    return hi, big["lo"][sl, sl], (S[:, sl, sl], rl[sl, sl], hi)


def _mv_dd(Mhi, Mlo, X):
    """(M X) as double-double (zhi, zlo), M = Mhi + Mlo, X in double, (N, m)."""
    p, e = _two_prod(Mhi[:, :, None], X[None, :, :])
    e = e + Mlo[:, :, None] * X[None, :, :]
    return _dd_sum(np.moveaxis(p, 1, -1), np.moveaxis(e, 1, -1))


def _xty_dd(X, zhi, zlo):
    """X^T z as double-double (hi, lo), z = zhi + zlo, (m, m)."""
    if X.shape[0] <= _OZAKI_MAX:
        Sa, ra = _split_rows(X.T, 3, _B_A, axis=1)
        Sz, rz = _split_rows(zhi, 3, _B_X, axis=0)
        P = np.matmul(Sa, np.concatenate(list(Sz), 1))
        m = zhi.shape[1]
        terms = [P[k][:, l * m:(l + 1) * m] for k in range(3) for l in range(3)]
        small = ra @ zhi + (Sa[0] + Sa[1] + Sa[2]) @ rz + X.T @ zlo
        return _dd_accumulate(terms, small)
    p, e = _two_prod(X[:, :, None], zhi[:, None, :])
    e = e + X[:, :, None] * zlo[:, None, :]
    return _dd_sum(np.moveaxis(p, 0, -1), np.moveaxis(e, 0, -1))


def _tls_2x2(A, G, Th, prec: int = 192):
    """(e_lo, e_hi, E, Delta, Delta0, weight) of the 2x2 pencil (A, G) with the half-line
    projector Th in the same basis, each given as a pair (hi, lo) of 2x2 arrays whose sum is the
    matrix (or a single array), in ``prec``-bit arithmetic (gmpy2): E, Delta, Delta_0 are then
    limited only by the inputs.  Invariant form: with G = L L^T, A' = L^-1 A L^-T = a0 + h.sigma,
    Th' = t0 + t.sigma (h = (A'_12, (A'_11 - A'_22)/2), the same for t), E = 2|h|,
    Delta = 2 h.t / |t| and Delta_0 = 2 |h x t| / |t|: the off-diagonal element of A' in the
    eigenbasis of Th', the localized states (as ``E (Th_22 - Th_11)/D``, ``2 E |Th_12|/D`` in
    the eigenbasis of A)."""
    import gmpy2

    def mat(M):
        if isinstance(M, tuple):
            h, l = np.asarray(M[0], float).tolist(), np.asarray(M[1], float).tolist()
            return [[gmpy2.mpfr(h[i][j]) + gmpy2.mpfr(l[i][j]) for j in range(2)]
                    for i in range(2)]
        h = np.asarray(M, float).tolist()
        return [[gmpy2.mpfr(h[i][j]) for j in range(2)] for i in range(2)]

    with gmpy2.context(gmpy2.get_context(), precision=prec):
        a, g, t = mat(A), mat(G), mat(Th)
        l11 = gmpy2.sqrt(g[0][0])
        l21 = (g[0][1] + g[1][0]) / 2 / l11
        l22 = gmpy2.sqrt(g[1][1] - l21 * l21)
        i11, i22 = 1 / l11, 1 / l22
        i21 = -l21 * i11 * i22

        def congr(s):
            s12 = (s[0][1] + s[1][0]) / 2
            b11 = i11 * i11 * s[0][0]
            b12 = i11 * (i21 * s[0][0] + i22 * s12)
            b22 = i21 * i21 * s[0][0] + 2 * i21 * i22 * s12 + i22 * i22 * s[1][1]
            return (b11 + b22) / 2, b12, (b11 - b22) / 2

        a0, hx, hz = congr(a)
        t0, tx, tz = congr(t)
        hn = gmpy2.sqrt(hx * hx + hz * hz)
        tn = gmpy2.sqrt(tx * tx + tz * tz)
        return (float(a0 - hn), float(a0 + hn), float(2 * hn), float(2 * (hx * tx + hz * tz) / tn),
                float(2 * abs(hx * tz - hz * tx) / tn), float(2 * t0))


_SPLIT = 134217729.0     # 2^27 + 1


def _two_prod(a, b):
    """p + e = a * b exactly (Dekker 1971)."""
    p = a * b
    c = _SPLIT * a
    ah = c - (c - a)
    al = a - ah
    c = _SPLIT * b
    bh = c - (c - b)
    bl = b - bh
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _dd_sum(p, e):
    """Sum over the last axis of p + e, as if in twice the working precision: a pairwise tree
    of error-free additions (Knuth's TwoSum), the rounding errors and e summed in double."""
    err = e.sum(-1)
    while p.shape[-1] > 1:
        if p.shape[-1] % 2:
            p = np.concatenate([p, np.zeros(p.shape[:-1] + (1,))], -1)
        a, b = p[..., 0::2], p[..., 1::2]
        s = a + b
        bb = s - a
        err = err + ((a - (s - bb)) + (b - bb)).sum(-1)
        p = s
    hi = p[..., 0]
    s = hi + err
    return s, err - (s - hi)


def _ritz_dd(X, u, sigma, parts=False, xsplit=None):
    """X^T (T + diag(u) - sigma) X in double-double, T the unit-spacing kinetic matrix; returns
    the 2x2 (or kxk) matrix rounded to double (its entries are then exact to ~1e-30 of
    norm(T + diag u)) and Y = (T + diag(u) - sigma) X as (hi, lo); ``parts=True`` adds the
    unrounded (hi, lo) of the matrix, ``parts="y"`` returns Y only.  Ozaki's error-free
    products for N <= _OZAKI_MAX (``xsplit``: the column split of X, if at hand), elementwise
    error-free products and sums above."""
    N, m = X.shape
    if N <= _OZAKI_MAX:
        _, _, prep = _kinetic_parts(N)
        yhi, ylo = _mv_ozaki(prep, X,
                             extra=(_two_prod(u[:, None], X), _two_prod(-sigma, X)),
                             xsplit=xsplit)
        if parts == "y":
            return yhi, ylo
        hhi, hlo = _xty_dd(X, yhi, ylo)
        h = hhi + hlo
        if parts:
            return 0.5 * (h + h.T), yhi, ylo, hhi, hlo
        return 0.5 * (h + h.T), yhi, ylo
    thi, tlo = _kinetic(N)
    p, e = _two_prod(thi[:, :, None], X[None, :, :])          # (i, j, k)
    e = e + tlo[:, :, None] * X[None, :, :]
    pd, ed = _two_prod(u[:, None], X)
    ps, es = _two_prod(-sigma, X)
    p = np.concatenate([p, pd[:, None, :], ps[:, None, :]], 1)
    e = np.concatenate([e, ed[:, None, :], es[:, None, :]], 1)
    yhi, ylo = _dd_sum(np.moveaxis(p, 1, -1), np.moveaxis(e, 1, -1))   # (N, m)
    if parts == "y":
        return yhi, ylo
    p2, e2 = _two_prod(X[:, :, None], yhi[:, None, :])                  # (i, k, l)
    e2 = e2 + X[:, :, None] * ylo[:, None, :]
    hhi, hlo = _dd_sum(np.moveaxis(p2, 0, -1), np.moveaxis(e2, 0, -1))
    h = hhi + hlo
    if parts:
        return 0.5 * (h + h.T), yhi, ylo, hhi, hlo
    return 0.5 * (h + h.T), yhi, ylo


@dataclass
class _Solve:
    e: np.ndarray          # lowest levels (reduced units)
    E: float = float("nan")
    Delta: float = float("nan")
    Delta0: float = float("nan")
    fp_E: float = 0.0      # floating-point error estimates (absolute, reduced units)
    fp_D0: float = 0.0
    floor_D: float = 0.0   # absolute floor of Delta from the rounding of the potential
    weight: float = 1.0    # Theta_11 + Theta_22: 1 when the doublet has one state per well
    N: int = 0
    tau: float = 0.0
    P: float = 0.0         # momentum cutoff of the grid
    ctx: Optional[dict] = None   # what the first-order perturbation needs (the doublet's basis)


def _classical_span(v: _Piecewise, Ew: float, tau: float):
    """Box [y_lo, y_hi] (outer turning points of Ew plus tails int sqrt(v - Ew) dy = tau) and
    the largest curvature v''/2 where v <= Ew (the tabulation is cached on ``v`` per Ew, for
    tails up to tau = 40 or the largest asked)."""
    cache = v.__dict__.setdefault("_span", {})
    hit = cache.get(Ew)
    if hit is None or hit[0] < tau:
        hit = (max(tau, 40.0),) + _span_table(v, Ew, max(tau, 40.0))
        cache[Ew] = hit
    _, y, i0, i1, cum_l, cum_r, cmax = hit
    jl = np.searchsorted(cum_l, tau)
    jr = np.searchsorted(cum_r, tau)
    if jl >= cum_l.size or jr >= cum_r.size:   # pragma: no cover  (ext is generous)
        raise ArithmeticError("double well: the box does not reach the tails")
    return y[i0 - jl], y[i1 + jr], cmax


def _span_table(v: _Piecewise, Ew: float, tau: float):
    x0, xn = v.x[0], v.x[-1]
    ext = []
    for a0, a1, a2, sgn in (v.left + (-1.0,), v.right + (1.0,)):
        # distance beyond the end to the wall's turning point at Ew, then a generous tail
        disc = a1 * a1 - 2 * a2 * (a0 - Ew)
        t = max(0.0, (sgn * -a1 + math.sqrt(disc)) / a2) if disc > 0 else 0.0
        ext.append(t + 3.0 * math.sqrt(tau + 5) * (a2 / 2) ** -0.25 + 1.0)
    lo, hi = x0 - ext[0], xn + ext[1]
    n = int(min(200000, max(4001, (hi - lo) / 0.01)))
    y = np.linspace(lo, hi, n)
    vy = v(y)
    allowed = np.nonzero(vy <= Ew)[0]
    i0, i1 = allowed[0], allowed[-1]
    kap = np.sqrt(np.maximum(vy - Ew, 0.0))
    dy = y[1] - y[0]
    cum_l = np.concatenate([[0.0], np.cumsum(0.5 * (kap[1:i0 + 1] + kap[:i0])[::-1]) * dy])
    cum_r = np.concatenate([[0.0], np.cumsum(0.5 * (kap[i1:-1] + kap[i1 + 1:])) * dy])
    curv = 0.5 * v(y[i0:i1 + 1], 2)
    return y, i0, i1, cum_l, cum_r, max(float(curv.max()), 1e-3)


def _momentum_cutoff(pc: float, kappa: float, tau: float) -> float:
    """P with int_pc^P sqrt(p^2 - pc^2) dp / sqrt(kappa) = tau (harmonic momentum-space WKB)."""
    target = tau * math.sqrt(kappa)

    def g(P):
        r = math.sqrt(max(P * P - pc * pc, 0.0))
        return 0.5 * (P * r - pc * pc * math.log((P + r) / pc)) if pc > 0 else 0.5 * P * P

    lo, hi = pc, pc + math.sqrt(2 * target) + 1
    while g(hi) < target:
        hi *= 2
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if g(mid) < target else (lo, mid)
    return hi


def _dvr(v: _Piecewise, wells: Optional[dict], Ew: float, tau: float, nlev: int = 3,
         tls: bool = True, pmin: float = 0.0) -> _Solve:
    """One sinc-DVR solve; with ``tls`` the doublet's E, Delta, Delta0 (Ritz in double-double)."""
    from scipy.linalg import eigh
    from scipy.linalg.lapack import dgetrf, dgetrs

    y_lo, y_hi, kappa = _classical_span(v, Ew, tau)
    P = max(_momentum_cutoff(math.sqrt(max(Ew, 1e-12)), kappa, tau + 1.0), pmin)
    h = math.pi / P
    yb = wells["yb"] if wells else 0.5 * (y_lo + y_hi)
    kb = int(math.ceil((yb - y_lo) / h))
    N = max(kb + int(math.ceil((y_hi - yb) / h)) + 1, nlev + 21)
    y = yb + h * (np.arange(N) - kb)
    vy = v(y)
    thi, _ = _kinetic(N)
    H = thi / (h * h)
    H[np.arange(N), np.arange(N)] += vy
    vals, X = eigh(H, subset_by_index=[0, nlev - 1], driver="evr")
    out = _Solve(e=vals, N=N, tau=tau, P=P)
    if not tls:
        return out
    u = vy * (h * h)
    sig = 0.5 * (vals[0] + vals[1]) * h * h
    X2 = X[:, :2]
    # X^T (h^2 H - sigma) X and (h^2 H - sigma) X in double-double
    # K X, M X (M the half-line projector) and X^T [K X, M X, X] in double-double
    xsplit = _split_rows(X2, 3, _B_X, axis=0) if N <= _OZAKI_MAX else None
    yhi, ylo = _ritz_dd(X2, u, sig, parts="y", xsplit=xsplit)
    Mhi, Mlo, Msplit = _projector_dd(N, kb)
    zhi, zlo = (_mv_dd(Mhi, Mlo, X2) if Msplit is None
                else _mv_ozaki(Msplit, X2, xsplit=xsplit))
    qhi, qlo = _xty_dd(X2, np.concatenate([yhi, zhi, X2], 1),
                       np.concatenate([ylo, zlo, np.zeros_like(X2)], 1))
    Ahi, Alo = qhi[:, 0:2], qlo[:, 0:2]
    Thi, Tlo = qhi[:, 2:4], qlo[:, 2:4]
    Ghi, Glo = qhi[:, 4:6], qlo[:, 4:6]
    A = Ahi + Alo
    A = 0.5 * (A + A.T)
    G = X2.T @ X2
    lam, C = _eig2(A, G)
    # one Jacobi-Davidson step with the residual in double-double (Newton for each Ritz pair):
    # (I - P)(h^2 H - sigma - lam_k)(I - P) d = -(I - P) R c_k, P the projector on span X,
    # R = (h^2 H - sigma) X - X G^-1 A: the doublet's subspace to O(tilt^2)
    B = np.linalg.solve(G, A)
    R = (yhi - X2 @ B) + ylo
    gap = max(vals[2] - vals[1], 1e-300)
    dV = np.empty_like(X2)
    XXt = (h * h * gap) * (X2 @ X2.T)
    lus = []
    for k in range(2):
        Hd = thi + np.diag(u - (sig + lam[k])) + XXt
        lu, piv, _ = dgetrf(Hd, overwrite_a=True)
        lus.append((lu, piv))
        d = -dgetrs(lu, piv, R @ C[:, k])[0]
        dV[:, k] = d - X2 @ np.linalg.solve(G, X2.T @ d)
    Cinv = C.T @ G                                   # C is G-orthonormal: C^T G C = 1
    dX = dV @ Cinv                                   # the correction of the basis X
    # the Ritz values are exact to O(|R|^2 / gap): the ones of the refined span move by that
    rn = float(np.linalg.norm(R)) / (h * h)
    out.fp_E = 2 * rn * rn / gap + 16 * _EPS**2 * N * (P * P + abs(Ew))
    # the half-line projector, the Gram and the Ritz matrices of the corrected basis X + dX in
    # double-double: the terms with dX (~ tilt) are small and need double only
    KdX = thi @ dX + (u - sig)[:, None] * dX
    MdX = Mhi @ dX
    cA = dX.T @ (yhi + ylo)
    cA = cA + cA.T + dX.T @ KdX
    cG = dX.T @ X2
    cG = cG + cG.T + dX.T @ dX
    cT = dX.T @ zhi
    cT = cT + cT.T + dX.T @ MdX
    e1, e2, Eh, Dh, D0h, wt = _tls_2x2((Ahi, Alo + cA), (Ghi, Glo + cG), (Thi, Tlo + cT))
    # the correction's effect on Theta measures the tilt t; what is left after the Newton step
    # is O(t^2 cond) plus the rounding of the correction (cond eps)
    tilt = float(np.max(np.linalg.norm(dX, axis=0)))
    cond = (P * P * h * h + abs(Ew) * h * h + math.pi**2) / (h * h * gap)
    shrink = min(1.0, 16 * cond * (tilt + _EPS))
    err_th = float(np.max(np.abs(cT))) * shrink + 64 * N * _EPS**2
    E = Eh / (h * h)
    out.e = vals.copy()
    out.e[:2] = (sig + np.array([e1, e2])) / (h * h)
    out.E, out.Delta, out.Delta0 = E, Dh / (h * h), D0h / (h * h)
    out.weight = wt
    # floating point: the rest of the Newton step and the double-double rounding (~N eps^2 of
    # the O(1) quadratic forms), relative to Theta_12 ~ Delta_0 / 2E: 2 E err / D
    lt = _eig2(Thi + (Tlo + cT), Ghi + (Glo + cG))[0]
    D = max(float(lt[1] - lt[0]), 1e-300)        # sqrt((Th_22 - Th_11)^2 + 4 Th_12^2)
    # and the rounding of the results and of the potential's values (a few eps, relative)
    out.fp_E += 8 * _EPS * E
    # (E's error enters Delta_0 = 2 E |Th_12| / D relatively)
    out.fp_D0 = 2 * E * err_th / D + out.Delta0 * (out.fp_E / E + 16 * _EPS)
    # the potential itself is known to ~eps |v| (rounding of the data, of the spline and of its
    # values): the asymmetry of the two wells, Delta, cannot be resolved below that
    out.floor_D = 8 * _EPS * max(1.0, abs(Ew), abs(wells["vb"]) if wells else 0.0)
    out.ctx = dict(y=y, h=h, kb=kb, X=X2 + dX, C=C, Cinv=Cinv, G=G, lus=lus, u=u, sig=sig,
                   KX=(yhi + ylo) + KdX, MX=zhi + MdX, Mhi=Mhi,
                   A=(Ahi, Alo + cA), Gd=(Ghi, Glo + cG), T=(Thi, Tlo + cT))
    return out


def _perturbed(fine: _Solve, v2: _Piecewise, shift: float = 0.0, maxit: int = 12):
    """(E, Delta, Delta0) of the doublet for the potential v2 instead of v on the grid of
    ``fine``, from its converged doublet: the invariant subspace of the changed matrix by
    Newton steps on the old one's factorizations, as differences from the old quantities.

    With dU = h^2 (v2 - v) on the grid and K = h^2 H - sigma, the basis X of the doublet moves
    to X + dX: each step solves, for each Ritz vector c_k of the current 2x2 problem,
    (I - P)(K - lam_k)(I - P) d = -(I - P) R c_k with the LU factors of the Jacobi-Davidson
    step (a fixed-point iteration with rate ~ |dU| / gap), where the residual
    R = dU X + K dX + dU dX - dX B' - X (B' - B) (K X = X B for the converged X) is formed
    from the differences alone.  The 2x2 Ritz, Gram and half-line matrices follow as the old
    ones (double-double) plus difference terms (X^T dU X + dX^T (K + dU) X + ... ), so that
    the rounding of the old quantities cancels in the difference; the 2x2 problem is then solved
    as in the sinc-DVR."""
    from scipy.linalg.lapack import dgetrs

    c = fine.ctx
    h2 = c["h"] ** 2
    X, G, u, sig = c["X"], c["G"], c["u"], c["sig"]
    N = X.shape[0]
    thi = _kinetic(N)[0]
    A, Gd, T = c["A"], c["Gd"], c["T"]
    A0 = A[0] + A[1]
    B0 = np.linalg.solve(G, A0)
    du = h2 * v2(c["y"]) - u
    dUX = du[:, None] * X
    dX = np.zeros_like(X)
    # the rate of the fixed-point iteration: |dU| / gap; below 1e-3 the first step (first-order
    # perturbation theory of the subspace) is exact to that relative order, enough for an
    # error estimate
    rate = float(np.max(np.abs(du))) / h2 / max(fine.e[2] - fine.e[1], 1e-300)

    def pieces(dX):
        KdX = thi @ dX + (u - sig)[:, None] * dX
        dUdX = du[:, None] * dX
        t1 = dX.T @ c["KX"] + dX.T @ dUX
        dA = X.T @ dUX + t1 + t1.T + dX.T @ (KdX + dUdX)
        t2 = dX.T @ X
        dG = t2 + t2.T + dX.T @ dX
        return 0.5 * (dA + dA.T), 0.5 * (dG + dG.T), KdX, dUdX

    for _ in range(maxit):
        dA, dG, KdX, dUdX = pieces(dX)
        Gp = G + dG
        Ap = A0 + dA
        dB = np.linalg.solve(Gp, dA - dG @ B0)
        Bp = B0 + dB
        R = dUX + KdX + dUdX - dX @ Bp - X @ dB
        Xp = X + dX
        _, Cp = _eig2(Ap, Gp)
        Gi = np.linalg.inv(Gp)
        W = R @ Cp
        W -= Xp @ (Gi @ (Xp.T @ W))
        d = np.empty_like(W)
        for k in range(2):
            lu, piv = c["lus"][k]
            d[:, k] = -dgetrs(lu, piv, W[:, k])[0]
        d -= Xp @ (Gi @ (Xp.T @ d))
        step = d @ (Cp.T @ Gp)
        dX = dX + step
        if rate < 1e-3 or np.max(np.abs(step)) <= 1e-4 * np.max(np.abs(dX)):
            break
    dA, dG, _, _ = pieces(dX)
    t3 = dX.T @ c["MX"]
    dT = t3 + t3.T + dX.T @ (c["Mhi"] @ dX)
    if shift:
        # the projector's cut moves with v2's barrier top, yb -> yb + shift (|shift| < h/4):
        # -int_yb^(yb + shift) psi_i psi_j dy to second order, psi and psi' at the node y_kb
        kb, h = c["kb"], c["h"]
        Xp = X + dX
        j = np.arange(N) - kb
        with np.errstate(divide="ignore"):
            dk = np.where(j == 0, 0.0, np.where(j % 2 == 0, 1.0, -1.0) / j) / h
        f, df = Xp[kb], -(dk @ Xp)            # sqrt(h) psi(yb) and sqrt(h) psi'(yb)
        P2 = np.outer(f, f)
        dP = np.outer(f, df) + np.outer(df, f)
        dT = dT - (shift * P2 + 0.5 * shift * shift * dP) / h
    _, _, E, D, D0, _ = _tls_2x2((A[0], A[1] + dA), (Gd[0], Gd[1] + dG), (T[0], T[1] + dT))
    return E / h2, D / h2, D0 / h2


def _eig2(A, G):
    """Eigenvalues (ascending) and G-orthonormal eigenvectors of the 2x2 pencil (A, G), G
    symmetric positive definite (a Gram matrix close to the identity): closed forms."""
    g11 = math.sqrt(G[0, 0])
    g21 = G[1, 0] / g11
    g22 = math.sqrt(G[1, 1] - g21 * g21)
    Linv = np.array([[1 / g11, 0.0], [-g21 / (g11 * g22), 1 / g22]])
    B = Linv @ A @ Linv.T
    a, b, c = B[0, 0], 0.5 * (B[0, 1] + B[1, 0]), B[1, 1]
    m, d = 0.5 * (a + c), 0.5 * (a - c)
    r = math.hypot(d, b)
    lam = np.array([m - r, m + r])
    # eigenvector of the lower value: angle phi with tan(2 phi) = 2b/(a - c)
    phi = 0.5 * math.atan2(2 * b, a - c)
    v_hi = np.array([math.cos(phi), math.sin(phi)])
    v_lo = np.array([-math.sin(phi), math.cos(phi)])
    W = np.stack([v_lo, v_hi], 1)
    return lam, Linv.T @ W


def _harmonic_asymmetry(w: dict) -> float:
    """Difference of the harmonic zero-point levels of the two wells (reduced units)."""
    return (w["vR"] + math.sqrt(w["kR"] / 2)) - (w["vL"] + math.sqrt(w["kL"] / 2))


def _window_energy(w: dict) -> float:
    """An energy above the two lowest levels: the higher well's first excited level (harmonic)."""
    return max(w["vL"] + 3 * math.sqrt(w["kL"] / 2), w["vR"] + 3 * math.sqrt(w["kR"] / 2))


_TAU0 = 21.0
_TAU_STEP = 3.0
_MAX_GRIDS = 6


def _tau_for(E: float, scale: float, rtol: float) -> float:
    return max(_TAU0, 0.5 * math.log(10 * scale / (rtol * max(E, 1e-300))) + 1.0)


def _agree(a: _Solve, b: _Solve, rtol: float) -> bool:
    return (abs(a.E - b.E) <= rtol * b.E + abs(b.Delta) / b.E * b.floor_D
            and abs(a.Delta0 - b.Delta0) <= rtol * b.Delta0 + a.fp_D0 + b.fp_D0
            and abs(a.Delta - b.Delta) <= rtol * b.E + b.floor_D)


def _knot_momentum(v: _Piecewise) -> float:
    """pi / (smallest spacing of the spline's breakpoints): the spline is smooth only on its
    knot scale (its highest derivative jumps there), so the grid must resolve that scale."""
    return math.pi / float(np.min(np.diff(v.x)))


_P_GROWTH = 1.4


def _solve_dvr_certified(v, wells, rtol):
    """Grids of growing tau and momentum cutoff (x1.4 per grid)
    until three successive ones agree pairwise to rtol, or two to 1e-3 rtol (the aliasing of the
    knots makes the convergence algebraic and not monotonic: one pair agreeing just to rtol can
    be a coincidence); returns
    (finest, the one before, agreed, grid)."""
    Ew = _window_energy(wells)
    # Delta_0's relative error from the tails grows with Delta / Delta_0 (~1e-12 at tau = 21
    # for Delta / Delta_0 ~ 1e6): wells whose harmonic zero-point levels differ start deeper
    # in the tails (a few more points), so that two grids usually suffice
    tau0 = _TAU0 + (_TAU_STEP + 1 if abs(_harmonic_asymmetry(wells)) > 2e-3 else 0.0)
    first = _dvr(v, wells, Ew, tau0)
    pk = first.P
    scale = max(first.e[2] - first.e[0], 1e-12)
    Ew = max(Ew, first.e[1] + 0.25 * scale)
    tau = max(tau0 + _TAU_STEP, _tau_for(first.E, scale, rtol))
    m = _P_GROWTH
    seq = [first]
    for _ in range(_MAX_GRIDS):
        last = (Ew, tau, m * pk)
        cur = _dvr(v, wells, *last[:2], pmin=last[2])
        seq.append(cur)
        if _agree(seq[-2], cur, rtol) and (_agree(seq[-2], cur, 1e-3 * rtol) or (
                len(seq) >= 3 and _agree(seq[-3], seq[-2], rtol))):
            return cur, seq[-2], True, last
        tau = max(tau + _TAU_STEP, _tau_for(cur.E, scale, rtol))
        m *= _P_GROWTH
    return seq[-1], seq[-2], False, last


# ---------------------------------------------------------------------------------------------
# Extended precision: exact Taylor integration of the piecewise-polynomial potential (gmpy2)
# ---------------------------------------------------------------------------------------------
def _shift(coef, t):
    """Ascending coefficients of p(t + z) in z, from those of p(z) (Horner-Taylor shift)."""
    a = list(coef)
    n = len(a)
    for i in range(n - 1):
        for j in range(n - 2, i - 1, -1):
            a[j] += t * a[j + 1]
    return a


def _shoot(pieces, e, y0, y1, init, tol, hs=1.0):
    """Integrate psi'' = (v - e) psi from y0 to y1 through the pieces (Taylor series of
    adaptive order, steps h with h * scale <= hs), with the e-derivatives when ``init`` has
    them: psi_e'' = (v - e) psi_e - psi, psi_ee'' = (v - e) psi_ee - 2 psi_e.
    ``init``: [psi, psi', psi_e, psi_e', ...] at y0 (gmpy2 mpfr in the current context)."""
    import gmpy2

    f = list(init)
    nf = len(f) // 2
    sgn = 1 if y1 > y0 else -1
    segs = pieces if sgn > 0 else pieces[::-1]
    y = y0
    third = [gmpy2.mpfr(1) / (k + 2) for k in range(8)]
    for lo, hi, org, coef in segs:
        a, b = (lo, hi) if sgn > 0 else (hi, lo)
        if sgn * (y - b) >= 0 or sgn * (y1 - a) <= 0:
            continue
        end = b if sgn * (b - y1) < 0 else y1
        while sgn * (end - y) > 0:
            q = _shift(coef, y - org)
            q[0] -= e
            scale = 1 + sum(abs(c) ** third[k] for k, c in enumerate(q) if c)
            h = min(abs(end - y), hs / scale)
            h = h if sgn > 0 else -h
            h2 = h * h
            qh, hk = [], h2
            for c in q:
                qh.append(c * hk)
                hk *= h
            nq = len(qh)
            C = [[f[2 * j], f[2 * j + 1] * h] for j in range(nf)]
            val = [C[j][0] + C[j][1] for j in range(nf)]
            der = [C[j][1] for j in range(nf)]
            k, small = 0, 0
            while True:
                mag = 0
                den = (k + 1) * (k + 2)
                news = []
                for j in range(nf):
                    Cj = C[j]
                    s = qh[0] * Cj[k]
                    for i in range(1, min(k, nq - 1) + 1):
                        s += qh[i] * Cj[k - i]
                    if j:
                        s -= j * h2 * C[j - 1][k]
                    news.append(s / den)
                for j in range(nf):
                    c = news[j]
                    C[j].append(c)
                    val[j] += c
                    der[j] += (k + 2) * c
                    r = abs(c) / (abs(val[j]) + abs(der[j]) + tol * tol)
                    if r > mag:
                        mag = r
                k += 1
                small = small + 1 if mag < tol else 0
                if small >= 3 or k > 800:
                    break
            f = []
            for j in range(nf):
                f += [val[j], der[j] / h]
            y = y + h
            if abs(end - y) <= abs(h) * tol:
                y = end
    return f


def _solve_mpmath(v: _Piecewise, wells: dict, guess: _Solve, Sb: float):
    """(E, Delta, Delta0, e1, e2, Newton step) of the interpolant by Taylor shooting at a
    precision set by the barrier action (gmpy2; the mpmath-style extended-precision path)."""
    import gmpy2

    mpfr = gmpy2.mpfr
    scale = max(1.0, abs(float(guess.e[0])))
    dps = max(30, int(math.ceil(Sb / math.log(10) + math.log10(scale) + 30)))
    Lam = 0.5 * Sb + 25.0       # start depth: contamination e^(-2 Lam) << E e^-16
    Ew = float(guess.e[1]) + 0.1
    y_lo, y_hi, _ = _classical_span(v, Ew, Lam)
    vlo = float(v(np.array([y_lo]))[0])
    vhi = float(v(np.array([y_hi]))[0])
    ctx = gmpy2.context(gmpy2.get_context(), precision=int(dps * 3.33) + 16)
    with ctx:
        pieces = [(lo if lo is not None else mpfr("-inf"), hi if hi is not None else mpfr("inf"),
                   mpfr(org), [mpfr(c) for c in coef]) for lo, hi, org, coef in v.float_pieces()]
        yb = mpfr(wells["yb"])
        ylo, yhi = mpfr(y_lo), mpfr(y_hi)
        tol = mpfr(10) ** (-dps - 2)
        eps_tol = mpfr(10) ** (-dps + 8) * scale
        zero = mpfr(0)

        def shoot(E, second=False):
            n = 6 if second else 4
            kl = gmpy2.sqrt(max(mpfr(vlo) - E, mpfr(1)))
            kr = gmpy2.sqrt(max(mpfr(vhi) - E, mpfr(1)))
            L = _shoot(pieces, E, ylo, yb, [mpfr(1), kl] + [zero] * (n - 2), tol)
            R = _shoot(pieces, E, yhi, yb, [mpfr(1), -kr] + [zero] * (n - 2), tol)
            return L, R

        def wronskian(L, R):
            W = L[0] * R[1] - L[1] * R[0]
            WE = L[2] * R[1] + L[0] * R[3] - L[3] * R[0] - L[1] * R[2]
            if len(L) == 4:
                return W, WE
            WEE = (L[4] * R[1] + 2 * L[2] * R[3] + L[0] * R[5]
                   - L[5] * R[0] - 2 * L[3] * R[2] - L[1] * R[4])
            return W, WE, WEE

        step = [zero]

        def newton(E):
            E = mpfr(E)
            for _ in range(40):
                L, R = shoot(E)
                W, WE = wronskian(L, R)
                d = W / WE
                E -= d
                if abs(d) < eps_tol:
                    step[0] = max(step[0], abs(d))
                    return E, shoot(E)
            raise ArithmeticError(  # pragma: no cover
                "double well: Newton iteration did not converge")

        if guess.E > 1e6 * guess.fp_E and guess.E > 1e-25 * scale:
            (E1, s1), (E2, s2) = newton(guess.e[0]), newton(guess.e[1])
        else:
            # a doublet unresolved in double: the extremum of the Wronskian W(E) lies between its
            # two zeros (Newton on W'), which then follow from the local quadratic
            Ec = mpfr(float(0.5 * (guess.e[0] + guess.e[1])))
            for _ in range(40):
                W, WE, WEE = wronskian(*shoot(Ec, True))
                Ec -= WE / WEE
                if abs(WE / WEE) < eps_tol:
                    break
            W, WE, WEE = wronskian(*shoot(Ec, True))
            half = gmpy2.sqrt(-2 * W / WEE)
            (E1, s1), (E2, s2) = newton(Ec - half), newton(Ec + half)
        if not E2 - E1 > 0:
            raise ArithmeticError("double well: the doublet was not resolved")  # pragma: no cover
        # the localized states from the two shooting states, as in soft_potential.tls_splitting
        E, Delta, Delta0 = _doublet_split(s1, s2, E1, E2, gmpy2.sqrt)
        return (E, Delta, Delta0, float(E1), float(E2), float(step[0]))


# ---------------------------------------------------------------------------------------------
# WKB
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WKBEstimate:
    """WKB estimates of Delta_0 for the same path (energies in the input unit).

    Attributes
    ----------
    action : float
        S/hbar = int sqrt(2m(V - e)) ds / hbar between the inner turning points at e, the mean
        of the exact doublet (NaN where e is above the barrier or below a well's bottom).
    action_bottom : float
        S_b/hbar = int sqrt(2m(V - V_high)) ds / hbar between the minima, V_high the higher one.
    landau : float
        (hbar sqrt(omega_L omega_R) / pi) exp(-action) (Landau & Lifshitz, Sec. 50).
    garg : float
        sqrt(pi/e) times ``landau``: the prefactor corrected by Garg (2000), asymptotically exact
        for deep wells (the ratio exact / landau tends to sqrt(pi/e) = 1.0750; tested).
    psg : float
        W exp(-action_bottom), Parshin, Schober, Gurevich (2007) Eq. (4.4).
    W : float
        (hbar/2)(hbar A / 2 m^2)^(1/3) of Eq. (4.2), A of the equivalent symmetric quartic.
    asymmetry_harmonic : float
        Difference of the harmonic zero-point levels of the two wells (right - left).
    """

    action: float
    action_bottom: float
    landau: float
    garg: float
    psg: float
    W: float
    asymmetry_harmonic: float


@functools.lru_cache(maxsize=4)
def _gl(n=96):
    x, w = np.polynomial.legendre.leggauss(n)
    return 0.5 * (x + 1), 0.5 * w


def _sqrt_integral(v, a, b, e, sgn_end):
    """int_a^b sqrt(max(v - e, 0)) dy with a square-root zero at a (sgn_end=-1) or b (+1):
    y = end -/+ d u^2 removes it."""
    u, w = _gl()
    if sgn_end < 0:
        y = a + (b - a) * u * u
        jac = 2 * (b - a) * u
    else:
        y = b - (b - a) * u * u
        jac = 2 * (b - a) * u
    f = np.sqrt(np.maximum(v(y) - e, 0.0))
    return float(np.sum(w * f * jac))


def _turning(v, y_in, y_out, e):
    """The root of v = e between y_in (v < e) and y_out (v > e) nearest y_in: bracketed on 65
    points, then Brent's method on the spline piece by piece (scalar calls without the walls)."""
    from scipy.optimize import brentq

    y = np.linspace(y_in, y_out, 65)
    f = v(y) - e
    i = int(np.argmax(f >= 0))
    a, b = y[i - 1], y[i]
    fa, fb = f[i - 1], f[i]
    # safeguarded Newton (the bracket [a, b] shrinks; a bisection where a step leaves it)
    t = a - fa * (b - a) / (fb - fa) if fb != fa else 0.5 * (a + b)
    for _ in range(10):
        ft = v.scalar(t) - e
        if abs(ft) <= 4 * _EPS * (1 + abs(e)):
            return t
        if (ft < 0) == (fa < 0):
            a, fa = t, ft
        else:
            b, fb = t, ft
        d1 = v.scalar(t, 1)
        tn = t - ft / d1 if d1 != 0 else 0.5 * (a + b)
        if not min(a, b) < tn < max(a, b):
            tn = 0.5 * (a + b)
        if abs(tn - t) <= 1e-14 * max(1.0, abs(t)):
            return tn
        t = tn
    return brentq(lambda q: v.scalar(q) - e, a, b, xtol=1e-14, rtol=1e-14)


def _wkb(v: _Piecewise, w: dict, e_mean: float) -> dict:
    yL, yR, yb = w["yL"], w["yR"], w["yb"]
    vhigh = max(w["vL"], w["vR"])
    # bottom action: between the minima, above the higher one (from the lower well's turning
    # point at V_high, square-root substitutions at both ends)
    # (wells level to ~1e-10 of the barrier: the turning point is the minimum, to an action
    # ~1e-10; a Newton iteration would crawl to the near-double root)
    tiny = 1e-10 * (1.0 + abs(w["vb"] - min(w["vL"], w["vR"])))
    t1 = _turning(v, yL, yb, vhigh) if w["vL"] < vhigh - tiny else yL
    t2 = _turning(v, yR, yb, vhigh) if w["vR"] < vhigh - tiny else yR
    Sb = _sqrt_integral(v, t1, yb, vhigh, -1) + _sqrt_integral(v, yb, t2, vhigh, +1)
    if w["vL"] < e_mean < w["vb"] and w["vR"] < e_mean < w["vb"]:
        t1 = _turning(v, yL, yb, e_mean)
        t2 = _turning(v, yR, yb, e_mean)
        S = _sqrt_integral(v, t1, yb, e_mean, -1) + _sqrt_integral(v, yb, t2, e_mean, +1)
    else:
        S = float("nan")
    hwL, hwR = math.sqrt(2 * w["kL"]), math.sqrt(2 * w["kR"])
    landau = math.sqrt(hwL * hwR) / math.pi * math.exp(-S) if math.isfinite(S) else float("nan")
    garg = math.sqrt(math.pi / math.e) * landau
    x0 = 0.5 * (yR - yL)
    Vb = w["vb"] - 0.5 * (w["vL"] + w["vR"])
    A = 4 * Vb / x0**4
    W = 0.5 * (2 * A) ** (1 / 3)      # hbar = 1, m = 1/2 in reduced units
    return dict(action=S, action_bottom=Sb, landau=landau, garg=garg, psg=W * math.exp(-Sb), W=W,
                asymmetry_harmonic=(w["vR"] + 0.5 * hwR) - (w["vL"] + 0.5 * hwL))


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TLSResult:
    """Two-level-system parameters of a path (energies in the input energy unit).

    Attributes
    ----------
    E, Delta0, Delta : float
        eps_2 - eps_1, the tunnelling element and the asymmetry (E = sqrt(Delta^2 + Delta0^2)).
    E_err, Delta0_err, Delta_err : float
        Total error estimates: solver plus interpolation plus noise.
    E_err_solver, Delta0_err_solver, Delta_err_solver : float
        The solver's part (grid comparison and floating point, or the extended-precision path)
        for the interpolant as given.
    E_err_interp, Delta0_err_interp, Delta_err_interp : float
        Sensitivity to the interpolation: the difference from the second interpolant's answer
        (solved from the converged doublet by perturbation theory, or from scratch with
        ``interpolation_error="resolve"``; 0 with ``interpolation_error=False``).
    levels : (float, float)
        eps_1, eps_2 on the scale of V.
    hbar_omega : (float, float)
        Of the left and right wells (from V'' at the minima).
    barrier : float
        Height of the barrier top above the lower minimum.
    s_minima, s_barrier : (float, float), float
        Positions of the minima and of the barrier top.
    wkb : WKBEstimate
    method : str
        ``"dvr"`` (sinc-DVR with double-double Ritz values) or ``"mpmath"`` (shooting).
    converged : bool
        Whether the solver met ``rtol``: two grids agree and the floating-point errors are
        below it.  Not counted: the floor of Delta at ~1e-14 of the barrier height, set by the
        rounding of the energies (it is in the errors; for a symmetric well it dominates E
        when Delta_0 is below ~1e-7 of the barrier height, while Delta_0 stays exact).
    grid : int
        Points of the finest sinc-DVR grid.
    well_weight : float
        Theta_11 + Theta_22, the summed weight of the doublet beyond the barrier top: 1 when
        psi_1, psi_2 put one state in each well (a two-level system); near 0 or 2 both lowest
        states lie in one well, the other well's level is higher, and Delta, Delta_0 describe
        no tunnelling doublet (a ``RuntimeWarning`` says so).
    units : str
        The unit system of the input.
    E_err_noise, Delta0_err_noise, Delta_err_noise : float
        Three standard deviations of the noise of the energies propagated to first order
        (the noise level from the samples: :meth:`PathPotential.noise_level`; through the
        interpolant and the doublet); 0 with ``interpolation_error=False`` or where the
        samples are smooth to rounding (a sampled polynomial of degree <= 5).
    """

    E: float
    Delta0: float
    Delta: float
    E_err: float
    Delta0_err: float
    Delta_err: float
    E_err_solver: float
    Delta0_err_solver: float
    Delta_err_solver: float
    E_err_interp: float
    Delta0_err_interp: float
    Delta_err_interp: float
    levels: Tuple[float, float]
    hbar_omega: Tuple[float, float]
    barrier: float
    s_minima: Tuple[float, float]
    s_barrier: float
    wkb: WKBEstimate
    method: str
    converged: bool
    grid: int
    well_weight: float = 1.0
    units: str = "SI"
    E_err_noise: float = 0.0
    Delta0_err_noise: float = 0.0
    Delta_err_noise: float = 0.0

    def as_dict(self) -> dict:
        """A plain dictionary (JSON-serialisable)."""
        d = asdict(self)
        d["levels"], d["hbar_omega"] = list(self.levels), list(self.hbar_omega)
        d["s_minima"] = list(self.s_minima)
        return d


def _errors(fine: _Solve, coarse: Optional[_Solve]):
    """Absolute error estimates (E, Delta0, Delta) of a solve, reduced units."""
    dE = abs(fine.E - coarse.E) if coarse is not None else 0.0
    dD0 = abs(fine.Delta0 - coarse.Delta0) if coarse is not None else 0.0
    dD = abs(fine.Delta - coarse.Delta) if coarse is not None else 0.0
    errD = dD + fine.fp_D0 + fine.floor_D
    errE = dE + fine.fp_E + abs(fine.Delta) / fine.E * fine.floor_D
    return errE, dD0 + fine.fp_D0, errD


def _solve_reduced(pot: PathPotential, rtol: float, precision: str, grid=None):
    """E, Delta, Delta0, their errors (reduced units), e1, e2, method, converged, N, grid for one
    interpolant; ``grid=(Ew, tau, pmin)`` solves on that one grid only (the second interpolant)."""
    v, w = pot.v, pot.wells
    if grid is None:
        fine, coarse, ok, grid = _solve_dvr_certified(v, w, rtol)
    else:
        fine, coarse, ok = _dvr(v, w, grid[0], grid[1], pmin=grid[2]), None, True
    errE, errD0, errD = _errors(fine, coarse)
    # what more digits can fix: the floating-point parts (not the floor of Delta) and the grids
    fixable = not ok or fine.fp_E > 0.5 * rtol * fine.E or fine.fp_D0 > 0.5 * rtol * fine.Delta0
    # two states of one well (no tunnelling doublet): their localized split rests on tails of
    # relative size `weight`, far below what the shooting's digits (set by the barrier action)
    # resolve, so more digits do not help and the DVR's own (large) error stands
    doublet = 0.5 < fine.weight < 1.5
    if precision == "dvr" or (precision == "auto" and (not fixable or not doublet)):
        return dict(E=fine.E, Delta=fine.Delta, Delta0=fine.Delta0, errE=errE, errD0=errD0,
                    errD=errD, e=(fine.e[0], fine.e[1]), method="dvr",
                    converged=bool(ok and not fixable), N=fine.N,
                    grid=grid, weight=fine.weight, fine=fine)
    Sb = _wkb(v, w, float("nan"))["action_bottom"]
    if Sb > 650.0:
        raise ValueError(
            f"the barrier action is {Sb:.4g} (WKB, from the higher well's bottom): Delta_0 ~ "
            f"10^{-Sb / math.log(10):.0f} of the level spacing underflows double precision; "
            f"tls_from_path does not return it as 0 (the WKB estimate of its logarithm is "
            f"the action)")
    E, D, D0, e1, e2, step = _solve_mpmath(v, w, fine, Sb)
    # at >= 30 digits beyond the splitting the shooting is exact to far below double: what is
    # left is the rounding to double, the last Newton step and the floor of Delta
    err = 4 * step + 2 * _EPS * E
    errD0, errD = 2 * _EPS * D0 + 4 * step, err + fine.floor_D
    if not doublet:
        # E is exact; the split into Delta and Delta_0 is not resolved (see above)
        errD0 = errD = max(errD0, errD, E)
    return dict(E=E, Delta=D, Delta0=D0, errE=err + abs(D) / E * fine.floor_D,
                errD0=errD0, errD=errD, e=(e1, e2),
                method="mpmath", converged=doublet, N=fine.N, grid=grid,
                weight=fine.weight, fine=fine)


def tls_from_path(s, V, mass, units: str = "SI", *, interpolant: str = "quintic",
                  interpolation_error: bool = True, rtol: float = 1e-10,
                  precision: str = "auto", wall_curvature=(None, None)) -> TLSResult:
    """Two-level-system parameters E, Delta_0, Delta of the double well sampled along a path.

    The samples (s_i, V_i) are interpolated (``interpolant``), continued by harmonic walls
    beyond the ends, and the two lowest levels of -hbar^2/(2 m) psi'' + V psi = eps psi are
    found with a sinc-DVR that certifies its own convergence (two grids agree to ``rtol``) and
    Ritz values in double-double arithmetic; where that cannot reach ``rtol``, by exact Taylor
    shooting in mpmath.  Definitions, method and assumptions: the module docstring.

    Parameters
    ----------
    s, V : array_like
        Path coordinate (strictly monotonic) and energy, at least 7 samples each, finite.
    mass : float
        Effective mass (> 0); 1 for a mass-weighted coordinate.
    units : str
        ``"SI"`` (m, J, kg), ``"eV-angstrom-amu"`` (Å, eV, amu) or ``"atomic"`` (hbar = 1).
        Results are in the energy unit of ``V``.
    interpolant : str
        ``"quintic"`` (default), ``"cubic"`` or ``"smoothing"`` (noisy energies).
    interpolation_error : bool or str
        Also solve the second interpolant and report the difference: ``True`` (or
        ``"perturbation"``) from the converged doublet (~15% more time), ``"resolve"`` from
        scratch on the same grid parameters (~40% more), ``False``: no estimate.
    rtol : float
        Target relative accuracy of the solver (E, Delta_0 relative to themselves, Delta
        relative to E), in [1e-13, 1e-2].
    precision : str
        ``"auto"`` (sinc-DVR, mpmath shooting where needed), ``"dvr"`` (never mpmath; the error
        estimate says what was reached) or ``"mpmath"`` (always).
    wall_curvature : (float or None, float or None)
        V'' of the harmonic walls beyond the ends (energy / length^2); None: the spline's.

    Returns
    -------
    TLSResult

    Raises
    ------
    ValueError
        Bad input (see :class:`PathPotential`), ``rtol`` or ``precision`` out of range.

    Examples
    --------
    The symmetric quartic -psi'' + (y^4 - 8 y^2) psi (``mass=0.5`` in atomic units), sampled
    far enough into the walls, against the exact
    :func:`~glassderive.numeric.soft_potential.tunnel_splitting` ``(-8)`` = 1.51637542061e-3:

    >>> import numpy as np
    >>> s = np.linspace(-5.5, 5.5, 61)
    >>> r = tls_from_path(s, s**4 - 8 * s**2, mass=0.5, units="atomic")
    >>> f"{r.Delta0:.11e}", r.method, r.converged
    ('1.51637542061e-03', 'dvr', True)
    """
    rtol = _check_rtol(rtol)
    if precision not in ("auto", "dvr", "mpmath"):
        raise ValueError(f"precision must be 'auto', 'dvr' or 'mpmath', got {precision!r}")
    if interpolation_error not in (True, False, "perturbation", "resolve"):
        raise ValueError(f"interpolation_error must be True, False, 'perturbation' or "
                         f"'resolve', got {interpolation_error!r}")
    pot = PathPotential(s, V, mass, units, interpolant, wall_curvature)
    r = _solve_reduced(pot, rtol, precision)
    ie = dict(E=0.0, Delta=0.0, Delta0=0.0)
    if interpolation_error == "resolve":
        pot2 = PathPotential(pot.s, pot.V, mass, units, interpolant, wall_curvature,
                             _kind=_SECOND[interpolant])
        r2 = _solve_reduced(pot2, rtol, "dvr", grid=r["grid"])
        k = pot2.energy / pot.energy
        ie = {q: abs(r[q] - k * r2[q]) for q in ("E", "Delta", "Delta0")}
    elif interpolation_error:
        # first-order perturbation theory on the converged doublet (module docstring)
        fine = r["fine"]
        p2 = dict(zip(("E", "Delta", "Delta0"), _alternative_tls(pot, fine, r["grid"])))
        ie = {q: abs(p2[q] - getattr(fine, q)) for q in ("E", "Delta", "Delta0")}
    ne = dict(E=0.0, Delta=0.0, Delta0=0.0)
    if interpolation_error:
        ne = dict(zip(("E", "Delta", "Delta0"), map(float, _noise_errors(pot, r["fine"]))))
    e1, e2 = r["e"]
    if not 0.5 < r["weight"] < 1.5:
        import warnings

        warnings.warn(f"the two lowest levels lie in the same well (weight beyond the barrier top "
                      f"{r['weight']:.3g}, not ~1): no tunnelling doublet; E, Delta, Delta_0 are "
                      f"those of the definition only", RuntimeWarning, stacklevel=2)
    w = pot.wells
    wk = _wkb(pot.v, w, 0.5 * (e1 + e2))
    en = pot.energy
    r = {k: (float(x) if isinstance(x, (float, np.floating)) else x) for k, x in r.items()
         if k != "fine"}
    wk = {k: float(x) for k, x in wk.items()}
    wkb = WKBEstimate(action=wk["action"], action_bottom=wk["action_bottom"],
                      landau=en * wk["landau"], garg=en * wk["garg"], psg=en * wk["psg"],
                      W=en * wk["W"],
                      asymmetry_harmonic=en * wk["asymmetry_harmonic"])
    return TLSResult(
        E=en * r["E"], Delta0=en * r["Delta0"], Delta=en * r["Delta"],
        E_err=en * (r["errE"] + ie["E"] + ne["E"]),
        Delta0_err=en * (r["errD0"] + ie["Delta0"] + ne["Delta0"]),
        Delta_err=en * (r["errD"] + ie["Delta"] + ne["Delta"]),
        E_err_solver=en * r["errE"], Delta0_err_solver=en * r["errD0"],
        Delta_err_solver=en * r["errD"],
        E_err_interp=en * ie["E"], Delta0_err_interp=en * ie["Delta0"],
        Delta_err_interp=en * ie["Delta"],
        levels=(float(pot.V_ref + en * e1), float(pot.V_ref + en * e2)),
        hbar_omega=tuple(float(x) for x in pot.hbar_omega),
        barrier=float(en * (w["vb"] - min(w["vL"], w["vR"]))),
        s_minima=(float(pot.to_physical(w["yL"])), float(pot.to_physical(w["yR"]))),
        s_barrier=float(pot.to_physical(w["yb"])), wkb=wkb, method=r["method"],
        converged=bool(r["converged"]), grid=int(r["N"]), well_weight=r["weight"],
        units=pot.units, E_err_noise=en * ne["E"], Delta0_err_noise=en * ne["Delta0"],
        Delta_err_noise=en * ne["Delta"])


def _linear_response(fine: _Solve, dv, dv1_b=None, curv_b=None):
    """First-order responses (3, n) of (E, Delta, Delta0) (reduced units) to the potential
    changes dv[:, i] on the grid of ``fine`` (reduced units), all at once: the basis of the
    doublet moves by dX_i = -sum_k (I - P)(K - lam_k)^-1 (I - P) dU_i x_k c^k (the LU factors
    of the Jacobi-Davidson step, n right-hand sides), the 2x2 matrices by X^T dU_i X and
    dX_i^T M X + X^T M dX_i, and the barrier top (the projector's cut) by
    -dv'_i(y_b) / v''(y_b) (``dv1_b``, ``curv_b``); E = 2|h|, Delta = 2 h.t/|t| and
    Delta_0 = 2|h x t|/|t| are then linearized in an orthonormal basis (double precision: a
    first-order estimate needs no more)."""
    from scipy.linalg.lapack import dgetrs

    c = fine.ctx
    h2 = c["h"] ** 2
    X, C, G = c["X"], c["C"], c["G"]
    dU = h2 * np.asarray(dv, float)
    N, n = dU.shape
    Gi = np.linalg.inv(G)
    Vr = X @ C
    dR = np.empty((N, n, 2))
    for k in range(2):
        W = dU * Vr[:, k:k + 1]
        W -= X @ (Gi @ (X.T @ W))
        lu, piv = c["lus"][k]
        d = -dgetrs(lu, piv, W)[0]
        dR[:, :, k] = d - X @ (Gi @ (X.T @ d))
    dX = dR @ c["Cinv"]                                   # (N, n, 2)
    dA = np.einsum("ja,ji,jb->iab", X, dU, X)
    dT = np.einsum("jia,jb->iab", dX, c["MX"])
    dT = dT + np.transpose(dT, (0, 2, 1))
    if dv1_b is not None:
        f = X[c["kb"]]
        shift = -np.asarray(dv1_b, float) / curv_b
        dT -= shift[:, None, None] * np.outer(f, f)[None] / c["h"]
    # orthonormal basis: G = L L^T
    Lc = np.linalg.cholesky(G)
    Li = np.linalg.inv(Lc)
    A = Li @ (c["A"][0] + c["A"][1]) @ Li.T
    T = Li @ (c["T"][0] + c["T"][1]) @ Li.T
    dA = Li @ dA @ Li.T
    dT = Li @ dT @ Li.T

    def comps(M):
        return M[..., 0, 1], 0.5 * (M[..., 0, 0] - M[..., 1, 1])

    hx, hz = comps(A)
    tx, tz = comps(T)
    dhx, dhz = comps(dA)
    dtx, dtz = comps(dT)
    hn, tn = math.hypot(hx, hz), math.hypot(tx, tz)
    ht = hx * tx + hz * tz
    cr = hx * tz - hz * tx
    tdt = tx * dtx + tz * dtz
    dE = 2 * (hx * dhx + hz * dhz) / hn
    dD = 2 * (dhx * tx + dhz * tz + hx * dtx + hz * dtz) / tn - 2 * ht * tdt / tn**3
    dcr = dhx * tz + hx * dtz - dhz * tx - hz * dtx
    dD0 = 2 * math.copysign(1.0, cr) * dcr / tn - 2 * abs(cr) * tdt / tn**3
    return np.array([dE, dD, dD0]) / h2


def _noise_errors(pot: PathPotential, fine: _Solve) -> np.ndarray:
    """Three standard deviations of (E, Delta, Delta0) (reduced units) from the noise of the
    samples (:meth:`PathPotential.noise_level`), propagated to first order through the
    interpolant (:meth:`PathPotential.sample_response`) and the doublet
    (:func:`_linear_response`); zero where the noise is at the rounding level."""
    sig = pot.noise_level()
    if not sig > 64 * _EPS:
        return np.zeros(3)
    c = fine.ctx
    B = pot.sample_response(c["y"])
    yb = pot.wells["yb"]
    eps_y = 1e-4
    Bb = pot.sample_response(np.array([yb + eps_y, yb - eps_y]))
    dv1_b = (Bb[0] - Bb[1]) / (2 * eps_y)
    J = _linear_response(fine, B, dv1_b, pot.v.scalar(yb, 2))
    return 3 * sig * np.sqrt(np.sum(J * J, axis=1))


def _alternative_tls(pot: PathPotential, fine: _Solve, grid):
    """(E, Delta, Delta0) of the second interpolant, from the converged doublet of the first
    (:func:`_perturbed`), its own barrier top included; where that top is not within a quarter
    of the grid spacing of the first one's, by a sinc-DVR solve on the same grid."""
    v2 = pot.alternative()
    yb = pot.wells["yb"]
    y = yb
    for _ in range(30):
        d1, d2 = v2.scalar(y, 1), v2.scalar(y, 2)
        if not d2 < 0:
            break
        step = d1 / d2
        y -= step
        if abs(step) < 1e-15 * (1 + abs(y)):
            break
    h = fine.ctx["h"]
    if d2 < 0 and abs(y - yb) < 0.25 * h and v2.x[0] < y < v2.x[-1]:
        return _perturbed(fine, v2, y - yb)
    w2 = _locate_wells(v2, *v2.extrema())
    a = _dvr(v2, w2, grid[0], grid[1], pmin=grid[2])
    return a.E, a.Delta, a.Delta0


def _check_rtol(rtol):
    rtol = float(check_array("rtol", rtol))
    if not 1e-13 <= rtol <= 1e-2:
        raise ValueError(f"parameter 'rtol' must lie in [1e-13, 1e-2], got {rtol:g}")
    return rtol


def path_levels(s, V, mass, n: int = 4, units: str = "SI", *, interpolant: str = "quintic",
                rtol: float = 1e-11, wall_curvature=(None, None)):
    """The lowest ``n`` levels of the (single- or multi-well) potential sampled along a path.

    Same interpolant and walls as :func:`tls_from_path`; sinc-DVR grids of growing tail and
    momentum decay until two agree to ``rtol`` relative to the level spacing scale
    hbar omega of the global minimum.

    Parameters
    ----------
    s, V, mass, units, interpolant, wall_curvature
        As in :func:`tls_from_path`.
    n : int
        Number of levels, 1 to 20.
    rtol : float
        In [1e-13, 1e-2].

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        The levels (ascending, on the scale of V) and their error estimates.
    """
    rtol = _check_rtol(rtol)
    if not (isinstance(n, (int, np.integer)) and not isinstance(n, bool) and 1 <= n <= 20):
        raise ValueError(f"n must be an integer in [1, 20], got {n!r}")
    pot = PathPotential(s, V, mass, units, interpolant, wall_curvature, double_well=False)
    v = pot.v
    Ew = 2.0 * n + 2.0
    tau = _TAU0
    m = 1.0
    prev = _dvr(v, None, Ew, tau, nlev=n + 1, tls=False)
    pk = prev.P
    for _ in range(_MAX_GRIDS):
        Ew = max(Ew, prev.e[n] + 1.0)
        tau += _TAU_STEP
        m *= _P_GROWTH
        cur = _dvr(v, None, Ew, tau, nlev=n + 1, tls=False, pmin=m * pk)
        err = np.abs(cur.e[:n] - prev.e[:n])
        if np.all(err <= rtol * 2.0):        # hbar omega = 2 in reduced units
            break
        prev = cur
    err = err + 64 * _EPS * (np.abs(cur.e[:n]) + cur.N)
    return pot.V_ref + pot.energy * cur.e[:n], pot.energy * err


# ---------------------------------------------------------------------------------------------
# Many paths
# ---------------------------------------------------------------------------------------------
def _solve_chunk(items, kwargs):
    return [tls_from_path(s, V, m, **kwargs) for s, V, m in items]


def _as_paths(paths, lengths):
    """A list of (s, V) from a list of (n_i, 2) arrays or (s, V) pairs, or a padded
    (n_paths, n_max, 2) array with ``lengths``."""
    if lengths is not None:
        arr = np.asarray(paths, float)
        lens = np.asarray(lengths)
        if arr.ndim != 3 or arr.shape[2] != 2:
            raise ValueError("a padded 'paths' array must have shape (n_paths, n_max, 2)")
        if lens.dtype.kind not in "iuf" or lens.shape != (arr.shape[0],) or \
                not np.all(np.isfinite(lens)) or np.any(lens != np.round(lens)) or \
                np.any(lens > arr.shape[1]) or np.any(lens < 0):
            raise ValueError("parameter 'lengths' must give one whole number of samples "
                             "(0 <= length <= n_max) per path")
        return [(arr[i, :l, 0], arr[i, :l, 1]) for i, l in enumerate(lens.astype(int))]
    out = []
    for p in paths:
        if isinstance(p, (tuple, list)) and len(p) == 2:
            out.append((np.asarray(p[0], float), np.asarray(p[1], float)))
        else:
            a = np.asarray(p, float)
            if a.ndim != 2 or (a.shape[1] != 2 and a.shape[0] != 2):
                raise ValueError("each path must be an (n, 2) array or a pair (s, V)")
            a = a if a.shape[1] == 2 else a.T
            out.append((a[:, 0], a[:, 1]))
    return out


def tls_from_paths(paths, mass, units: str = "SI", *, lengths=None,
                   executor: Optional[Executor] = None, progress=False, chunk: int = 8,
                   **kwargs) -> List[TLSResult]:
    """:func:`tls_from_path` for many paths, in order.

    Parameters
    ----------
    paths : sequence or numpy.ndarray
        A list of (n_i, 2) arrays of (s, V) columns or of (s, V) pairs; or, with ``lengths``,
        a padded array of shape (n_paths, n_max, 2) whose path i is ``paths[i, :lengths[i]]``.
    mass : float or array_like
        One mass for all paths, or one per path.
    units : str
        As in :func:`tls_from_path`.
    lengths : array_like of int, optional
        Lengths of the padded paths.
    executor : concurrent.futures.Executor, optional
        Chunks of ``chunk`` paths are solved on it (a process pool, or dask's
        ``Client.get_executor()``); sequential without one.
    progress : bool or str
        ``True`` (a live bar), ``"log"`` (a line every 30 s) or ``False``
        (:mod:`glassderive.numeric.progress`).
    **kwargs
        Passed to :func:`tls_from_path` (``interpolant``, ``rtol``, ...).

    Returns
    -------
    list of TLSResult

    Raises
    ------
    ValueError
        For a bad path, naming its index.
    """
    items = _as_paths(paths, lengths)
    m = np.broadcast_to(check_array("mass", mass), (len(items),))
    items = [(s, V, float(mm)) for (s, V), mm in zip(items, m)]
    kw = dict(kwargs, units=units)
    chunk = max(1, int(chunk))
    chunks = [items[i:i + chunk] for i in range(0, len(items), chunk)]

    def run_serial():
        for ci, c in enumerate(chunks):
            for j, (s, V, mm) in enumerate(c):
                try:
                    yield tls_from_path(s, V, mm, **kw)
                except ValueError as exc:
                    raise ValueError(f"path {ci * chunk + j}: {exc}") from None

    if executor is None:
        it = run_serial()
    else:
        # validate first, so that an error names its path without a worker's traceback
        for i, (s, V, mm) in enumerate(items):
            try:
                PathPotential(s, V, mm, units, kw.get("interpolant", "quintic"),
                              kw.get("wall_curvature", (None, None)))
            except ValueError as exc:
                raise ValueError(f"path {i}: {exc}") from None
        results = executor.map(_solve_chunk, chunks, [kw] * len(chunks))
        it = (r for res in results for r in res)
    if progress:
        from .progress import progress_iter

        it = progress_iter(it, len(items), "paths", "path", progress)
    return list(it)
