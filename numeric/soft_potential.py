r"""Spectrum of the soft potential (Il'in, Karpov, Parshin 1987, Eq. 7): a spectral solver.

The reduced Schrodinger equation

.. math::  -\psi'' + (\alpha y^2 + \beta y^3 + y^4)\,\psi = \varepsilon\,\psi

(energies in units of w = E eta_L^2; Il'in, Karpov, Parshin 1987 writes -beta y^3, which is the same spectrum under
y -> -y) is solved with a sinc discrete-variable representation (sinc-DVR, Colbert & Miller
1992): kinetic matrix T_ii = pi^2/3h^2, T_ij = 2(-1)^(i-j)/(h^2 (i-j)^2), the potential diagonal.
The grid covers the classically allowed region of the wanted levels plus the tunnelling tails
(until the WKB decay exp(-int sqrt(V - E)) is below 1e-18), with a spacing h = pi / (c p_max)
from the largest local momentum; the basis is refined until two successive spacings agree
(convergence is exponential, so agreement certifies the digits).

:func:`tunnel_splitting` (beta = 0, alpha < 0) needs far more than double precision when the
splitting is 1e-30 of the level spacing: it integrates the equation on the half line with a
Taylor-series method in mpmath (arbitrary precision), even and odd solutions separately, and
Newton-iterates each eigenvalue; the splitting is their difference.
"""

from __future__ import annotations

import math
from concurrent.futures import Executor
from typing import Optional

import numpy as np

from .kernel import check_array

__all__ = ["levels", "tunnel_splitting", "wkb_action", "wkb_exponent_bottom", "potential",
           "level_reference", "ALPHA_RANGE", "BETA_RANGE", "specific_heat", "SpecificHeat",
           "tls_parameters", "localized_cubic_moment"]

ALPHA_RANGE = (-30.0, 30.0)
BETA_RANGE = (-30.0, 30.0)
_TAIL = 42.0  # decay exponent int sqrt(V - E) dy covered beyond the turning points (e^-42)


def potential(y, alpha, beta):
    return ((y + beta) * y + alpha) * y * y


def _critical_points(alpha: float, beta: float) -> np.ndarray:
    # V'(y) = y (4 y^2 + 3 beta y + 2 alpha)
    disc = 9 * beta * beta - 32 * alpha
    pts = [0.0]
    if disc >= 0:
        sq = math.sqrt(disc)
        pts += [(-3 * beta + sq) / 8, (-3 * beta - sq) / 8]
    return np.array(pts)


def _count(E: float, alpha: float, beta: float, y: np.ndarray) -> float:
    """Semiclassical number of states below E: (1/pi) int sqrt(E - V) dy."""
    p = np.sqrt(np.maximum(E - potential(y, alpha, beta), 0.0))
    return float(np.trapezoid(p, y) / math.pi)


def _window(alpha: float, beta: float, n: int):
    """(y_left, y_right, E_cut, p_max): where the lowest n levels live, tails included."""
    crit = _critical_points(alpha, beta)
    vmin = float(np.min(potential(crit, alpha, beta)))
    # coarse grid wide enough for E up to vmin + a few hundred
    span = 2.0 + math.sqrt(abs(alpha)) + abs(beta)
    ycoarse = np.linspace(-span - 6, span + 6, 20001)
    lo, hi = vmin, vmin + 1.0
    while _count(hi, alpha, beta, ycoarse) < n + 3:
        hi = vmin + 2 * (hi - vmin)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if _count(mid, alpha, beta, ycoarse) < n + 3:
            lo = mid
        else:
            hi = mid
    E_cut = hi
    V = potential(ycoarse, alpha, beta)
    allowed = np.nonzero(V <= E_cut)[0]
    i0, i1 = allowed[0], allowed[-1]
    dy = ycoarse[1] - ycoarse[0]
    # extend until the WKB decay beyond the turning points exceeds _TAIL
    def extend(i, step):
        acc = 0.0
        while 0 < i < len(ycoarse) - 1 and acc < _TAIL:
            i += step
            acc += math.sqrt(max(V[i] - E_cut, 0.0)) * dy
        return ycoarse[i]
    yl, yr = extend(i0, -1), extend(i1, +1)
    p_max = math.sqrt(max(E_cut - vmin, 1e-12))
    return yl, yr, E_cut, p_max


