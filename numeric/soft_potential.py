r"""Spectrum of the soft potential (Il'in, Karpov, Parshin 1987, Eq. 7): spectral solvers.

The reduced Schrodinger equation

.. math::  -\psi'' + (\alpha y^2 + \beta y^3 + y^4)\,\psi = \varepsilon\,\psi

(energies in units of w = E eta_L^2; Il'in, Karpov, Parshin 1987 writes -beta y^3, which is the
same spectrum under y -> -y).

:func:`levels` (batched, alpha and beta in [-100, 100], 12 certified digits relative to
max(1, abs(eps))). A Ritz computation in harmonic-oscillator states centred at the global minimum
(length from the Gaussian that minimises the energy) gives a rigorous upper bound E of the n-th
level. Where every level below E lives in one well (no second minimum, or one behind a barrier
with WKB decay >= 20 at E) the oscillator basis is enlarged (16, 20, 24, 28, 36 states, the
first size predicted from the cubic and quartic terms in oscillator units) until the Ritz values
of m and m - 4 states agree to 5e-13; two wells below E behind a barrier with decay >= 40 are
solved separately the same way. Everything else goes to a sinc discrete-variable representation
(Colbert & Miller 1992) whose box covers the outer turning points of V = E plus WKB tails
(int sqrt(V - E) dy = 12.5) and whose spacing pi/P follows the momentum-space WKB decay
(int kappa dp = 14 beyond the classical momentum, kappa the smallest abs(Im y) of the roots of
V(y) = E - p^2): no search, only turning points, tails and roots. A second grid with decays 15 and
16.5 must agree to 5e-13, and only the pairs that do not go to finer grids (convergence is
exponential, so agreement certifies the digits). Pairs share stacked matrices of common sizes
(``numpy.linalg.eigvalsh``); each pair's result is bit-identical whatever batch it is in.

:func:`tunnel_splitting` / :func:`log_tunnel_splitting` (beta = 0, alpha in [-1000, 0)): in
double precision, without cancellation, from the exact identity
eps_2 - eps_1 = 1 / int_0^oo psi+ psi- dy (psi+ even with psi+(0) = 1, psi- odd with
psi-'(0) = 1), the solutions integrated only in their growing directions by a vectorised Taylor
method with exact power-of-two rescaling; relative error ~1e-14 at any size of the splitting.
``dps=`` selects the independent high-precision path (Newton on even/odd Taylor shooting in
mpmath), which is also the reference in the tests.

:func:`tls_splitting`: the exact asymmetry Delta and tunnelling element Delta_0 of an asymmetric
double well (E = sqrt(Delta^2 + Delta_0^2)), defined through the states that diagonalize the
projector beyond the barrier top, computed by mpmath shooting.
"""

from __future__ import annotations

import functools
import math
from concurrent.futures import Executor
from typing import Optional

import numpy as np

from .kernel import check_array

__all__ = ["levels", "tunnel_splitting", "log_tunnel_splitting", "tls_splitting",
           "TUNNEL_ALPHA_RANGE", "TLS_RANGE", "wkb_action", "wkb_exponent_bottom", "potential",
           "level_reference", "ALPHA_RANGE", "BETA_RANGE", "specific_heat", "SpecificHeat",
           "HEAT_T_RANGE", "HEAT_RTOL", "tls_parameters", "localized_cubic_moment"]

ALPHA_RANGE = (-100.0, 100.0)
BETA_RANGE = (-100.0, 100.0)

_CERT = 5e-13         # two solves agreeing to this (relative to max(1, |eps|)) certify the digits
_TAU_H = 20.0         # WKB decay (int sqrt(V - E) dy) that decouples a second well: coupling e^-40
_HO_LADDER = (16, 20, 24, 28, 36)            # harmonic-oscillator basis sizes tried in turn
_HO_START = (0.022, 0.05, 0.08, 0.13, 0.6)   # anharmonicity thresholds: first rung to try
_DVR_TAUS = ((12.5, 14.0), (15.0, 16.5), (18.0, 19.5), (21.5, 23.0))   # (tail, momentum) decays
_CHUNK = 2048         # pairs per batch (bounds the memory of the stacked matrices)
_SQRT2 = math.sqrt(2.0)
_GL_U, _GL_W = (lambda x, w: ((x + 1) / 2, w / 2 * (x + 1) / 2))(*np.polynomial.legendre.leggauss(24))


def potential(y, alpha, beta):
    return ((y + beta) * y + alpha) * y * y


def _dpotential(y, alpha, beta):
    return y * ((4 * y + 3 * beta) * y + 2 * alpha)


def _critical_points(alpha: float, beta: float) -> np.ndarray:
    # V'(y) = y (4 y^2 + 3 beta y + 2 alpha)
    disc = 9 * beta * beta - 32 * alpha
    pts = [0.0]
    if disc >= 0:
        sq = math.sqrt(disc)
        pts += [(-3 * beta + sq) / 8, (-3 * beta - sq) / 8]
    return np.array(pts)


# ---------------------------------------------------------------------------------------------
# levels: a Ritz upper bound, the classical window, and batched eigenvalue solves
# ---------------------------------------------------------------------------------------------
def _extrema(a: np.ndarray, b: np.ndarray):
    """Critical points of V (columns: left, 0, right), V at the minima (+inf elsewhere), V'' at
    the minima (0 elsewhere) and a mask of the local maximum. The critical point of lowest V is
    always a minimum (also where V'' underflows to 0, e.g. alpha = 0, |beta| < 1e-160)."""
    disc = 9 * b * b - 32 * a
    two = disc > 0
    sq = np.sqrt(np.where(two, disc, 0.0))
    ys = np.stack([np.where(two, (-3 * b - sq) / 8, 0.0), np.zeros_like(a),
                   np.where(two, (-3 * b + sq) / 8, 0.0)], -1)
    k = (12 * ys + 6 * b[:, None]) * ys + 2 * a[:, None]
    valid = np.stack([two, np.ones_like(two), two], -1)
    V = np.where(valid, potential(ys, a[:, None], b[:, None]), np.inf)
    ismin = (k > 0) & valid
    ismin[np.arange(a.size), np.argmin(V, -1)] = True
    ismax = (k < 0) & valid & ~ismin
    vmin = np.where(ismin, V, np.inf)
    return ys, vmin, np.where(ismin, np.maximum(k, 0.0), 0.0), ismax


@functools.lru_cache(maxsize=None)
def _ho_operators(m: int) -> np.ndarray:
    """-d^2/dx^2, x, x^2, x^3, x^4 in the first m harmonic-oscillator states (unit length), exact:
    built in m + 4 states, so that the products are not truncated."""
    M = m + 4
    A = np.diag(np.sqrt(np.arange(1.0, M)), 1)          # lowering operator
    X = (A + A.T) / _SQRT2
    D = (A - A.T) / _SQRT2                              # d/dx
    X2 = X @ X
    ops = np.stack([-(D @ D), X, X2, X2 @ X, X2 @ X2])[:, :m, :m].copy()
    ops.setflags(write=False)
    return ops


def _gauss_length(k: np.ndarray) -> np.ndarray:
    """Length l of the Gaussian exp(-x^2/2l^2) minimising <-d^2 + k x^2/2 + x^4>:
    u = l^2 solves 6u^3 + k u^2 - 2 = 0 (Newton from above: the cubic is convex and increasing).
    Converged entries are frozen, so that each result is independent of the batch."""
    u = np.minimum((1 / 3) ** (1 / 3), np.sqrt(2 / np.maximum(k, 1e-300)))
    active = np.ones(u.shape, bool)
    for _ in range(100):
        du = ((6 * u + k) * u * u - 2) / ((18 * u + 2 * k) * u)
        u = np.where(active, u - du, u)
        active &= du > 1e-14 * u
        if not active.any():
            break
    return np.sqrt(u)


def _ho_hamiltonian(a, b, y0, ell, m):
    """H in the first m oscillator states of length ell centred at y0 (V expanded about y0)."""
    ops = _ho_operators(m)
    v1 = _dpotential(y0, a, b)
    v2 = (6 * y0 + 3 * b) * y0 + a
    v3 = 4 * y0 + b
    c = (1 / ell**2, v1 * ell, v2 * ell**2, v3 * ell**3, ell**4)
    # elementwise (not einsum/BLAS): each pair's matrix is bit-identical whatever the batch
    H = c[0][:, None, None] * ops[0]
    for cj, op in zip(c[1:], ops[1:]):
        H += cj[:, None, None] * op
    i = np.arange(m)
    H[:, i, i] += potential(y0, a, b)[:, None]
    return H


def _ho_rung(a, b, y0, ell, rung, n):
    """Ritz values (upper bounds) of the lowest n levels in m and m - 4 oscillator states."""
    m = _HO_LADDER[rung] + 2 * max(0, n - 4) if rung >= 0 else 12 + 2 * max(0, n - 4)
    H = _ho_hamiltonian(a, b, y0, ell, m)
    la = np.linalg.eigvalsh(H)[:, :n]
    if rung < 0:
        return la, None, m
    lb = np.linalg.eigvalsh(np.ascontiguousarray(H[:, :m - 4, :m - 4]))[:, :n]
    return la, lb, m


def _agree(x, y):
    return np.all(np.abs(x - y) <= _CERT * np.maximum(1.0, np.abs(x)), axis=-1)


def _outer_roots(a, b, c):
    """Leftmost and rightmost real roots of V(y) = c (companion matrices, Newton-polished)."""
    C = np.zeros(a.shape + (4, 4))
    C[:, 1, 0] = C[:, 2, 1] = C[:, 3, 2] = 1.0
    C[:, 0, 3] = c
    C[:, 2, 3] = -a
    C[:, 3, 3] = -b
    r = np.linalg.eigvals(C)
    real = np.abs(r.imag) <= 1e-6 * (1 + np.abs(r.real))
    lo = np.where(real, r.real, np.inf).min(-1)
    hi = np.where(real, r.real, -np.inf).max(-1)
    out = []
    for y in (lo, hi):
        y = np.where(np.isfinite(y), y, 0.0)
        for _ in range(2):
            fp = _dpotential(y, a, b)
            step = (potential(y, a, b) - c) / np.where(fp != 0, fp, np.inf)
            y = y - step
        out.append(y)
    return out


