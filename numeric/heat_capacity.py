r"""Time-dependent TLS heat capacity with the barrier distribution of Lubchenko and Wolynes.

Source: V. Lubchenko, P. G. Wolynes, "The microscopic quantum theory of low temperature
amorphous solids", Adv. Chem. Phys. 136, 95-206 (2007), arXiv:cond-mat/0506708, Sec. III.C,
Eqs. (21)-(28) and Fig. 11.  The algebra is verified step by step in the derivation
``tls-heat-capacity-time`` (``derivations/tls_heat_capacity_time.py``).

Reduced units (the kernel :func:`tls_heat_capacity`): energies and T in units of Delta_0 (the
upper end of the tunnelling amplitudes, Eq. 22), A = 1, the TLS density Pbar dropped (as in
Eq. 27), time in units of tau_u, where Eq. (25) reads tau_min(E) = tau_u (Delta_0/E)^3
tanh(E/2T).  Then Eq. (27) is

.. math::

    C(T, t; c) = \int_0^\infty dE \left[\frac{E}{2T\cosh(E/2T)}\right]^2 E^{-c}\,
        I\bigl(\ln(t/\tau_{min}(E));\,c\bigr), \qquad
    I(L; c) = \int_0^{L} \frac{e^{cz/2}\,dz}{2\sqrt{1-e^{-z}}}\ (L > 0), \quad I = 0\ (L \le 0).

This is the paper's Eq. (27) exactly as printed: the E integral runs to infinity (no upper
cut-off).  What the paper leaves out: a tunnelling amplitude cannot exceed Delta_0 (Eq. 21 with
V >= 0), which for E > Delta_0 would start the z integral at 2 ln(E/Delta_0) instead of 0.  It
only touches TLS with E > Delta_0, whose weight is below 1e-40 of C for T < 0.01 Delta_0 and
about 1e-3 at T = 0.1 Delta_0; at T ~ Delta_0 (where the semiclassical theory does not apply
anyway) the printed formula and the constrained one differ at order one.  The kernel
implements the printed formula.

**The inner integral in closed form** (verified as Identity steps of the derivation).  With
e^{-z} = 1 - s^2 it is I = int_0^S (1 - s^2)^(-1-c/2) ds, S = sqrt(1 - e^{-L}):

* L <= ln 2 (S^2 <= 1/2):
  I = S 2F1(1 + c/2, 1/2; 3/2; S^2) = S sum_n (1+c/2)_n S^(2n) / (n! (2n+1));
* L > ln 2 (u = e^{-L} < 1/2):

  .. math::

      I = \frac{e^{cL/2}-1}{c} + \tfrac12 g(-c/2) - \tfrac12\,u^{-c/2}\sum_{k\ge1}
          \frac{(1/2)_k}{k!}\,\frac{u^k}{k-c/2},\qquad g(a) = B(a, \tfrac12) - \frac1a,

  the sum being u^(1-c/2)/(2(2-c)) 3F2(1, 3/2, 1-c/2; 2, 2-c/2; u) times u^(c/2).
  (e^{cL/2}-1)/c = (L/2) expm1(y)/y with y = cL/2 has no cancellation and is L/2 at c = 0;
  g(a) = [Gamma(1+a) sqrt(pi)/Gamma(1/2+a) - 1]/a for ``|a| >= 0.05`` and, below, expm1(D)/a with
  D(a) = ln Gamma(1+a) + ln sqrt(pi) - ln Gamma(1/2+a) = 2 ln2 a + sum_{n>=2} (-1)^(n-1)
  zeta(n) (2^n - 2) a^n / n (the Taylor series of ln Gamma; g(0) = 2 ln 2).  At c = 0 this is
  I = ln(e^{L/2} + sqrt(e^L - 1)).  Both series converge at least as 2^-n: at most 55 terms,
  fewer where S^2 or u is small (u < 1e-17: no term).  Relative error below 3e-15 for
  0 <= c <= 1 (the tests compare with mpmath quadrature).

**The outer integral.**  With x = E/T, lambda0 = ln(t T^3) and
phi(x) = 3 ln x - ln tanh(x/2), L = lambda0 + phi(x); phi increases with x (phi' = 3/x -
1/sinh x > 0), so the TLS relaxed within t are those above the threshold x0, phi(x0) = -lambda0
(Newton's method in ln x0, started to the right of the root, where it converges monotonically:
phi is convex in ln x, with slope between 2 and 3).  Then C = T^(1-c) F(lambda0; c) exactly
(T enters only through t T^3 and the prefactor), and with x = x0 + v^2 (which turns the
sqrt(x - x0) edge of I into an analytic function of v)

.. math::

    C = T^{1-c} e^{-x_0}\int_0^{V} 2v\,\frac{x^{2-c}e^{-v^2}}{(1+e^{-x})^2}\,I(L)\,dv,\qquad
    L = 3\,\mathrm{log1p}(v^2/x_0) - \mathrm{log1p}\Bigl(\frac{2e^{-x_0}(1-e^{-v^2})}
        {(1+e^{-x})(1-e^{-x_0})}\Bigr)

(the second form of L = ln[(x/x0)^3 tanh(x0/2)/tanh(x/2)] has no cancellation, neither at the
threshold nor for large x0), V = 7.5 (the integrand there is below 1e-19 of its maximum), by a
fixed 48-point Gauss-Legendre rule.  e^{-x0} and the scale of x^(2-c) are kept out of the sum,
so :func:`log_tls_heat_capacity` is accurate where C itself underflows (short times at low
T: the apparent gap of Fig. 11).  Relative error of C below 1e-12 over T in [1e-7, 1],
t in [1, 1e40], c in [0, 1] against the 30-digit mpmath double integral (tests); absolute error
of ln C below 1e-12 ``max(1, |ln C|)``.

**Effective exponents.**  dI/dL = e^{cL/2}/(2 sqrt(1 - e^{-L})) in closed form, so
n_t = d ln C/d ln t = <I'(L)>/<I(L)> (the same rule; the threshold contributes nothing since
I(0) = 0), and the exact scaling C = T^(1-c) F(ln t + 3 ln T) gives n_T = d ln C/d ln T =
1 - c + 3 n_t.  For t T^3 -> oo, n_t -> c/2 and n_T -> 1 + c/2: Eq. (28).

**Eq. (28)** (:func:`long_time_law`): C -> t^(c/2) T^(1+c/2) K(c)/c with
K(c) = int_0^oo x^(2+c/2) e^{-x} / ((1 + e^{-x})^2 tanh^(c/2)(x/2)) dx, relative error
(c/2) B(-c/2, 1/2) M(c)/K(c) (t T^3)^(-c/2) for 0 < c < 1, with
M(c) = int_0^oo x^(2-c) e^{-x} / (1 + e^{-x})^2 dx (the tests check this term), slow for
small c: for c = 0.1 the law is 1.8 times C at t T^3 = 1e5
(t = 1 s at 0.1 K in silica), 1.2 times at 1e13.  At c = 1, B(-1/2, 1/2) = 0 and the error is
of higher order.

Physical units: :func:`tls_heat_capacity_silica` (J K^-1 m^-3) with the silica set
:data:`glassderive.materials.SILICA_LW2007` and the tau_min calibration of Fig. 11 (or of
Eq. 25 with g of Eq. 18: :func:`tau_min_eq25`).
"""

