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
      is estimated by solving again on a second interpolant (quintic <-> cubic; for the
      smoothing spline, the interpolating cubic, so that the estimate reflects the noise): the
      difference is reported as ``*_err_interp``.  Between two interpolants of different order
      the difference estimates the error of the cruder one, so the estimate is pessimistic for
      the quintic.
      The smoothing spline is natural (V'' = 0 at its ends): its walls take the curvature of
      the least-squares parabola through the five end samples.
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
    Delta_0 (relative to itself) and Delta (relative to E).  The spline's highest derivative
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
    is tested).  Delta_0 then carries an absolute error ~ 2 E t, large relative to Delta_0 only
    when Delta_0 << Delta.

    *Extended-precision shooting.*  Where the estimated error exceeds ``rtol`` (a doublet below
    ~1e-16 hbar omega, Delta_0 / Delta below ~1e-3 at ``rtol = 1e-10``, or grids that do not
    converge, as for coarse samples of a non-polynomial path) the same interpolant, which is
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
_SECOND = {"quintic": "cubic", "cubic": "quintic", "smoothing": "cubic"}
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
        self.d1, self.d2 = self.pp.derivative(1), self.pp.derivative(2)

    @classmethod
    def from_ppoly(cls, pp, wall_curvature=(None, None)):
        keep = np.diff(pp.x) > 0
        x = np.concatenate([pp.x[:-1][keep], pp.x[-1:]])
        c = pp.c[:, keep]
        tmp = cls(x, c, (0, 0, 1), (0, 0, 1))
        x0, xn = x[0], x[-1]
        kl = float(tmp.d2(x0)) if wall_curvature[0] is None else float(wall_curvature[0])
        kr = float(tmp.d2(xn)) if wall_curvature[1] is None else float(wall_curvature[1])
        left = (float(tmp.pp(x0)), float(tmp.d1(x0)), kl)
        right = (float(tmp.pp(xn)), float(tmp.d1(xn)), kr)
        return cls(x, c, left, right)

    def __call__(self, y, nu: int = 0):
        y = np.asarray(y, float)
        f = (self.pp, self.d1, self.d2)[nu]
        out = np.asarray(f(np.clip(y, self.x[0], self.x[-1])), float)
        for end, (a0, a1, a2), sel in ((self.x[0], self.left, y < self.x[0]),
                                       (self.x[-1], self.right, y > self.x[-1])):
            if np.any(sel):
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
        pos, ismin = [], []
        span = xn - x0
        for y in np.sort(r):
            if pos and abs(y - pos[-1]) <= 1e-9 * span:
                continue
            c2 = float(self(np.array([y]), 2)[0])
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


def _spline(u, w, kind: str):
    from scipy.interpolate import PPoly, make_interp_spline, make_smoothing_spline

    if kind == "quintic":
        b = make_interp_spline(u, w, k=5)
    elif kind == "cubic":
        b = make_interp_spline(u, w, k=3)
    else:
        lam = _gcv_lambda(u, w)
        b = make_smoothing_spline(u, w, lam=lam if kind == "smoothing" else lam / 10)
    return PPoly.from_spline(b)


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
        self.mass = float(check_array("mass", mass))
        if not self.mass > 0:
            raise ValueError(f"parameter 'mass' must be > 0, got {self.mass:g}")
        self.units = _unit(units)
        if interpolant not in _INTERPOLANTS:
            raise ValueError(f"interpolant must be one of {_INTERPOLANTS}, got {interpolant!r}")
        wall_curvature = tuple(wall_curvature) if wall_curvature is not None else (None, None)
        if len(wall_curvature) != 2:
            raise ValueError("wall_curvature must be a pair (left, right); None for an end "
                             "means the spline's curvature there")
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
        wc = [None if k is None else float(k) * span**2 / vrange for k in wall_curvature]
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
        k_min = float(norm(np.array([pos[g]]), 2)[0])
        # reduced units: the oscillator length of the global minimum, energies hbar omega / 2
        k_phys = k_min * vrange / span**2
        self.length = (hbar2 / (self.mass * k_phys)) ** 0.25
        self.energy = hbar2 / (2 * self.mass * self.length**2)
        self.s_ref = s[0] + span * pos[g]
        self.V_ref = vlo + vrange * float(vals[g])
        L_u, e_w = self.length / span, self.energy / vrange
        self.v = norm.scaled(pos[g], L_u, float(vals[g]), e_w)
        self._pos = (pos - pos[g]) / L_u
        self._ismin = ismin
        self.wells = None
        if double_well:
            self.wells = _locate_wells(self.v, self._pos, ismin)

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
    out["kL"] = float(v(np.array([out["yL"]]), 2)[0])
    out["kR"] = float(v(np.array([out["yR"]]), 2)[0])
    return out


# ---------------------------------------------------------------------------------------------
# Sinc-DVR pieces
# ---------------------------------------------------------------------------------------------
_PI2_3 = (3.289868133696453, 6.081344700796952e-17)   # pi^2/3 as double-double (hi, lo)