def _root_between(a, b, y_in, y_out, E):
    """The root of V(y) = E between y_in (V < E) and y_out (V > E), V monotone in between
    (safeguarded Newton; converged entries frozen)."""
    lo, hi = y_in.copy(), y_out.copy()
    t = 0.5 * (lo + hi)
    active = np.ones(t.shape, bool)
    for _ in range(200):
        f = potential(t, a, b) - E
        lo = np.where(f < 0, t, lo)
        hi = np.where(f >= 0, t, hi)
        fp = _dpotential(t, a, b)
        new = t - f / np.where(fp != 0, fp, np.inf)
        new = np.where((new - lo) * (new - hi) < 0, new, 0.5 * (lo + hi))
        moved = np.abs(new - t) > 1e-12 * (1 + np.abs(t))
        t = np.where(active, new, t)
        active &= moved
        if not active.any():
            break
    return t


def _decay(a, b, t, y_end, E):
    """int_t^y_end sqrt(max(V - E, 0)) dy (t a turning point: y = t + (y_end - t) u^2)."""
    d = y_end - t
    y = t[:, None] + d[:, None] * _GL_U**2
    f = np.sqrt(np.maximum(potential(y, a[:, None], b[:, None]) - E[:, None], 0.0))
    return 2 * np.abs(d) * (f * _GL_W).sum(-1)


def _tail_length(y0, sgn, E, a, b, tau):
    """Distance d beyond the outer turning point y0 (direction sgn) with
    int_y0^(y0 + sgn d) sqrt(V - E) dy = tau: safeguarded Newton from the linear-wall estimate
    (converged entries frozen)."""
    F = np.abs(_dpotential(y0, a, b))
    d = (1.5 * tau / np.sqrt(np.maximum(F, 1e-30))) ** (2 / 3)
    lo, hi = np.zeros_like(d), np.full_like(d, np.inf)
    active = np.ones(d.shape, bool)
    for _ in range(100):
        r = _decay(a, b, y0, y0 + sgn * d, E) - tau
        lo = np.where(r < 0, np.maximum(lo, d), lo)
        hi = np.where(r >= 0, np.minimum(hi, d), hi)
        slope = np.sqrt(np.maximum(potential(y0 + sgn * d, a, b) - E, 0.0))
        new = d - r / np.maximum(slope, 1e-300)
        new = np.where((new > lo) & (new < hi), new,
                       np.where(np.isfinite(hi), 0.5 * (lo + hi), 2 * d))
        moved = np.abs(new - d) > 1e-3 * d
        d = np.where(active, new, d)
        active &= moved
        if not active.any():
            break
    return d


def _momentum_decay_rate(a, b, c):
    """min |Im y| over the roots of V(y) = c (c below the minimum of V): the decay rate of the
    momentum-space wavefunction, exp(-int kappa dp), at p with p^2 = E - c."""
    C = np.zeros(c.shape + (4, 4))
    C[..., 1, 0] = C[..., 2, 1] = C[..., 3, 2] = 1.0
    C[..., 0, 3] = c
    C[..., 2, 3] = -a
    C[..., 3, 3] = -b
    return np.abs(np.linalg.eigvals(C).imag).min(-1)


def _momentum_cutoffs(a, b, E, pc, taus, k):
    """For each tau: P with int_pc^P kappa(p) dp = tau, the momentum-space WKB decay beyond the
    classical momentum pc (kappa sampled on a graded grid, one set of samples for all taus)."""
    taus = np.asarray(taus, float)
    P_hi = pc + 1.3 * np.maximum(np.sqrt(np.sqrt(2 * k) * taus[-1]), (2.2 * taus[-1]) ** (2 / 3)) + 1
    P = np.empty(pc.shape + taus.shape)
    todo = np.arange(pc.size)
    u = (np.arange(13) / 12.0) ** 2
    for _ in range(12):
        p = pc[todo, None] + (P_hi[todo] - pc[todo])[:, None] * u
        kap = _momentum_decay_rate(a[todo, None], b[todo, None], E[todo, None] - p * p)
        J = np.concatenate([np.zeros((todo.size, 1)),
                            np.cumsum(0.5 * (kap[:, 1:] + kap[:, :-1]) * np.diff(p, axis=1), 1)], 1)
        ok = J[:, -1] >= taus[-1]
        r = np.arange(todo.size)
        for j, tau in enumerate(taus):
            i = np.maximum(np.argmax(J >= tau, axis=1), 1)
            j0, j1 = J[r, i - 1], J[r, i]
            x = p[r, i - 1] + (tau - j0) / np.maximum(j1 - j0, 1e-300) * (p[r, i] - p[r, i - 1])
            P[todo[ok], j] = x[ok]
        bad = todo[~ok]
        P_hi[bad] = pc[bad] + 2 * (P_hi[bad] - pc[bad])
        todo = bad
        if todo.size == 0:
            return P
    raise ArithmeticError("levels: no momentum cutoff found")   # pragma: no cover


def _dvr_windows(a, b, E, vmin, kmin, taus):
    """Sinc-DVR boxes [yl, yr] and momentum cutoffs P for the levels below E, one per
    (tau_x, tau_p) in taus: the outer turning points of V = E plus WKB tails with decay tau_x,
    and the momentum where the momentum-space WKB decay reaches tau_p."""
    lo, hi = _outer_roots(a, b, E)
    pc = np.sqrt(np.maximum(E - vmin, 0.0))
    P = _momentum_cutoffs(a, b, E, pc, [t[1] for t in taus], kmin)
    return [(lo - _tail_length(lo, -1.0, E, a, b, tx), hi + _tail_length(hi, 1.0, E, a, b, tx),
             P[:, j]) for j, (tx, _) in enumerate(taus)]


@functools.lru_cache(maxsize=64)
def _sinc_kinetic(N: int) -> np.ndarray:
    """Colbert-Miller sinc-DVR kinetic matrix for unit spacing."""
    i = np.arange(N)
    d = i[:, None] - i[None, :]
    with np.errstate(divide="ignore"):
        T = np.where(d == 0, math.pi**2 / 3, 2.0 * (-1.0) ** d / np.where(d == 0, 1, d) ** 2)
    T.setflags(write=False)
    return T