from __future__ import annotations

import math
from typing import Optional, Tuple

import numpy as np
from scipy.special import gamma as _gamma
from scipy.special import rgamma as _rgamma
from scipy.special import zeta as _zeta

from .kernel import check_array

__all__ = ["tls_heat_capacity", "log_tls_heat_capacity", "effective_exponents",
           "inner_integral", "long_time_law", "long_time_constant", "threshold",
           "tls_heat_capacity_silica", "tau_min_eq25", "tau_unit_silica", "C_MAX",
           "LOG_TAU_RANGE", "V_MAX", "N_NODES"]

#: the largest exponent c accepted (the paper: c < 0.1; Fig. 11: c = 0.1).  The closed form
#: holds for c < 2; the accuracy is established (tests) for 0 <= c <= 1.
C_MAX = 1.0
#: ln(t T^3) (reduced units) accepted: above, e^{cL/2} would approach the double range; below,
#: the threshold x0 ~ (t T^3)^(-1/3) exceeds 1e289 (C = exp(-x0) is 0 long before)
LOG_TAU_RANGE = (-2000.0, 700.0)
#: upper end of the quadrature variable v (x = x0 + v^2) and the number of Gauss nodes
V_MAX = 7.5
N_NODES = 48

_LN2 = math.log(2.0)
_SQRT_PI = math.sqrt(math.pi)

