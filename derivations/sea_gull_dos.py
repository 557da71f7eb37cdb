"""Sea-gull omega^4 density of states, the Boson peak, and resonant phonon scattering.

Source
    D. A. Parshin, H. R. Schober, V. L. Gurevich, "Vibrational instability, two-level systems
    and the Boson peak in glasses", Phys. Rev. B 76, 064206 (2007): Eq. (1.2),
    Sec. III (3.2), (3.6), (3.7), Sec. V (5.4)-(5.33) and Sec. VI (6.1)-(6.11).

What it derives
    Random static forces f (Lorentzian, width delta f) act on soft anharmonic oscillators
    U_eff = -f x + k x^2/2 + A x^4/4 with a flat distribution Phi(k) near k = 0.  The harmonic
    frequency at the minimum, M omega^2 = k + 3 A x0^2, is pushed up; counting minima by
    frequency (a delta function, turned into a change of variables f -> x0 -> omega) gives
    the t-integrals (5.9), (5.17), (5.24) with omega* of (5.10).  Every limit of those integrals
    is an asymptotic claim with its order, checked by mpmath quadrature.

Key results
    * g_branch / (n0 M Phi(0) omega*) = (12/pi) x^4 I_[a,b](x^3), x = omega/omega*
      (kernels: :func:`glassderive.numeric.seagull.reduced_dos`).
    * g_tot ~ (12/pi) sqrt(3/2) x^4 (omega^4) below omega*, 3x above; the higher minimum gives
      2^(5/3) x^3; g_tot/omega^2 peaks at x_b = 0.98518... (omega_b ~ omega*) with the height
      h_b = 2.65775 n0 M Phi(0)/omega* (0.873 of the linear law there; not printed in the paper).
    * The TLS density of (4.8)/(4.13) in terms of the Boson peak (the abstract's
      "interrelated"): P = 32 6^(5/6) x_b^2/(pi h_b) L^(-2/3) (W/hbar omega_b)^4 g_tot(omega_b)/hbar,
      the constant 16.557.
    * The split of the k < 0 branch at |k| = M omega^2/3 (one well / double well) follows from
      f^2 - f*^2 proportional to 1 - 3u, u = |k|/M omega^2.
    * T* of (5.30) in three forms; the low-temperature integral of (5.31) is
      int_0^oo y^(-3/4) dy/(1+e^y) = (1 - 2^(3/4)) Gamma(1/4) zeta(1/4) = 2.0103..., with
      prefactor sqrt(2)/3^(3/4): the printed (5.31) (prefactor 2 sqrt(2)/3^(3/4) and
      int y^(-1/2) = 1.07) does not follow from (5.28) (docs/errata.md); (5.32) is unaffected
      within its "~".
    * Resonant scattering: (6.1) and (6.9) derived by the golden rule (l^-1 = pi Lambda^2
      g(omega)/(2 M rho v^3) and 1/tau = Lambda^2 omega^2/(4 pi M rho v^5), related by
      l^-1 = g(omega) lambda^2/(2 tau)); (6.2)-(6.8), lambda/l = pi^2/6 and 3 pi^2/2; (6.9) as printed has J^2
      for J (dimensional analysis; erratum).
"""

from __future__ import annotations

import mpmath as mp
import sympy as sp
from sympy.physics.units import energy, length, mass, time

from glassderive import (Asymptotic, Condition, Derivation, Dimensions, Equivalence, Identity,
                         Jacobian, Kind, NumericValue, register)

from glassderive.verify.references import boson_peak_position_reference

from .random_forces import _extrema, add_double_well_steps, f_star, lorentzian

NAME = "sea-gull-dos"

M, A, df, omega, Omega, n0, Phi0, P0, hbar, W, T, E = sp.symbols(
    "M A delta_f omega Omega n_0 Phi_0 P_0 hbar W T E", positive=True)
k, f, xx = sp.symbols("k f x", real=True)
kabs, x0, t, u, a_, w1, ws = sp.symbols("|k| x_0 t u a omega_1 omega_s", positive=True)
X, y = sp.symbols("X y", positive=True)          # X = omega/omega*
Lam, rho, v, omega_c, omega_0, g_c, g_0, a_len, E0 = sp.symbols(
    "Lambda rho v omega_c omega_0 g_0c g_00 a E_0", positive=True)
C = sp.symbols("C", positive=True)

SQ32 = sp.sqrt(sp.Rational(3, 2))
omega_star = sp.sqrt(3) * A ** sp.Rational(1, 6) * df ** sp.Rational(1, 3) / sp.sqrt(M)  # (5.10)
delta_f_of_omega_star = M ** sp.Rational(3, 2) * ws**3 / (3 * sp.sqrt(3) * sp.sqrt(A))  # inverse
A_of_W = 16 * M**2 * W**3 / hbar**4                                                     # (4.2)


def t_integral(lo, hi, lam=X**3):
    return sp.Integral(1 / (1 + lam**2 * t**2 * (3 - 2 * t**2) ** 2), (t, lo, hi))


def _branch_double_well(point) -> bool:
    """At |k| = u M omega^2 and the force (5.16)/(5.23), is U_eff a double well?"""
    Mv, Av, w, uu = point[M], point[A], point[omega], point[u]
    kk = uu * Mv * w**2
    force = mp.sqrt((Mv * w**2 + kk) / (3 * Av)) * (Mv * w**2 - 2 * kk) / 3
    return _extrema(point, -kk, force, Av) == 3


@register(NAME, title="Sea-gull omega^4 DOS and the Boson peak",
          paper="D. A. Parshin, H. R. Schober, V. L. Gurevich, Phys. Rev. B 76, 064206 (2007)",
          equations="1.2, 3.2-3.7, 5.4-5.33, 6.1-6.11")