def _dvr_hamiltonian(alpha, beta, yl, yr, h):
    """Grid and sinc-DVR Hamiltonian on [yl, yr] with spacing h (Colbert & Miller 1992)."""
    N = int(math.ceil((yr - yl) / h)) + 1
    y = yl + h * np.arange(N)
    k = np.arange(N)
    diff = k[:, None] - k[None, :]
    with np.errstate(divide="ignore"):
        T = np.where(diff == 0, math.pi**2 / 3, 2.0 * (-1.0) ** diff / np.where(diff == 0, 1, diff) ** 2)
    H = T / (h * h)
    H[k, k] += potential(y, alpha, beta)
    return y, H


def _dvr_levels(alpha, beta, n, yl, yr, h):
    from scipy.linalg import eigh

    _, H = _dvr_hamiltonian(alpha, beta, yl, yr, h)
    return eigh(H, eigvals_only=True, subset_by_index=[0, n - 1], driver="evr")


def _levels_one(alpha: float, beta: float, n: int, rtol: float = 1e-13) -> np.ndarray:
    yl, yr, E_cut, p_max = _window(alpha, beta, n)
    c = 1.6
    prev = None
    for _ in range(8):
        h = math.pi / (c * p_max + 4.0)
        cur = _dvr_levels(alpha, beta, n, yl, yr, h)
        if prev is not None:
            scale = max(1.0, float(np.max(np.abs(cur))))
            if np.max(np.abs(cur - prev)) <= rtol * scale:
                return cur
        prev = cur
        c *= 1.3
    raise ArithmeticError(f"levels: no convergence for alpha={alpha}, beta={beta}")


def levels(alpha, beta=0.0, n: int = 2, executor: Optional[Executor] = None) -> np.ndarray:
    """The lowest ``n`` eigenvalues of -psi'' + (alpha y^2 + beta y^3 + y^4) psi = eps psi.

    ``alpha`` in [-30, 30], ``beta`` in [-30, 30] (arrays broadcast); returns an array of shape
    ``broadcast(alpha, beta).shape + (n,)``.  >= 12 correct digits (relative to max(1, |eps|))
    for the low levels; pairs can be spread over a ``concurrent.futures.Executor``.
    Exponentially small splittings below ~1e-13 of the levels are not resolved in double
    precision: use :func:`tunnel_splitting` for those.
    """
    from .kernel import Interval

    a = check_array("alpha", alpha, Interval(*ALPHA_RANGE, lo_open=False, hi_open=False))
    b = check_array("beta", beta, Interval(*BETA_RANGE, lo_open=False, hi_open=False))
    if not (isinstance(n, (int, np.integer)) and 1 <= n <= 50):
        raise ValueError(f"n must be an integer in [1, 50], got {n!r}")
    a, b = np.broadcast_arrays(a, b)
    flat = list(zip(a.ravel().tolist(), b.ravel().tolist()))
    if executor is None:
        res = [_levels_one(x, z, int(n)) for x, z in flat]
    else:
        res = list(executor.map(_levels_one, [x for x, _ in flat], [z for _, z in flat],
                                [int(n)] * len(flat)))
    return np.array(res).reshape(a.shape + (int(n),))