# Gauss-Legendre rule on [0, V_MAX]
_X, _W = np.polynomial.legendre.leggauss(N_NODES)
_V = V_MAX / 2 * (_X + 1)
_WV = V_MAX / 2 * _W
_V2 = _V * _V

# D(a)/a = sum_n d_n a^(n-1): d_1 = 2 ln 2, d_n = (-1)^(n-1) zeta(n) (2^n - 2)/n
_N_D = 24
_D_COEF = np.array([2 * _LN2] + [(-1) ** (n - 1) * float(_zeta(n)) * (2.0**n - 2) / n
                                 for n in range(2, _N_D + 1)])
_A_SERIES = 0.05          # |a| below this: the series for g(a)

# (1/2)_k / k!, k = 0, 1, ...
_K_MAX = 56
_HALF_K = np.cumprod(np.r_[1.0, (np.arange(1, _K_MAX) - 0.5) / np.arange(1, _K_MAX)])
# term counts for the two series by the size of their ratio (u or S^2): the first (ratio,
# terms) with ratio >= the largest ratio of a group; the remainder is below 1e-17
_TERMS = ((1e-17, 0), (1e-8, 2), (1e-4, 4), (0.01, 8), (0.05, 13), (0.2, 25), (0.5, 55))


def _expm1_over(y: np.ndarray) -> np.ndarray:
    """expm1(y)/y, equal to 1 at y = 0."""
    out = np.ones_like(y)
    nz = y != 0
    out[nz] = np.expm1(y[nz]) / y[nz]
    return out


def _g_constant(a: np.ndarray) -> np.ndarray:
    """g(a) = B(a, 1/2) - 1/a for -1/2 <= a <= 0 (g(0) = 2 ln 2)."""
    out = np.empty_like(a)
    small = np.abs(a) < _A_SERIES
    if small.any():
        s = a[small]
        acc = np.full(s.shape, _D_COEF[-1])
        for d in _D_COEF[-2::-1]:
            acc = acc * s + d                      # D(a)/a
        out[small] = acc * _expm1_over(s * acc)
    big = ~small
    if big.any():
        s = a[big]
        out[big] = (_gamma(1 + s) * _SQRT_PI * _rgamma(0.5 + s) - 1) / s
    return out


def _groups(ratio: np.ndarray):
    """Yield (mask, number of terms) covering ``ratio`` in (0, 1/2]."""
    lo = -np.inf
    for hi, n in _TERMS:
        m = (ratio > lo) & (ratio <= hi)
        if m.any():
            yield m, n
        lo = hi


def _inner(L: np.ndarray, c: np.ndarray) -> np.ndarray:
    """I(L; c) for arrays of one shape (L <= 0 gives 0)."""
    out = np.zeros(L.shape)
    small = (L > 0) & (L <= _LN2)
    if small.any():
        Ls, cs = L[small], c[small]
        S2 = -np.expm1(-Ls)
        a = 1 + cs / 2
        acc = np.ones_like(S2)
        for m, n in _groups(S2):
            q, aa = S2[m], a[m]
            term = np.ones_like(q)
            part = np.ones_like(q)
            for j in range(1, n + 1):
                term = term * ((aa + (j - 1)) / j) * q
                part = part + term / (2 * j + 1)
            acc[m] = part
        out[small] = np.sqrt(S2) * acc
    large = L > _LN2
    if large.any():
        Ll, cl = L[large], c[large]
        half_c = cl / 2
        u = np.exp(-Ll)
        tail = np.zeros_like(u)
        for m, n in _groups(u):
            if n == 0:
                continue
            q, hc = u[m], half_c[m]
            uk = np.ones_like(q)
            part = np.zeros_like(q)
            for k in range(1, n + 1):
                uk = uk * q
                part = part + _HALF_K[k] * uk / (k - hc)
            # u^(-c/2) sum: e^{cL/2} part (part ~ u: no overflow for L <= 2 LOG_TAU_RANGE[1])
            tail[m] = 0.5 * np.exp(hc * Ll[m]) * part
        out[large] = (Ll / 2) * _expm1_over(half_c * Ll) + 0.5 * _g_constant(-half_c) - tail
    return out


