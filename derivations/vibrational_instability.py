"""Vibrational instability of a soft oscillator coupled to stiff ones.

Source
    D. A. Parshin, H. R. Schober, V. L. Gurevich, Phys. Rev. B 76, 064206 (2007),
    Eq. (1.1) and Sec. II, Eqs. (2.2)-(2.24).

What it derives
    * (1.1): two coupled oscillators; the product of the squared normal-mode frequencies is
      exactly omega1^2 omega2^2 (1 - I^2/Ic^2), Ic = omega1 omega2 sqrt(M1 M2); the lower one is
      omega1^2 (1 - I^2/Ic^2) up to O((omega1/omega2)^2), and it becomes negative iff I > Ic.
    * (2.7)-(2.16): equations of motion, adiabatic elimination of the stiff oscillators
      (x_j = I_j1 x_1 / k_j), U_eff with k = k_1 - kappa, kappa = sum_j I_1j^2/k_j, the minima
      +-sqrt(|k|/A), the barrier k^2/4A, and omega^2 = 2|k|/M beyond the instability: A drops
      out and the frequency is "mirrored" with a factor 2.
    * (2.17): the Levy (Holtsmark) distribution of kappa: normalisation, cumulative
      erfc(B/sqrt(2 kappa)), the 1/kappa^(3/2) tail with O(1/kappa) corrections.
    * (2.20)-(2.24): F(k) from g0(omega) (and 3 sqrt(k)/2 for g0 = 3 omega^2), the two
      branches of the convolution Phi(k), and its flatness Phi(k) = Phi(0) (1 + O(k)) near k = 0
      on both sides (F cut off at k0 = M omega_0^2, as g0 is).
"""

from __future__ import annotations

import sympy as sp

from glassderive import Asymptotic, Derivation, Equivalence, Extremum, Identity, Kind, register

NAME = "vibrational-instability"

w1, w2, M1, M2, I, eps, s_ = sp.symbols("omega_1 omega_2 M_1 M_2 I varepsilon s", positive=True)
x1, x2, x3 = sp.symbols("x_1:4", real=True)
k1, k2, k3, A1, A2, A3, I12, I13, I23, M = sp.symbols(
    "k_1 k_2 k_3 A_1 A_2 A_3 I_12 I_13 I_23 M", positive=True)
kap, B, K, kabs, omega, k = sp.symbols("kappa B K |k| omega k", positive=True)
x = sp.symbols("x", real=True)
kk = sp.symbols("k_s", real=True)


def levy(kappa):
    """(2.17)."""
    return B / sp.sqrt(2 * sp.pi) / kappa ** sp.Rational(3, 2) * sp.exp(-B**2 / (2 * kappa))


@register(NAME, title="Vibrational instability and the distribution of quasi-elastic constants",
          paper="D. A. Parshin, H. R. Schober, V. L. Gurevich, Phys. Rev. B 76, 064206 (2007)",
          equations="1.1, 2.2-2.24")