# ---------------------------------------------------------------------------------------------
# High precision: Taylor-series integration in mpmath (also the reference for ``levels``)
# ---------------------------------------------------------------------------------------------
def _taylor_shoot(eps, alpha, beta, y_start, y_end, psi0, dpsi0, mp):
    """Integrate psi'' = (V - eps) psi from y_start to y_end; returns (psi, psi', dpsi/deps,
    dpsi'/deps) at y_end.  Taylor series about each step's start (V is a quartic)."""
    y = mp.mpf(y_start)
    target = mp.mpf(y_end)
    c0, c1 = mp.mpf(psi0), mp.mpf(dpsi0)
    d0, d1 = mp.mpf(0), mp.mpf(0)
    direction = 1 if target > y else -1
    tol = mp.mpf(10) ** (-mp.mp.dps - 5)
    while (target - y) * direction > 0:
        # V(y + s) = sum_j v_j s^j
        v = [((y + beta) * y + alpha) * y * y,
             4 * y**3 + 3 * beta * y**2 + 2 * alpha * y,
             6 * y**2 + 3 * beta * y + alpha,
             4 * y + beta,
             mp.mpf(1)]
        v[0] = v[0] - eps
        local = mp.sqrt(abs(v[0])) + abs(v[1]) ** (mp.mpf(1) / 3) + abs(v[2]) ** 0.25 + 1
        h = min(mp.mpf(1) / local * 2, abs(target - y)) * direction
        c = [c0, c1]
        d = [d0, d1]
        k = 0
        psi, dpsi, dps_, ddps_ = c0, c1 * 0, d0, d1 * 0
        hp = mp.mpf(1)
        psi, dpsi, pe, dpe = mp.mpf(0), mp.mpf(0), mp.mpf(0), mp.mpf(0)
        while True:
            if k >= 2:
                m = k - 2
                s_c = sum(v[j] * c[m - j] for j in range(min(4, m) + 1))
                s_d = sum(v[j] * d[m - j] for j in range(min(4, m) + 1)) - c[m]
                c.append(s_c / (k * (k - 1)))
                d.append(s_d / (k * (k - 1)))
            term = c[k] * hp
            psi += term
            pe += d[k] * hp
            if k >= 1:
                dpsi += k * c[k] * hp / h
                dpe += k * d[k] * hp / h
            if k > 8 and abs(term) < tol * (abs(psi) + tol) and abs(c[k - 1] * hp) < tol * (abs(psi) + tol):
                break
            hp *= h
            k += 1
            if k > 400:
                raise ArithmeticError("Taylor series did not converge")
        c0, c1, d0, d1 = psi, dpsi, pe, dpe
        y += h
    return c0, c1, d0, d1


def _start_point(eps, alpha, beta, side, mp):
    """A point beyond the outer turning point on ``side`` where the WKB decay has reached
    e^-(2.4 dps + 10); the decay is accumulated only beyond the outermost critical point of V
    (where V is monotonic) and above the energy."""
    crit = _critical_points(float(alpha), float(beta))
    y = mp.mpf(float(crit.max() if side > 0 else crit.min()))
    step = mp.mpf(side) / 16
    acc = mp.mpf(0)
    goal = mp.mp.dps * 2.4 + 10
    while True:
        y += step
        val = ((y + beta) * y + alpha) * y * y - eps
        if val > 0:
            acc += mp.sqrt(val) * abs(step)
            if acc > goal:
                return y, -side * mp.sqrt(val)


def _even_odd_level(eps0, alpha, parity, mp, iters=60):
    """Newton on the half line [0, oo) for beta = 0: psi'(0) = 0 (even) or psi(0) = 0 (odd)."""
    eps = mp.mpf(eps0)
    for _ in range(iters):
        y1, slope = _start_point(eps, alpha, 0, +1, mp)
        p, dp, pe, dpe = _taylor_shoot(eps, alpha, 0, y1, 0, mp.mpf(10) ** -20,
                                       slope * mp.mpf(10) ** -20, mp)
        f, fe = (dp, dpe) if parity == 0 else (p, pe)
        delta = f / fe
        eps -= delta
        if abs(delta) < mp.mpf(10) ** (-mp.mp.dps + 8) * max(1, abs(eps)):
            return eps
    raise ArithmeticError("Newton iteration for the level did not converge")