def _inner_derivative(L: np.ndarray, c: np.ndarray) -> np.ndarray:
    """dI/dL = e^{cL/2} / (2 sqrt(1 - e^{-L})) for L > 0, 0 for L <= 0."""
    out = np.zeros(L.shape)
    pos = L > 0
    Lp = L[pos]
    out[pos] = np.exp(c[pos] * Lp / 2) / (2 * np.sqrt(-np.expm1(-Lp)))
    return out


def _check_c(c) -> np.ndarray:
    c = check_array("c", c)
    bad = (c < 0) | (c > C_MAX)
    if bad.any():
        raise ValueError(f"parameter 'c' must lie in [0, {C_MAX:g}] (the exponent of P(Delta), "
                         f"Eq. 22), got {c[bad].flat[0]:g}")
    return c


def _check_positive(name: str, value, what: str) -> np.ndarray:
    arr = check_array(name, value)
    bad = arr <= 0
    if bad.any():
        raise ValueError(f"parameter {name!r} ({what}) must be > 0, got {arr[bad].flat[0]:g}")
    return arr


def inner_integral(L, c) -> np.ndarray:
    r"""I(L; c) = int_0^L e^{cz/2} dz / (2 sqrt(1 - e^{-z})): the inner integral of Eq. (27) with
    A = 1 and the factor (Delta_0/E)^c taken out; zero for L <= 0 (no TLS relaxed).

    Closed form (module docstring), vectorised; ``c`` in [0, C_MAX], ``L`` finite."""
    L = check_array("L", L)
    c = _check_c(c)
    L, c = np.broadcast_arrays(L, c)
    with np.errstate(over="ignore", under="ignore"):
        out = _inner(np.ascontiguousarray(L, dtype=float).ravel(),
                     np.ascontiguousarray(c, dtype=float).ravel()).reshape(L.shape)
    return out[()] if out.ndim == 0 else out


def _ln_tanh_half(x: np.ndarray) -> np.ndarray:
    """ln tanh(x/2) for x > 0 (no cancellation for large x)."""
    out = np.empty_like(x)
    s = x < 1
    out[s] = np.log(np.tanh(x[s] / 2))
    e = np.exp(-x[~s])
    out[~s] = np.log1p(-e) - np.log1p(e)
    return out


def _threshold_log(lam0: np.ndarray) -> np.ndarray:
    """y = ln x0 solving 3y - ln tanh(e^y/2) = -lam0 (Newton from the right of the root)."""
    target = -lam0
    # phi(y) >= 3y and phi(y) >= 2y + ln 2 (tanh(x/2) <= min(1, x/2)): both starts have
    # phi >= target, i.e. lie right of the root; take the nearer.  phi is increasing and
    # convex in y (slope 3 - x/sinh x in [2, 3)): Newton then converges monotonically.
    y = np.minimum(target / 3, (target - _LN2) / 2)
    for _ in range(60):
        x = np.exp(y)
        f = 3 * y - _ln_tanh_half(x) - target
        xs = np.minimum(x, 700.0)
        slope = 3 - np.where(x < 700, xs / np.sinh(xs), 0.0)
        step = f / slope
        y = y - step
        if np.all(np.abs(step) <= 1e-11 * np.maximum(1.0, np.abs(y))):
            # quadratic convergence: one more step reaches the rounding level
            x = np.exp(y)
            xs = np.minimum(x, 700.0)
            y = y - (3 * y - _ln_tanh_half(x) - target) / (
                3 - np.where(x < 700, xs / np.sinh(xs), 0.0))
            break
    return y


def threshold(T, t) -> np.ndarray:
    """x0 = E0/T: the TLS with E > E0 have tau_min(E) < t (reduced units).  For t T^3 >> 1,
    x0 ~ sqrt(2/(t T^3)); for t T^3 << 1, x0 ~ (t T^3)^(-1/3) (E0 = t^(-1/3): the apparent gap)."""
    T = _check_positive("T", T, "temperature / Delta_0")
    t = _check_positive("t", t, "time / tau_u")
    lam0 = np.log(t) + 3 * np.log(T)
    out = np.exp(_threshold_log(np.atleast_1d(lam0).astype(float))).reshape(np.shape(lam0))
    return out[()] if out.ndim == 0 else out