@functools.lru_cache(maxsize=256)
def _kinetic(N: int):
    """Colbert-Miller kinetic matrix (unit spacing) as double-double (hi, lo), read-only:
    T_ii = pi^2/3, T_ij = 2 (-1)^(i-j) / (i-j)^2."""
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


def _ritz_dd(X, u, sigma):
    """X^T (T + diag(u) - sigma) X in double-double, T the unit-spacing kinetic matrix; returns
    the 2x2 (or kxk) matrix rounded to double (its entries are then exact to ~1e-30 of
    norm(T + diag u))."""
    N, m = X.shape
    thi, tlo = _kinetic(N)
    p, e = _two_prod(thi[:, :, None], X[None, :, :])          # (i, j, k)
    e = e + tlo[:, :, None] * X[None, :, :]
    pd, ed = _two_prod(u[:, None], X)
    ps, es = _two_prod(-sigma, X)
    p = np.concatenate([p, pd[:, None, :], ps[:, None, :]], 1)
    e = np.concatenate([e, ed[:, None, :], es[:, None, :]], 1)
    yhi, ylo = _dd_sum(np.moveaxis(p, 1, -1), np.moveaxis(e, 1, -1))   # (N, m)
    p2, e2 = _two_prod(X[:, :, None], yhi[:, None, :])                  # (i, k, l)
    e2 = e2 + X[:, :, None] * ylo[:, None, :]
    hhi, hlo = _dd_sum(np.moveaxis(p2, 0, -1), np.moveaxis(e2, 0, -1))
    h = hhi + hlo
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


def _classical_span(v: _Piecewise, Ew: float, tau: float):
    """Box [y_lo, y_hi] (outer turning points of Ew plus tails int sqrt(v - Ew) dy = tau) and
    the largest curvature v''/2 where v <= Ew."""
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
    jl = np.searchsorted(cum_l, tau)
    jr = np.searchsorted(cum_r, tau)
    if jl >= cum_l.size or jr >= cum_r.size:   # pragma: no cover  (ext is generous)
        raise ArithmeticError("double well: the box does not reach the tails")
    y_lo, y_hi = y[i0 - jl], y[i1 + jr]
    curv = 0.5 * v(y[i0:i1 + 1], 2)
    return y_lo, y_hi, max(float(curv.max()), 1e-3)


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
    A, yhi, ylo = _ritz_dd(X2, u, sig)           # X^T (h^2 H - sigma) X and (h^2 H - sigma) X
    G = X2.T @ X2
    lam, C = _eig2(A, G)
    E = (lam[1] - lam[0]) / (h * h)
    out.e = vals.copy()
    out.e[:2] = sig / (h * h) + lam / (h * h)
    # one step of subspace refinement with the residual in double-double:
    # (I - P)(h^2 H - sigma)(I - P) delta = -R, P the projector on span X, R = (1 - P)(H - s) X
    B = np.linalg.solve(G, A)
    R = (yhi - X2 @ B) + ylo
    gap = max(vals[2] - vals[1], 1e-300)
    # Jacobi-Davidson correction of each Ritz vector x_k = X c_k (Ritz value sigma + lam_k)
    dV = np.empty_like(X2)
    XXt = (h * h * gap) * (X2 @ X2.T)
    for k in range(2):
        Hd = thi + np.diag(u - (sig + lam[k])) + XXt
        d = -np.linalg.solve(Hd, R @ C[:, k])
        dV[:, k] = d - X2 @ np.linalg.solve(G, X2.T @ d)
    # the Ritz values are exact to O(|R|^2 / gap): the ones of the refined span move by that
    rn = float(np.linalg.norm(R)) / (h * h)
    out.fp_E = 2 * rn * rn / gap + 8 * _EPS * E + 16 * _EPS**2 * N * (P * P + abs(Ew))
    Mb = half_line_projector(N, kb)
    V2 = X2 @ C
    Th0 = V2.T @ Mb @ V2
    MdV = Mb @ dV
    Th = Th0 + V2.T @ MdV + MdV.T @ V2
    # the correction measures the tilt; 8 sqrt(N) eps: rounding of the quadratic form and of M
    err_th = float(np.max(np.abs(Th - Th0))) + 8 * math.sqrt(N) * _EPS
    dth = Th[1, 1] - Th[0, 0]
    D = math.hypot(dth, 2 * Th[0, 1])
    out.E, out.Delta, out.Delta0 = E, E * dth / D, 2 * E * abs(Th[0, 1]) / D
    out.weight = float(Th[0, 0] + Th[1, 1])
    out.fp_D0 = 2 * E * err_th / D + out.fp_E
    # the potential itself is known to ~eps |v| (rounding of the data, of the spline and of its
    # values): the asymmetry of the two wells, Delta, cannot be resolved below that
    out.floor_D = 8 * _EPS * max(1.0, abs(Ew), abs(wells["vb"]) if wells else 0.0)
    return out


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