def build() -> Derivation:
    d = Derivation(
        NAME,
        title="Vibrational instability of a soft oscillator and the distribution $\\Phi(k)$",
        paper="D. A. Parshin, H. R. Schober, V. L. Gurevich, Phys. Rev. B 76, 064206 (2007)",
        equations="(1.1), (2.2)-(2.24)",
        summary="Bilinear coupling to stiff oscillators softens a soft one; beyond the "
                "instability the anharmonicity stabilises it in a double well whose frequency "
                "is the mirror image of the harmonic one.",
    )
    d.require_verified_results = True
    unit = sp.Interval.open(sp.Rational(1, 2), 2)
    # ---- (1.1): two coupled oscillators --------------------------------------------------
    Ic = w1 * w2 * sp.sqrt(M1 * M2)
    Kmat = sp.Matrix([[M1 * w1**2, -I], [-I, M2 * w2**2]])
    Mmat = sp.diag(M1, M2)
    lam = sp.symbols("lambda")
    charpoly = sp.Poly((Kmat - lam * Mmat).det(), lam)
    prod_roots = charpoly.coeffs()[-1] / charpoly.coeffs()[0]
    d.add(Identity("two-oscillator-determinant", prod_roots, w1**2 * w2**2 * (1 - I**2 / Ic**2),
                   eq="(1.1)", domain={w1: unit, w2: unit, M1: unit, M2: unit, I: unit},
                   why="product of the squared normal-mode frequencies: $\\det K/\\det M$"))
    lower = ((w1**2 + w2**2) - sp.sqrt((w1**2 - w2**2) ** 2 + 4 * I**2 / (M1 * M2))) / 2
    d.add(Identity("two-oscillator-roots", [charpoly.as_expr().subs(lam, lower)], [0],
                   eq="(1.1)", domain={w1: unit, w2: unit, M1: unit, M2: unit, I: unit},
                   why="the lower root of $\\det(K-\\Omega^2M)=0$",
                   equivalent_mutants={"lhs[0]:neg": "the claim is p(lower) = 0; -p(lower) = 0 "
                                                     "is the same statement"}))
    low_eps = lower.subs({w2: w1 / eps, I: s_ * Ic.subs(w2, w1 / eps)})
    d.add(Asymptotic("soft-mode-frequency", low_eps, w1**2 * (1 - s_**2), eps, 0, order=2,
                     domain={w1: unit, M1: unit, M2: unit, s_: sp.Interval.open(0, sp.Rational(9, 10))},
                     eq="(1.1)", expr_tex="\\tilde\\omega_1^2",
                     why="$\\omega_1\\ll\\omega_2$ ($\\varepsilon=\\omega_1/\\omega_2$), $I=sI_c$"))
    d.add(Equivalence("instability", I > Ic, sp.LessThan(lower, 0), eq="(1.1)",
                      domain={w1: unit, w2: unit, M1: unit, M2: unit,
                              I: sp.Interval.open(0, 8)},
                      why="the soft mode goes unstable at $I=I_c$"))

    # ---- (2.2)-(2.16): three oscillators, the first soft ---------------------------------
    xs = (x1, x2, x3)
    ks, As = (k1, k2, k3), (A1, A2, A3)
    Imat = {(0, 1): I12, (1, 0): I12, (0, 2): I13, (2, 0): I13, (1, 2): I23, (2, 1): I23}
    Utot = sum(ks[i] * xs[i] ** 2 / 2 for i in range(3)) \
        - sp.Rational(1, 2) * sum(Imat[(i, j)] * xs[i] * xs[j] for i in range(3) for j in range(3) if i != j) \
        + sum(As[i] * xs[i] ** 4 for i in range(3)) / 4
    d.define(sp.Symbol("U_{tot}"), Utot, "Eq. (2.2), three oscillators")
    eom = [-ks[i] * xs[i] + sum(Imat[(i, j)] * xs[j] for j in range(3) if j != i) - As[i] * xs[i] ** 3
           for i in range(3)]
    d.add(Identity("equations-of-motion", [-sp.diff(Utot, xi) for xi in xs], eom,
                   eq="(2.7)-(2.8)", kind=Kind.DERIVATIVE,
                   why="$M_i\\ddot x_i=-\\partial U_{tot}/\\partial x_i$ (ordered pairs)"))
    # adiabatic elimination: stiff oscillators harmonic, not coupled to each other
    Uad = Utot.subs({A2: 0, A3: 0, I23: 0})
    xj = {x2: I12 * x1 / k2, x3: I13 * x1 / k3}
    d.add(Identity("adiabatic-limit", [sp.diff(Uad, x2).subs(xj), sp.diff(Uad, x3).subs(xj)],
                   [0, 0], eq="(2.9)", why="$x_j=(I_{j1}/k_j)x_1$ minimises $U$ in the stiff modes"))
    kappa = I12**2 / k2 + I13**2 / k3
    d.add(Identity("effective-potential", Uad.subs(xj),
                   (k1 - kappa) * x1**2 / 2 + A1 * x1**4 / 4, eq="(2.10)-(2.13)",
                   kind=Kind.SUBSTITUTION, why="$\\kappa=\\sum_jI_{1j}^2/k_j$, $k=k_1-\\kappa$"))
    Ueff = -kabs * x**2 / 2 + A1 * x**4 / 4
    x10 = sp.sqrt(kabs / A1)
    d.add(Extremum("double-well-minima", Ueff, x, [x10, -x10], eq="(2.14)",
                   domain={kabs: unit, A1: unit},
                   why="$x_{10}=\\pm\\sqrt{|k|/A_1}$: real, $U'=0$, $U''=2|k|>0$"))
    d.add(Identity("double-well-barrier", Ueff.subs(x, 0) - Ueff.subs(x, d.ref("double-well-minima")[0]),
                   kabs**2 / (4 * A1), eq="(2.15)", domain={kabs: unit, A1: unit},
                   why="barrier $V=k^2/4A_1$ between $x=0$ and the minima"))
    x10 = d.ref("double-well-minima")[0]
    d.add(Identity("mirror-frequency", sp.diff(Ueff, x, 2).subs(x, x10) / M, 2 * kabs / M,
                   eq="(2.16)", domain={kabs: unit, A1: unit, M: unit},
                   why="$A_1$ drops out; $\\omega^2=2|k|/M$ mirrors $k/M$ with a factor 2"))

    # ---- (2.17): Levy distribution ------------------------------------------------------
    d.define(sp.Symbol("rho(kappa)"), levy(kap), "Eq. (2.17)")
    d.add(Identity("levy-normalisation", sp.Integral(levy(kap), (kap, 0, sp.oo)), 1,
                   eq="(2.17)", domain={B: unit}))
    d.add(Identity("levy-cumulative", sp.Integral(levy(kap), (kap, 0, K)),
                   sp.erfc(B / sp.sqrt(2 * K)), eq="(2.17)", domain={B: unit, K: unit}))
    d.add(Asymptotic("levy-tail", levy(kap), B / sp.sqrt(2 * sp.pi) / kap ** sp.Rational(3, 2),
                     kap, sp.oo, order=1, domain={B: unit}, eq="(2.17)",
                     why="$\\rho\\propto\\kappa^{-3/2}$: $\\langle\\kappa^\\nu\\rangle$ diverges "
                         "for $\\nu\\ge1/2$"))

    # ---- (2.20)-(2.24): F(k) and Phi(k) -------------------------------------------------
    g0 = 3 * omega**2            # Fig. 2: g0 = 3 omega^2 on 0 < omega < omega_0 = 1 (n0 = M = 1)
    F = g0.subs(omega, sp.sqrt(k)) / (2 * sp.sqrt(k))
    d.add(Identity("F-from-g0", F, sp.Rational(3, 2) * sp.sqrt(k), eq="(2.20)",
                   why="$F(k)=g_0(\\omega)/2M\\omega$, $k=M\\omega^2$; Fig. 2: $3\\sqrt k/2$"))
    d.add(Identity("F-normalisation", sp.Integral(g0 / (2 * omega) * 2 * omega, (omega, 0, 1)),
                   sp.Integral(sp.Rational(3, 2) * sp.sqrt(k), (k, 0, 1)), eq="(2.20)",
                   kind=Kind.CHANGE_OF_VARIABLES, why="$dk=2M\\omega\\,d\\omega$"))
    Bc = sp.Rational(1, 10)      # k_c = B^2 = 0.01 << k_0 = 1
    rho = levy(kap).subs(B, Bc)
    Fk = lambda arg: sp.Rational(3, 2) * sp.sqrt(arg)
    Phi0 = sp.Integral(rho * Fk(kap), (kap, 0, 1))
    d.add(Asymptotic("phi-flat-positive", sp.Integral(rho * Fk(kk + kap), (kap, 0, 1 - kk)), Phi0,
                     kk, 0, order=1, eq="(2.23)-(2.24)",
                     points=[10.0**-j for j in (4, 5, 6, 7, 8)], dps=30,
                     expr_tex="\\Phi(k>0)",
                     why="$\\Phi(k)=\\int d\\kappa\\,\\rho(\\kappa)F(k+\\kappa)$, $k_c=B^2=0.01$"))
    Phi_neg = sp.Integral(Fk(kap) * rho.subs(kap, kap + kk), (kap, 0, 1))
    d.add(Asymptotic("phi-flat-negative", Phi_neg, Phi0, kk, 0, order=1, eq="(2.22)-(2.24)",
                     points=[10.0**-j for j in (4, 5, 6, 7, 8)], dps=30,
                     expr_tex="\\Phi(-k)",
                     why="$\\Phi(k<0)=\\int dk_1F(k_1)\\rho(k_1+|k|)$: the same value at $k=0$"))

    pos = sp.Interval.open(0, sp.oo)
    d.result("levy_density", d.ref("levy-cumulative", "lhs").function, (kap, B),
             {kap: pos, B: pos}, "rho(kappa), Eq. (2.17)")
    d.result("critical_coupling", d.ref("instability", "lhs").rhs, (w1, w2, M1, M2),
             {w1: pos, w2: pos, M1: pos, M2: pos}, "I_c of Eq. (1.1)")
    d.result("mirror_frequency_squared", d.ref("mirror-frequency"), (kabs, M),
             {kabs: sp.Interval(0, sp.oo), M: pos}, "omega^2 beyond the instability, Eq. (2.16)")
    return d