def tunnel_splitting(alpha, dps: Optional[int] = None):
    """Exact tunnel splitting eps_2 - eps_1 of the symmetric double well (beta = 0, alpha < 0).

    Works at any size of the splitting: the working precision is chosen from the WKB estimate
    (digits to resolve the splitting plus 15), and each level is found by Newton iteration on
    a Taylor-series integration (mpmath) with even/odd boundary conditions at y = 0.  Returns
    an ``mpmath.mpf`` (relative accuracy better than 1e-10).
    """
    import mpmath as mp

    a = float(check_array("alpha", alpha))
    if not (ALPHA_RANGE[0] <= a < 0):
        raise ValueError(f"parameter 'alpha' must lie in [-30, 0) (a double well), got {a}")
    guess = levels(a, 0.0, 2)
    if dps is None:
        digits_needed = wkb_exponent_bottom(a) / math.log(10) + math.log10(max(abs(guess[0]), 1))
        dps = int(digits_needed) + 25
    with mp.workdps(dps):
        e0 = _even_odd_level(guess[0], mp.mpf(a), 0, mp)
        e1 = _even_odd_level(guess[1], mp.mpf(a), 1, mp)
        return +(e1 - e0)


def level_reference(alpha, beta, guess, dps: int = 30):
    """High-precision eigenvalue near ``guess`` for any (alpha, beta): Taylor shooting from both
    sides to a matching point, Newton on the Wronskian (the independent reference of
    :func:`levels`)."""
    import mpmath as mp

    with mp.workdps(dps):
        a, b, eps = mp.mpf(alpha), mp.mpf(beta), mp.mpf(guess)
        crit = _critical_points(float(alpha), float(beta))
        ym = mp.mpf(float(crit[np.argmin(potential(crit, alpha, beta))]))
        for _ in range(60):
            yl, sl = _start_point(eps, a, b, -1, mp)
            yr, sr = _start_point(eps, a, b, +1, mp)
            tiny = mp.mpf(10) ** -20
            pl, dpl, pel, dpel = _taylor_shoot(eps, a, b, yl, ym, tiny, sl * tiny, mp)
            pr, dpr, per, dper = _taylor_shoot(eps, a, b, yr, ym, tiny, sr * tiny, mp)
            W = pl * dpr - dpl * pr
            We = pel * dpr + pl * dper - dpel * pr - dpl * per
            delta = W / We
            eps -= delta
            if abs(delta) < mp.mpf(10) ** (-dps + 6) * max(1, abs(eps)):
                return +eps
    raise ArithmeticError("level_reference did not converge")


# ---------------------------------------------------------------------------------------------
# WKB
# ---------------------------------------------------------------------------------------------
def wkb_exponent_bottom(alpha) -> float:
    """S/hbar of Eq. (4.3) in reduced units: 2 int_0^{y0} sqrt(V - V_min) dy = (4/3)(|alpha|/2)^(3/2)
    for the symmetric well V = alpha y^2 + y^4 (alpha < 0), y0^2 = |alpha|/2."""
    a = check_array("alpha", alpha)
    if np.any(a >= 0):
        raise ValueError("parameter 'alpha' must be < 0 (a double well)")
    out = 4.0 / 3.0 * (np.abs(a) / 2) ** 1.5
    return out[()] if out.ndim == 0 else out