def _prepare(T, t, c):
    T = _check_positive("T", T, "temperature / Delta_0")
    t = _check_positive("t", t, "time / tau_u")
    c = _check_c(c)
    T, t, c = np.broadcast_arrays(T, t, c)
    shape = T.shape
    T, t, c = (np.array(a, dtype=float).ravel() for a in (T, t, c))
    lam0 = np.log(t) + 3 * np.log(T)
    lo, hi = LOG_TAU_RANGE
    bad = (lam0 < lo) | (lam0 > hi)
    if bad.any():
        i = np.flatnonzero(bad)[0]
        raise ValueError(f"ln(t T^3) must lie in [{lo:g}, {hi:g}] (reduced units), got "
                         f"{lam0[i]:g} at T = {T[i]:g}, t = {t[i]:g}")
    return shape, T, t, c, lam0


def _sums(T, c, lam0, derivative: bool):
    """(ln of the scale, sum of I, sum of I') on the Gauss rule; C = exp(scale) * sum."""
    y0 = _threshold_log(lam0)
    x0 = np.exp(y0)[:, None]
    v2 = _V2[None, :]
    cc = c[:, None]
    x = x0 + v2
    with np.errstate(under="ignore"):
        ex = np.exp(-x)
        dlog = np.log1p(2 * np.exp(-x0) * (-np.expm1(-v2)) / ((1 + ex) * (-np.expm1(-x0))))
    L = 3 * np.log1p(v2 / x0) - dlog
    # x^(2-c) = s^(2-c) (x/s)^(2-c), s = max(x0, 1): x/s in [1, 1 + V^2]
    s = np.maximum(x0, 1.0)
    weight = (2 * _V * _WV)[None, :] * np.exp((2 - cc) * np.log(x / s) - v2) / (1 + ex) ** 2
    cb = np.broadcast_to(cc, L.shape)
    I = _inner(L.ravel(), cb.ravel()).reshape(L.shape)
    total = (weight * I).sum(axis=1)
    dtotal = (weight * _inner_derivative(L, cb)).sum(axis=1) if derivative else None
    scale = (1 - c) * np.log(T) - x0[:, 0] + (2 - c) * np.log(s[:, 0])
    return scale, total, dtotal


def log_tls_heat_capacity(T, t, c) -> np.ndarray:
    """ln C(T, t; c) (reduced units, see :func:`tls_heat_capacity`), finite where C underflows
    (t T^3 << 1: C ~ exp(-(t T^3)^(-1/3)))."""
    shape, T, t, c, lam0 = _prepare(T, t, c)
    scale, total, _ = _sums(T, c, lam0, derivative=False)
    out = (scale + np.log(total)).reshape(shape)
    return out[()] if out.ndim == 0 else out


def tls_heat_capacity(T, t, c) -> np.ndarray:
    r"""The TLS heat capacity of Eq. (27) (Lubchenko and Wolynes 2007), reduced units.

    C(T, t; c) = int_0^oo dE [E / (2T cosh(E/2T))]^2 E^-c int_0^{ln(t/tau_min(E))} dz
    e^{cz/2} / (2 sqrt(1 - e^{-z})), tau_min(E) = E^-3 tanh(E/2T): energies and T in units of
    Delta_0, time in units of tau_u (tau_min(E) = tau_u (Delta_0/E)^3 tanh(E/2T), Eq. 25), A = 1,
    per Pbar k_B Delta_0 (the heat capacity per volume is Pbar A k_B Delta_0 C).

    Parameters
    ----------
    T : array_like
        Temperature / Delta_0, > 0.
    t : array_like
        Observation time / tau_u, > 0 (ln(t T^3) in ``LOG_TAU_RANGE``).
    c : array_like
        Exponent of P(Delta) ~ Delta^(-1-c), Eq. (22); 0 <= c <= ``C_MAX`` (c = 0: the
        standard tunnelling model, C ~ T ln t).

    Returns
    -------
    ndarray
        C, broadcast over (T, t, c).  Relative error below 1e-12 where C is a normal double
        (it underflows to 0 below 1e-308: use :func:`log_tls_heat_capacity`).

    Raises
    ------
    ValueError
        T <= 0, t <= 0, c outside [0, C_MAX], a non-finite value (the message names the
        parameter), or ln(t T^3) outside ``LOG_TAU_RANGE``.
    """
    with np.errstate(under="ignore"):
        out = np.exp(log_tls_heat_capacity(T, t, c))
    return out


