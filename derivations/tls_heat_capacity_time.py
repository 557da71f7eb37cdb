"""The barrier distribution and the time-dependent TLS heat capacity (Lubchenko, Wolynes 2007).

Source
    V. Lubchenko, P. G. Wolynes, "The microscopic quantum theory of low temperature amorphous
    solids", Adv. Chem. Phys. 136, 95-206 (2007), arXiv:cond-mat/0506708, Sec. III.C,
    Eqs. (21)-(28) and Fig. 11 (with Eq. (14) of Sec. III.A, Eq. (18) of Sec. III.B and
    Eq. (29) of Sec. IV.B as inputs).

What it derives
    * The tunnelling-amplitude distribution (22) from the exponential barrier distribution
      P(V) ~ exp(V/sqrt2 T_g) of Eq. (14) and the WKB amplitude (21), as a change of variables
      V -> Delta (a Jacobian step): P(Delta) = A (Delta_0/Delta)^c / Delta with
      A = N hbar omega/pi and c = hbar omega / (sqrt 2 pi T_g).
    * The joint distribution (24) of the splitting E and the one-phonon rate tau^-1 of (23),
      (25) from P(eps, Delta) = Pbar A (Delta_0/Delta)^c / Delta by the Jacobian of
      (eps, Delta) -> (E, tau^-1): |d(eps, Delta)/d(E, tau^-1)| = E / (2 sqrt(nu (m - nu)))
      with nu = tau^-1, m = tau_min^-1(E) (the E dependence of tau_min drops out of the
      determinant).
    * (26) -> (27): the substitution z = ln(tau/tau_min) (a Jacobian step and the integral
      identity with its limits t^-1 -> ln(t/tau_min), tau_min^-1 -> 0).
    * The inner integral I(L; c) = int_0^L e^{cz/2} dz / (2 sqrt(1 - e^{-z})) in closed form:
      ln(e^{L/2} + sqrt(e^L - 1)) = asinh(sqrt(e^L - 1)) at c = 0;
      S 2F1(1 + c/2, 1/2; 3/2; S^2), S^2 = 1 - e^{-L} (the kernel's form for L <= ln 2);
      and the kernel's form for L > ln 2,
      (e^{cL/2} - 1)/c + [B(-c/2, 1/2) + 2/c]/2
      - e^{-(1-c/2)L} 3F2(1, 3/2, 1-c/2; 2, 2-c/2; e^{-L}) / (2(2-c)).
    * Eq. (28) as an asymptotic statement with its order: I = w^(c/2)/c + B(-c/2, 1/2)/2 +
      O(w^(c/2-1)), w = t/tau_min, so the relative error of I ~ w^(c/2)/c is
      (c/2) B(-c/2, 1/2) w^(-c/2): order c/2 for 0 < c < 1 (checked at c = 1/2), but order 1 at
      c = 1, where B(-1/2, 1/2) = 0 and I = sqrt(w - 1) exactly (checked: a claimed order 1/2
      fails).  Then, by E = xT, C -> (A/c) Delta_0^(-c/2) (t/tau_u)^(c/2) T^(1+c/2) K(c),
      K(c) = int_0^oo x^(2+c/2) dx / (4 cosh^2(x/2) tanh^(c/2)(x/2)), and the exponents
      d ln C/d ln T = 1 + c/2, d ln C/d ln t = c/2.
    * The silica numbers N17-N19 of Sec. III.C with the set
      :data:`glassderive.materials.SILICA_LW2007`.

Key results
    * c = hbar omega^dd / (sqrt 2 pi T_g): the printed c = hbar omega^dd / sqrt2 T_g lacks the
      1/pi that the exponent pi V/hbar omega of (21) puts there (docs/errata.md).  With
      omega^dd = 1.6 (a/xi) omega_D (29), xi/a = 5.8, T_g/omega_D = 4.4: c = 0.0141 (the
      printed formula would give 0.0443); either way c < 0.1, as the paper says.
    * tau_min(E) from (25) with g^2 = rho c_s^2 a^3 k_B T_g (18) and the silica set:
      1.03 us at E = 5.7e-4 k_B T_D (T -> 0); the paper prints 2.0 us ("derived from the
      present theory") and uses it for Fig. 11: not reproduced (a factor 1.94,
      docs/errata.md).
    * tau_min^-1 at 10 mK: 2.2e3 s^-1 for the TLS that carry the heat capacity
      (E = 2.40 k_B T, the maximum of the one-TLS heat capacity), 2.8e2 s^-1 at E = k_B T;
      the paper: "empirically of order an inverse millisecond".
    * The long-time law (28) is approached only as (t/tau_min)^(-c/2), slowly for c = 0.1:
      with the Fig. 11 calibration, at t = 1 s - 1 h and T = 0.01 - 1 K the kernel gives local
      exponents d ln C/d ln T = 1.09 - 1.32 and d ln C/d ln t = 0.06 - 0.14 (Eq. 28: 1.05 and
      0.05), and the pure power law with its constant K(c)/c is 1.3 - 2.8 times C
      (benchmarks/heat_capacity.md).  The standard tunnelling model (c = 0) gives 1.10 - 1.34
      and 0.03 - 0.11 there: at laboratory times the excess of the T exponent over 1 comes
      from ln(t/tau_min(T)) ~ ln(t T^3), not from c.  Eq. (28) is the limit t T^3 -> oo; at fixed t, T -> 0
      leaves it (the apparent gap: C ~ exp(-E0/T), E0 = (tau_u Delta_0^3/t)^(1/3)).

Notation
    c is the exponent of Eq. (22), c_s the sound velocity (distinct symbols; the catalog lists
    the collision); A the normalisation of Eq. (22) (no Green's function here); rho the mass
    density; E the TLS splitting sqrt(Delta^2 + eps^2) (eps >= 0; Delta is the tunnelling
    amplitude, Delta_0 its upper end); tau a relaxation time and t the observation time;
    nu = tau^-1; k_1 = 3 g^2/(2 pi rho c_s^5 hbar^4) the one-phonon rate constant of (23), (25);
    alpha only the heat-capacity exponent C ~ T^(1+alpha).  k_B = hbar = 1 except in the
    silica numbers (SI, CODATA 2018 exact k_B and h).

Numerics
    1 - e^{-z} is written 2 e^{-z/2} sinh(z/2) in the integrands (the same function, without
    the cancellation that makes the 40-digit quadrature divide by zero next to z = 0).  The
    fast kernel is :mod:`glassderive.numeric.heat_capacity`.
"""

