r"""Sea-gull density of states and the Boson peak (Parshin, Schober, Gurevich 2007, Sec. V).

Random static forces acting on soft anharmonic oscillators turn the bare density g ~ omega into
g ~ omega^4 below omega* (Eqs. 5.9, 5.17, 5.18, 5.24).  In the reduced frequency x = omega/omega*
and lambda = x^3,

.. math::

    \frac{g_{\rm branch}(\omega)}{n_0 M \Phi(0)\,\omega^\star} = \frac{12}{\pi}\,x^4\,
    \mathcal I_{[a,b]}(x^3), \qquad
    \mathcal I_{[a,b]}(\lambda) = \int_a^b \frac{dt}{1+\lambda^2 t^2 (3-2t^2)^2},

with [a, b] = [0, 1] (branch I: k > 0), [1, sqrt(3/2)] (II: k < 0, lower minimum),
[sqrt(3/2), oo) (III: the higher minimum) and [0, sqrt(3/2)] (total = I + II, T = 0).

Closed form (no quadrature).  Since 1/(1 + lambda^2 q^2) = Re 1/(1 + i lambda q) with
q = t (3 - 2t^2), partial fractions over the three roots r_k of P(t) = 1 + i lambda q(t) give

.. math::

    \mathcal I_{[a,b]}(\lambda) = \mathrm{Re}\sum_k \frac{1}{P'(r_k)}
        \log\frac{b - r_k}{a - r_k}, \qquad P'(r) = i\lambda(3 - 6r^2),

and the roots have the cancellation-free form (s = asinh(1/(sqrt 2 lambda))/3)

.. math::

    r_{1,2} = \pm\sqrt{3/2}\cosh s - \tfrac{i}{\sqrt2}\sinh s, \qquad r_3 = i\sqrt2\sinh s.

The logarithms are evaluated as log1p((b - a)/(a - r)) (no branch cut is crossed: a - r and
b - r lie on one horizontal line off the real axis); for b = oo the log(b) terms cancel
(sum_k 1/P'(r_k) = 0) and the pair r_1, r_2 = -conj(r_1) leaves log(a + r_1) - log(a - r_1),
taken factor by factor (the quotient is -1 + O(1/\|r_1\|), on the cut of the principal log, for
small lambda).  For lambda < 0.177 the roots come from w = e^s = cbrt(z + sqrt(z^2 + 1)),
z = 1/(sqrt2 lambda) (exp(s) would amplify the rounding of s, up to s = 70).
Outside 1e-30 < x < 1e30 the kernel switches to the limiting laws (relative corrections below
1e-30): (12/pi) c x^4 (c = 1, sqrt(3/2) - 1, sqrt(3/2)) and
2^(5/3) x^3 at small x; 2x, x, x, 3x at large x.

>>> float(reduced_dos(1.0))   # doctest: +ELLIPSIS
2.656...

The mpmath references (:mod:`glassderive.verify.references`) are the defining integrals by
quadrature.
"""

from __future__ import annotations

import math
from typing import Union

import numpy as np

from .kernel import NONNEGATIVE, check_array

__all__ = ["BRANCHES", "reduced_dos", "t_integral", "boson_peak", "BosonPeak", "X_SMALL",
           "X_LARGE", "small_x_law", "large_x_law", "thermal_reduced_dos_III",
           "minima_energy_difference", "C_TSTAR", "sea_gull_monte_carlo", "SeaGullMC"]

#: points per chunk of the vectorised kernels (temporaries stay O(CHUNK))
CHUNK = 1 << 16

SQRT32 = math.sqrt(1.5)
SQRT2 = math.sqrt(2.0)
#: integration limits of the t-integral for each branch
BRANCHES = {"I": (0.0, 1.0), "II": (1.0, SQRT32), "III": (SQRT32, math.inf),
            "total": (0.0, SQRT32)}
#: below / above these x the limiting laws are used (their relative corrections < 1e-30)
X_SMALL, X_LARGE = 1e-30, 1e30
_SMALL_COEF = {"I": 12 / math.pi, "II": 12 / math.pi * (SQRT32 - 1),
               "total": 12 / math.pi * SQRT32}
_SMALL_POWER = {"I": 4, "II": 4, "total": 4, "III": 3}
_LARGE_COEF = {"I": 2.0, "II": 1.0, "III": 1.0, "total": 3.0}
_SERIES = {}  # filled below, once BRANCHES exists