def _window_energy(w: dict) -> float:
    """An energy above the two lowest levels: the higher well's first excited level (harmonic)."""
    return max(w["vL"] + 3 * math.sqrt(w["kL"] / 2), w["vR"] + 3 * math.sqrt(w["kR"] / 2))


_TAU0 = 15.0
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
    first = _dvr(v, wells, Ew, _TAU0)
    pk = first.P
    scale = max(first.e[2] - first.e[0], 1e-12)
    Ew = max(Ew, first.e[1] + 0.25 * scale)
    tau = max(_TAU0 + _TAU_STEP, _tau_for(first.E, scale, rtol))
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
    inside = v.x[0] <= min(a, b) and max(a, b) <= v.x[-1]
    g = (lambda t: float(v.pp(t)) - e) if inside else (lambda t: float(v(np.array([t]))[0]) - e)
    return brentq(g, a, b, xtol=1e-14, rtol=1e-14)


def _wkb(v: _Piecewise, w: dict, e_mean: float) -> dict:
    yL, yR, yb = w["yL"], w["yR"], w["yb"]
    vhigh = max(w["vL"], w["vR"])
    # bottom action: between the minima, above the higher one (from the lower well's turning
    # point at V_high, square-root substitutions at both ends)
    t1 = _turning(v, yL, yb, vhigh) if w["vL"] < vhigh else yL
    t2 = _turning(v, yR, yb, vhigh) if w["vR"] < vhigh else yR
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
        Total error estimates: solver plus interpolation.
    E_err_solver, Delta0_err_solver, Delta_err_solver : float
        The solver's part (grid comparison and floating point, or the extended-precision path)
        for the interpolant as given.
    E_err_interp, Delta0_err_interp, Delta_err_interp : float
        Sensitivity to the interpolation: the difference from the second interpolant (0 with
        ``interpolation_error=False``).
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
    if precision == "dvr" or (precision == "auto" and not fixable):
        return dict(E=fine.E, Delta=fine.Delta, Delta0=fine.Delta0, errE=errE, errD0=errD0,
                    errD=errD, e=(fine.e[0], fine.e[1]), method="dvr",
                    converged=bool(ok and not fixable), N=fine.N,
                    grid=grid, weight=fine.weight)
    Sb = _wkb(v, w, float("nan"))["action_bottom"]
    E, D, D0, e1, e2, step = _solve_mpmath(v, w, fine, Sb)
    # at >= 30 digits beyond the splitting the shooting is exact to far below double: what is
    # left is the rounding to double, the last Newton step and the floor of Delta
    err = 4 * step + 2 * _EPS * E
    return dict(E=E, Delta=D, Delta0=D0, errE=err + abs(D) / E * fine.floor_D,
                errD0=2 * _EPS * D0 + 4 * step, errD=err + fine.floor_D, e=(e1, e2),
                method="mpmath", converged=True, N=fine.N, grid=grid,
                weight=fine.weight)


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
    interpolation_error : bool
        Also solve on the second interpolant and report the difference (doubles the cost).
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
    pot = PathPotential(s, V, mass, units, interpolant, wall_curvature)
    r = _solve_reduced(pot, rtol, precision)
    ie = dict(E=0.0, Delta=0.0, Delta0=0.0)
    if interpolation_error:
        pot2 = PathPotential(pot.s, pot.V, mass, units, interpolant, wall_curvature,
                             _kind=_SECOND[interpolant])
        r2 = _solve_reduced(pot2, rtol, "dvr", grid=r["grid"])
        k = pot2.energy / pot.energy
        ie = {q: abs(r[q] - k * r2[q]) for q in ("E", "Delta", "Delta0")}
    e1, e2 = r["e"]
    if not 0.5 < r["weight"] < 1.5:
        import warnings

        warnings.warn(f"the two lowest levels lie in the same well (weight beyond the barrier top "
                      f"{r['weight']:.3g}, not ~1): no tunnelling doublet; E, Delta, Delta_0 are "
                      f"those of the definition only", RuntimeWarning, stacklevel=2)
    w = pot.wells
    wk = _wkb(pot.v, w, 0.5 * (e1 + e2))
    en = pot.energy
    r = {k: (float(x) if isinstance(x, (float, np.floating)) else x) for k, x in r.items()}
    wk = {k: float(x) for k, x in wk.items()}
    wkb = WKBEstimate(action=wk["action"], action_bottom=wk["action_bottom"],
                      landau=en * wk["landau"], garg=en * wk["garg"], psg=en * wk["psg"],
                      W=en * wk["W"],
                      asymmetry_harmonic=en * wk["asymmetry_harmonic"])
    return TLSResult(
        E=en * r["E"], Delta0=en * r["Delta0"], Delta=en * r["Delta"],
        E_err=en * (r["errE"] + ie["E"]), Delta0_err=en * (r["errD0"] + ie["Delta0"]),
        Delta_err=en * (r["errD"] + ie["Delta"]),
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
        units=pot.units)


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
        if lens.shape != (arr.shape[0],) or np.any(lens > arr.shape[1]) or np.any(lens < 0):
            raise ValueError("parameter 'lengths' must give one length <= n_max per path")
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