from __future__ import annotations

import mpmath as mp
import sympy as sp

from glassderive import (Asymptotic, Derivation, Extremum, Identity, Jacobian, Kind,
                         NumericValue, register)
from glassderive.materials import SILICA_LW2007 as SIO2

NAME = "tls-heat-capacity-time"
PAPER = ("V. Lubchenko, P. G. Wolynes, \"The microscopic quantum theory of low temperature "
         "amorphous solids\", Adv. Chem. Phys. 136, 95-206 (2007), arXiv:cond-mat/0506708")

# --- symbols ---------------------------------------------------------------------------------
E, T, t, Tg = sp.symbols("E T t T_g", positive=True)
Delta, Delta0 = sp.symbols("Delta Delta_0", positive=True)       # amplitude, its upper end
eps = sp.Symbol("epsilon", positive=True)                        # asymmetry (eps >= 0 branch)
Vb = sp.Symbol("V^ddagger", positive=True)                       # barrier height
hw = sp.Symbol("hbar_omega^ddagger", positive=True)              # barrier-top quantum
# normalisations of P(V) and of Eq. (22), the TLS density
Nv, A, Pbar = sp.symbols("N_V A Pbar", positive=True)
c = sp.Symbol("c", positive=True)                                # exponent of Eq. (22) (not c_s)
k1 = sp.Symbol("k_1", positive=True)                             # one-phonon rate constant
nu = sp.Symbol("nu", positive=True)                              # nu = tau^-1
z, L, y, w, x = sp.symbols("z L y w x", positive=True)
tau_u = sp.Symbol("tau_u", positive=True)
# silica (SI)
a, c_s, rho, k_B, hbar, g = sp.symbols("a c_s rho k_B hbar g", positive=True)