def effective_exponents(T, t, c) -> Tuple[np.ndarray, np.ndarray]:
    """(n_T, n_t) = (d ln C/d ln T, d ln C/d ln t) of Eq. (27), exactly (not by differences).

    n_t = <I'>/<I> on the same rule, n_T = 1 - c + 3 n_t (C = T^(1-c) F(ln t + 3 ln T)).
    They tend to 1 + c/2 and c/2 (Eq. 28) as t T^3 -> oo, slowly for small c; at short times
    (t T^3 -> 0) n_t ~ (t T^3)^(-1/3)/3 and n_T ~ (t T^3)^(-1/3) grow without bound (the gap).
    """
    shape, T, t, c, lam0 = _prepare(T, t, c)
    _, total, dtotal = _sums(T, c, lam0, derivative=True)
    n_t = (dtotal / total).reshape(shape)
    n_T = 1 - c.reshape(shape) + 3 * n_t
    if n_t.ndim == 0:
        return n_T[()], n_t[()]
    return n_T, n_t


# composite Gauss-Legendre rule for K(c) on [0, 80] (the integrand is below 1e-30 beyond)
_KX, _KW = np.polynomial.legendre.leggauss(24)
_K_EDGES = (0.0, 1.0, 2.5, 5.0, 9.0, 15.0, 24.0, 36.0, 50.0, 80.0)
_K_NODES = np.concatenate([(a + b) / 2 + (b - a) / 2 * _KX
                           for a, b in zip(_K_EDGES[:-1], _K_EDGES[1:])])
_K_WEIGHTS = np.concatenate([(b - a) / 2 * _KW for a, b in zip(_K_EDGES[:-1], _K_EDGES[1:])])


def long_time_constant(c) -> np.ndarray:
    """K(c) = int_0^oo x^(2+c/2) e^{-x} (1 + e^{-x})^-2 tanh(x/2)^(-c/2) dx of Eq. (28)
    (K(0) = pi^2/3); 216-point composite Gauss-Legendre (the integrand is x^2 times an
    analytic function with poles at x = i pi (2k+1)), relative error below 1e-15."""
    c = _check_c(c)
    x = _K_NODES
    cc = np.asarray(c)[..., None]
    f = x**2 * np.exp((cc / 2) * (np.log(x) - np.log(np.tanh(x / 2))) - x) \
        / (1 + np.exp(-x)) ** 2
    out = (f * _K_WEIGHTS).sum(axis=-1)
    return out[()] if np.ndim(out) == 0 else out


def long_time_law(T, t, c) -> np.ndarray:
    """Eq. (28): C -> t^(c/2) T^(1+c/2) K(c)/c (reduced units), for 0 < c <= C_MAX.  Its
    relative error is O((t T^3)^(-c/2)) for c < 1: the first correction is the constant
    B(-c/2, 1/2)/2 = g(-c/2)/2 - 1/c of the inner integral (module docstring)."""
    T = _check_positive("T", T, "temperature / Delta_0")
    t = _check_positive("t", t, "time / tau_u")
    c = _check_c(c)
    if np.any(c == 0):
        raise ValueError("parameter 'c' must be > 0 for the power law of Eq. (28) (c = 0 is the "
                         "logarithmic law of the standard tunnelling model)")
    T, t, c = np.broadcast_arrays(T, t, c)
    out = np.exp((c / 2) * np.log(t) + (1 + c / 2) * np.log(T)) * long_time_constant(c) / c
    return out[()] if np.ndim(out) == 0 else out


# ---------------------------------------------------------------------------------------------
# Physical units: silica (Lubchenko and Wolynes 2007)
# ---------------------------------------------------------------------------------------------
_K_B = 1.380649e-23                    # J/K (exact, SI 2019)
_HBAR = 6.62607015e-34 / (2 * math.pi)  # J s (exact h)


def _silica(params):
    if params is None:
        from glassderive.materials import SILICA_LW2007 as params
    return params