#: below this x the finite branches use their power series in lam^2 (faster, same accuracy)
X_SERIES = 0.5
_N_SERIES = 14


def _series_coefficients(a_sq: tuple, b_sq: tuple, n_terms: int) -> np.ndarray:
    """c_n = (-1)^n int_a^b q(t)^(2n) dt, q = 3t - 2t^3, exactly (rational arithmetic; the end
    points a, b are given by their squares, each 0, 1 or 3/2, so that sqrt(3/2) stays exact:
    int t^m dt over [a, b] with m odd gives (b^2)^((m+1)/2)/(m+1) terms)."""
    from fractions import Fraction

    import mpmath as mp

    q = {1: Fraction(3), 3: Fraction(-2)}  # q as a polynomial {power: coefficient}
    out = []
    poly = {0: Fraction(1)}
    for n in range(n_terms):
        # int t^m over [a, b]; q^(2n) is even in t, so m is even: (b^(m+1) - a^(m+1))/(m+1)
        total_rational = Fraction(0)   # coefficient of 1
        total_sqrt = Fraction(0)       # coefficient of sqrt(3/2) (b or a = sqrt(3/2))
        for m, c in poly.items():
            for end, sign in ((b_sq, 1), (a_sq, -1)):
                sq = Fraction(*end)
                val = sq ** (m // 2)   # t^m = (t^2)^(m/2); t^(m+1) = t * (t^2)^(m/2)
                term = sign * c * val / (m + 1)
                if sq == Fraction(3, 2):
                    total_sqrt += term
                elif sq == 1:
                    total_rational += term
        with mp.workdps(40):  # the two parts cancel for branch II: combine them exactly
            val = mp.mpf(total_rational.numerator) / total_rational.denominator + \
                mp.mpf(total_sqrt.numerator) / total_sqrt.denominator * mp.sqrt(mp.mpf(3) / 2)
        out.append((-1) ** n * float(val))
        new = {}
        for m1, c1 in poly.items():           # poly *= q^2
            for m2, c2 in q.items():
                for m3, c3 in q.items():
                    new[m1 + m2 + m3] = new.get(m1 + m2 + m3, 0) + c1 * c2 * c3
        poly = new
    return np.array(out)


_SQ = {0.0: (0, 1), 1.0: (1, 1), SQRT32: (3, 2)}


def _check_branch(branch: str) -> tuple:
    if branch not in BRANCHES:
        raise ValueError(f"branch must be one of {sorted(BRANCHES)}, got {branch!r}")
    return BRANCHES[branch]


def _clog1p(z: np.ndarray) -> np.ndarray:
    """log(1 + z) for complex z, accurate for small |z| (numpy's is not)."""
    x, y = z.real, z.imag
    re = 0.5 * np.log1p(2 * x + x * x + y * y)
    im = np.arctan2(y, 1 + x)
    return re + 1j * im


#: above this z = 1/(sqrt2 lam) (lam < 0.177) the roots use w = e^s = cbrt(z + sqrt(z^2 + 1))
_Z_CBRT = 4.0


def _roots(lam: np.ndarray):
    """The three roots of 1 + i lam t (3 - 2 t^2) (cancellation-free parametrisation).

    s = asinh(z)/3, z = 1/(sqrt2 lam).  For z <= _Z_CBRT: cosh s, sinh s and sinh^2(s/2)
    from s.  Beyond, s is large (up to 70 at lam = 1e-90) and exp would amplify the rounding
    error of s into a relative error s * eps of cosh s and sinh s (1.4e-14 in branch III at
    x = 1e-30); there w = e^s = cbrt(z + sqrt(z^2 + 1)) (e^(3s) = z + sqrt(z^2 + 1)) has a
    relative error of a few eps, and cosh s = (w + 1/w)/2, sinh s = (w - 1/w)/2 (w > 2.01:
    no cancellation), cosh s - 1 = (w - 1)^2 / (2w).
    """
    z = 1.0 / (SQRT2 * lam)
    big = z > _Z_CBRT
    s = np.arcsinh(np.where(big, 1.0, z)) / 3
    ch, sh = np.cosh(s), np.sinh(s)
    sh_half2 = np.sinh(s / 2) ** 2       # cosh s - 1 = 2 sinh^2(s/2)
    if big.any():
        zb = z[big]
        w = np.cbrt(zb + np.hypot(zb, 1.0))
        ch[big] = 0.5 * (w + 1 / w)
        sh[big] = 0.5 * (w - 1 / w)
        sh_half2[big] = (w - 1) ** 2 / (4 * w)
    r1 = SQRT32 * ch - 1j * sh / SQRT2
    r2 = -SQRT32 * ch - 1j * sh / SQRT2
    r3 = 1j * SQRT2 * sh
    # a - r1 at a = sqrt(3/2), without cancellation
    sqrt32_minus_r1 = -2 * SQRT32 * sh_half2 + 1j * sh / SQRT2
    return (r1, r2, r3), sqrt32_minus_r1


def _c_minus_r(c: float, r, k: int, special) -> np.ndarray:
    """c - r_k, exactly where c = sqrt(3/2) meets the root r_1 -> sqrt(3/2) (large lam)."""
    if c == SQRT32 and k == 0:
        return special
    return c - r


def _partial_fractions(lam: np.ndarray, a: float, b: float, derivative: bool = False):
    """J = int_a^b dt / P(t) (complex) and, if asked, K = int_a^b dt / P(t)^2."""
    roots, special = _roots(lam)
    J = np.zeros(lam.shape, complex)
    K = np.zeros(lam.shape, complex) if derivative else None
    for k, r in enumerate(roots):
        dP = 1j * lam * (3 - 6 * r * r)
        amr = _c_minus_r(a, r, k, special)
        if math.isinf(b):
            L = -np.log(amr)
            inv_b = 0.0
        else:
            bmr = _c_minus_r(b, r, k, special)
            ratio = (b - a) / amr
            # log((b - r)/(a - r)): log1p for a short step, else a difference of logs (both
            # points lie on one horizontal line off the real axis: no branch cut between them)
            near = np.abs(ratio) < 0.5
            if near.all():
                L = _clog1p(ratio)
            else:
                L = np.log(bmr / amr)
                if near.any():
                    L[near] = _clog1p(ratio[near])
            inv_b = 1.0 / bmr
        J += L / dP
        if derivative:
            d2P = -12j * lam * r
            K += (1.0 / amr - inv_b) / dP**2 - d2P / dP**3 * L
    return J, K


def _log_ratio(num, den, step, amr_like):
    """log(num/den) for complex num = den + step: log1p(step/den) where the step is short."""
    ratio = step / den
    near = np.abs(ratio) < 0.5
    if near.all():
        return _clog1p(ratio)
    out = np.log(num / den)
    if near.any():
        out[near] = _clog1p(ratio[near])
    return out


def _log_quotient_split(apr, amr, a, r1):
    """log(a + r1) - log(a - r1), each factor's own principal log (a > 0, Im r1 < 0).

    This is the continuous log along t in [a, oo) that the integral needs: a + r1 lies in the
    lower and a - r1 in the upper half plane, so the difference of the arguments lies in
    (-3 pi/2, -pi/2), and for |r1| >> a it is -pi + O(a/|r1|).  The principal log of the
    *quotient* (a + r1)/(a - r1) = -1 + O(a/|r1|) sits on the branch cut there and returns +pi
    whenever rounding leaves the quotient's imaginary part >= 0 (issue 8: branch III wrong,
    even negative, for 1e-30 < x < 5e-17).  The real part is
    log|a + r1| - log|a - r1| = log1p(4 a Re r1 / |a - r1|^2) / 2 (|a+r1|^2 - |a-r1|^2 =
    4 a Re r1), without cancellation when the two moduli are close.
    """
    re = 0.5 * np.log1p(4 * a * r1.real / (amr.real**2 + amr.imag**2))
    im = np.arctan2(apr.imag, apr.real) - np.arctan2(amr.imag, amr.real)
    return re + 1j * im


def _t_integral_fast(lam: np.ndarray, a: float, b: float) -> np.ndarray:
    """Re J in real form, using the root symmetry r2 = -conj(r1), r3 = -conj(r3) = i h:

    Re J = Re[(log((b-r1)/(a-r1)) - log((b+r1)/(a+r1))) / P'(r1)]
           + (atan2(h, a) - atan2(h, b)) / (lam (3 + 6 h^2)),
    the last difference as atan(h (b-a)/(h^2 + a b)) (no cancellation when h is large).
    For b = oo the log(b) terms cancel within the pair.
    """
    (r1, _, r3), special = _roots(lam)   # special = sqrt(3/2) - r1, without cancellation
    h = r3.imag
    dP = 1j * lam * (3 - 6 * r1 * r1)
    amr = special if a == SQRT32 else a - r1
    apr = a + r1
    if math.isinf(b):
        pair = _log_quotient_split(apr, amr, a, r1)
        third = np.arctan2(h, a)
    else:
        bmr = special if b == SQRT32 else b - r1
        pair = _log_ratio(bmr, amr, b - a, None) - _log_ratio(b + r1, apr, b - a, None)
        third = np.arctan(h * (b - a) / (h * h + a * b))
    return (pair / dP).real + third / (lam * (3 + 6 * h * h))


def _series(lam2: np.ndarray, branch: str) -> np.ndarray:
    """sum_n c_n lam^(2n) (Horner); lam^2 max q^2 <= 2 X_SERIES^6 = 0.031: 14 terms reach 1e-21."""
    c = _SERIES[branch]
    acc = np.full(lam2.shape, c[-1])
    for cn in c[-2::-1]:
        acc = acc * lam2 + cn
    return acc


def t_integral(lam, branch: str = "total") -> np.ndarray:
    r"""The t-integral :math:`\mathcal I_{[a,b]}(\lambda)` of a branch, lam = (omega/omega*)^3 > 0."""
    a, b = _check_branch(branch)
    lam = check_array("lam", lam)
    if np.any(lam <= 0):
        raise ValueError(f"parameter 'lam' must be > 0, got {lam[lam <= 0].flat[0]:g}")
    return _t_integral_regimes(lam, branch)


def _t_integral_regimes(lam: np.ndarray, branch: str) -> np.ndarray:
    """The t-integral for lam > 0 with the same regimes as ``reduced_dos`` (x = lam^(1/3)):
    limiting laws below X_SMALL^3 and above X_LARGE^3, the power series below X_SERIES^3
    (finite branches), the closed form in between."""
    a, b = BRANCHES[branch]
    out = np.empty(lam.shape)
    small = lam < X_SMALL**3
    large = lam > X_LARGE**3
    mid = ~(small | large)
    if branch == "III":
        # cbrt, not ** (-1/3): the rounded exponent would cost ln(2 lam) * 1.9e-17 (1.4e-14
        # at lam = 1e-320)
        out[small] = (math.pi / 3) / np.cbrt(2 * lam[small])
    else:
        out[small] = _SERIES[branch][0]
        ser = mid & (lam < X_SERIES**3)
        mid &= ~ser
        if ser.any():
            out[ser] = _series(lam[ser] ** 2, branch)
    out[large] = (_LARGE_COEF[branch] * math.pi / 12) / lam[large]
    if mid.any():
        out[mid] = _t_integral_fast(lam[mid], a, b)
    return out


def small_x_law(x, branch: str = "total"):
    """Leading small-x law of ``reduced_dos`` (Eqs. 5.12, 5.19, 5.25): relative error O(x^6)
    for I, II, total and O(x) for III."""
    _check_branch(branch)
    x = check_array("x", x, NONNEGATIVE, "small_x_law: ")
    # coefficient first, one factor of x at a time: only the last product can fall below the
    # normal range, so a subnormal result is off by at most half its ulp (x**4 would be
    # rounded to the subnormal grid before the coefficient multiplies its error)
    if branch == "III":
        return 2 ** (5 / 3) * x * x * x
    return _SMALL_COEF[branch] * x * x * x * x


def large_x_law(x, branch: str = "total"):
    """Large-x law of ``reduced_dos`` (Eqs. 5.1-5.3, 5.21, 5.26): 2x, x, x, 3x."""
    _check_branch(branch)
    x = check_array("x", x, NONNEGATIVE, "large_x_law: ")
    if np.any(x > 6e307 / _LARGE_COEF[branch]):
        raise OverflowError("large_x_law: the value exceeds the double range for x > ~2e307")
    return _LARGE_COEF[branch] * x


def reduced_dos(x, branch: str = "total") -> np.ndarray:
    r"""Reduced sea-gull DOS g_branch(omega) / (n0 M Phi(0) omega*) at x = omega/omega*.

    Equals (12/pi) x^4 I_[a,b](x^3) (see the module docstring for the closed form).  x >= 0,
    finite; vectorised over numpy arrays.  ``branch`` in {"I", "II", "III", "total"}.
    """
    _check_branch(branch)
    x = check_array("x", x)
    if np.any(x < 0):
        raise ValueError(f"parameter 'x' (omega/omega*) must be >= 0, got {x[x < 0].flat[0]:g}")
    if np.any(x > 6e307 / _LARGE_COEF[branch]):
        raise OverflowError("reduced_dos: the value exceeds the double range for x > ~2e307")
    out = np.empty(x.shape)
    flat_x, flat_out = x.reshape(-1), out.reshape(-1)
    # chunks: the complex temporaries of the closed form stay O(CHUNK), not O(len(x))
    for start in range(0, flat_x.size, CHUNK):
        xc = flat_x[start:start + CHUNK]
        oc = flat_out[start:start + CHUNK]
        small = xc < X_SMALL
        large = xc > X_LARGE
        mid = ~(small | large)
        oc[small] = small_x_law(xc[small], branch)
        oc[large] = large_x_law(xc[large], branch)
        if mid.any():
            xm = xc[mid]
            oc[mid] = (12 / math.pi) * xm**4 * _t_integral_regimes(xm**3, branch)
    return out[()] if out.ndim == 0 else out


# ---------------------------------------------------------------------------------------------
# Boson peak: maximum of g_total / omega^2, i.e. of F(x) = x^2 I_total(x^3)
# ---------------------------------------------------------------------------------------------
def _dF(x: float) -> float:
    """d/dx [x^2 I(x^3)] = 2x I + 3x^4 I'(lam), with I' = Re dJ/dlam = -Re(J - K)/lam."""
    a, b = BRANCHES["total"]
    lam = np.array([x**3])
    J, K = _partial_fractions(lam, a, b, derivative=True)
    dI = -((J - K) / lam).real
    return float(2 * x * J.real[0] + 3 * x**4 * dI[0])


class BosonPeak(tuple):
    """(x_b, value): position of the maximum of g_total/omega^2 in units of omega*, and
    ``reduced_dos(x_b)/x_b^2`` there."""

    def __new__(cls, x_b, value):
        return super().__new__(cls, (x_b, value))

    @property
    def x_b(self) -> float:
        return self[0]

    @property
    def value(self) -> float:
        return self[1]

    def __repr__(self) -> str:
        return f"BosonPeak(x_b={self[0]!r}, value={self[1]!r})"


def boson_peak() -> BosonPeak:
    """The Boson peak of the sea-gull DOS, computed (not stored).

    Solves d/dx [x^2 I_total(x^3)] = 0 (closed-form derivative) by Brent's method to full double
    precision, then evaluates reduced_dos(x_b)/x_b^2.
    """
    from scipy.optimize import brentq

    x_b = brentq(_dF, 0.5, 2.0, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=200)
    return BosonPeak(float(x_b), float(reduced_dos(x_b) / x_b**2))


# ---------------------------------------------------------------------------------------------
# Temperature-weighted DOS of the higher minimum, Eq. (5.27)
# ---------------------------------------------------------------------------------------------
#: T* = C_TSTAR M^2 omega*^4 / A (Eq. 5.30)
C_TSTAR = 3 / (8 * 2 ** (1 / 3))


def minima_energy_difference(phi):
    """Delta / (k^2/A) between the higher and the lower minimum of ``-f x - |k| x^2/2 + A x^4/4``,
    as a function of ``phi = |f|/f*_k`` in [0, 1] (f*_k of Eq. 3.6).  D(0) = 0, D(1) = 3/4.

    With ``y = x sqrt(A/|k|)`` the extrema solve y^3 - y - c = 0, c = 2 phi/(3 sqrt 3), with roots
    (2/sqrt 3) cos(pi/6 - beta/3 - 2 pi j/3), beta = arcsin(phi); at a root
    u(y) = -3cy/4 - y^2/4, which gives D = cos(beta/3) (phi + sin(beta/3)) / sqrt(3).
    """
    phi = check_array("phi", phi, None)
    if np.any((phi < 0) | (phi > 1)):
        raise ValueError("parameter 'phi' (|f|/f*_k) must lie in [0, 1]")
    return _energy_difference(phi, 1.0 - phi)


def _energy_difference(phi, one_minus_phi):
    # beta = arcsin(phi), accurate at both ends (1 - phi is passed without cancellation)
    beta = np.where(phi < 0.5, np.arcsin(np.minimum(phi, 0.5)),
                    np.pi / 2 - 2 * np.arcsin(np.sqrt(np.clip(one_minus_phi, 0, 0.5) / 2)))
    b3 = beta / 3
    return np.cos(b3) * (phi + np.sin(b3)) / math.sqrt(3)


def _branch_III_terms(s):
    """On branch III at t = sqrt(3/2) + s: q = t (3 - 2t^2), phi = f/f*_k and 1 - phi, all
    without cancellation (2t^2 - 3 = 2 s (2 sqrt(3/2) + s); 1 - phi rationalised:
    1 - phi = (3t^2 - 4) / (a (a + b)), a = 2 (t^2-1)^(3/2), b = t (2t^2 - 3))."""
    t = SQRT32 + s
    two_t2_minus_3 = 2 * s * (2 * SQRT32 + s)
    u = t * t - 1
    a = 2 * u**1.5
    b = t * two_t2_minus_3
    return t, -b, b / a, (3 * t * t - 4) / (a * (a + b))


# exp-sinh rule on (0, oo): s = exp(pi/2 sinh v), v on a uniform grid
_H = 1 / 32
_V = np.arange(-4.6, 4.6 + _H / 2, _H)
_S = np.exp(np.pi / 2 * np.sinh(_V))
_W = _H * np.pi / 2 * np.cosh(_V) * _S


def _exp_sinh_rows(f, scale):
    """int_0^oo f(s) ds for each row, s = scale * exp(pi/2 sinh v) on the fixed grid."""
    sg = scale[:, None] * _S[None, :]
    vals = f(sg)
    vals = np.where(np.isfinite(vals), vals, 0.0)
    return (vals * _W[None, :]).sum(axis=1) * scale


def _thermal_small_x(x, theta):
    """x -> 0 at fixed theta: (12/pi) x^3 int_0^oo du [1 + 4u^6]^-1 / (1 + exp(3 C_T u^4/4 theta))
    (t = u/x: (t^2-1)^2 -> t^4, D -> 3/4, lam q -> -2u^3); relative corrections
    O(x max(1, theta^(-1/4)))."""
    from scipy.special import expit

    c = 0.75 * C_TSTAR / theta
    scale = np.minimum(1.0, c ** -0.25)
    G = _exp_sinh_rows(lambda u: expit(-c[:, None] * u**4) / (1 + 4 * u**6), scale)
    return (12 / math.pi) * x**3 * G


def _thermal_large_x(x, theta):
    """x -> oo: only the Lorentzian at t = sqrt(3/2) (width 1/6 lam) survives, with
    z = kappa sigma, sigma = 6 lam (t - sqrt(3/2)), kappa = sqrt(2) C_T x / (3 sqrt(3) theta):
    x (2/pi) int_0^oo d sigma / ((1 + sigma^2)(1 + exp(kappa sigma))); relative corrections
    O(x^-3 ln x) as for branch III."""
    from scipy.special import expit

    kappa = math.sqrt(2) * C_TSTAR * x / (3 * math.sqrt(3) * theta)
    scale = np.minimum(1.0, 1.0 / kappa)
    h = _exp_sinh_rows(lambda sg: expit(-kappa[:, None] * sg) / (1 + sg**2), scale)
    return x * (2 / math.pi) * h


def thermal_reduced_dos_III(x, theta):
    """Temperature-weighted DOS of the higher minimum, Eq. (5.27), reduced like ``reduced_dos``:

    g~_III(omega, T) / (n0 M Phi(0) omega*) = (12/pi) x^4 int_{sqrt(3/2)}^oo dt
        [1 + lam^2 t^2 (3 - 2t^2)^2]^(-1) / (1 + exp(Delta/T)),

    with x = omega/omega*, lam = x^3, theta = T/T* (T* of Eq. 5.30) and
    Delta/T = x^4 (t^2 - 1)^2 D(phi(t)) C_TSTAR / theta (D of :func:`minima_energy_difference`).
    Fixed exp-sinh quadrature (295 nodes) in s = t - sqrt(3/2), scaled to the integrand's
    smallest feature (the Lorentzian's width 1/(6 lam), its 1/x tail, or the thermal cut-off);
    relative error below 1e-10 against the mpmath quadrature (tests sweep x and theta).  theta = oo gives half of ``reduced_dos(x, "III")``
    (equal populations); theta -> 0 gives 0.
    """
    from scipy.special import expit

    x = check_array("x", x)
    theta = check_array("theta", theta)
    if np.any(x < 0):
        raise ValueError(f"parameter 'x' (omega/omega*) must be >= 0, got {x[x < 0].flat[0]:g}")
    if np.any(theta <= 0):
        raise ValueError(f"parameter 'theta' (T/T*) must be > 0, got {theta[theta <= 0].flat[0]:g}")
    x, theta = np.broadcast_arrays(x, theta)
    shape = x.shape
    x, theta = x.ravel(), theta.ravel()
    # the small-x law needs the thermal cut-off u ~ theta^(1/4) far above x (its corrections are
    # O(x theta^(-1/4))); below that (theta < x^4, absurdly cold) the quadrature still works
    with np.errstate(over="ignore", divide="ignore"):
        small = (x > 0) & (x < X_SMALL) & (x * theta ** -0.25 < 1e-15)
    large = x >= X_LARGE
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        return _thermal_regimes(x, theta, small, large, shape)


def _thermal_regimes(x, theta, small, large, shape):
    from scipy.special import expit

    out = np.zeros(x.shape)
    if small.any():
        out[small] = _thermal_small_x(x[small], theta[small])
    if large.any():
        out[large] = _thermal_large_x(x[large], theta[large])
    ok = (x > 0) & ~small & ~large
    xs, th = x[ok], theta[ok]
    lam = xs**3
    # the integrand's smallest scale in s = t - sqrt(3/2): the Lorentzian's width 1/(6 lam),
    # its tail 1/x, or where the thermal factor cuts off (z ~ 1; D(phi) ~ 3 phi/4, phi ~ 8.5 s)
    s_fermi = np.minimum(th / (0.474 * xs**4), (th / 0.2232) ** 0.25 / xs)
    width = np.minimum(np.minimum(1 / (6 * lam), 1 / xs), s_fermi)
    sgrid = width[:, None] * _S[None, :]
    t, q, phi, one_minus = _branch_III_terms(sgrid)
    lor = 1 / (1 + (lam[:, None] * q) ** 2)
    D = _energy_difference(phi, one_minus)
    z = (xs[:, None] ** 4) * (t * t - 1) ** 2 * D * (C_TSTAR / th[:, None])
    vals = lor * expit(-z)
    vals = np.where(np.isfinite(vals), vals, 0.0)     # far tail: the Lorentzian underflowed
    integral = (vals * _W[None, :]).sum(axis=1) * width
    out[ok] = (12 / math.pi) * xs**4 * integral
    out = out.reshape(shape)
    return out[()] if out.ndim == 0 else out


# ---------------------------------------------------------------------------------------------
# Monte Carlo of Eq. (5.6): random k and f, minima from the cubic, frequencies histogrammed
# ---------------------------------------------------------------------------------------------
def _mc_chunk(seed_seq, n: int, k_max: float):
    """Frequencies x = omega/omega* of all minima, by branch, for n draws (M = A = delta_f = 1)."""
    from .quartic import cubic_real_roots

    rng = np.random.default_rng(seed_seq)
    k = rng.uniform(-k_max, k_max, n)
    f = np.tan(np.pi * (rng.random(n) - 0.5))          # Lorentzian, delta_f = 1
    r = cubic_real_roots(1.0, 0.0, k, -f)              # U' = x^3 + k x - f
    curv = k[:, None] + 3 * r * r                      # U'' at the extrema
    is_min = np.isfinite(r) & (curv > 0)
    n_min = is_min.sum(axis=1)
    U = np.where(is_min, -f[:, None] * r + k[:, None] * r * r / 2 + r**4 / 4, np.inf)
    lowest = np.argmin(U, axis=1)
    x = np.sqrt(np.where(is_min, curv, np.nan)) / math.sqrt(3.0)   # omega* = sqrt(3)
    rows = np.arange(n)
    out = {}
    single = n_min == 1
    first = np.argmax(is_min, axis=1)
    xs = x[rows, first]
    out["I"] = xs[single & (k > 0)]
    out["II"] = [xs[single & (k < 0)], x[rows, lowest][n_min == 2]]
    hi = np.where(is_min, U, -np.inf).argmax(axis=1)
    out["III"] = x[rows, hi][n_min == 2]
    out["II"] = np.concatenate(out["II"])
    return out


class SeaGullMC:
    """Histogram of Monte Carlo frequencies against ``reduced_dos`` (chi-square per branch)."""

    def __init__(self, n_samples, k_max, edges, counts):
        self.n_samples, self.k_max, self.edges, self.counts = n_samples, k_max, edges, counts

    def expected(self, branch: str) -> np.ndarray:
        """Expected counts per bin: N Phi(0) M omega*^2 int_bin reduced_dos(x) dx,
        Phi(0) = 1/(2 k_max), M omega*^2 = 3 (16-point Gauss-Legendre per bin)."""
        nodes, weights = np.polynomial.legendre.leggauss(16)
        a, b = self.edges[:-1, None], self.edges[1:, None]
        xs = (a + b) / 2 + (b - a) / 2 * nodes[None, :]
        integral = (reduced_dos(xs, branch) * weights[None, :]).sum(axis=1) * (b - a)[:, 0] / 2
        return self.n_samples * 3 / (2 * self.k_max) * integral

    def chi2(self, branch: str, scale: float = 1.0, min_expected: float = 20.0):
        """(chi-square, degrees of freedom, p-value) of the histogram against the kernel."""
        from scipy.stats import chi2 as chi2_dist

        exp = scale * self.expected(branch)
        obs = self.counts[branch]
        use = exp >= min_expected
        c2 = float(np.sum((obs[use] - exp[use]) ** 2 / exp[use]))
        dof = int(use.sum())
        return c2, dof, float(chi2_dist.sf(c2, dof))

    def summary(self) -> str:
        lines = [f"sea-gull Monte Carlo: {self.n_samples:,} oscillators, |k| < {self.k_max:g} "
                 f"(M = A = delta_f = 1), {len(self.edges) - 1} bins in x = omega/omega*"]
        for br in ("I", "II", "III", "total"):
            c2, dof, p = self.chi2(br)
            lines.append(f"  branch {br:5s}: chi2 = {c2:8.1f} for {dof} bins, p = {p:.3f}")
        return "\n".join(lines)


def sea_gull_monte_carlo(n_samples: int = 10_000_000, seed: int = 2007, k_max: float = 100.0,
                         edges=None, chunk: int = 1_000_000, executor=None,
                         progress: bool = False) -> SeaGullMC:
    """Monte Carlo of Eq. (5.6), independent of the t-integral algebra.

    k uniform on (-k_max, k_max) (flat Phi near 0, both signs), f Lorentzian (3.2); every
    minimum of U_eff = -f x + k x^2/2 + x^4/4 found from the cubic; single wells with k > 0 are
    branch I, single wells with k < 0 and lower minima of double wells branch II, higher minima
    branch III.  Frequencies are histogrammed in x = omega/omega*.  k_max = 100 leaves out a
    fraction below 1e-4 of branch III for x in (0.1, 3) (``|k|`` beyond k_max).
    """
    n_samples = int(n_samples)
    if n_samples < 1:
        raise ValueError(f"n_samples must be >= 1, got {n_samples}")
    if not (np.isfinite(k_max) and k_max > 0):
        raise ValueError(f"k_max must be a positive number, got {k_max}")
    edges = np.logspace(-1, math.log10(3), 25) if edges is None else np.asarray(edges, float)
    sizes = [chunk] * (n_samples // chunk) + ([n_samples % chunk] if n_samples % chunk else [])
    seqs = np.random.SeedSequence(seed).spawn(len(sizes))
    it = (executor.map(_mc_chunk, seqs, sizes, [k_max] * len(sizes)) if executor is not None
          else (_mc_chunk(s, n, k_max) for s, n in zip(seqs, sizes)))
    if progress:  # True: a live bar; "log": a line every 30 s (numeric.progress)
        from .progress import progress_iter
        it = progress_iter(it, len(sizes), "oscillators", "chunk", progress)
    counts = {br: np.zeros(len(edges) - 1) for br in ("I", "II", "III")}
    for part in it:
        for br in counts:
            counts[br] += np.histogram(part[br], edges)[0]
    counts["total"] = counts["I"] + counts["II"]
    return SeaGullMC(n_samples, k_max, edges, counts)


for _br in ("I", "II", "total"):
    _a, _b = BRANCHES[_br]
    _SERIES[_br] = _series_coefficients(_SQ[_a], _SQ[_b], _N_SERIES)
del _br, _a, _b