K_B_SI = sp.Rational(1380649, 10**29)                           # J/K, exact (SI 2019)
#: working precision of the quadrature and asymptotic steps: the engine's minimum, 30 digits
#: (40 elsewhere); their residuals stay below 1e-28 and the checks take half the time
DPS_QUAD = 30
HBAR_SI = sp.N(sp.Rational(662607015, 10**42) / (2 * sp.pi), 60)  # J s, exact h / 2 pi


def one_minus_exp(zz):
    """1 - e^{-z} as 2 e^{-z/2} sinh(z/2): no cancellation at small z in 40-digit arithmetic."""
    return 2 * sp.exp(-zz / 2) * sp.sinh(zz / 2)


def inner_integrand(cc, zz):
    """The integrand of Eq. (27) without A (Delta_0/E)^c: e^{cz/2} / (2 sqrt(1 - e^{-z}))."""
    return sp.exp(cc * zz / 2) / (2 * sp.sqrt(one_minus_exp(zz)))


def schottky_peak_location(dps: int = 60) -> sp.Float:
    """The maximum of y^2 sech^2 y (y = E/2T): the root of y tanh y = 1."""
    with mp.workdps(dps):
        root = mp.findroot(lambda v: v * mp.tanh(v) - 1, mp.mpf("1.2"))
        return sp.Float(mp.nstr(root, dps), dps)


@register(NAME, title="Barrier distribution and the time-dependent TLS heat capacity",
          paper="V. Lubchenko, P. G. Wolynes, Adv. Chem. Phys. 136, 95-206 (2007)",
          equations="21-28, Fig. 11")