def wkb_action(alpha, energy):
    """Barrier action int_{-a}^{a} sqrt(V(y) - E) dy between the inner turning points of the
    symmetric well V = alpha y^2 + y^4 at energy V_min < E < 0.

    With u1 < u2 the squared turning points, V - E = (u1 - y^2)(u2 - y^2) under the barrier;
    in y = sqrt(u1) sin(theta) the integrand is analytic, so 64-point Gauss-Legendre converges
    to double precision (tested against mpmath quadrature).  At E -> V_min it tends to
    (4/3)(|alpha|/2)^(3/2), Eq. (4.3) in reduced units.
    """
    a = float(check_array("alpha", alpha))
    E = float(check_array("energy", energy))
    if a >= 0:
        raise ValueError("parameter 'alpha' must be < 0 (a double well)")
    vmin = -a * a / 4
    if not (vmin < E < 0):
        raise ValueError(f"parameter 'energy' must lie in ({vmin:g}, 0), got {E:g}")
    disc = math.sqrt(a * a + 4 * E)
    u1 = (-a - disc) / 2     # inner turning point squared
    u2 = (-a + disc) / 2     # outer turning point squared
    # V - E = (y^2 - u1)(y^2 - u2) = (u1 - y^2)(u2 - y^2) on |y| < sqrt(u1)
    x, w = np.polynomial.legendre.leggauss(64)
    theta = (x + 1) * math.pi / 4          # 0 .. pi/2
    yv = math.sqrt(u1) * np.sin(theta)
    integrand = np.sqrt((u1 - yv**2) * (u2 - yv**2)) * math.sqrt(u1) * np.cos(theta)
    return 2 * float(np.sum(w * integrand) * math.pi / 4)


# ---------------------------------------------------------------------------------------------
# Specific heat of an ensemble of soft potentials (Il'in, Karpov, Parshin 1987, Fig. 2)
# ---------------------------------------------------------------------------------------------
def _levels_for_heat(alpha: float, beta: float, n: int) -> np.ndarray:
    return _levels_one(alpha, beta, n, rtol=1e-10)


class SpecificHeat:
    """c(T)/T^3 of an ensemble of soft potentials (reduced units: energies and T in w = W)."""

    def __init__(self, T, c, weights_total, grid):
        self.T, self.c, self.weights_total, self.grid = T, c, weights_total, grid

    @property
    def reduced(self) -> np.ndarray:
        """c(T)/T^3 (arbitrary normalisation: per unit weight of the distribution)."""
        return self.c / self.T**3

    def minimum(self) -> float:
        """Temperature of the (first) minimum of c/T^3, parabolic interpolation in log T."""
        r = np.log(self.reduced)
        interior = [i for i in range(1, len(r) - 1) if r[i] < r[i - 1] and r[i] <= r[i + 1]]
        if not interior:
            raise ValueError("c/T^3 has no interior minimum on this temperature grid")
        i = interior[0]   # the first one: the TLS rise below, the quasilocal rise above
        x = np.log(self.T[i - 1:i + 2])
        y = r[i - 1:i + 2]
        a, b, _ = np.polyfit(x, y, 2)
        return float(np.exp(-b / (2 * a)))