def build() -> Derivation:
    d = Derivation(
        NAME,
        title="Sea-gull $\\omega^4$ density of states, the Boson peak, resonant scattering",
        paper="D. A. Parshin, H. R. Schober, V. L. Gurevich, Phys. Rev. B 76, 064206 (2007)",
        equations="(1.2), (3.2)-(3.7), (5.4)-(5.33), (6.1)-(6.11)",
        summary="Random static forces on soft anharmonic oscillators: counting minima by their "
                "harmonic frequency gives $g\\propto\\omega^4$ below $\\omega^\\star$ and "
                "$\\propto\\omega$ above, with a peak of $g/\\omega^2$ at $\\omega_b\\approx"
                "\\omega^\\star$.",
    )
    d.require_verified_results = True
    U = d.define(sp.Function("U_{eff}")(xx), -f * xx + k * xx**2 / 2 + A * xx**4 / 4, "Eq. (3.1)")
    d.define(sp.Symbol("P(f)"), lorentzian(f), "Eq. (3.2)")
    d.define(sp.Symbol("omega^star"), omega_star, "Eq. (5.10)")
    d.define(sp.Symbol("W"), sp.Rational(1, 2) * hbar * (hbar * A / (2 * M**2)) ** sp.Rational(1, 3),
             "Eq. (4.2); inverse $A=16M^2W^3/\\hbar^4$")
    unit = sp.Interval.open(sp.Rational(1, 2), 2)
    phys = {M: unit, A: unit, df: unit, omega: unit}

    # ---- (1.2): omega = a f^(1/3) turns a flat force density into omega^4 --------------------
    d.add(Jacobian("eq1.2-force-to-frequency", {f: (w1 / a_) ** 3}, (w1,), 3 * w1**2 / a_**3,
                   eq="(1.2)", domain={w1: unit, a_: unit},
                   why="$f=(\\omega/a)^3$: $\\int df\\,\\delta(\\omega-af^{1/3})=3\\omega^2/a^3$"))
    d.add(Identity("eq1.2-omega4",
                   sp.Integral(w1, (w1, 0, omega)) * 3 * omega**2 / a_**3,
                   3 * omega**4 / (2 * a_**3), eq="(1.2)", domain={omega: unit, a_: unit},
                   why="$\\int_0^\\omega\\omega_1d\\omega_1\\cdot3\\omega^2/a^3\\propto\\omega^4$"))

    # ---- Sec. III --------------------------------------------------------------------------
    d.add(Identity("lorentzian-normalisation", sp.Integral(lorentzian(f), (f, -sp.oo, sp.oo)), 1,
                   eq="(3.2)", domain={df: unit}))
    add_double_well_steps(d, A, kabs, k, f, xx, unit)
    k_f = 3 * A ** sp.Rational(1, 3) * df ** sp.Rational(2, 3) / 2 ** sp.Rational(2, 3)
    d.add(Identity("force-scale", d.ref("bending-force").subs(kabs, k_f), df, eq="(5.29),(3.7)", domain={A: unit, df: unit},
                   why="$f^\\star_k=\\delta f$ at $|k|=k_f$"))
    d.add(Identity("omega-star-scale", k_f / (M * omega_star**2), 2 ** sp.Rational(-2, 3),
                   eq="(3.7),(5.10)", domain={A: unit, df: unit, M: unit},
                   why="exactly: $k_f=2^{-2/3}M\\omega^{\\star2}$; (3.7) is the same scale up to "
                       "$2^{1/3}$ in $\\omega$"))

    # ---- (5.4)-(5.9): branch I, k > 0 ------------------------------------------------------
    d.add(Identity("minimum-condition",
                   sp.diff(U, xx).subs(xx, x0).subs(f, A * x0**3 + k * x0), 0, eq="(5.4)",
                   kind=Kind.DERIVATIVE, why="$U'_{eff}(x_0)=0$ iff $f=Ax_0^3+kx_0$"))
    d.add(Identity("new-frequency", sp.diff(U, xx, 2).subs(xx, x0), k + 3 * A * x0**2,
                   eq="(5.5)", kind=Kind.DERIVATIVE, why="$M\\omega_{new}^2=U''_{eff}(x_0)$"))
    xI = sp.sqrt((M * omega**2 - k) / (3 * A))
    fI = sp.sqrt((M * omega**2 - k) / (3 * A)) * (2 * k + M * omega**2) / 3
    below = {**phys, k: sp.Interval.open(0, sp.Rational(1, 8))}
    d.add(Identity("branch-I-force", A * xI**3 + k * xI, fI, eq="(5.8)", domain=below,
                   kind=Kind.SUBSTITUTION, why="$x_0$ from $M\\omega^2=k+3Ax_0^2$"))
    # (5.10): omega* is the scale at which f/delta_f = lambda t (3 - 2 t^2) has lambda =
    # (omega/omega*)^3, with t = sqrt(1 - k/M omega^2), from the branch-I force just verified
    lam = d.ref("branch-I-force").subs(k, M * omega**2 * (1 - t**2)) / (df * t * (3 - 2 * t**2))
    d.add(Identity("omega-star-from-lambda", omega * lam ** sp.Rational(-1, 3), omega_star,
                   eq="(5.9),(5.10)", kind=Kind.SUBSTITUTION,
                   domain={**phys, t: sp.Interval.open(0, 1)},
                   lhs_tex=r"\omega\,\lambda^{-1/3},\ \lambda=\frac{f_I}{\delta f\,t(3-2t^2)}",
                   why="$f_I/\\delta f=\\lambda t(3-2t^2)$: $\\lambda=(\\omega/\\omega^\\star)^3$ "
                       "defines $\\omega^\\star$"))
    d.add(Identity("delta-function-weight",
                   2 * (M * omega**2) * (M * omega) / (3 * A * xI),
                   2 * M**2 * omega**3 / (sp.sqrt(3 * A) * sp.sqrt(M * omega**2 - k)),
                   eq="(5.6)-(5.7)", domain=below, kind=Kind.CHANGE_OF_VARIABLES,
                   why="two roots $\\pm x_0$, each $|df/dx_0|/|d\\omega_{new}/dx_0|"
                       "=M\\omega^2\\cdot M\\omega/3Ax_0$"))
    # the delta-function bookkeeping checked by its cumulative form at fixed k:
    # int_0^Omega dw [weight P(f)] = P(|f| < f(k, Omega)) = (2/pi) atan(f(k, Omega)/delta_f)
    weight = 2 * M**2 * omega**3 / (sp.sqrt(3 * A) * sp.sqrt(M * omega**2 - k)) * lorentzian(fI)
    d.add(Identity("branch-I-cumulative",
                   sp.Integral(weight, (omega, sp.sqrt(k / M), Omega)),
                   2 / sp.pi * sp.atan(fI.subs(omega, Omega) / df),
                   eq="(5.7)", kind=Kind.INTEGRAL,
                   domain={M: unit, A: unit, df: unit, Omega: unit,
                           k: sp.Interval.open(0, sp.Rational(1, 8))},
                   why="cumulative count of frequencies below $\\Omega$ at fixed $k$"))
    sub = 2 * sp.sqrt(M) * omega / (sp.pi * df)
    d.add(Identity("t-substitution-I",
                   sp.Integral(lorentzian(fI) / sp.sqrt(M * omega**2 - k), (k, 0, M * omega**2)),
                   sub * t_integral(0, 1, (omega / omega_star) ** 3),
                   eq="(5.9)", domain=phys, kind=Kind.CHANGE_OF_VARIABLES,
                   why="$t=\\sqrt{1-k/M\\omega^2}$, $f/\\delta f=\\lambda t(3-2t^2)$, "
                       "$\\lambda=(\\omega/\\omega^\\star)^3$"))
    d.add(Identity("prefactor",
                   2 * n0 * Phi0 * M**2 * omega**3 / sp.sqrt(3 * A) * sub,
                   12 / sp.pi * n0 * M * Phi0 * omega**2 / omega_star * (omega / omega_star) ** 2,
                   eq="(5.9),(5.10)", domain=phys, why="with $\\omega^\\star$ of (5.10)"))

    # ---- (5.13)-(5.18): branch II, k < 0, lower minimum -------------------------------------
    xII = sp.sqrt((M * omega**2 + kabs) / (3 * A))
    fII = xII * (M * omega**2 - 2 * kabs) / 3
    neg = {**phys, kabs: sp.Interval.open(0, sp.Rational(1, 8))}
    d.add(Identity("branch-II-force", A * xII**3 - kabs * xII, fII, eq="(5.13),(5.14),(5.16)",
                   domain=neg, kind=Kind.SUBSTITUTION,
                   why="$M\\omega^2=-|k|+3Ax_0^2$, $x_0>0$"))
    d.add(Identity("one-well-split", (1 + u) * (1 - 2 * u) ** 2 - 4 * u**3, 1 - 3 * u,
                   eq="(5.16)", why="$27A(f^2-f^{\\star2}_k)/(M\\omega^2)^3$ at $|k|=uM\\omega^2$"))
    d.add(Equivalence("one-well-double-well",
                      u > sp.Rational(1, 3),
                      Condition(_branch_double_well, "double well at the branch force",
                                (M, A, omega, u)),
                      eq="(5.16),(5.23)",
                      domain={M: unit, A: unit, omega: unit, u: sp.Interval.open(0, 3)},
                      why="one well for $|k|<M\\omega^2/3$, double well beyond (incl. branch III)"))
    d.add(Identity("t-substitution-II",
                   sp.Integral(lorentzian(fII) / sp.sqrt(M * omega**2 + kabs),
                               (kabs, 0, M * omega**2 / 2)),
                   sub * t_integral(1, SQ32, (omega / omega_star) ** 3),
                   eq="(5.15),(5.17)", domain=phys, kind=Kind.CHANGE_OF_VARIABLES,
                   why="$t=\\sqrt{1+|k|/M\\omega^2}$: $|k|\\in(0,M\\omega^2/2)\\to t\\in(1,\\sqrt{3/2})$"))
    d.add(Identity("total-T0", t_integral(0, 1) + t_integral(1, SQ32), t_integral(0, SQ32),
                   eq="(5.18)", domain={X: sp.Interval.open(sp.Rational(1, 10), 10)},
                   why="$g_{tot}=g_I+g_{II}$"))

    # ---- (5.22)-(5.24): branch III, the higher minimum -------------------------------------
    xIII = -xII
    fIII = sp.sqrt((M * omega**2 + kabs) / (3 * A)) * (2 * kabs - M * omega**2) / 3
    d.add(Identity("branch-III-force", A * xIII**3 - kabs * xIII, fIII, eq="(5.22)-(5.23)",
                   domain=neg, kind=Kind.SUBSTITUTION, why="the root $x_0<0$ for $f>0$"))
    d.add(Identity("t-substitution-III",
                   sp.Integral(lorentzian(fIII) / sp.sqrt(M * omega**2 + kabs),
                               (kabs, M * omega**2 / 2, sp.oo)),
                   sub * t_integral(SQ32, sp.oo, (omega / omega_star) ** 3),
                   eq="(5.22),(5.24)", domain=phys, kind=Kind.CHANGE_OF_VARIABLES,
                   why="$|k|>M\\omega^2/2\\to t>\\sqrt{3/2}$"))

    # ---- limits of the t-integrals: asymptotic claims with their orders --------------------
    lo_pts = [10.0**-k for k in (1, 1.5, 2, 2.5, 3)]
    hi_pts = [10.0**k for k in (1, 2, 3, 4, 5, 6)]
    limits = [
        ("limit-I-low", 0, 1, 0, 1, 6, 0, "(5.12)", lo_pts, "$\\omega\\ll\\omega^\\star$: $g_I\\propto\\omega^4$"),
        ("limit-I-high", 0, 1, sp.oo, sp.pi / 6 / X**3, 3, 0, "(5.12),(5.1)", hi_pts,
         "$\\omega\\gg\\omega^\\star$: $(\\pi/6)(\\omega^\\star/\\omega)^3$, $g_I=2n_0M\\Phi(0)\\omega$"),
        ("limit-II-low", 1, SQ32, 0, SQ32 - 1, 6, 0, "(5.17)", lo_pts, "$g_{II}\\propto\\omega^4$"),
        ("limit-II-high", 1, SQ32, sp.oo, sp.pi / 12 / X**3, 3, 1, "(5.17),(5.2)", hi_pts,
         "$(\\pi/12)(\\omega^\\star/\\omega)^3$, $g_{II}=n_0M\\Phi(0)\\omega$"),
        ("limit-total-low", 0, SQ32, 0, SQ32, 6, 0, "(5.19)", lo_pts,
         "$\\sqrt{3/2}$: $g_{tot}\\propto\\omega^4$"),
        ("limit-total-high", 0, SQ32, sp.oo, sp.pi / 4 / X**3, 3, 1, "(5.21),(5.3)", hi_pts,
         "$g_{tot}=3n_0M\\Phi(0)\\omega$"),
        ("limit-III-low", SQ32, sp.oo, 0, sp.pi / (3 * 2 ** sp.Rational(1, 3)) / X, 1, 0, "(5.25)",
         [10.0**-k for k in (2, 3, 4, 5, 6)], "$g_{III}=2^{5/3}n_0M\\Phi(0)\\omega^\\star x^3\\propto\\omega^3$"),
        ("limit-III-high", SQ32, sp.oo, sp.oo, sp.pi / 12 / X**3, 3, 1, "(5.26)", hi_pts,
         "$g_{III}=n_0M\\Phi(0)\\omega$"),
    ]
    for name, lo, hi, to, approx, order, logp, eq, pts, why in limits:
        # near t = sqrt(3/2) the peak has width ~X^-3: 50 digits keep 3 - 2t^2 accurate
        d.add(Asymptotic(name, t_integral(lo, hi), approx, X, to, order=order, log_power=logp,
                         points=pts, eq=eq, dps=50 if to == sp.oo else 30, why=why,
                         expr_tex=f"\\mathcal{{I}}_{{[{sp.latex(lo)},{sp.latex(hi)}]}}(X^3)"))
    d.add(Identity("g-low-frequency-forms",
                   4 * n0 * Phi0 * lorentzian(0) * M ** sp.Rational(5, 2) * omega**4 / sp.sqrt(3 * A),
                   12 / sp.pi * n0 * M * Phi0 * omega * (omega / omega_star) ** 3,
                   eq="(5.12)", domain={**phys, n0: unit, Phi0: unit},
                   why="the two forms of (5.12), with $P(0)=1/\\pi\\delta f$"))
    ratio_III_II = sp.pi / (3 * 2 ** sp.Rational(1, 3) * (SQ32 - 1))
    d.add(Identity("higher-to-lower-minimum-ratio",
                   d.ref("limit-III-low", "approx") / d.ref("limit-II-low", "approx"),
                   ratio_III_II / X, eq="(5.19), (5.25)",
                   lhs_tex="g_{III}/g_{II}\\big|_{\\omega\\ll\\omega^\\star}",
                   why="the low-frequency limits of (5.17) and (5.25), equal populations: "
                       "$g_{III}/g_{II}=\\frac{\\pi}{3\\cdot2^{1/3}(\\sqrt{3/2}-1)}"
                       "\\frac{\\omega^\\star}\\omega=3.70\\,\\omega^\\star/\\omega$ "
                       "(the paper: $\\approx\\omega^\\star/\\omega$)"))
    d.add(Identity("g-III-low-frequency", 12 / sp.pi * sp.pi / (3 * 2 ** sp.Rational(1, 3)),
                   2 ** sp.Rational(5, 3), eq="(5.25)", why="$(12/\\pi)\\cdot\\pi/(3\\cdot2^{1/3})$"))
    n_E = (12 / sp.pi * SQ32 * n0 * M * Phi0 * omega**4 / ws**3 / hbar).subs(omega, E / hbar)
    d.add(Identity("dos-per-energy",
                   n_E.subs(ws, omega_star).subs(df, 1 / (sp.pi * P0)).subs(A, A_of_W),
                   n0 * Phi0 * P0 * M ** sp.Rational(3, 2) * W ** sp.Rational(5, 2) / hbar**3
                   * (E / W) ** 4 / sp.sqrt(2),
                   eq="(5.20)", domain={M: unit, W: unit, hbar: unit, E: unit, P0: unit,
                                        n0: unit, Phi0: unit},
                   why="$n(E)=g_{tot}/\\hbar$ with (5.19), (5.10), (3.2), (4.2)"))
    d.add(NumericValue("boson-peak-position", boson_peak_position_reference, 1, rel_tol=0.02,
                       tex="x_b=\\omega_b/\\omega^\\star", eq="Fig. 3",
                       why="maximum of $g_{tot}/\\omega^2$ (mpmath): $\\omega_b\\approx\\omega^\\star$"))

    def omega_c_over_boson_peak(dps):
        # (5.11) with g_0 ~ omega^2, omega_c = omega_0/3: omega* = omega_c 9^(-1/3)
        return mp.cbrt(9) / boson_peak_position_reference(dps)
    d.add(NumericValue("instability-over-boson-peak", omega_c_over_boson_peak,
                       sp.Rational(5, 2), rel_tol=0.2, eq="(5.11), Fig. 3",
                       tex="\\omega_c/\\omega_b\\big|_{g_0\\propto\\omega^2,\\,\\omega_c=\\omega_0/3}",
                       uses=("boson-peak-position",),
                       why="\"$\\omega_c$ is two or three times larger than the Boson peak "
                           "frequency\": $9^{1/3}/x_b=2.11$ for $g_0\\propto\\omega^2$ "
                           "(3.00/$x_b$ for $\\omega^3$, 1.44/$x_b$ for $\\omega$), with (5.11) "
                           "as printed; with the $\\sqrt3$ that (3.5) in (5.10) gives, 1.22 "
                           "(errata); the window is the paper's 2-3"))

    # ---- Fig. 3: the height of the Boson peak, and the TLS density it fixes ----------------
    # g_tot/omega^2 in units of n0 M Phi(0)/omega*: (12/pi) X^2 I_[0,sqrt(3/2)](X^3), from the
    # verified prefactor of (5.9)/(5.17) and the sum (5.18)
    reduced = sp.simplify((d.ref("prefactor") / (n0 * M * Phi0 * omega**2 / omega_star))
                          .subs(omega, X * omega_star))
    height_integrand = sp.lambdify((X, t), reduced * d.ref("total-T0").function, "mpmath")

    def boson_peak_height(dps):
        xb = boson_peak_position_reference(dps)
        return mp.quad(lambda tt: height_integrand(xb, tt), [0, 1, mp.sqrt(mp.mpf(3) / 2)])
    d.add(NumericValue("boson-peak-height", boson_peak_height,
                       sp.Float("2.657748081207021248888221889", 28), rel_tol=1e-24,
                       eq="(5.18), Fig. 3", uses=("prefactor", "total-T0", "boson-peak-position"),
                       tex="h_b=\\frac{\\omega^\\star}{n_0M\\Phi(0)}\\frac{g_{tot}(\\omega_b)}"
                           "{\\omega_b^2}=\\frac{12}\\pi x_b^2\\,\\mathcal I_{[0,\\sqrt{3/2}]}(x_b^3)",
                       why="the height of the peak of Fig. 3 (the paper prints no number): "
                           "$h_b=2.6577$, 0.873 of the linear law $3/x$ at $x_b$; the value is an "
                           "independent evaluation, the numerical derivative of the cumulative "
                           "count of minima below $\\Omega$ (atan of the force window, both "
                           "branches) at $x_b$ (tests/test_seagull.py)"))
    # The abstract: "the density of the tunneling states and the density of vibrational states
    # at the Boson peak frequency are interrelated".  The TLS density P of (4.8)/(4.13) (the
    # right-hand side of wkb-tunneling's `tls-density`) and n(E_b) = g_tot(omega_b)/hbar both
    # carry n0 Phi(0); with P(0) = 1/pi delta_f, (5.10) and (4.2) their ratio is fixed by
    # (W/E_b)^4 and the two numbers of the peak, x_b and h_b.
    Lg, xb_s, hb_s = sp.symbols("L x_b h_b", positive=True)
    P_tls = ((sp.Rational(2, 9)) ** sp.Rational(1, 3) * 2 ** sp.Rational(7, 2) * n0 * P0 * Phi0
             * M ** sp.Rational(3, 2) * W ** sp.Rational(5, 2) / hbar**3 * Lg ** sp.Rational(-2, 3))
    n_peak = hb_s * xb_s**2 * n0 * M * Phi0 * ws / hbar          # g_tot(omega_b)/hbar
    c_bp = 32 * 6 ** sp.Rational(5, 6) * xb_s**2 / (sp.pi * hb_s)
    d.add(Identity("tls-density-from-boson-peak",
                   P_tls.subs(P0, 1 / (sp.pi * df)).subs(df, delta_f_of_omega_star)
                   .subs(A, A_of_W),
                   c_bp * Lg ** sp.Rational(-2, 3) * (W / (hbar * xb_s * ws)) ** 4 * n_peak,
                   eq="(4.8), (4.13), (5.18), Fig. 3",
                   domain={n0: unit, Phi0: unit, M: unit, W: unit, hbar: unit, ws: unit,
                           Lg: unit, xb_s: unit, hb_s: unit},
                   lhs_tex="\\bar P=2^{7/2}(2/9)^{1/3}n_0P(0)\\Phi(0)\\frac{M^{3/2}W^{5/2}}"
                           "{\\hbar^3}L^{-2/3}",
                   why="$\\bar P=c\\,L^{-2/3}(W/E_b)^4\\,n(E_b)$ with $E_b=\\hbar\\omega_b$, "
                       "$n(E_b)=g_{tot}(\\omega_b)/\\hbar=h_bx_b^2n_0M\\Phi(0)\\omega^\\star/\\hbar$ "
                       "and $c=32\\cdot6^{5/6}x_b^2/\\pi h_b$: the TLS density is the "
                       "vibrational DOS at the Boson peak times $(W/E_b)^4$"))

    c_of_peak = sp.lambdify((xb_s, hb_s), c_bp, "mpmath")   # the constant the identity verified

    def tls_to_boson_peak(dps):
        return c_of_peak(boson_peak_position_reference(dps), boson_peak_height(dps))
    d.add(NumericValue("tls-density-from-boson-peak-constant", tls_to_boson_peak,
                       sp.Float("16.5569351995", 15), rel_tol=1e-9,
                       eq="(4.8), (5.18), Fig. 3",
                       uses=("tls-density-from-boson-peak", "boson-peak-height"),
                       tex="c=32\\cdot6^{5/6}x_b^2/\\pi h_b",
                       why="the constant of $\\bar P=c\\,L^{-2/3}(W/\\hbar\\omega_b)^4\\,"
                           "g_{tot}(\\omega_b)/\\hbar$, with $x_b$ and $h_b$ above"))
    d.derived("boson-peak-height", "Fig. 3 plots g_tot/omega^2; no height is printed")
    d.derived("tls-density-from-boson-peak-constant",
              "the abstract says only that the two densities are interrelated")
    d.claim("Fig. 3", "the Boson peak of g_tot/omega^2 at omega_b ~ omega* (its position and "
            "height)", ("boson-peak-position", "boson-peak-height"),
            note="height derived (the paper prints none): g_tot(omega_b)/omega_b^2 = "
                 "2.6577 n0 M Phi(0)/omega*")
    d.claim("abstract", "the density of the tunneling states and the density of vibrational "
            "states at the Boson peak frequency are interrelated",
            ("tls-density-from-boson-peak", "tls-density-from-boson-peak-constant"),
            note="P = 16.56 L^(-2/3) (W/hbar omega_b)^4 g_tot(omega_b)/hbar")

    # ---- (5.27)-(5.33): thermal population of the higher minimum ---------------------------
    xm, xb = 2 * sp.sqrt(kabs / (3 * A)), -sp.sqrt(kabs / (3 * A))
    Uk = U.subs({k: -kabs, f: d.ref("bending-force")})
    d.add(Identity("bending-point",
                   [sp.diff(Uk, xx).subs(xx, xb), sp.diff(Uk, xx, 2).subs(xx, xb),
                    sp.diff(Uk, xx).subs(xx, xm)], [0, 0, 0],
                   eq="(5.28)", kind=Kind.DERIVATIVE, domain={A: unit, kabs: unit},
                   why="at $f=f^\\star_k$: bending point $x_b$, minimum $x_m=-2x_b$"))
    d.add(Identity("bending-point-energy", Uk.subs(xx, xb) - Uk.subs(xx, xm), 3 * kabs**2 / (4 * A),
                   eq="(5.28)", domain={A: unit, kabs: unit}, why="$\\Delta=3k^2/4A$"))
    k_T = 2 * sp.sqrt(A * T / 3)
    d.add(Identity("thermal-scale", 3 * k_T**2 / (4 * A), T, eq="(5.29)",
                   domain={A: unit, T: unit}, why="$\\Delta=T$ at $|k|=k_T$"))
    T1 = sp.Rational(27, 8) / 2 ** sp.Rational(1, 3) * df ** sp.Rational(4, 3) / A ** sp.Rational(1, 3)
    T2 = sp.Rational(3, 8) / 2 ** sp.Rational(1, 3) * M**2 / A * ws**4
    T3 = sp.Rational(3, 128) / 2 ** sp.Rational(1, 3) * hbar * ws * (hbar * ws / W) ** 3
    d.add(Identity("T-star-scales-equal", k_T.subs(T, T1), k_f, eq="(5.30)",
                   domain={A: unit, df: unit}, why="$k_T=k_f$ at $T=T^\\star$"))
    d.add(Identity("T-star-omega", T1.subs(df, delta_f_of_omega_star), T2, eq="(5.30)",
                   domain={A: unit, M: unit, ws: unit}, why="with (5.10)"))
    d.add(Identity("T-star-W", d.ref("T-star-omega").subs(A, A_of_W), T3, eq="(5.30)",
                   domain={M: unit, W: unit, hbar: unit, ws: unit}, why="with (4.2)"))
    d.add(NumericValue("T-star-silica", d.ref("T-star-W").subs(hbar, 1), 740, rel_tol=0.01,
                       at={ws: 40, W: 4}, eq="(5.30)",
                       why="$\\hbar\\omega^\\star=40$ K, $W=4$ K (kelvin units): paper 740 K"))
    c14 = sp.gamma(sp.Rational(1, 4)) * (1 - 2 ** sp.Rational(3, 4)) * sp.zeta(sp.Rational(1, 4))
    d.add(Identity("low-T-integral",
                   sp.Integral(kabs ** sp.Rational(-1, 2) / (1 + sp.exp(3 * kabs**2 / (4 * A * T))),
                               (kabs, 0, sp.oo)),
                   (4 * A * T / 3) ** sp.Rational(1, 4) / 2 * c14,
                   eq="(5.31)", domain={A: unit, T: unit},
                   why="$y=3k^2/4AT$ gives $\\int y^{-3/4}dy/(1+e^y)=(1-2^{3/4})\\Gamma(1/4)"
                       "\\zeta(1/4)$ (erratum: printed $y^{-1/2}$)"))
    g31 = 2 * n0 * Phi0 * M**2 * omega**3 / sp.sqrt(3 * A) * P0 * (4 * A * T / 3) ** sp.Rational(1, 4) / 2 * c14
    d.add(Identity("low-T-prefactor", g31,
                   sp.sqrt(2) / 3 ** sp.Rational(3, 4) * c14 * n0 * Phi0 * P0 * M**2 * omega**3
                   * T ** sp.Rational(1, 4) / A ** sp.Rational(1, 4),
                   eq="(5.31)", domain={A: unit, T: unit, M: unit, omega: unit},
                   why="corrected (5.31): prefactor $\\sqrt2/3^{3/4}$ times $2.0103$"))
    d.add(NumericValue("printed-integral-1.07",
                       sp.Integral(y ** sp.Rational(-1, 2) / (1 + sp.exp(y)), (y, 0, sp.oo)),
                       sp.Float("1.07"), rel_tol=0.005, eq="(5.31)",
                       why="the printed integral does equal 1.07 (but is not the one (5.28) gives)"))
    g32 = g31.subs(P0, 1 / (sp.pi * df)).subs(df, delta_f_of_omega_star).subs(A, A_of_W)
    d.add(Identity("thermal-dos-estimate", g32,
                   2 * sp.sqrt(2) * 3 ** sp.Rational(3, 4) * c14 / sp.pi * n0 * Phi0 * M
                   * (omega / ws) ** 3 * W / hbar * (T / W) ** sp.Rational(1, 4),
                   eq="(5.32)", domain={M: unit, W: unit, hbar: unit, ws: unit, T: unit,
                                        omega: unit},
                   why="with $P(0)=1/\\pi\\delta f$, (5.10), (4.2); printed constant "
                       "$4\\sqrt2\\,3^{3/4}/\\pi$ is this with $c_{1/4}\\to2$"))
    ratio_const = 3 ** sp.Rational(3, 4) * 2 / c14 / 2
    d.add(Identity("thermal-ratio",
                   (12 / sp.pi * SQ32 * n0 * M * Phi0 * omega * (omega / ws) ** 3)
                   / (2 * sp.sqrt(2) * 3 ** sp.Rational(3, 4) * c14 / sp.pi * n0 * Phi0 * M
                      * (omega / ws) ** 3 * W / hbar * (T / W) ** sp.Rational(1, 4)),
                   ratio_const * hbar * omega / W * (W / T) ** sp.Rational(1, 4),
                   eq="(5.33)", domain={M: unit, W: unit, hbar: unit, T: unit, omega: unit},
                   why="ratio of (5.19) to (5.32)"))
    T_cross = ratio_const**4 * W * (hbar * omega / W) ** 4
    d.add(Identity("thermal-crossover", d.ref("thermal-ratio").subs(T, T_cross), 1,
                   eq="(5.33)", domain={W: unit, hbar: unit, omega: unit},
                   lhs_tex="g_{tot}/\\tilde g_{III}\\big|_{T=(3^{3/4}/c_{1/4})^4W(\\hbar\\omega/W)^4}",
                   why="the populations cross at $T_\\times=1.63\\,W(\\hbar\\omega/W)^4$: "
                       "$g_{tot}\\gg\\tilde g_{III}$ for $T\\ll W(\\hbar\\omega/W)^4$ as the "
                       "paper says, with the constant $(3^{3/4}/c_{1/4})^4=1.63$"))
    d.add(NumericValue("thermal-ratio-constant", ratio_const, 1, magnitude=True, eq="(5.33)",
                       why="the order-one constant $3^{3/4}/c_{1/4}=1.13$ that (5.33) drops: a claim of order one"))

    # ---- Sec. VI: resonant scattering ------------------------------------------------------
    # (6.1) and (6.9) derived by Fermi's golden rule for H_int = Lambda x eps (x the soft
    # oscillator's coordinate, eps = div u the strain of one scalar acoustic branch, as in the
    # paper's (2.4)): |<1|x|0>|^2 = hbar/2M omega (an oscillator of mass M), |<0|eps|1_k>|^2 =
    # hbar k^2/2 rho V omega (a plane-wave mode of mass rho V, strain k times its amplitude)
    Vol, gw, theta = sp.symbols("V g_omega theta", positive=True)
    x_el = hbar / (2 * M * omega)
    eps_el = hbar * (omega / v) ** 2 / (2 * rho * Vol * omega)
    d.add(Identity("resonant-absorption-golden-rule",
                   2 * sp.pi / hbar * Lam**2 * x_el * eps_el * Vol * gw / hbar / v,
                   sp.pi * Lam**2 / (2 * M * rho * v**3) * gw, eq="(6.1), (2.4)",
                   domain={hbar: unit, Lam: unit, M: unit, omega: unit, v: unit, rho: unit,
                           Vol: unit, gw: unit},
                   lhs_tex="\\frac1v\\frac{2\\pi}\\hbar\\Lambda^2\\frac{\\hbar}{2M\\omega}"
                           "\\frac{\\hbar k^2}{2\\rho V\\omega}\\,V\\frac{g(\\omega)}\\hbar",
                   why="a phonon $k=\\omega/v$ absorbed by the oscillators of the volume $V$ "
                       "resonant with it ($g(\\omega)d\\omega$ per volume, $g/\\hbar$ per unit "
                       "energy); for harmonic oscillators absorption minus stimulated emission "
                       "is independent of $T$ ($\\sum_np_n[(n+1)-n]=1$); $l^{-1}=\\tau^{-1}/v$"))
    # (6.9): one oscillator decays into the phonons of the shell hbar v k = hbar omega:
    # sum_k -> V int d^3k/(2 pi)^3, the radial delta gives k^4/(hbar v) at k = omega/v
    shell = (omega / v) ** 4 / (hbar * v)
    d.add(Identity("lifetime-golden-rule",
                   2 * sp.pi / hbar * Lam**2 * x_el * hbar / (2 * rho * omega) / (2 * sp.pi) ** 3
                   * sp.Integral(2 * sp.pi * sp.sin(theta), (theta, 0, sp.pi)) * shell,
                   Lam**2 / (rho * v**2) * omega**2 / (4 * sp.pi * M * v**3), eq="(6.9), (2.4)",
                   domain={hbar: unit, Lam: unit, M: unit, omega: unit, v: unit, rho: unit},
                   lhs_tex="\\frac{2\\pi}\\hbar\\Lambda^2\\frac{\\hbar}{2M\\omega}\\int"
                           "\\frac{d^3k}{(2\\pi)^3}\\frac{\\hbar k^2}{2\\rho\\omega}\\,"
                           "\\delta(\\hbar\\omega-\\hbar vk)",
                   why="the strain of the scalar branch couples to $|k|^2$ in every direction "
                       "(no orientation factor: with a $\\cos^2$ coupling it would be 1/3 of "
                       "this); the printed $J^2$ is $J=\\Lambda^2/\\rho v^2$ (erratum)"))
    d.add(Identity("absorption-lifetime-relation",
                   d.ref("resonant-absorption-golden-rule")
                   / (gw * d.ref("lifetime-golden-rule")),
                   (2 * sp.pi * v / omega) ** 2 / 2, eq="(6.1), (6.9)",
                   domain={Lam: unit, M: unit, omega: unit, v: unit, rho: unit, gw: unit},
                   lhs_tex="l^{-1}_{res}/(g(\\omega)\\tau^{-1})",
                   why="the same matrix elements: each resonant oscillator absorbs with the "
                       "cross-section $\\lambda^2\\tau^{-1}/2$ per unit frequency "
                       "($\\lambda=2\\pi v/\\omega$)"))
    l_inv = d.ref("resonant-absorption-golden-rule") / gw      # (6.1) per g(omega)
    g_low = hbar * d.ref("dos-per-energy").subs(E, hbar * omega)   # (5.20): g = hbar n(E)
    C_417 = 2 * sp.sqrt(2) * n0 * P0 * Phi0 * Lam**2 / (rho * v**2) * W ** sp.Rational(3, 2) \
        * sp.sqrt(M) / hbar                                     # (4.17)
    sixdom = {M: unit, W: unit, hbar: unit, omega: unit, Lam: unit, rho: unit, v: unit,
              n0: unit, Phi0: unit, P0: unit}
    # (6.2) in terms of C: P0 eliminated with (4.17), C = C_417
    d.add(Identity("scattering-low-frequency",
                   (l_inv * g_low).subs(P0, C / (C_417 / P0)),
                   sp.pi / 8 * C * omega / v * (hbar * omega / W) ** 3,
                   eq="(6.2)", domain={**sixdom, C: unit}, uses=("dos-per-energy",),
                   why="(6.1) with (5.20) and $C$ of (4.17)"))
    d.add(Identity("scattering-plateau", l_inv * 3 * n0 * M * Phi0 * omega,
                   sp.Rational(3, 2) * sp.pi * Lam**2 * n0 / (rho * v**2) * Phi0 * omega / v,
                   eq="(6.3)", domain=sixdom, uses=("resonant-absorption-golden-rule",),
                   why="(6.1) with (5.21)"))
    d.add(Identity("ioffe-regel-ratio",
                   2 * sp.pi * v / omega * sp.Rational(3, 2) * sp.pi * Lam**2 * n0 / (rho * v**2)
                   * Phi0 * omega / v,
                   3 * sp.pi**2 * Lam**2 * n0 / (rho * v**2) * Phi0,
                   eq="(6.4)", domain=sixdom, why="$\\lambda=2\\pi v/\\omega$"))
    est = 3 * sp.pi**2 * (M * omega_c * omega_0) * g_c / (2 * M * omega_c)
    d.add(Identity("ioffe-regel-estimate", est.subs(omega_0, 1 / g_0),
                   sp.Rational(3, 2) * sp.pi**2 * g_c / g_0,
                   eq="(6.5)-(6.6)", domain={M: unit, omega_c: unit, g_c: unit, g_0: unit},
                   why="$\\Lambda^2n_0/\\rho v^2\\approx M\\omega_c\\omega_0$, "
                       "$\\Phi(0)\\approx g_0(\\omega_c)/2M\\omega_c$, $\\omega_0g_0(\\omega_0)=1$"))
    d.add(NumericValue("ioffe-regel-omega2", sp.Rational(3, 2) * sp.pi**2 / 9, sp.Float("1.64"),
                       rel_tol=0.005, eq="(6.7)",
                       why="$g_0\\propto\\omega^2$, $\\omega_c=\\omega_0/3$: $\\pi^2/6$"))
    d.add(NumericValue("ioffe-regel-flat", sp.Rational(3, 2) * sp.pi**2, 15, rel_tol=0.02,
                       eq="(6.8)", why="$g_0$ = const: $3\\pi^2/2$; also the bound "
                                       "$\\omega_c>\\omega_0/15$ for $g_0\\propto\\omega$"))
    d.add(Dimensions("lifetime-dimensions", d.ref("lifetime-golden-rule"),
                     1 / time, {Lam: energy / length, rho: mass / length**3, v: length / time,
                                M: mass, omega: 1 / time},
                     eq="(6.9)", why="$1/\\tau$ with $J=\\Lambda^2/\\rho v^2$ (printed $J^2$: erratum)"))
    one_over_wtau = d.ref("lifetime-dimensions") / omega      # (6.9), as checked above
    d.add(Identity("lifetime-estimate",
                   one_over_wtau.subs({Lam: E0 / a_len, rho: E0 / (a_len**3 * v**2),
                                       M: E0 / v**2}).subs(v, omega_0 * a_len),
                   omega / (4 * sp.pi * omega_0), eq="(6.10)-(6.11)",
                   domain={E0: unit, a_len: unit, omega: unit, omega_0: unit},
                   why="$\\Lambda\\simeq E_0/a$, $\\rho v^2\\simeq E_0/a^3$, $Mv^2\\simeq E_0$, "
                       "$v/a\\simeq\\omega_0$"))

    # ---- results ---------------------------------------------------------------------------
    pos = sp.Interval.open(0, sp.oo)
    d.result("omega_star", d.ref("omega-star-from-lambda"), (A, df, M), {A: pos, df: pos, M: pos},
             "Eq. (5.10)")
    d.result("f_star", d.ref("bending-force"), (kabs, A), {kabs: pos, A: pos}, "Eq. (3.6)")
    d.result("T_star", d.ref("T-star-W"), (hbar, ws, W), {hbar: pos, ws: pos, W: pos},
             "Eq. (5.30), third form (hbar omega*, W in the same units)")
    d.result("scattering_low_frequency", d.ref("scattering-low-frequency"),
             (C, omega, v, hbar, W), {C: pos, omega: sp.Interval(0, sp.oo), v: pos, hbar: pos,
                                      W: pos}, "inverse mean free path, Eq. (6.2)")
    return d