def tau_min_eq25(E, T, params=None) -> np.ndarray:
    r"""tau_min(E) of Eq. (25) in seconds (E, T in kelvin), with g^2 = rho c_s^2 a^3 k_B T_g of
    Eq. (18): tau_min^-1 = 3 g^2 E^3 coth(E/2T) / (2 pi rho c_s^5 hbar^4)
    = 3 a^3 k_B T_g E^3 coth(E/2T) / (2 pi c_s^3 hbar^4) (rho cancels).  ``T = inf`` is not
    accepted; the T -> 0 value (coth -> 1) is ``tau_min_eq25(E, 0 + tiny)``."""
    p = _silica(params)
    E = _check_positive("E", E, "TLS energy in kelvin")
    T = _check_positive("T", T, "temperature in kelvin")
    a = p["a"].value * 1e-10
    rate = (3 * a**3 * _K_B * p["Tg"].value * (_K_B * E) ** 3
            / (2 * math.pi * p["c_s"].value ** 3 * _HBAR**4))
    with np.errstate(over="ignore"):
        out = np.tanh(E / (2 * T)) / rate
    return out[()] if np.ndim(out) == 0 else out


def tau_unit_silica(calibration: str = "fig11", params=None, Delta0: Optional[float] = None):
    """tau_u in seconds: tau_min(E) = tau_u (Delta_0/E)^3 tanh(E/2T).

    ``calibration="fig11"``: tau_min = 2.0 us at E/T_D = 5.7e-4 (Sec. III.C, used for Fig. 11;
    read as the T -> 0 value, tanh -> 1).  ``"eq25"``: Eq. (25) with g of Eq. (18) and the set
    (1.03 us at the same E: the printed 2.0 us is not reproduced, see docs/errata.md).
    ``Delta0`` in kelvin, default T_D (Delta_0 = hbar omega_D, the Fig. 11 caption)."""
    p = _silica(params)
    D0 = p["T_D"].value if Delta0 is None else float(Delta0)
    if not (math.isfinite(D0) and D0 > 0):
        raise ValueError(f"parameter 'Delta0' must be a positive number of kelvin, got {Delta0}")
    E_ref = p["E_over_T_D_fig11"].value * p["T_D"].value
    if calibration == "fig11":
        tau_ref = p["tau_min_fig11"].value
    elif calibration == "eq25":
        tau_ref = float(tau_min_eq25(E_ref, E_ref * 1e-6, p))     # tanh(5e5) = 1
    else:
        raise ValueError(f"calibration must be 'fig11' or 'eq25', got {calibration!r}")
    return tau_ref * (E_ref / D0) ** 3


def tls_heat_capacity_silica(T, t, c=None, *, params=None, calibration: str = "fig11",
                             Delta0: Optional[float] = None, A: Optional[float] = None,
                             Pbar: Optional[float] = None) -> np.ndarray:
    r"""C(T, t) of Eq. (27) for silica in J K^-1 m^-3 (T in kelvin, t in seconds).

    C = k_B Pbar A Delta_0 tls_heat_capacity(T/Delta_0, t/tau_u, c), with (defaults from
    :data:`glassderive.materials.SILICA_LW2007`): c = 0.1 (Fig. 11), Delta_0 = k_B T_D (the
    Fig. 11 caption checks Delta_0 = omega_D), A = 1 ("of order one"; implied by Fig. 11),
    Pbar = 1/(k_B T_g xi^3) (U-27: 6.0e45 J^-1 m^-3) and tau_u from the Fig. 11 calibration
    (:func:`tau_unit_silica`).  Vectorised over (T, t, c)."""
    p = _silica(params)
    c = p["c"].value if c is None else c
    D0 = p["T_D"].value if Delta0 is None else float(Delta0)
    A = p["A"].value if A is None else float(A)
    if Pbar is None:
        Pbar = 1.0 / (_K_B * p["Tg"].value * (p["xi"].value * 1e-10) ** 3)
    T = _check_positive("T", T, "temperature in kelvin")
    t = _check_positive("t", t, "time in seconds")
    tau_u = tau_unit_silica(calibration, p, D0)
    return _K_B * Pbar * A * (_K_B * D0) * tls_heat_capacity(T / D0, t / tau_u, c)
