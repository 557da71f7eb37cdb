"""High-precision references: the defining integrals of the numeric kernels, by mpmath quadrature.

Independent of the kernels' closed forms and fast paths: each reference is the integral that
defines the quantity, evaluated with ``mpmath.quad`` on breakpoints placed at the integrand's
scales, with extra working digits where the integrand cancels.  Tests compare the kernels with
these at >= 30 digits, and the references with themselves at two precisions.
"""

from __future__ import annotations

import math

import mpmath as mp

__all__ = ["t_integral_reference", "reduced_dos_reference", "thermal_reduced_dos_III_reference",
           "boson_peak_position_reference"]

SQRT32 = math.sqrt(1.5)
BRANCH_LIMITS = {"I": (0, 1), "II": (1, "s32"), "III": ("s32", "inf"), "total": (0, "s32")}


def t_integral_reference(lam, branch: str = "total", dps: int = 30):
    """mpmath quadrature of the t-integral (split at the peaks of the integrand)."""

    if branch not in BRANCH_LIMITS:
        raise ValueError(f"branch must be one of {sorted(BRANCH_LIMITS)}, got {branch!r}")
    a, b = BRANCH_LIMITS[branch]
    # 3 - 2 t^2 cancels near t = sqrt(3/2), where the peak has width ~1/lam: carry the digits
    extra = 10 + int(2 * max(0.0, math.log10(max(float(lam), 1e-300))))
    with mp.workdps(dps + extra):
        lam = mp.mpf(lam)
        f = lambda t: 1 / (1 + lam**2 * t**2 * (3 - 2 * t**2) ** 2)
        s32 = mp.sqrt(mp.mpf(3) / 2)
        val = {0: mp.mpf(0), 1: mp.mpf(1), "s32": s32, "inf": mp.inf}
        lo, hi = val[a], val[b]
        # the integrand has Lorentzian peaks of width ~1/lam at t = 0 and t = sqrt(3/2):
        # give the quadrature nodes on that scale
        pts = [lo]
        w = 1 / lam
        for c in (mp.mpf(0), s32):
            for d in (w / 8, w, 8 * w, 64 * w):
                for p in (c - d, c + d):
                    if lo < p < hi:
                        pts.append(p)
        if hi == mp.inf:
            # flat out to t ~ (2 lam)^(-1/3), then ~t^-6: decades up to beyond that scale
            scale = max(s32, (2 * lam) ** (-mp.mpf(1) / 3))
            top = int(mp.log10(scale)) + dps // 3 + 3     # the t^-6 tail beyond is < 10^-dps
            pts += [lo + mp.mpf(10) ** j for j in range(-3, top + 1)]
        pts = sorted(set(pts)) + [hi]
        return +mp.quad(f, pts, maxdegree=10)


def reduced_dos_reference(x, branch: str = "total", dps: int = 30):
    """Reference of ``glassderive.numeric.seagull.reduced_dos``: (12/pi) x^4 times the
    quadrature of the t-integral."""

    with mp.workdps(dps):
        x = mp.mpf(x)
        if x == 0:
            return mp.mpf(0)
        return 12 / mp.pi * x**4 * t_integral_reference(x**3, branch, dps)


def thermal_reduced_dos_III_reference(x, theta, dps: int = 30):
    """mpmath quadrature of Eq. (5.27), reduced as ``seagull.thermal_reduced_dos_III``."""

    extra = 10 + int(6 * max(0.0, math.log10(max(float(x), 1e-300))))
    with mp.workdps(dps + extra):
        x, theta = mp.mpf(x), mp.mpf(theta)
        lam = x**3
        s32 = mp.sqrt(mp.mpf(3) / 2)
        cT = 3 / (8 * mp.cbrt(2))

        def D(t):
            u = t * t - 1
            a, b = 2 * u ** mp.mpf(1.5), t * (2 * t * t - 3)
            phi = b / a
            one_minus = (3 * t * t - 4) / (a * (a + b))
            alpha = 2 * mp.asin(mp.sqrt(one_minus / 2))
            k = 2 / mp.sqrt(3)
            yl, ym, yh = (k * mp.cos(alpha / 3), k * mp.cos(alpha / 3 - 2 * mp.pi / 3),
                          k * mp.cos(alpha / 3 + 2 * mp.pi / 3))
            c = 2 * phi / (3 * mp.sqrt(3))
            return (yl - yh) * (3 * c - ym) / 4

        def f(t):
            z = x**4 * (t * t - 1) ** 2 * D(t) * cT / theta
            return 1 / (1 + lam**2 * t**2 * (3 - 2 * t**2) ** 2) / (1 + mp.exp(z))

        sf = min(theta / (mp.mpf(0.474) * x**4), (theta / mp.mpf(0.2232)) ** 0.25 / x)
        pts = [s32]
        for w in sorted({min(1 / (6 * lam), 1 / x), sf}):
            pts += [s32 + m * w for m in (mp.mpf(1) / 8, 1, 8, 64, 512)]
        pts = sorted(set(pts)) + [mp.inf]
        return +(12 / mp.pi * x**4 * mp.quad(f, pts, maxdegree=10))


def boson_peak_position_reference(dps: int = 30):
    """x_b: zero of d/dx [x^2 I_[0, sqrt(3/2)](x^3)], by mpmath quadrature and findroot
    (dI/dlam = -int 2 lam q^2 / (1 + lam^2 q^2)^2 dt, q = t (3 - 2t^2)).  The two
    quadratures are ``mpmath.quad``'s tanh-sinh rule, summed in MPFR when gmpy2 is there
    (``mpeval._ts_quad_fast``: the same nodes, degrees and precision)."""
    s32 = mp.sqrt(mp.mpf(3) / 2)

    def dF(x):
        lam = x**3
        q = lambda tt: tt * (3 - 2 * tt**2)
        fast = _fast_pair(lam, [mp.mpf(0), mp.mpf(1), s32])
        if fast is not None:
            I, dI = fast
        else:
            I = mp.quad(lambda tt: 1 / (1 + lam**2 * q(tt) ** 2), [0, 1, s32])
            dI = mp.quad(lambda tt: -2 * lam * q(tt) ** 2 / (1 + lam**2 * q(tt) ** 2) ** 2,
                         [0, 1, s32])
        return 2 * x * I + 3 * x**4 * dI

    return mp.findroot(dF, mp.mpf("0.985"), tol=mp.mpf(10) ** (-dps + 3))


def _fast_pair(lam, pts):
    """(I, dI/dlam) of :func:`boson_peak_position_reference` by the MPFR rule, or None."""
    from . import mpeval
    if mpeval.gmpy2 is None or not isinstance(lam, mp.mpf):
        return None
    gmpy2 = mpeval.gmpy2
    try:
        with gmpy2.context(gmpy2.get_context(), precision=mp.mp.prec + 20):
            lr = mpeval._to_mpfr(lam)

        def f1(t):
            q = t * (3 - 2 * t * t)
            return 1 / (1 + lr * lr * q * q)

        def f2(t):
            q = t * (3 - 2 * t * t)
            d = 1 + lr * lr * q * q
            return -2 * lr * q * q / (d * d)
        def strict(f):
            def g(t):
                v = f(t)
                if not gmpy2.is_finite(v):
                    raise mpeval._Fallback
                return v
            return mpeval._FastIntegrand(f, g)
        return (mpeval._ts_quad_fast(strict(f1), pts)[0],
                mpeval._ts_quad_fast(strict(f2), pts)[0])
    except mpeval._Fallback:
        return None