def _dvr_solve(a, b, yl, yr, P, n):
    """Lowest n eigenvalues of the sinc-DVR on [yl, yr] with spacing <= pi/P, batched: each pair
    gets N points (N rounded up to a multiple of 4, so that pairs share stacked matrices)."""
    N = np.ceil((yr - yl) * P / math.pi).astype(int) + 1
    N = np.maximum((N + 3) // 4 * 4, n + 4)
    out = np.empty((a.size, n))
    for Nv in np.unique(N):
        sel = np.nonzero(N == Nv)[0]
        step = max(1, (1 << 22) // (int(Nv) * int(Nv)))
        for s0 in range(0, sel.size, step):
            s = sel[s0:s0 + step]
            h = (yr[s] - yl[s]) / (Nv - 1)
            y = yl[s, None] + h[:, None] * np.arange(Nv)
            H = _sinc_kinetic(int(Nv))[None] / (h * h)[:, None, None]
            i = np.arange(Nv)
            H[:, i, i] += potential(y, a[s, None], b[s, None])
            out[s] = np.linalg.eigvalsh(H)[:, :n]
    return out


def _other_minimum(vmin, g):
    """Column of the second minimum (where there are two; 0 elsewhere)."""
    fin = np.isfinite(vmin)
    fin[np.arange(g.size), g] = False
    return np.argmax(fin, -1)


def _isolated(a, b, ys, vmin, ismax, g, E):
    """True where every level below E lives in the well of the global minimum (column g): the
    other minimum, if any, lies above E behind a barrier with WKB decay >= _TAU_H at E."""
    two = np.isfinite(vmin).sum(-1) == 2
    out = ~two
    t = np.nonzero(two)[0]
    if t.size:
        o = _other_minimum(vmin, g)[t]
        jm = np.argmax(ismax[t], -1)
        yg, yo, ym = ys[t, g[t]], ys[t, o], ys[t, jm]
        ok = (vmin[t, o] > E[t]) & (potential(ym, a[t], b[t]) > E[t])
        s = np.nonzero(ok)[0]
        if s.size:
            tp = _root_between(a[t[s]], b[t[s]], yg[s], ym[s], E[t[s]])
            ok[s] = _decay(a[t[s]], b[t[s]], tp, yo[s], E[t[s]]) >= _TAU_H
        out[t] = ok
    return out


def _decoupled(a, b, ys, vmin, ismax, g, E):
    """True where both minima lie below E and the barrier between them has WKB decay
    >= 2 _TAU_H at E (the two wells can be solved separately)."""
    two = np.isfinite(vmin).sum(-1) == 2
    out = np.zeros(a.size, bool)
    t = np.nonzero(two)[0]
    if t.size:
        o = _other_minimum(vmin, g)[t]
        jm = np.argmax(ismax[t], -1)
        ym = ys[t, jm]
        ok = (vmin[t, o] < E[t]) & (potential(ym, a[t], b[t]) > E[t])
        s = np.nonzero(ok)[0]
        if s.size:
            ts = t[s]
            t1 = _root_between(a[ts], b[ts], ys[ts, g[ts]], ym[s], E[ts])
            t2 = _root_between(a[ts], b[ts], ys[ts, o[s]], ym[s], E[ts])
            ok[s] = (_decay(a[ts], b[ts], t1, ym[s], E[ts])
                     + _decay(a[ts], b[ts], t2, ym[s], E[ts])) >= 2 * _TAU_H
        out[t] = ok
    return out


def _ho_centre(y0, ell, b):
    """Centre of the larger oscillator bases (28 states and up): the minimum y0 moved by the
    cubic term's first-order displacement of the low states, -V'''(y0)/6 * ell^4 (faster
    convergence in strongly anharmonic wells; the small bases of near-harmonic wells converge
    fastest at the minimum itself)."""
    return y0 - (4 * y0 + b) * ell**4


def _start_rung(ell, y0, b):
    """First oscillator-basis size to try, from the cubic and quartic terms in oscillator units."""
    x = np.maximum(np.abs(4 * y0 + b) * ell**5, 2 * ell**3)
    return np.searchsorted(np.asarray(_HO_START), x)        # 4: straight to the DVR


def _solve_levels(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Lowest n levels for flat arrays a, b (any values: no range check), 12 certified digits."""
    if a.size > _CHUNK:
        return np.concatenate([_solve_levels(a[i:i + _CHUNK], b[i:i + _CHUNK], n)
                               for i in range(0, a.size, _CHUNK)])
    B = a.size
    ar = np.arange(B)
    ys, vmin, kmin, ismax = _extrema(a, b)
    g = np.argmin(vmin, -1)
    yg, kg, vg = ys[ar, g], kmin[ar, g], vmin[ar, g]
    out = np.full((B, n), np.nan)
    done = np.zeros(B, bool)
    etop = np.full(B, np.inf)
    # 1. oscillator basis at the global minimum, first rung only (an upper bound for the window)
    ell = _gauss_length(kg)
    rung = _start_rung(ell, yg, b)
    yc = _ho_centre(yg, ell, b)
    for r in range(-1, len(_HO_LADDER)):
        sel = np.nonzero((rung == r) if r >= 0 else (rung >= len(_HO_LADDER)))[0]
        if sel.size == 0:
            continue
        la, lb, m = _ho_rung(a[sel], b[sel], (yc if r >= 3 else yg)[sel], ell[sel], r, n)
        etop[sel] = la[:, -1] + 1e-12 * np.maximum(1, np.abs(la[:, -1]))
        if r >= 0:
            ok = _agree(la, lb)
            out[sel[ok]] = la[ok]
            done[sel[ok]] = True
    iso = _isolated(a, b, ys, vmin, ismax, g, etop)
    done &= iso
    # 2. isolated wells not yet certified: climb the oscillator ladder
    climb = np.nonzero(iso & ~done & (rung < len(_HO_LADDER) - 1))[0]
    if climb.size:
        for r in range(1, len(_HO_LADDER)):
            sel = climb[(rung[climb] < r) & ~done[climb]]
            if sel.size == 0:
                continue
            la, lb, m = _ho_rung(a[sel], b[sel], (yc if r >= 3 else yg)[sel], ell[sel], r, n)
            etop[sel] = np.minimum(etop[sel], la[:, -1] + 1e-12 * np.maximum(1, np.abs(la[:, -1])))
            ok = _agree(la, lb)
            out[sel[ok]] = la[ok]
            done[sel[ok]] = True
    # 3. two wells below the window energy behind a thick barrier: each well on its own
    dec = np.nonzero(~done & ~iso & _decoupled(a, b, ys, vmin, ismax, g, etop))[0]
    if dec.size:
        o = _other_minimum(vmin, g)[dec]
        jm = np.argmax(ismax[dec], -1)
        parts, certified = [], np.ones(dec.size, bool)
        for centre in (g[dec], o):
            y0, k0 = ys[dec, centre], kmin[dec, centre]
            l0 = _gauss_length(k0)
            r0 = np.minimum(_start_rung(l0, y0, b[dec]), len(_HO_LADDER) - 1)
            lv = np.full((dec.size, n), np.nan)
            cert = np.zeros(dec.size, bool)
            for r in range(len(_HO_LADDER)):
                sel = np.nonzero((r0 <= r) & ~cert)[0]
                if sel.size == 0:
                    continue
                y0c = _ho_centre(y0[sel], l0[sel], b[dec[sel]]) if r >= 3 else y0[sel]
                la, lb, m = _ho_rung(a[dec[sel]], b[dec[sel]], y0c, l0[sel], r, n)
                # the basis must stay on its side of the barrier top
                inside = l0[sel] * math.sqrt(2 * m + 1) <= 0.9 * np.abs(ys[dec[sel], jm[sel]] - y0[sel])
                ok = _agree(la, lb) & inside
                lv[sel[ok]] = la[ok]
                cert[sel[ok]] = True
            parts.append(lv)
            certified &= cert
        merged = np.sort(np.concatenate(parts, -1), -1)[:, :n]
        out[dec[certified]] = merged[certified]
        done[dec[certified]] = True
    # 4. everything else: sinc-DVR on the classical window, two grids that must agree
    rest = np.nonzero(~done)[0]
    if rest.size:
        a_, b_, E_, v_, k_ = a[rest], b[rest], etop[rest], vg[rest], kg[rest]
        w0, w1 = _dvr_windows(a_, b_, E_, v_, k_, _DVR_TAUS[:2])
        prev = _dvr_solve(a_, b_, *w0, n)
        cur = _dvr_solve(a_, b_, *w1, n)
        todo = np.arange(rest.size)
        for taus in _DVR_TAUS[2:] + (None,):
            ok = _agree(cur, prev)
            out[rest[todo[ok]]] = cur[ok]
            todo, prev = todo[~ok], cur[~ok]
            if todo.size == 0 or taus is None:
                break
            t = todo
            (w,) = _dvr_windows(a_[t], b_[t], E_[t], v_[t], k_[t], [taus])
            cur = _dvr_solve(a_[t], b_[t], *w, n)
        if todo.size:
            i = rest[todo[0]]
            raise ArithmeticError(f"levels: no convergence for alpha={a[i]}, beta={b[i]}")
    return out


def _levels_chunk(a, b, n):
    return _solve_levels(np.asarray(a, float), np.asarray(b, float), n)


def _levels_one(alpha: float, beta: float, n: int, rtol: float = 1e-13) -> np.ndarray:
    """Lowest n levels of one potential, any (alpha, beta) (no range check; ``rtol`` is kept for
    compatibility: the digits are certified to 12 relative to max(1, |eps|) regardless)."""
    return _solve_levels(np.array([float(alpha)]), np.array([float(beta)]), int(n))[0]


def levels(alpha, beta=0.0, n: int = 2, executor: Optional[Executor] = None) -> np.ndarray:
    """The lowest ``n`` eigenvalues of -psi'' + (alpha y^2 + beta y^3 + y^4) psi = eps psi.

    Batched: pairs share stacked matrices of common sizes (``numpy.linalg.eigvalsh``), and each
    pair's levels are bit-identical whatever batch it is in. Every level has 12 correct digits
    relative to ``max(1, abs(eps))``, certified (two independent basis sizes agree to 5e-13) and
    tested against 30-digit mpmath shooting over the whole range.

    Method: a Ritz upper bound E of the n-th level (oscillator basis at the global minimum)
    fixes the classical window V <= E. A single well (or two wells behind a barrier with WKB
    decay >= 40) is solved in harmonic-oscillator bases of growing size until two sizes agree;
    other potentials with a sinc-DVR whose box covers the turning points of E plus WKB tails and
    whose spacing follows the momentum-space WKB decay, on two grids that must agree (finer
    grids only for the pairs that do not).

    Parameters
    ----------
    alpha, beta : float or array_like
        In [-100, 100]; arrays broadcast.
    n : int
        Number of levels, 1 to 50.
    executor : concurrent.futures.Executor, optional
        Chunks of pairs are solved concurrently on it.

    Returns
    -------
    numpy.ndarray
        Shape ``broadcast(alpha, beta).shape + (n,)``, ascending.

    Raises
    ------
    ValueError
        For NaN/inf or values outside [-100, 100] (naming ``alpha`` or ``beta`` and the range),
        or an invalid ``n``.

    Notes
    -----
    Exponentially small splittings below ~1e-13 of the levels are not resolved in double
    precision: use :func:`tunnel_splitting` (symmetric well) or :func:`tls_splitting`.
    """
    from .kernel import Interval

    a = check_array("alpha", alpha, Interval(*ALPHA_RANGE, lo_open=False, hi_open=False))
    b = check_array("beta", beta, Interval(*BETA_RANGE, lo_open=False, hi_open=False))
    if not (isinstance(n, (int, np.integer)) and not isinstance(n, bool) and 1 <= n <= 50):
        raise ValueError(f"n must be an integer in [1, 50], got {n!r}")
    a, b = np.broadcast_arrays(a, b)
    fa, fb = a.ravel().astype(float), b.ravel().astype(float)
    if executor is None or fa.size == 0:
        res = _solve_levels(fa, fb, int(n)) if fa.size else np.zeros((0, int(n)))
    else:
        size = max(1, min(_CHUNK, -(-fa.size // 16)))
        parts = [(fa[i:i + size], fb[i:i + size]) for i in range(0, fa.size, size)]
        res = np.concatenate(list(executor.map(_levels_chunk, [p[0] for p in parts],
                                               [p[1] for p in parts], [int(n)] * len(parts))))
    return res.reshape(a.shape + (int(n),))


# ---------------------------------------------------------------------------------------------
# High precision: Taylor-series integration in mpmath (also the reference for ``levels``)
# ---------------------------------------------------------------------------------------------
def _to_mpfr(x, gmpy2):
    """An mpmath mpf (or a number) as a gmpy2 mpfr in the current context, exactly."""
    import mpmath as mp

    sign, man, exp, _ = mp.mpf(x)._mpf_
    v = gmpy2.mul_2exp(gmpy2.mpfr(int(man)), int(exp)) if man else gmpy2.mpfr(0)
    return -v if sign else v


def _to_mpf(x, mp):
    num, den = x.as_integer_ratio()
    return mp.mpf(int(num)) / int(den)


def _taylor_shoot(eps, alpha, beta, y_start, y_end, psi0, dpsi0, mp, second: bool = False):
    """Integrate psi'' = (V - eps) psi from y_start to y_end in mpmath's working precision (gmpy2
    arithmetic, 10 guard digits); returns (psi, psi', dpsi/deps, dpsi'/deps) at y_end, and with
    ``second`` also (d2psi/deps2, d2psi'/deps2). Taylor series about each step's start (V is a
    quartic: psi_{k+2} (k+1)(k+2) = sum_j v_j psi_{k-j}), steps of 6 / (local scale), terms
    until two in a row are below 10^-(dps+5) of the sum."""
    import gmpy2

    dps = mp.mp.dps
    with gmpy2.context(gmpy2.get_context(), precision=int((dps + 10) * 3.33) + 8):
        F = gmpy2.mpfr
        e, a, b = _to_mpfr(eps, gmpy2), _to_mpfr(alpha, gmpy2), _to_mpfr(beta, gmpy2)
        y, target = _to_mpfr(y_start, gmpy2), _to_mpfr(y_end, gmpy2)
        st = [_to_mpfr(psi0, gmpy2), _to_mpfr(dpsi0, gmpy2), F(0), F(0), F(0), F(0)]
        direction = 1 if target > y else -1
        tol = F(10) ** (-dps - 5)
        nd = 3 if second else 2
        while (target - y) * direction > 0:
            v = [((y + b) * y + a) * y * y - e, ((4 * y + 3 * b) * y + 2 * a) * y,
                 (6 * y + 3 * b) * y + a, 4 * y + b, F(1)]
            local = (gmpy2.sqrt(abs(v[0])) + gmpy2.cbrt(abs(v[1])) + gmpy2.root(abs(v[2]), 4)
                     + gmpy2.root(abs(v[3]), 5) + 1)
            h = min(F(6) / local, abs(target - y)) * direction
            vh = [v[0], v[1] * h, v[2] * h * h, v[3] * h**3, h**4]
            # scaled coefficients c_k h^k of psi and of its first (and second) E-derivative
            cs = [[st[0], st[1] * h], [st[2], st[3] * h], [st[4], st[5] * h]][:nd]
            sums = [c[0] + c[1] for c in cs]
            dsum = [c[1] for c in cs]
            h2 = h * h
            k = 0
            while True:
                f = h2 / ((k + 1) * (k + 2))
                jmax = min(k, 4)
                new = []
                for i, c in enumerate(cs):
                    s = vh[0] * c[k]
                    for j in range(1, jmax + 1):
                        s += vh[j] * c[k - j]
                    if i:
                        s -= i * cs[i - 1][k]
                    new.append(f * s)
                for i, c in enumerate(cs):
                    c.append(new[i])
                    sums[i] += new[i]
                    dsum[i] += (k + 2) * new[i]
                k += 1
                ref = abs(sums[0]) + abs(dsum[0]) + tol
                if k > 6 and abs(new[0]) + abs(cs[0][k]) < tol * ref and \
                        abs(cs[0][k + 1]) < tol * ref:
                    break
                if k > 2000:
                    raise ArithmeticError("Taylor series did not converge")  # pragma: no cover
            for i in range(nd):
                st[2 * i], st[2 * i + 1] = sums[i], dsum[i] / h
            y += h
        out = tuple(_to_mpf(x, mp) for x in st[:2 * nd])
    return out


def _start_point(eps, alpha, beta, side, mp):
    """A point beyond the outer turning point on ``side`` where the WKB decay
    int sqrt(V - eps) dy has reached 1.3 dps + 10 (found in double precision from the turning
    point), and the WKB log-derivative there: the start error, a subdominant solution of
    relative size O(1) there, is damped by exp(-2 decay) < 10^-(dps + 8) where it matters."""
    a, b, e = np.array([float(alpha)]), np.array([float(beta)]), np.array([float(eps)])
    lo, hi = _outer_roots(a, b, e)
    t = hi if side > 0 else lo
    d = _tail_length(t, float(side), e, a, b, mp.mp.dps * 1.3 + 10)
    y = mp.mpf(float((t + side * d)[0]))
    return y, -side * mp.sqrt(((y + beta) * y + alpha) * y * y - eps)


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


# ---------------------------------------------------------------------------------------------
# Tunnel splitting of the symmetric well in double precision, without cancellation
# ---------------------------------------------------------------------------------------------
TUNNEL_ALPHA_RANGE = (-1000.0, 0.0)      # [lo, hi): a double well
_TK = 24                                 # Taylor order of the double-precision integrator
_HILBERT = 1.0 / (np.arange(_TK + 1)[:, None] + np.arange(_TK + 1)[None, :] + 1)
_KIDX = np.arange(_TK + 1)[:, None, None, None]
_STEP_BLOCK = 1024


def _sym_taylor(a, ys, h, E):
    """Scaled Taylor coefficients c_k h^k (k <= _TK) of the two basis solutions ((1, 0) and
    (0, 1) at the expansion point) of psi'' = (alpha y^2 + y^4 - E) psi about each point ys, and
    of their E-derivatives. a, h, E: (B, 1); ys: (B, M). Returns c, d of shape (K+1, 2, B, M)."""
    y2 = ys * ys
    vh = [(y2 + a) * y2 - E, ys * (4 * y2 + 2 * a) * h, (6 * y2 + a) * h**2, 4 * ys * h**3,
          np.broadcast_to(h**4, ys.shape)]
    c = np.zeros((_TK + 1, 2) + ys.shape)
    d = np.zeros_like(c)
    c[0, 0] = 1.0
    c[1, 1] = h
    h2 = h * h
    for k in range(_TK - 1):
        s, sd = vh[0] * c[k], vh[0] * d[k]
        for j in range(1, min(k, 4) + 1):
            s += vh[j] * c[k - j]
            sd += vh[j] * d[k - j]
        f = h2 / ((k + 1) * (k + 2))
        c[k + 2] = f * s
        d[k + 2] = f * (sd - c[k])
    return c, d


def _sym_path(a, y_start, h, M, E_pair, starts, want_integral):
    """Integrate two solutions (energies E_pair[0], E_pair[1]; start states (psi, psi', psi_E,
    psi_E') in starts) over M steps of size h from y_start, with exact power-of-two rescaling.
    Returns the final states (mantissas), their binary exponents, and (if asked)
    int psi_1 psi_2 dy along the path as (mantissa, exponent), signed like h."""
    B = a.size
    st = [s.copy() for s in starts]
    ex = [np.zeros(B, np.int64), np.zeros(B, np.int64)]
    acc, acc_e = np.zeros(B), np.full(B, -(1 << 40), np.int64)
    A, H = a[:, None], h[:, None]
    for m0 in range(0, M, _STEP_BLOCK):
        mb = min(_STEP_BLOCK, M - m0)
        ys = y_start[:, None] + h[:, None] * np.arange(m0, m0 + mb)
        coef = [_sym_taylor(A, ys, H, E[:, None]) for E in E_pair]
        vals = []
        for c, d in coef:
            vals.append((c.sum(0), (_KIDX * c).sum(0) / H, d.sum(0), (_KIDX * d).sum(0) / H))
        if want_integral:
            rec = [np.empty((mb, B, 2)), np.empty((mb, B, 2))]
            rec_e = [np.empty((mb, B), np.int64), np.empty((mb, B), np.int64)]
        for m in range(mb):
            for i in (0, 1):
                P, dP, PE, dPE = vals[i]
                p, dp, pe, dpe = st[i].T
                if want_integral:
                    rec[i][m] = st[i][:, :2]
                    rec_e[i][m] = ex[i]
                new = np.stack([P[0, :, m] * p + P[1, :, m] * dp,
                                dP[0, :, m] * p + dP[1, :, m] * dp,
                                PE[0, :, m] * p + PE[1, :, m] * dp + P[0, :, m] * pe + P[1, :, m] * dpe,
                                dPE[0, :, m] * p + dPE[1, :, m] * dp + dP[0, :, m] * pe
                                + dP[1, :, m] * dpe], -1)
                _, e = np.frexp(np.maximum(np.abs(new[:, 0]), np.abs(new[:, 1])))
                st[i] = np.ldexp(new, -e[:, None])
                ex[i] = ex[i] + e
        if want_integral:
            # int_0^h (x1 . phi)(x2 . phi) ds = h x1^T G x2, G_ab = sum_kl c1_ka c2_lb / (k + l + 1)
            t = np.einsum("kaBm,kl->laBm", coef[0][0], _HILBERT)
            G = np.einsum("laBm,lbBm->abBm", t, coef[1][0]) * H[None, None]
            x1, x2 = rec[0].transpose(2, 1, 0), rec[1].transpose(2, 1, 0)
            contrib = np.einsum("aBm,abBm,bBm->Bm", x1, G, x2)
            e_tot = (rec_e[0] + rec_e[1]).T
            e_max = np.maximum(e_tot.max(-1), acc_e)
            acc = np.ldexp(acc, acc_e - e_max) + np.ldexp(contrib, e_tot - e_max[:, None]).sum(-1)
            acc_e = e_max
    return st, ex, (acc, acc_e)


def _sym_scale(a, E, y):
    """Local scale of the Taylor steps: the Taylor terms of the solutions decay like (scale h)^k/k!."""
    y2 = y * y
    return (np.sqrt(np.abs((y2 + a) * y2 - E)) + np.abs(y * (4 * y2 + 2 * a)) ** (1 / 3)
            + np.abs(6 * y2 + a) ** 0.25 + np.abs(4 * y) ** 0.2 + 1)


def _split_symmetric(a: np.ndarray):
    """Exact splitting of the ground doublet of -psi'' + (alpha y^2 + y^4) psi, alpha < 0, in
    double precision. With psi+ the even state scaled to psi+(0) = 1 and psi- the odd state
    scaled to psi-'(0) = 1, the Wronskian identity on [0, oo) gives exactly

        eps_- - eps_+ = psi+(0) psi-'(0) / int_0^oo psi+ psi- dy = 1 / int_0^oo psi+ psi- dy,

    a positive integral of positive functions: no cancellation, however small the splitting.
    psi+- are integrated from y = 0 out to the well bottom y_m (the growing direction) and from
    the far tail in to y_m (growing again) with a Taylor method of order 24 (steps with
    scale * h <= 1.2), and matched at y_m; the two levels are Newton-refined (Wronskian at y_m)
    from the double-precision levels. Returns (mantissa, binary exponent, eps_+, eps_-)."""
    B = a.size
    lv = _solve_levels(a, np.zeros(B), 2)
    Ep, Em = lv[:, 0].copy(), lv[:, 1].copy()
    ym = np.maximum(np.sqrt(-a / 2), 0.5)        # the well bottom (any point > 0 would do)
    Et = np.maximum(Ep, Em)
    yt = np.sqrt((-a + np.sqrt(a * a + 4 * np.maximum(Et, -a * a / 4))) / 2)
    yfar = yt + _tail_length(yt, 1.0, Et, a, np.zeros(B), 25.0)
    s1 = np.maximum(_sym_scale(a, Et, ym), _sym_scale(a, Et, np.minimum(np.sqrt(-a / 6), ym)))
    s1 = np.maximum(s1, np.sqrt(np.abs(Et)) + 1)
    M1 = int(np.ceil(np.max(ym * s1 / 1.2))) + 1
    M2 = int(np.ceil(np.max((yfar - ym) * _sym_scale(a, Et, yfar) / 1.2))) + 1
    h1, h2 = ym / M1, -(yfar - ym) / M2
    one, zero = np.ones(B), np.zeros(B)
    for it in range(4):
        final = it > 0
        kap_p = np.sqrt((yfar**2 + a) * yfar**2 - Ep)
        kap_m = np.sqrt((yfar**2 + a) * yfar**2 - Em)
        (e, o), (le, lo), I0 = _sym_path(a, zero, h1, M1, (Ep, Em),
                                         (np.stack([one, zero, zero, zero], -1),
                                          np.stack([zero, one, zero, zero], -1)), final)
        (wp, wm), (lwp, lwm), I1 = _sym_path(a, yfar, h2, M2, (Ep, Em),
                                             (np.stack([one, -kap_p, zero, 0.5 / kap_p], -1),
                                              np.stack([one, -kap_m, zero, 0.5 / kap_m], -1)), final)

        def newton(x, w):
            W = x[:, 0] * w[:, 1] - x[:, 1] * w[:, 0]
            We = x[:, 2] * w[:, 1] + x[:, 0] * w[:, 3] - x[:, 3] * w[:, 0] - x[:, 1] * w[:, 2]
            return W / We

        dEp, dEm = newton(e, wp), newton(o, wm)
        if final:
            vals = np.stack([e[:, 0], o[:, 0], wp[:, 0], wm[:, 0]])
            if not (np.all(vals > 0) and np.all(I0[0] >= 0) and np.all(I1[0] <= 0)):
                raise ArithmeticError("tunnel splitting: the doublet's solutions changed sign")
            # int_0^oo psi+ psi- = I0 + e(y_m) o(y_m) / (w+(y_m) w-(y_m)) * int_ym^oo w+ w-
            mB, eB = np.frexp(e[:, 0] * o[:, 0] / (wp[:, 0] * wm[:, 0]) * -I1[0])
            eB = eB + le + lo - lwp - lwm + I1[1]
            e_max = np.maximum(I0[1], eB)
            tot = np.ldexp(I0[0], I0[1] - e_max) + np.ldexp(mB, eB - e_max)
            m, ex = np.frexp(1.0 / tot)
            if np.all(np.abs(np.stack([dEp, dEm])) <= 4e-16 * np.maximum(1, np.abs(np.stack([Ep, Em])))):
                break
        Ep, Em = Ep - dEp, Em - dEm
    return m, ex - e_max, Ep, Em


def _split_grouped(a: np.ndarray):
    """_split_symmetric on groups of similar alpha (the number of steps grows like |alpha|^(3/2))."""
    m, ex = np.empty(a.size), np.empty(a.size, np.int64)
    grp = np.floor(np.log2(np.maximum(-a, 1e-3)) * 2)
    for gv in np.unique(grp):
        s = np.nonzero(grp == gv)[0]
        for i in range(0, s.size, 256):
            t = s[i:i + 256]
            m[t], ex[t], _, _ = _split_symmetric(a[t])
    return m, ex


def _check_tunnel_alpha(alpha):
    from .kernel import Interval

    return check_array("alpha", alpha, Interval(TUNNEL_ALPHA_RANGE[0], TUNNEL_ALPHA_RANGE[1],
                                                lo_open=False, hi_open=True))


def log_tunnel_splitting(alpha):
    """Natural logarithm of the tunnel splitting eps_2 - eps_1 of the symmetric double well
    (``beta = 0``), in double precision.

    Finite for every ``alpha`` in [-1000, 0), also where the splitting itself (e^-14897 at
    ``alpha = -1000``) lies far below the smallest double. Same computation as
    :func:`tunnel_splitting`: relative error of the splitting ~1e-14, i.e. an absolute error
    ~1e-14 in the logarithm.

    Parameters
    ----------
    alpha : float or array_like
        In [-1000, 0).

    Returns
    -------
    float or numpy.ndarray
        Same shape as ``alpha``.

    Raises
    ------
    ValueError
        For NaN/inf or ``alpha`` outside [-1000, 0), naming ``alpha``.
    """
    a = _check_tunnel_alpha(alpha)
    m, ex = _split_grouped(a.ravel())
    out = (np.log(m) + ex * math.log(2.0)).reshape(a.shape)
    return out[()] if out.ndim == 0 else out


def _object_array(values, shape):
    out = np.empty(len(values), object)
    out[:] = values
    out = out.reshape(shape)
    return out[()] if out.ndim == 0 else out


def tunnel_splitting(alpha, dps: Optional[int] = None, as_mpmath: bool = False):
    """Exact tunnel splitting eps_2 - eps_1 of the symmetric double well (``beta = 0``).

    Default: double precision, relative error ~1e-14 at any size of the splitting, from the
    identity eps_2 - eps_1 = 1 / int_0^oo psi+ psi- dy (psi+ even with psi+(0) = 1, psi- odd
    with psi-'(0) = 1), free of cancellation; the integral is taken along solutions integrated
    only in their growing directions (Taylor method, exact power-of-two rescaling). A splitting
    below the smallest normal double (``alpha`` below about -125) raises a ``ValueError`` that
    points to :func:`log_tunnel_splitting` and ``as_mpmath=True``: never a silent 0.0.

    Parameters
    ----------
    alpha : float or array_like
        In [-1000, 0).
    dps : int, optional
        Use the independent high-precision path instead: Newton iteration on even/odd
        Taylor-series shooting in mpmath at ``dps`` digits (seconds per call); about dps - 10
        correct digits. Too few digits to resolve the splitting raise a ``ValueError`` with the
        least usable ``dps``.
    as_mpmath : bool
        Return the double-precision result as ``mpmath.mpf``, which does not underflow
        (mantissa and binary exponent are carried exactly).

    Returns
    -------
    float, numpy.ndarray, mpmath.mpf or numpy.ndarray of mpmath.mpf
        Same shape as ``alpha`` (a scalar for a scalar); ``mpf`` with ``dps`` or ``as_mpmath``.

    Raises
    ------
    ValueError
        For NaN/inf or ``alpha`` outside [-1000, 0) (naming ``alpha``), for a splitting that
        underflows double precision (without ``as_mpmath`` or ``dps``), or an invalid ``dps``.
    """
    import mpmath as mp

    a = _check_tunnel_alpha(alpha)
    flat = a.ravel()
    m, ex = _split_grouped(flat)
    if dps is not None:
        if not (isinstance(dps, (int, np.integer)) and not isinstance(dps, bool) and 15 <= dps <= 5000):
            raise ValueError(f"dps must be an integer in [15, 5000], got {dps!r}")
        need = -(np.log10(m) + ex * math.log10(2.0)) + np.log10(np.maximum(1, flat**2 / 4)) + 15
        if np.any(need > dps):
            i = int(np.argmax(need - dps))
            raise ValueError(f"dps={dps} cannot resolve the splitting at alpha={flat[i]:g}: "
                             f"use dps >= {int(math.ceil(need[i]))}")
        lv = _solve_levels(flat, np.zeros(flat.size), 1)[:, 0]
        res = []
        with mp.workdps(int(dps)):
            for x, g0, mm, ee in zip(flat, lv, m, ex):
                e0 = _even_odd_level(g0, mp.mpf(x), 0, mp)
                e1 = _even_odd_level(g0 + math.ldexp(mm, int(ee)), mp.mpf(x), 1, mp)
                res.append(+(e1 - e0))
        return _object_array(res, a.shape)
    if as_mpmath:
        return _object_array([mp.ldexp(mp.mpf(float(x)), int(e)) for x, e in zip(m, ex)], a.shape)
    tiny = ex < -1021          # below the smallest normal double, 2^-1022
    if np.any(tiny):
        i = int(np.argmax(tiny))
        raise ValueError(f"parameter 'alpha' = {flat[i]:g}: the tunnel splitting "
                         f"(~e^{math.log(m[i]) + ex[i] * math.log(2):.0f}) underflows double "
                         f"precision; use log_tunnel_splitting(alpha) or "
                         f"tunnel_splitting(alpha, as_mpmath=True)")
    out = np.ldexp(m, ex).reshape(a.shape)
    return float(out) if out.ndim == 0 else out


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
HEAT_T_RANGE = (0.02, 5.0)     # T/w where specific_heat's defaults are converged (HEAT_RTOL)
HEAT_RTOL = 1e-4               # relative accuracy of c(T) at the defaults on HEAT_T_RANGE

_HEAT_E_SCALE = 0.03           # w: the TLS energy that sets the sinh grading of the beta nodes
_HEAT_ALPHA_BREAKS = (-80.0, -40.0, -20.0, -10.0, -5.0, -2.5, -1.0)   # double-well panel edges
_HEAT_BATCH = 256              # potentials per batched levels solve (and per executor task)
_HEAT_ENVELOPE = 0.2           # ln T window of the error estimate's envelope


def _gauss(n: int, lo, hi):
    """Gauss-Legendre nodes and weights on [lo, hi] (lo, hi arrays: one rule per row)."""
    x, w = np.polynomial.legendre.leggauss(n)
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    half = (hi - lo)[..., None] / 2
    return (lo + hi)[..., None] / 2 + half * x, half * w


def _heat_nodes(distribution, alpha_range, beta_max, n_alpha, n_beta):
    """Nodes (alpha, beta) and weights of int P(alpha) d(alpha) d(beta) over the parameter plane
    of the potentials counted once (double wells alpha < 0, about the barrier top; single wells
    alpha > 9 beta^2/32, about the minimum), beta >= 0 standing for +-beta (weight 2).

    Double wells: Gauss-Legendre in alpha on panels with edges at -1, -2.5, -5, -10, -20, ...
    (the tunnelling splitting falls through T there), and in beta = b_s sinh(s), Gauss-Legendre
    in s, with b_s = sqrt(2) e_s (1 + alpha^2)^(-3/4): the asymmetry beta |alpha|^(3/2)/sqrt 2 of
    a TLS is resolved on a log scale down to energies ~e_s and below (the integrand is smooth in
    s; a uniform beta grid misses the TLS at beta ~ T |alpha|^(-3/2)).  Single wells:
    alpha = v^2 (the sqrt edge of the beta range at alpha -> 0), Gauss-Legendre in v on two
    panels split where sqrt(32 alpha/9) reaches beta_max, and with half as many nodes in beta on
    [0, min(beta_max, sqrt(32 alpha/9))] (smooth there)."""
    lo, hi = alpha_range
    P = np.abs if distribution == "abs-eta" else np.ones_like
    al, be, wt = [], [], []
    if lo < 0:
        top = min(hi, 0.0)
        edges = [lo] + [x for x in _HEAT_ALPHA_BREAKS if lo < x < top] + [top]
        for a0, a1 in zip(edges[:-1], edges[1:]):
            (a,), (wa,) = _gauss(n_alpha, [a0], [a1])
            bs = math.sqrt(2.0) * _HEAT_E_SCALE * (1.0 + a * a) ** -0.75
            s, ws = _gauss(n_beta, np.zeros_like(a), np.arcsinh(beta_max / bs))
            al.append(np.repeat(a, n_beta))
            be.append((bs[:, None] * np.sinh(s)).ravel())
            wt.append((2 * (wa * P(a) * bs)[:, None] * ws * np.cosh(s)).ravel())
    if hi > 0:
        nb_single = max(2, (n_beta + 1) // 2)      # smooth in beta: half the nodes suffice
        v0, v1, vk = math.sqrt(max(lo, 0.0)), math.sqrt(hi), math.sqrt(9 / 32) * beta_max
        edges = [v0] + ([vk] if v0 < vk < v1 else []) + [v1]
        for a0, a1 in zip(edges[:-1], edges[1:]):
            (v,), (wv,) = _gauss(n_alpha, [a0], [a1])
            a = v * v
            b, wb = _gauss(nb_single, np.zeros_like(v), np.minimum(beta_max, math.sqrt(32 / 9) * v))
            al.append(np.repeat(a, nb_single))
            be.append(b.ravel())
            wt.append((2 * (wv * 2 * v * P(a))[:, None] * wb).ravel())
    return np.concatenate(al), np.concatenate(be), np.concatenate(wt)


def _heat_capacity(ex: np.ndarray, w: np.ndarray, T: np.ndarray) -> np.ndarray:
    """sum_k w_k c_k(T) / sum_k w_k, c_k = Var(E)/T^2 of the levels ex[k] (excitation energies
    above the ground state, so that the Boltzmann factors never overflow); vectorised over the
    potentials, in blocks of temperatures."""
    out = np.empty(T.size)
    step = max(1, (1 << 20) // max(1, ex.size))
    for i in range(0, T.size, step):
        e = ex[None] / T[i:i + step, None, None]
        b = np.exp(-e)
        Z = b.sum(-1)
        d = e - ((e * b).sum(-1) / Z)[..., None]
        out[i:i + step] = ((d * d * b).sum(-1) / Z) @ w
    return out / w.sum()


def _first_minimum(T: np.ndarray, ex: Optional[np.ndarray], w, r: Optional[np.ndarray] = None):
    """T of the first interior minimum of c/T^3 on the grid T, refined (bounded Brent in ln T,
    between the neighbouring grid points) on the quadrature's c(T) when the levels are known;
    parabolic interpolation of ln(c/T^3) in ln T otherwise."""
    if r is None:
        r = np.log(_heat_capacity(ex, w, T)) - 3 * np.log(T)
    interior = [i for i in range(1, len(r) - 1) if r[i] < r[i - 1] and r[i] <= r[i + 1]]
    if not interior:
        raise ValueError("c/T^3 has no interior minimum on this temperature grid")
    i = interior[0]   # the first one: the TLS rise below, the quasilocal rise above
    x = np.log(T[i - 1:i + 2])
    if ex is None:
        a, b, _ = np.polyfit(x, r[i - 1:i + 2], 2)
        return float(np.exp(-b / (2 * a)))
    from scipy.optimize import minimize_scalar

    def f(lt):
        return float(np.log(_heat_capacity(ex, w, np.array([math.exp(lt)])))[0] - 3 * lt)

    res = minimize_scalar(f, bounds=(x[0], x[2]), method="bounded", options={"xatol": 1e-9})
    return float(math.exp(res.x))


class SpecificHeat:
    """c(T)/T^3 of an ensemble of soft potentials (reduced units: energies and T in w = W).

    Attributes
    ----------
    T : numpy.ndarray
        The temperatures (ascending for :meth:`minimum`).
    c : numpy.ndarray
        The heat capacity per unit weight of the distribution (k_B = 1).
    weights_total : float
        The integral of the distribution over the parameter box (both signs of beta).
    grid : tuple of numpy.ndarray
        The quadrature: nodes alpha, beta (beta >= 0) and weights.
    error : numpy.ndarray or None
        Estimated absolute error of ``c`` (None without an error estimate): the relative change
        from the coarser quadrature (:attr:`coarse`), its largest within a factor exp(0.2) in T
        (the quadrature errors oscillate in ln T), times ``c``, plus the contribution of the
        highest level kept.
    coarse : SpecificHeat or None
        The same on the coarser quadrature (3/4 of the nodes in each direction).
    """

    def __init__(self, T, c, weights_total, grid, error=None, coarse=None):
        self.T, self.c, self.weights_total, self.grid = T, c, weights_total, grid
        self.error, self.coarse = error, coarse
        self._ex = None            # excitation energies of the grid's potentials, if known

    @classmethod
    def _from_levels(cls, T, ex, w, grid, coarse=None):
        c = _heat_capacity(ex, w, T)
        error = None
        if coarse is not None:
            # the quadrature errors oscillate in ln T: the largest relative change within
            # +-_HEAT_ENVELOPE in ln T, so that a zero of the difference is no zero of the estimate
            Ts = (T[:, None] * np.exp(np.linspace(-_HEAT_ENVELOPE, _HEAT_ENVELOPE, 5))).ravel()
            rel = np.abs(_heat_capacity(coarse[0], coarse[1], Ts) / _heat_capacity(ex, w, Ts) - 1)
            coarse = cls._from_levels(T, *coarse)
            error = (rel.reshape(T.size, -1).max(1) * c
                     + np.abs(c - _heat_capacity(ex[:, :-1], w, T)))
        res = cls(T, c, float(w.sum()), grid, error, coarse)
        res._ex = ex
        return res

    @property
    def reduced(self) -> np.ndarray:
        """c(T)/T^3 (arbitrary normalisation: per unit weight of the distribution)."""
        return self.c / self.T**3

    @property
    def reduced_error(self) -> Optional[np.ndarray]:
        """Estimated absolute error of :attr:`reduced` (None without an error estimate)."""
        return None if self.error is None else self.error / self.T**3

    def at(self, T) -> "SpecificHeat":
        """The same ensemble at other temperatures, from the levels already solved."""
        if self._ex is None:
            raise ValueError("the levels of this SpecificHeat are not known")
        T = np.atleast_1d(check_array("T", T))
        if T.ndim != 1 or np.any(T <= 0):
            raise ValueError("parameter 'T' must be > 0 (a number or a 1-d array)")
        coarse = None if self.coarse is None else (self.coarse._ex, self.coarse.grid[2],
                                                   self.coarse.grid)
        return SpecificHeat._from_levels(T, self._ex, self.grid[2], self.grid, coarse)

    def minimum(self) -> float:
        """Temperature of the (first) minimum of c/T^3: bracketed on the grid :attr:`T`, then
        located to 1e-9 in ln T on the quadrature's own c(T) (from the levels already solved;
        parabolic interpolation in ln T when they are not known)."""
        if self._ex is None:
            return _first_minimum(self.T, None, None, np.log(self.reduced))
        return _first_minimum(self.T, self._ex, self.grid[2], np.log(self.reduced))

    def minimum_error(self) -> float:
        """Estimated error of :meth:`minimum`: its change on the coarser quadrature plus its
        change without the highest level kept."""
        if self.coarse is None:
            raise ValueError("no error estimate: call specific_heat with estimate_error=True")
        t = self.minimum()
        w = self.grid[2]
        return (abs(t - self.coarse.minimum())
                + abs(t - _first_minimum(self.T, self._ex[:, :-1], w)))


def _positive_int(name, value, lo):
    if not (isinstance(value, (int, np.integer)) and not isinstance(value, bool) and value >= lo):
        raise ValueError(f"{name} must be an integer >= {lo}, got {value!r}")
    return int(value)


def specific_heat(T, distribution: str = "abs-eta", alpha_range=(-10.0, 16.0),
                  beta_max: float = 6.0, n_alpha: int = 12, n_beta: int = 28,
                  n_levels: int = 16, executor: Optional[Executor] = None,
                  progress: bool = False, estimate_error: bool = True) -> SpecificHeat:
    """Heat capacity of soft potentials -psi'' + (alpha y^2 + beta y^3 + y^4) psi = eps psi,
    from their exact lowest ``n_levels`` levels, averaged with P(alpha, beta) ~ abs(alpha)
    (``"abs-eta"``, Eq. 2 of Il'in, Karpov, Parshin 1987) or constant (``"flat"``) over
    ``alpha_range`` x [-beta_max, beta_max].

    Each potential is counted once, as in the paper: expanded about the minimum when it is a
    single well (alpha > 9 beta^2/32) and about the barrier top when it is a double well
    (alpha < 0).  The average is a product Gauss-Legendre quadrature (beta >= 0, doubled by
    symmetry).  Double wells: ``n_alpha`` nodes per alpha panel (panel edges at alpha = -1,
    -2.5, -5, -10, -20, -40, -80 inside the range) times ``n_beta`` nodes in s, where
    beta = b_s sinh(s) with b_s = 0.03 sqrt(2) (1 + alpha^2)^(-3/4), so that the two-level
    systems of small asymmetry (beta ~ E abs(alpha)^(-3/2) for a TLS of energy E ~ T) are
    resolved at every T: a uniform beta grid misses them and puts the minimum of c/T^3 23 %
    too low.  Single wells: ``n_alpha`` nodes in sqrt(alpha) on two panels (split where
    sqrt(32 alpha/9) = beta_max) times ``n_beta``/2 in beta.  1680 potentials at the defaults.
    The levels are the expensive part (batched solves of :func:`levels`, about 1 s of one core
    at the defaults) and can be spread over any ``concurrent.futures.Executor``.

    Accuracy: at the defaults, on the default box, c(T) is converged to a relative 1e-4
    (``HEAT_RTOL``; 2e-5 measured) for 0.02 <= T <= 5 (``HEAT_T_RANGE``), and so is the
    minimum of c/T^3 (T_min = 0.5848 w for P ~ abs(alpha), W/T_min = 1.71): tested against an
    independent mpmath tanh-sinh quadrature and by doubling the nodes.  Other boxes converge
    alike (twice the nodes change c by < 3e-5 for -20 < alpha < 16 or -5 < alpha < 5), the flat
    P a little slower (1.3e-4), all within ``error``.  Not so a box of single wells only
    (alpha_range above 0) at T far below their gaps: c then comes from a corner of the box,
    and neither the quadrature nor its error estimate can be trusted there.
    With ``estimate_error`` (the default) the average is also taken on a quadrature with 3/4
    of the nodes in each direction (57 % more potentials): :attr:`SpecificHeat.error` is its
    change plus the contribution of the highest level kept, and bounds the actual error (by a
    factor 3 to 100 at the defaults); :meth:`SpecificHeat.minimum_error` does the same for
    T_min, and :attr:`SpecificHeat.coarse` holds the coarser result.

    Parameters
    ----------
    T : float or array_like
        Temperatures in units of w (> 0), ascending for the minimum.
    distribution : {"abs-eta", "flat"}
        P(alpha, beta) ~ abs(alpha) or constant.
    alpha_range : tuple of float
        (lo, hi) in [-100, 100], lo < hi.
    beta_max : float
        In (0, 100].
    n_alpha, n_beta : int
        Gauss-Legendre nodes per alpha panel and per beta line of the double wells (half as
        many per beta line of the single wells), at least 2.
    n_levels : int
        Levels per potential, 2 to 50 (16 keep c(T = 5) to 1e-5).
    executor : concurrent.futures.Executor, optional
        Batches of potentials are solved concurrently on it (the result is the same).
    progress : bool or str
        True: a live bar; "log": a line every 30 s (``numeric.progress``).
    estimate_error : bool
        Also compute the coarser quadrature (``error``, ``coarse``).

    Returns
    -------
    SpecificHeat
        c, c/T^3, its minimum, and (with ``estimate_error``) their estimated errors.

    Raises
    ------
    ValueError
        For T <= 0 or non-finite, an unknown distribution, or a box, node count or number of
        levels out of range.
    """
    T = np.atleast_1d(check_array("T", T))
    if T.ndim != 1 or np.any(T <= 0):
        raise ValueError("parameter 'T' must be > 0 (a number or a 1-d array)")
    if distribution not in ("abs-eta", "flat"):
        raise ValueError(f"distribution must be 'abs-eta' or 'flat', got {distribution!r}")
    lo, hi = (float(x) for x in check_array("alpha_range", alpha_range).reshape(2))
    if not (ALPHA_RANGE[0] <= lo < hi <= ALPHA_RANGE[1]):
        raise ValueError(f"alpha_range must satisfy {ALPHA_RANGE[0]:g} <= lo < hi <= "
                         f"{ALPHA_RANGE[1]:g}, got ({lo:g}, {hi:g})")
    beta_max = float(check_array("beta_max", beta_max))
    if not 0 < beta_max <= BETA_RANGE[1]:
        raise ValueError(f"beta_max must lie in (0, {BETA_RANGE[1]:g}], got {beta_max:g}")
    n_alpha = _positive_int("n_alpha", n_alpha, 2)
    n_beta = _positive_int("n_beta", n_beta, 2)
    n_levels = _positive_int("n_levels", n_levels, 2)
    if n_levels > 50:
        raise ValueError(f"n_levels must be an integer in [2, 50], got {n_levels}")

    rules = [_heat_nodes(distribution, (lo, hi), beta_max, n_alpha, n_beta)]
    if estimate_error:
        rules.append(_heat_nodes(distribution, (lo, hi), beta_max, (3 * n_alpha) // 4,
                                 (3 * n_beta) // 4))
    pa = np.concatenate([r[0] for r in rules])
    pb = np.concatenate([r[1] for r in rules])
    # batched solves (spread over the executor, if any); each batch's levels are bit-identical
    # whatever the batching
    parts = [(pa[i:i + _HEAT_BATCH], pb[i:i + _HEAT_BATCH])
             for i in range(0, pa.size, _HEAT_BATCH)]
    if executor is None:
        results = (_levels_chunk(x, z, n_levels) for x, z in parts)
    else:
        results = executor.map(_levels_chunk, [p[0] for p in parts], [p[1] for p in parts],
                               [n_levels] * len(parts))
    if progress:  # True: a live bar; "log": a line every 30 s (numeric.progress)
        from .progress import progress_iter
        lv = np.array(list(progress_iter((row for res in results for row in res), pa.size,
                                         "potentials", "pot", progress)))
    else:
        lv = np.concatenate(list(results))
    ex = lv - lv[:, :1]
    n0 = rules[0][0].size
    fine = (ex[:n0], rules[0][2], rules[0])
    coarse = (ex[n0:], rules[1][2], rules[1]) if estimate_error else None
    return SpecificHeat._from_levels(T, *fine, coarse)


# ---------------------------------------------------------------------------------------------
# The TLS limit of a double well (Il'in, Karpov, Parshin 1987: asymmetry and tunnelling amplitude)
# ---------------------------------------------------------------------------------------------
TLS_RANGE = (-30.0, 30.0)      # alpha and beta of tls_splitting (a double well: alpha < 9 beta^2/32)


def _barrier_action(a: float, b: float, ys, vmin) -> float:
    """int sqrt(max(V - V_high, 0)) dy between the two minima, V_high the higher minimum: an upper
    bound of the tunnelling exponent of the lowest doublet (it fixes the working precision)."""
    y1, y2 = ys[np.isfinite(vmin)]
    y = np.linspace(min(y1, y2), max(y1, y2), 4001)
    f = np.sqrt(np.maximum(potential(y, a, b) - np.max(vmin[np.isfinite(vmin)]), 0.0))
    return float(np.trapezoid(f, y))


def _tls_one(alpha: float, beta: float):
    """(E, Delta, Delta_0) of one double well in mpmath; see :func:`tls_splitting`."""
    import mpmath as mp

    A, Bv = np.array([alpha]), np.array([beta])
    ys, vmin, _, ismax = _extrema(A, Bv)
    ys, vmin = ys[0], vmin[0]
    yb = float(ys[np.argmax(ismax[0])])
    lv = _solve_levels(A, Bv, 2)[0]
    scale = max(1.0, abs(float(lv[0])))
    dps = max(30, int(math.ceil(_barrier_action(alpha, beta, ys, vmin) / math.log(10)
                                + math.log10(scale) + 30)))
    with mp.workdps(dps):
        am, bm, ybm = mp.mpf(alpha), mp.mpf(beta), mp.mpf(yb)
        tiny = mp.mpf(10) ** -20
        eps_tol = mp.mpf(10) ** (-dps + 8) * scale

        def shoot(E, second=False):
            yl, sl = _start_point(E, am, bm, -1, mp)
            yr, sr = _start_point(E, am, bm, +1, mp)
            return (_taylor_shoot(E, am, bm, yl, ybm, tiny, sl * tiny, mp, second),
                    _taylor_shoot(E, am, bm, yr, ybm, tiny, sr * tiny, mp, second))

        def wronskian(L, R):
            W = L[0] * R[1] - L[1] * R[0]
            WE = L[2] * R[1] + L[0] * R[3] - L[3] * R[0] - L[1] * R[2]
            if len(L) == 4:
                return W, WE
            WEE = (L[4] * R[1] + 2 * L[2] * R[3] + L[0] * R[5]
                   - L[5] * R[0] - 2 * L[3] * R[2] - L[1] * R[4])
            return W, WE, WEE

        def newton(E):
            E = mp.mpf(E)
            for _ in range(40):
                L, R = shoot(E)
                W, WE = wronskian(L, R)
                E -= W / WE
                if abs(W / WE) < eps_tol:
                    return E, shoot(E)
            raise ArithmeticError("tls_splitting: Newton iteration did not converge")  # pragma: no cover

        if lv[1] - lv[0] > 1e-7 * scale:
            (E1, s1), (E2, s2) = newton(lv[0]), newton(lv[1])
        else:
            # a doublet unresolved in double precision: the extremum of the Wronskian W(E) lies
            # between its two zeros (Newton on W'), which then follow from the local quadratic
            Ec = mp.mpf((lv[0] + lv[1]) / 2)
            for _ in range(40):
                W, WE, WEE = wronskian(*shoot(Ec, True))
                Ec -= WE / WEE
                if abs(WE / WEE) < eps_tol:
                    break
            W, WE, WEE = wronskian(*shoot(Ec, True))
            half = mp.sqrt(-2 * W / WEE)
            (E1, s1), (E2, s2) = newton(Ec - half), newton(Ec + half)
        if not E2 - E1 > 0:
            raise ArithmeticError("tls_splitting: the doublet was not resolved")  # pragma: no cover
        return _doublet_split(s1, s2, E1, E2, mp.sqrt)


def _doublet_split(s1, s2, E1, E2, sqrt):
    """(E, Delta, Delta_0) of a doublet from its two shooting states, in any arithmetic.

    ``s1``, ``s2``: ``(L, R)`` pairs of (w, w', w_E, w'_E) at the barrier top y_b of the
    solutions shot from the left and from the right at the eigenvalues E1 < E2; ``sqrt`` the
    square root of that arithmetic (mpmath, gmpy2).  psi_i = w_R on the right of y_b, c_L w_L on
    the left; with the identities int_yb^oo w^2 = W(w, w_E)(yb), int_-oo^yb w^2 = -W(w, w_E)(yb)
    and (E2 - E1) int_yb^oo psi1 psi2 = W(psi1, psi2)(yb) everything is local at y_b: the
    projector onto y > y_b within the doublet, diagonalised, gives the localized states.
    """
    norms, right = [], []
    for L, R in (s1, s2):
        cL = (R[0] * L[0] + R[1] * L[1]) / (L[0] ** 2 + L[1] ** 2)
        inner_R = R[0] * R[3] - R[1] * R[2]
        inner_L = -(L[0] * L[3] - L[1] * L[2])
        norms.append(cL**2 * inner_L + inner_R)
        right.append(inner_R)
    R1, R2 = s1[1], s2[1]
    t11, t22 = right[0] / norms[0], right[1] / norms[1]
    t12 = (R1[0] * R2[1] - R1[1] * R2[0]) / ((E2 - E1) * sqrt(norms[0] * norms[1]))
    D = sqrt((t22 - t11) ** 2 + 4 * t12**2)
    E = E2 - E1
    return float(E), float(E * (t22 - t11) / D), float(2 * E * abs(t12) / D)


def tls_splitting(alpha, beta):
    """Exact two-level-system parameters (E, Delta, Delta_0) of the two lowest levels of the
    double well -psi'' + (alpha y^2 + beta y^3 + y^4) psi = eps psi.

    Definition: E = eps_2 - eps_1. The localized states L, R are the two orthonormal
    combinations of the eigenstates psi_1, psi_2 that diagonalize the projector onto the right
    of the barrier top y_b, the 2x2 matrix Theta_ij = int_yb^oo psi_i psi_j dy (R has the
    larger weight beyond y_b). In the basis (L, R) the two-level Hamiltonian is
    [[e_L, -Delta_0/2], [-Delta_0/2, e_R]]: the asymmetry is Delta = e_R - e_L and the tunnelling
    matrix element is Delta_0 >= 0, so that exactly E = sqrt(Delta^2 + Delta_0^2), with
    Delta = E (Theta_22 - Theta_11) / D, Delta_0 = 2 E abs(Theta_12) / D and
    D = sqrt((Theta_22 - Theta_11)^2 + 4 Theta_12^2).

    Delta > 0 when the right well is the higher one (beta > 0 for small beta). For ``beta = 0``
    (and any mirror-symmetric well, such as beta^2 = 4 alpha) Delta = 0 and Delta_0 = E is the
    tunnel splitting; for small beta, Delta = 2 beta <y^3>_R + O(beta^3) and Delta_0 tends to
    :func:`tunnel_splitting` with corrections O(beta^2). As for every definition of localized
    states, the split of E into Delta and Delta_0 is physical only up to relative corrections
    O(Delta / hbar omega) (the tails of localized states under the barrier); the definition
    above makes it exact and unique.

    Computed in mpmath: Taylor shooting from both tails to y_b at a precision set by the barrier
    action (30 digits beyond what resolves E), a doublet that double precision cannot separate
    found from the extremum of the Wronskian between its two zeros, and Theta_ij from the
    Wronskian identities at y_b. E, Delta and Delta_0 are exact to double precision however
    small they are; about a second per potential.

    Parameters
    ----------
    alpha, beta : float or array_like
        In [-30, 30] (arrays broadcast), with two minima: alpha < 9 beta^2 / 32.

    Returns
    -------
    tuple of float or of numpy.ndarray
        (E, Delta, Delta_0), each of shape ``broadcast(alpha, beta).shape``.

    Raises
    ------
    ValueError
        For NaN/inf or values outside [-30, 30] (naming ``alpha`` or ``beta``), or a single
        well.
    """
    from .kernel import Interval

    a = check_array("alpha", alpha, Interval(*TLS_RANGE, lo_open=False, hi_open=False))
    b = check_array("beta", beta, Interval(*TLS_RANGE, lo_open=False, hi_open=False))
    a, b = np.broadcast_arrays(a, b)
    single = ~(a < 9 * b * b / 32)
    if np.any(single):
        i = np.argmax(single.ravel())
        raise ValueError(f"parameters 'alpha', 'beta' = ({a.ravel()[i]:g}, {b.ravel()[i]:g}) give a "
                         f"single well: a double well needs alpha < 9 beta^2 / 32")
    res = np.array([_tls_one(float(x), float(z)) for x, z in zip(a.ravel(), b.ravel())])
    res = res.reshape(a.shape + (3,))
    if a.ndim == 0:
        return tuple(float(v) for v in res)
    return res[..., 0], res[..., 1], res[..., 2]


def _dvr_states(alpha: float, beta: float, n: int):
    """Grid, lowest n levels and eigenvectors (columns) of a converged sinc-DVR (the finer of the
    two grids of :func:`levels`)."""
    from scipy.linalg import eigh

    A, Bv = np.array([float(alpha)]), np.array([float(beta)])
    ys, vmin, kmin, _ = _extrema(A, Bv)
    g = np.argmin(vmin, -1)
    yg, kg, vg = ys[:, g[0]], kmin[:, g[0]], vmin[:, g[0]]
    la, _, _ = _ho_rung(A, Bv, yg, _gauss_length(kg), len(_HO_LADDER) - 1, n)
    E = la[:, -1] + 1e-12 * np.maximum(1, np.abs(la[:, -1]))
    (yl, yr, P), = _dvr_windows(A, Bv, E, vg, kg, [_DVR_TAUS[2]])
    N = int(np.ceil((yr[0] - yl[0]) * P[0] / math.pi)) + 1
    h = (yr[0] - yl[0]) / (N - 1)
    y = yl[0] + h * np.arange(N)
    H = _sinc_kinetic(N) / (h * h)
    H[np.arange(N), np.arange(N)] += potential(y, alpha, beta)
    vals, vecs = eigh(H, subset_by_index=[0, n - 1], driver="evr")
    return y, vals, vecs


def localized_cubic_moment(alpha) -> float:
    """<y^3> in the ground state localised in the right well of the symmetric double well
    (beta = 0, alpha < 0): psi_R, the combination of psi_1 and psi_2 with the larger <y> (it
    diagonalizes y in their span; (psi_1 + psi_2)/sqrt 2 up to sign). To first order in beta the
    TLS asymmetry is Delta = 2 beta <y^3>_R. ``alpha`` in [-100, 0)."""
    a = float(check_array("alpha", alpha))
    if not (ALPHA_RANGE[0] <= a < 0):
        raise ValueError(f"parameter 'alpha' must lie in [{ALPHA_RANGE[0]:g}, 0) (a double well), got {a}")
    y, _, vecs = _dvr_states(a, 0.0, 2)
    Y = vecs.T @ (y[:, None] * vecs)
    _, rot = np.linalg.eigh(Y)
    psi = vecs @ rot[:, -1]
    return float(np.sum(psi**2 * y**3))


def tls_parameters(alpha, beta):
    """(E, Delta, Delta_0) of the two lowest levels of a double well in the crude convention of
    the first-order TLS check: E = eps_2 - eps_1 (double precision), Delta_0 the exact symmetric
    splitting at the same alpha (:func:`tunnel_splitting`, independent of beta) and
    Delta = sqrt(E^2 - Delta_0^2). :func:`tls_splitting` gives the exact, beta-dependent
    Delta_0 and Delta of the asymmetric well."""
    a = float(check_array("alpha", alpha))
    b = float(check_array("beta", beta))
    lv = _levels_one(a, b, 2)
    E = float(lv[1] - lv[0])
    d0 = float(tunnel_splitting(a))
    return E, math.sqrt(max(E * E - d0 * d0, 0.0)), d0