def build() -> Derivation:
    d = Derivation(
        NAME,
        title="The tunnelling-amplitude distribution and the time-dependent heat capacity of "
              "two-level systems",
        paper=PAPER,
        equations="(21)-(28), Fig. 11",
        summary="An exponential distribution of barriers makes $P(\\Delta)\\propto"
                "\\Delta^{-1-c}$; with one-phonon relaxation the TLS relaxed within $t$ give a "
                "heat capacity that grows as $t^{c/2}T^{1+c/2}$ at long times.",
    )
    d.require_verified_results = True
    unit = sp.Interval.open(sp.Rational(1, 2), 2)
    pos = sp.Interval.open(0, sp.oo)
    c01 = sp.Interval.open(0, 1)

    # --- (21)-(22): barriers -> tunnelling amplitudes -------------------------------------------
    V_of_Delta = hw / sp.pi * sp.log(Delta0 / Delta)          # inverts (21)
    d.define(Delta, Delta0 * sp.exp(-sp.pi * Vb / hw), "Eq. (21), WKB amplitude")
    dom22 = {Delta: sp.Interval.open(sp.Rational(1, 10), 1), Delta0: sp.Interval.open(1, 3),
             hw: unit, Tg: unit, Nv: unit}
    d.add(Jacobian("barrier-to-amplitude", {Vb: V_of_Delta}, (Delta,), hw / (sp.pi * Delta),
                   eq="(21)", domain=dom22,
                   why="$V^\\ddagger=(\\hbar\\omega^\\ddagger/\\pi)\\ln(\\Delta_0/\\Delta)$ "
                       "inverts (21)"))
    c_derived = hw / (sp.sqrt(2) * sp.pi * Tg)
    d.add(Identity("amplitude-distribution",
                   Nv * sp.exp(V_of_Delta / (sp.sqrt(2) * Tg)) * d.ref("barrier-to-amplitude"),
                   (Nv * hw / sp.pi) * (Delta0 / Delta) ** c_derived / Delta, eq="(22)",
                   kind=Kind.CHANGE_OF_VARIABLES, domain=dom22,
                   lhs_tex="P(V^\\ddagger(\\Delta))\\left|dV^\\ddagger/d\\Delta\\right|",
                   why="$P(V^\\ddagger)=N_Ve^{V^\\ddagger/\\sqrt2T_g}$ (14) and (21): "
                       "$A=N_V\\hbar\\omega^\\ddagger/\\pi$, $c=\\hbar\\omega^\\ddagger/"
                       "\\sqrt2\\pi T_g$; the printed $c=\\hbar\\omega^\\ddagger/\\sqrt2T_g$ "
                       "lacks the $1/\\pi$ (erratum)"))

    # --- (23), (25): the one-phonon rate ----------------------------------------------------------
    m = k1 * E**3 * sp.coth(E / (2 * T))                      # tau_min^-1(E), Eq. (25)
    d.define(k1, 3 * g**2 / (2 * sp.pi * rho * c_s**5 * hbar**4),
             "the rate constant of Eqs. (23), (25) with $\\hbar$ restored")
    d.define(nu, k1 * Delta**2 * E * sp.coth(E / (2 * T)),
             "Eq. (23), $\\nu=\\tau^{-1}$; Eq. (25) is its value at $\\Delta=E$")
    d.add(Identity("reduced-units", 1 / m, (1 / (k1 * Delta0**3)) * (Delta0 / E) ** 3
                   * sp.tanh(E / (2 * T)), eq="(25)", domain={E: unit, T: unit, k1: unit,
                                                              Delta0: unit},
                   lhs_tex="\\tau_{min}(E)",
                   why="$\\tau_{min}(E)=\\tau_u(\\Delta_0/E)^3\\tanh(E/2T)$ with "
                       "$\\tau_u=1/k_1\\Delta_0^3$: the kernel's time unit"))

    # --- (24): (eps, Delta) -> (E, tau^-1) -----------------------------------------------------
    dom24 = {E: unit, T: unit, k1: unit, nu: sp.Interval.open(0, 40)}
    d.add(Jacobian("energy-rate-jacobian",
                   {eps: E * sp.sqrt(1 - nu / m), Delta: E * sp.sqrt(nu / m)}, (E, nu),
                   E / (2 * sp.sqrt(nu * (m - nu))), eq="(23),(24)", domain=dom24,
                   where=nu < m, uses=("reduced-units",),
                   why="(23) over (25): $\\tau^{-1}=\\tau^{-1}_{min}(E)\\Delta^2/E^2$, so "
                       "$\\Delta=E\\sqrt{\\nu/\\tau^{-1}_{min}(E)}$, $\\epsilon=\\sqrt{E^2-"
                       "\\Delta^2}$, $\\nu=\\tau^{-1}$; the $E$-dependence of $\\tau_{min}$ "
                       "drops out of the determinant"))
    P_eps_Delta = Pbar * A * (Delta0 / Delta) ** c / Delta
    tau, tmin = 1 / nu, 1 / m
    P24 = Pbar * A * (tau / tmin) ** (c / 2) * (Delta0 / E) ** c * tau \
        / (2 * sp.sqrt(1 - tmin / tau))
    dom24p = {**dom24, Delta0: sp.Interval.open(2, 4), c: c01, A: unit, Pbar: unit}
    d.add(Identity("energy-rate-distribution",
                   P_eps_Delta.subs(Delta, E * sp.sqrt(nu / m)) * d.ref("energy-rate-jacobian"),
                   P24, eq="(24)", kind=Kind.CHANGE_OF_VARIABLES, domain=dom24p, where=nu < m,
                   uses=("amplitude-distribution",),
                   lhs_tex="P(\\epsilon,\\Delta)\\left|\\partial(\\epsilon,\\Delta)/"
                           "\\partial(E,\\tau^{-1})\\right|",
                   why="$P(\\epsilon,\\Delta)=\\bar PA(\\Delta_0/\\Delta)^c/\\Delta$ ($n(\\epsilon)"
                       "=\\bar P$) times the Jacobian"))

    # --- (26) -> (27): z = ln(tau/tau_min) ------------------------------------------------------
    dom27 = {E: unit, T: unit, k1: unit, z: sp.Interval.open(0, 20)}
    d.add(Jacobian("log-time-jacobian", {nu: m * sp.exp(-z)}, (z,), m * sp.exp(-z), eq="(27)",
                   domain=dom27, why="$\\tau^{-1}=\\tau_{min}^{-1}e^{-z}$"))
    P24_ref = d.ref("energy-rate-distribution")
    rhs27 = sp.Integral(Pbar * A * (Delta0 / E) ** c * inner_integrand(c, z),
                        (z, 0, sp.log(t * m)))
    # nu = m - y; each sum brought over a common denominator (1 - nu/m = y/m: no cancellation
    # next to the end point y = 0)
    P24_y = P24_ref.subs(nu, m - y).replace(lambda q: isinstance(q, sp.Add), sp.together)
    d.add(Identity("log-time-substitution",
                   sp.Integral(P24_y, (y, 0, m - 1 / t)), rhs27,
                   eq="(26),(27)", kind=Kind.CHANGE_OF_VARIABLES, dps=DPS_QUAD,
                   domain={E: unit, T: unit, k1: unit, t: sp.Interval.open(1, 100),
                           Delta0: sp.Interval.open(2, 4), c: c01, A: unit, Pbar: unit},
                   where=t * m > 2, uses=("log-time-jacobian",),
                   lhs_tex="\\int_{t^{-1}}^{\\tau_{min}^{-1}}d\\tau^{-1}P(E,\\tau^{-1})",
                   rhs_tex="\\int_0^{\\ln(t/\\tau_{min})}dz\\,\\frac{\\bar PA}{2}"
                           "\\Big(\\frac{\\Delta_0}{E}\\Big)^c\\frac{e^{cz/2}}{\\sqrt{1-e^{-z}}}",
                   why="left: quadrature in $y=\\tau^{-1}_{min}-\\tau^{-1}$ (the $1/\\sqrt{\\,}$ "
                       "end point at 0); the limits $t^{-1}\\to\\ln(t/\\tau_{min})$, "
                       "$\\tau^{-1}_{min}\\to0$"))

    # --- the inner integral in closed form -------------------------------------------------------
    I_c = sp.Integral(inner_integrand(c, z), (z, 0, L))
    d.add(Identity("inner-integral-stm", sp.Integral(inner_integrand(0, z), (z, 0, L)),
                   sp.log(sp.exp(L / 2) + sp.sqrt(sp.exp(L) - 1)), eq="(27)",
                   domain={L: sp.Interval.open(sp.Rational(1, 100), 40)}, dps=DPS_QUAD,
                   lhs_tex="I(L;0)", why="$c=0$: $e^{-z}=1-s^2$ gives "
                                          "$\\int_0^S ds/(1-s^2)=\\mathrm{artanh}\\,S$"))
    d.add(Identity("inner-integral-stm-stable", d.ref("inner-integral-stm"),
                   sp.asinh(sp.sqrt(2 * sp.exp(L / 2) * sp.sinh(L / 2))), eq="(27)",
                   domain={L: sp.Interval.open(sp.Rational(1, 10**6), 600)},
                   why="$\\sqrt{e^L-1}=\\sqrt{2e^{L/2}\\sinh(L/2)}$ and "
                       "$\\ln(y+\\sqrt{y^2+1})=\\mathrm{asinh}\\,y$: the kernel's form, "
                       "without the cancellation of $e^L-1$ at small $L$"))
    S2 = 1 - sp.exp(-L)
    d.add(Identity("inner-integral-short-times", I_c,
                   sp.sqrt(S2) * sp.hyper([1 + c / 2, sp.Rational(1, 2)], [sp.Rational(3, 2)], S2),
                   eq="(27)", domain={L: sp.Interval.open(sp.Rational(1, 100), 4), c: c01},
                   dps=DPS_QUAD,
                   lhs_tex="I(L;c)",
                   why="$e^{-z}=1-s^2$: $I=\\int_0^S(1-s^2)^{-1-c/2}ds$, $S^2=1-e^{-L}$; "
                       "the kernel sums this series for $L\\le\\ln2$"))
    g_const = sp.gamma(-c / 2) * sp.gamma(sp.Rational(1, 2)) / sp.gamma(sp.Rational(1, 2) - c / 2) \
        + 2 / c
    u = sp.exp(-L)
    closed_long = (sp.exp(c * L / 2) - 1) / c + g_const / 2 \
        - sp.exp(-(1 - c / 2) * L) / (2 * (2 - c)) \
        * sp.hyper([1, sp.Rational(3, 2), 1 - c / 2], [2, 2 - c / 2], u)
    d.add(Identity("inner-integral-long-times", I_c, closed_long, eq="(27)",
                   domain={L: sp.Interval.open(sp.Rational(1, 2), 40), c: c01}, dps=DPS_QUAD,
                   lhs_tex="I(L;c)",
                   why="$w=e^{-z}$: $I=\\frac12\\int_u^1w^{-1-c/2}(1-w)^{-1/2}dw$, $u=e^{-L}$; "
                       "split $(1-w)^{-1/2}=1+[(1-w)^{-1/2}-1]$: the 1 gives $(e^{cL/2}-1)/c$, "
                       "the bracket on $(0,1)$ gives $\\frac12[B(-\\frac c2,\\frac12)+\\frac2c]$ "
                       "(analytic continuation), minus its part on $(0,u)$ summed termwise"))

    # --- (28): the long-time law -----------------------------------------------------------------
    # relative error (c/2) B(-c/2, 1/2) w^(-c/2) + O(1/w): order c/2 for 0 < c < 1; at c = 1
    # the coefficient vanishes (Gamma(1/2 - c/2) has a pole; I = sqrt(e^L - 1) exactly): order 1
    for cv, order, nm, why in (
            (sp.Rational(1, 2), 0.25, "long-time-inner-c1/2",
             "$c=\\frac12$, $w=t/\\tau_{min}$: the closed form gives $I=w^{c/2}/c+\\frac c2"
             "B(-\\frac c2,\\frac12)/c+O(w^{c/2-1})$: relative error $O(w^{-c/2})$"),
            (sp.Integer(1), 1.0, "long-time-inner-c1",
             "$c=1$: $\\frac c2B(-\\frac c2,\\frac12)=0$ ($1/\\Gamma(0)$); $I=\\sqrt{e^L-1}"
             "=\\sqrt{w-1}$ exactly: relative error $O(w^{-1})$, not $O(w^{-1/2})$")):
        d.add(Asymptotic(nm, d.ref("inner-integral-long-times", "lhs").subs(c, cv)
                         .subs(L, sp.log(w)), w ** (cv / 2) / cv, w, sp.oo,
                         order=order, eq="(28)", expr_tex="I(\\ln w;c)", why=why, dps=DPS_QUAD))
    C1 = (E / (2 * T * sp.cosh(E / (2 * T)))) ** 2
    tmin_E = tau_u * (Delta0 / E) ** 3 * sp.tanh(E / (2 * T))
    K_c = sp.Integral(x ** (2 + c / 2) / (4 * sp.cosh(x / 2) ** 2 * sp.tanh(x / 2) ** (c / 2)),
                      (x, 0, sp.oo))
    d.add(Identity("long-time-law",
                   sp.Integral(C1 * A * (Delta0 / E) ** c * (t / tmin_E) ** (c / 2) / c,
                               (E, 0, sp.oo)),
                   A / c * Delta0 ** (-c / 2) * (t / tau_u) ** (c / 2) * T ** (1 + c / 2) * K_c,
                   eq="(28)", uses=("long-time-inner-c1/2", "reduced-units"), dps=DPS_QUAD,
                   domain={T: unit, t: unit, tau_u: unit, Delta0: unit, A: unit, c: c01},
                   lhs_tex="\\int_0^\\infty dE\\,C_1(E)A\\Big(\\frac{\\Delta_0}{E}\\Big)^c"
                           "\\frac{(t/\\tau_{min}(E))^{c/2}}{c}",
                   why="the leading term of $I$ in (27), $\\tau_{min}(E)\\propto E^{-3}"
                       "\\tanh(E/2T)$; $E=xT$"))
    # the exponents of the law: K(c) is a constant (a positive number for the derivatives)
    Ksym = sp.Symbol("K_c", positive=True)
    law = d.ref("long-time-law").subs(K_c, Ksym)
    d.add(Identity("temperature-exponent", T * sp.Derivative(sp.log(law), T),
                   1 + c / 2, eq="(28)", kind=Kind.DERIVATIVE, uses=("long-time-law",),
                   domain={T: unit, t: unit, tau_u: unit, Delta0: unit, A: unit, c: c01,
                           Ksym: unit},
                   lhs_tex="\\partial\\ln C/\\partial\\ln T",
                   why="$C\\propto T^{1+c/2}$: the anomalous exponent $\\alpha=c/2$"))
    d.add(Identity("time-exponent", t * sp.Derivative(sp.log(law), t),
                   c / 2, eq="(28)", kind=Kind.DERIVATIVE, uses=("long-time-law",),
                   domain={T: unit, t: unit, tau_u: unit, Delta0: unit, A: unit, c: c01,
                           Ksym: unit},
                   lhs_tex="\\partial\\ln C/\\partial\\ln t", why="$C\\propto t^{c/2}$"))

    # --- the numbers of Sec. III.C ---------------------------------------------------------------
    d.add(NumericValue("anomalous-exponent", d.ref("temperature-exponent") - 1,
                       sp.Rational(1, 20), at={c: sp.Rational(1, 10)}, eq="(28)",
                       why="\"$c\\simeq0.1$ implies $\\alpha\\simeq0.05$\": $\\alpha=c/2$ "
                           "exactly"))
    lw = SIO2.values_in("xi_over_a", "Tg_over_omega_D", "omega_dagger_coeff")
    c_silica = c_derived.subs(hw, sp.Float(lw["omega_dagger_coeff"]) / sp.Float(lw["xi_over_a"]))
    d.add(NumericValue("exponent-silica", c_silica, sp.Float("0.014"), digits=2,
                       at={Tg: sp.Float(lw["Tg_over_omega_D"])}, eq="(22),(29)",
                       uses=("amplitude-distribution",),
                       why="$\\hbar\\omega^\\ddagger=1.6(a/\\xi)\\hbar\\omega_D$ (29), "
                           "$\\xi/a=5.8$, $T_g/\\hbar\\omega_D=4.4$: $c=0.0141$, below 0.1 as the "
                           "paper says (\"$c$ should be less than 0.1\"; it prints no value; "
                           "the printed formula without $1/\\pi$ would give 0.0443)"))
    # Eq. (25) with g of Eq. (18), SI units
    p = SIO2.values_in("a", "c_s", "rho", "Tg", "T_D", "E_over_T_D_fig11")
    k1_18 = (3 * g**2 / (2 * sp.pi * rho * c_s**5 * hbar**4)).subs(
        g, sp.sqrt(rho * c_s**2 * a**3 * k_B * Tg))
    silica = {a: sp.Float(p["a"]) * sp.Rational(1, 10**10), c_s: sp.Float(p["c_s"]),
              rho: sp.Float(p["rho"]) * 1000, Tg: sp.Float(p["Tg"]), k_B: K_B_SI,
              hbar: HBAR_SI}
    tau_min_expr = d.ref("reduced-units", "lhs").subs(k1, k1_18)
    E_fig11 = sp.Float(p["E_over_T_D_fig11"]) * sp.Float(p["T_D"]) * K_B_SI
    d.add(NumericValue("tau-min-fig11", tau_min_expr, sp.Float("1.0e-6"), digits=2,
                       at={**silica, E: E_fig11, T: K_B_SI * sp.Rational(1, 10**6)},
                       eq="(25),(18)", unit="s",
                       why="$E=5.7\\cdot10^{-4}k_BT_D$ ($T_D=342$ K), $T\\to0$; "
                           "$\\tau_{min}^{-1}=3a^3k_BT_gE^3/2\\pi c_s^3\\hbar^4$: 1.03 $\\mu$s. "
                           "The paper prints 2.0 $\\mu$s (Fig. 11): not reproduced, a factor "
                           "1.94 (erratum)"))
    ystar = schottky_peak_location()
    d.add(Extremum("schottky-peak", (y / sp.cosh(y)) ** 2, y, ystar, extremum="maximum",
                   eq="(26)", equivalent_mutants={
                       "at:neg": "y^2 sech^2 y is even: -1.1997 is the other maximum (y = E/2T "
                                 "> 0 is meant)"},
                   why="the heat capacity of one TLS, $(\\beta E/2)^2\\mathrm{sech}^2"
                       "(\\beta E/2)$, peaks at $\\beta E/2=1.1997$ ($y\\tanh y=1$)"))
    T10 = K_B_SI * sp.Rational(1, 100)
    d.add(NumericValue("rate-10mK", (1 / tau_min_expr),
                       sp.Float("1e3"), magnitude=True,
                       at={**silica, T: T10, E: 2 * d.ref("schottky-peak") * T10},
                       eq="(25)", unit="1/s", uses=("reduced-units",),
                       why="$T=10$ mK at the peak of the one-TLS heat capacity, "
                           "$E=2.40\\,k_BT$: $2.2\\cdot10^3$ s$^{-1}$ (at $E=k_BT$: "
                           "$2.8\\cdot10^2$); the paper: \"empirically of order an inverse "
                           "millisecond\""))

    # --- the paper's quantitative claims (catalogue N17-N20; `glassderive numbers`) ------------
    d.claim("N17", "c < 0.1; c ~ 0.1 implies alpha ~ 0.05",
            ("exponent-silica", "anomalous-exponent"))
    d.claim("N18", "tau_min^-1 empirically ~ 1 ms^-1 at 1e-2 K", ("rate-10mK",))
    d.claim("N19", "tau_min = 2.0 us at E/T_D = 5.7e-4, derived from the theory (Fig. 11)",
            ("tau-min-fig11",))
    d.printed("tau-min-fig11", 2.0e-6,
              "Eq. (25) with g of Eq. (18) and the silica set gives 1.03 us")
    d.claim("N20", "C ~ t^(c/2) T^(1+c/2) at long times (Eq. 28)",
            ("long-time-inner-c1/2", "long-time-inner-c1", "long-time-law",
             "temperature-exponent", "time-exponent"),
            note="the approach is slow, (t/tau_min)^(-c/2): at laboratory times the local "
                 "exponents are 1.09-1.32 and 0.06-0.14, not 1.05 and 0.05")

    # --- results ---------------------------------------------------------------------------------
    d.result("amplitude_distribution", d.ref("amplitude-distribution"),
             (Delta, Delta0, hw, Tg, Nv), {Delta: pos, Delta0: pos, hw: pos, Tg: pos, Nv: pos},
             "P(Delta) of Eq. (22), c = hbar omega/(sqrt 2 pi T_g)", where=Delta < Delta0)
    d.result("tau_min", d.ref("reduced-units"), (E, T, k1, Delta0),
             {E: pos, T: pos, k1: pos, Delta0: pos}, "tau_min(E) of Eq. (25)")
    d.result("joint_distribution", d.ref("energy-rate-distribution"),
             (E, nu, T, k1, Delta0, A, c, Pbar),
             {E: pos, nu: pos, T: pos, k1: pos, Delta0: pos, A: pos, c: sp.Interval(0, 1),
              Pbar: pos}, "P(E, tau^-1) of Eq. (24)", where=nu < m)
    d.result("inner_integral_stm", d.ref("inner-integral-stm-stable"), (L,),
             {L: sp.Interval.open(0, 700)},
             "I(L; 0) = asinh(sqrt(e^L - 1)) = ln(e^(L/2) + sqrt(e^L - 1)), Eq. (27) at c = 0")
    return d