def specific_heat(T, distribution: str = "abs-eta", alpha_range=(-10.0, 16.0),
                  beta_max: float = 6.0, n_alpha: int = 131, n_beta: int = 31,
                  n_levels: int = 12, executor: Optional[Executor] = None,
                  progress: bool = False) -> SpecificHeat:
    """Heat capacity of soft potentials -psi'' + (alpha y^2 + beta y^3 + y^4) psi = eps psi,
    from their exact lowest ``n_levels`` levels, averaged with P(alpha, beta) ~ |alpha|
    (``"abs-eta"``, Eq. 2 of Il'in, Karpov, Parshin 1987) or constant (``"flat"``).

    Each potential is counted once, as in the paper: expanded about the minimum when it is a
    single well (alpha > 9 beta^2/32) and about the barrier top when it is a double well
    (alpha < 0).  The (alpha, beta) grid is uniform (beta >= 0, doubled by symmetry); the
    levels of the grid's potentials are the expensive part and can be spread over any
    ``concurrent.futures.Executor``.  Returns a :class:`SpecificHeat` (c, c/T^3, its minimum).
    """
    T = check_array("T", T)
    if np.any(T <= 0):
        raise ValueError("parameter 'T' must be > 0")
    if distribution not in ("abs-eta", "flat"):
        raise ValueError(f"distribution must be 'abs-eta' or 'flat', got {distribution!r}")
    alphas = np.linspace(alpha_range[0], alpha_range[1], n_alpha)
    betas = np.linspace(0.0, beta_max, n_beta)
    A, B = np.meshgrid(alphas, betas, indexing="ij")
    keep = (A < 0) | (A > 9 * B**2 / 32)
    pairs = list(zip(A[keep].tolist(), B[keep].tolist()))
    w = np.abs(A[keep]) if distribution == "abs-eta" else np.ones(keep.sum())
    w = w * np.where(B[keep] > 0, 2.0, 1.0)          # beta and -beta
    if executor is None:
        it = (_levels_for_heat(a, b, n_levels) for a, b in pairs)
    else:
        it = executor.map(_levels_for_heat, [a for a, _ in pairs], [b for _, b in pairs],
                          [n_levels] * len(pairs), chunksize=max(1, len(pairs) // 64))
    if progress:  # True: a live bar; "log": a line every 30 s (numeric.progress)
        from .progress import progress_iter
        it = progress_iter(it, len(pairs), "potentials", "pot", progress)
    c = np.zeros(T.shape)
    for weight, lv in zip(w, it):
        e = (lv - lv[0])[None, :] / T[:, None]
        boltz = np.exp(-e)
        Z = boltz.sum(axis=1)
        m1 = (e * boltz).sum(axis=1) / Z
        m2 = (e * e * boltz).sum(axis=1) / Z
        c += weight * (m2 - m1 * m1)
    return SpecificHeat(T, c / w.sum(), w.sum(), (alphas, betas))


# ---------------------------------------------------------------------------------------------
# The TLS limit of a double well (Il'in, Karpov, Parshin 1987: asymmetry and tunnelling amplitude)
# ---------------------------------------------------------------------------------------------
def _dvr_states(alpha: float, beta: float, n: int):
    """Grid, lowest n levels and eigenvectors (columns) of the sinc-DVR (a converged grid)."""
    from scipy.linalg import eigh

    yl, yr, E_cut, p_max = _window(alpha, beta, n)
    y, H = _dvr_hamiltonian(alpha, beta, yl, yr, math.pi / (2.2 * p_max + 6.0))
    vals, vecs = eigh(H, subset_by_index=[0, n - 1], driver="evr")
    return y, vals, vecs


def localized_cubic_moment(alpha) -> float:
    """<y^3> in the ground state localised in the right well of the symmetric double well
    (beta = 0, alpha < 0): psi_R = (psi_1 + psi_2)/sqrt 2.  To first order in beta the TLS
    asymmetry is Delta = 2 beta <y^3>_R."""
    a = float(check_array("alpha", alpha))
    if not (ALPHA_RANGE[0] <= a < 0):
        raise ValueError(f"parameter 'alpha' must lie in [-30, 0) (a double well), got {a}")
    y, _, vecs = _dvr_states(a, 0.0, 2)
    psi = (vecs[:, 0] + vecs[:, 1]) / math.sqrt(2)
    if np.sum(psi**2 * y) < 0:
        psi = (vecs[:, 0] - vecs[:, 1]) / math.sqrt(2)
    return float(np.sum(psi**2 * y**3))


def tls_parameters(alpha, beta):
    """(E, Delta, Delta_0) of the two lowest levels of a double well: E = eps_2 - eps_1,
    Delta_0 the exact symmetric splitting at the same alpha (:func:`tunnel_splitting`) and the
    asymmetry Delta = sqrt(E^2 - Delta_0^2), so that E = sqrt(Delta^2 + Delta_0^2)."""
    a = float(check_array("alpha", alpha))
    b = float(check_array("beta", beta))
    lv = _levels_one(a, b, 2)
    E = float(lv[1] - lv[0])
    d0 = float(tunnel_splitting(a))
    return E, math.sqrt(max(E * E - d0 * d0, 0.0)), d0
