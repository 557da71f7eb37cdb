"""WKB tunnelling in a soft double well and the distribution of two-level systems.

Source
    D. A. Parshin, H. R. Schober, V. L. Gurevich, Phys. Rev. B 76, 064206 (2007),
    Sec. IV, Eqs. (4.1)-(4.13).

What it derives
    The WKB action of the symmetric double well U_eff + V = (A/4)(x^2 - x0^2)^2 (linear force
    neglected), the tunnel splitting Delta_0 = W exp(-S/hbar) in both forms, the asymmetry
    Delta = 2 f x0 to first order in f (against the exact energy difference of the minima),
    E and p, and the change of variables (|k|, f) -> (E, p) behind the TLS distribution F(E, p).

Key results
    * S = (2 sqrt 2/3) |k|^(3/2) M^(1/2) / A (4.3) (quadrature of the WKB integral).
    * Delta = 2 f x0 (1 + O(f^2)) (4.5).
    * |d(|k|, f)/d(E, p)| = (1/6) sqrt(A) c^(-1/3) L^(-2/3) / (p sqrt(1-p)) =
      (1/2) (2/9)^(1/3) 2^(5/2) M^(3/2) W^(5/2) hbar^-3 L^(-2/3) / (p sqrt(1-p)), with
      c = sqrt(2) hbar^3 / (24 M^(3/2) W^3), L = ln(W/(E sqrt p)).  It is *exact* given (4.4) and
      (4.5) (no leading-logarithm approximation: the f-dependence on |k| drops out of the
      determinant); the printed J of (4.7) is twice this, the factor 2 counting both signs of f
      (f and -f give the same E and p).
    * STM: F(E, p) = P / (2 p sqrt(1 - p)) (4.12) and P of (4.13); the numbers (4.9), (4.10).
"""

from __future__ import annotations

import sympy as sp

from glassderive import (Asymptotic, Derivation, Extremum, Identity, Jacobian, Kind,
                         NumericValue, register)

NAME = "wkb-tunneling"

M, A, W, hbar, E, p, kabs, f, x, L, n0, P0, Phi0, Pstm = sp.symbols(
    "M A W hbar E p |k| f x L n_0 P_0 Phi_0 P", positive=True)
omega_c, g_c, g_0 = sp.symbols("omega_c g_0c g_00", positive=True)
Delta, Delta0 = sp.symbols("Delta Delta_0", positive=True)
A_of_W = 16 * M**2 * W**3 / hbar**4                                 # inverse of (4.2)
J_PRINTED = (sp.Rational(2, 9)) ** sp.Rational(1, 3) * 2 ** sp.Rational(5, 2) \
    * M ** sp.Rational(3, 2) * W ** sp.Rational(5, 2) / hbar**3      # (4.7) without L, p


def f_star(K):
    return 2 * K ** sp.Rational(3, 2) / (3 * sp.sqrt(3 * A))


@register(NAME, title="WKB tunnelling and the TLS distribution",
          paper="D. A. Parshin, H. R. Schober, V. L. Gurevich, Phys. Rev. B 76, 064206 (2007)",
          equations="4.1-4.13")
def build() -> Derivation:
    d = Derivation(
        NAME,
        title="WKB tunnelling in a soft double well and the distribution $F(E,p)$ of TLS",
        paper="D. A. Parshin, H. R. Schober, V. L. Gurevich, Phys. Rev. B 76, 064206 (2007)",
        equations="(4.1)-(4.13)",
        summary="The tunnelling action of the soft double well, the splitting and asymmetry, "
                "and the Jacobian from $(|k|,f)$ to $(E,p)$ that gives the TLS distribution.",
    )
    d.require_verified_results = True
    unit = sp.Interval.open(sp.Rational(1, 2), 2)
    x0 = sp.sqrt(kabs / A)
    U = -f * x - kabs * x**2 / 2 + A * x**4 / 4
    d.define(sp.Function("U_{eff}")(x), U, "Eq. (3.1) with $k=-|k|<0$")
    d.define(W, sp.Rational(1, 2) * hbar * (hbar * A / (2 * M**2)) ** sp.Rational(1, 3), "Eq. (4.2)")
    d.add(Identity("W-inverse",
                   (sp.Rational(1, 2) * hbar * (hbar * A / (2 * M**2)) ** sp.Rational(1, 3)).subs(A, A_of_W),
                   W, eq="(4.2)", domain={M: unit, W: unit, hbar: unit},
                   why="$A=16M^2W^3/\\hbar^4$"))
    d.add(Identity("symmetric-double-well", U.subs(f, 0) + kabs**2 / (4 * A),
                   A / 4 * (x**2 - x0**2) ** 2, eq="(4.1)",
                   why="$f=0$: barrier $V=k^2/4A$ above the minima $\\pm x_0$"))
    S = 2 * sp.Integral(sp.sqrt(2 * M * A / 4 * (x0**2 - x**2) ** 2), (x, 0, x0))
    S_claim = 2 * sp.sqrt(2) / 3 * kabs ** sp.Rational(3, 2) * sp.sqrt(M) / A
    d.add(Identity("wkb-action", S, S_claim, eq="(4.1),(4.3)",
                   domain={M: unit, A: unit, kabs: unit}, why="quadrature of the WKB integral"))
    d.add(Identity("splitting-second-form", (W * sp.exp(-S_claim / hbar)).subs(A, A_of_W),
                   W * sp.exp(-sp.sqrt(2) / 24 * hbar**3 * kabs ** sp.Rational(3, 2)
                              / (M ** sp.Rational(3, 2) * W**3)),
                   eq="(4.4)", domain={M: unit, W: unit, hbar: unit, kabs: unit},
                   why="(4.3) with $A$ from (4.2)"))

    # (4.5): asymmetry, against the exact minima of the cubic (trigonometric roots)
    phi = f / f_star(kabs)
    roots = [2 * sp.sqrt(kabs / (3 * A)) * sp.cos(sp.acos(phi) / 3 - 2 * sp.pi * j / 3)
             for j in (0, 2)]
    d.add(Extremum("minima-of-the-cubic", U, x, roots, eq="(4.5)",
                   domain={A: unit, kabs: unit, f: sp.Interval.open(0, sp.Rational(1, 20))},
                   why="trigonometric roots of $Ax^3-|k|x-f=0$: the lower and the higher "
                       "minimum, real and with $U''>0$"))
    roots = list(d.ref("minima-of-the-cubic"))
    exact_delta = U.subs(x, roots[1]) - U.subs(x, roots[0])
    d.add(Asymptotic("asymmetry-first-order", exact_delta, 2 * f * x0, f, 0, order=2,
                     domain={A: unit, kabs: unit}, eq="(4.5)", dps=40,
                     points=[10.0**-k for k in (2, 3, 4, 5, 6)],
                     why="$\\Delta=2fx_0$; the error is odd in $f$ relative: $O(f^2)$",
                     expr_tex="\\Delta(f)"))

    # (4.6): E and p
    d.add(Identity("energy-and-p",
                   [sp.sqrt((E * sp.sqrt(p)) ** 2 + (E * sp.sqrt(1 - p)) ** 2),
                    (E * sp.sqrt(p) / E) ** 2], [E, p], eq="(4.6)",
                   domain={E: unit, p: sp.Interval.open(0, 1)},
                   why="$\\Delta_0=E\\sqrt p$, $\\Delta=E\\sqrt{1-p}$ invert the definitions"))

    # (4.7): the Jacobian of (|k|, f) -> (E, p), exactly
    c = sp.sqrt(2) * hbar**3 / (24 * M ** sp.Rational(3, 2) * W**3)
    LL = sp.log(W / (E * sp.sqrt(p)))
    k_of = (LL / c) ** sp.Rational(2, 3)                      # inverts (4.4)
    f_of = E * sp.sqrt(1 - p) / (2 * sp.sqrt(k_of / A_of_W))  # inverts (4.5)
    jac = J_PRINTED / 2 * LL ** sp.Rational(-2, 3) / (p * sp.sqrt(1 - p))
    dom = {M: unit, W: sp.Interval.open(1, 2), hbar: unit, E: sp.Interval.open(
        sp.Rational(1, 100), sp.Rational(1, 2)), p: sp.Interval.open(sp.Rational(1, 20), sp.Rational(19, 20))}
    d.add(Jacobian("jacobian-E-p", {kabs: k_of, f: f_of}, (E, p), jac, eq="(4.7)", domain=dom,
                   why="exact given (4.4), (4.5); (4.7) prints twice this: both signs of $f$"))
    d.add(Identity("splitting-inverts", (W * sp.exp(-c * kabs ** sp.Rational(3, 2))).subs(kabs, k_of),
                   E * sp.sqrt(p), eq="(4.4),(4.7)", domain=dom,
                   why="$|k|(E,p)$ reproduces $\\Delta_0=E\\sqrt p$"))

    # (4.12)-(4.13): the standard tunnelling model
    d.add(Jacobian("stm-jacobian", {Delta: E * sp.sqrt(1 - p), Delta0: E * sp.sqrt(p)}, (E, p),
                   E / (2 * sp.sqrt(p * (1 - p))), eq="(4.12)",
                   domain={E: unit, p: sp.Interval.open(0, 1)}))
    d.add(Identity("stm-distribution", Pstm / (E * sp.sqrt(p)) * E / (2 * sp.sqrt(p * (1 - p))),
                   Pstm / (2 * p * sp.sqrt(1 - p)), eq="(4.12)",
                   domain={E: unit, p: sp.Interval.open(0, 1), Pstm: unit},
                   why="$P(\\Delta,\\Delta_0)=P/\\Delta_0$"))
    F48 = n0 * P0 * Phi0 * J_PRINTED * L ** sp.Rational(-2, 3) / (p * sp.sqrt(1 - p))
    d.add(Identity("tls-density", 2 * p * sp.sqrt(1 - p) * F48,
                   (sp.Rational(2, 9)) ** sp.Rational(1, 3) * 2 ** sp.Rational(7, 2) * n0 * P0 * Phi0
                   * M ** sp.Rational(3, 2) * W ** sp.Rational(5, 2) / hbar**3 * L ** sp.Rational(-2, 3),
                   eq="(4.8),(4.13)", domain={n0: unit, P0: unit, Phi0: unit, M: unit, W: unit,
                                               hbar: unit, L: unit, p: sp.Interval.open(0, 1)},
                   why="(4.8) $=$ (4.12)"))

    # (4.9)-(4.10): how small f and |k| are in the TLS range
    delta_f = M * sp.sqrt(M) / sp.sqrt(A) * omega_c**3 * g_c / g_0       # (3.5)
    k_L = (L / c) ** sp.Rational(2, 3)
    f_L = E * sp.sqrt(1 - p) / (2 * sp.sqrt(k_L / A))
    d.add(Identity("force-ratio", (f_L / delta_f).subs(A, A_of_W),
                   4 * (sp.Rational(2, 9)) ** sp.Rational(1, 6) * L ** sp.Rational(-1, 3)
                   * E * sp.sqrt(1 - p) / W * (W / (hbar * omega_c)) ** 3 * g_0 / g_c,
                   eq="(4.9)", domain={M: unit, W: unit, hbar: unit, E: unit, L: unit,
                                       omega_c: unit, g_c: unit, g_0: unit,
                                       p: sp.Interval.open(0, 1)},
                   why="(4.5) with (4.4) and (3.5)"))
    d.add(Identity("stiffness-ratio", k_L / (M * omega_c**2),
                   4 * (sp.Rational(9, 2)) ** sp.Rational(1, 3) * L ** sp.Rational(2, 3)
                   * (W / (hbar * omega_c)) ** 2, eq="(4.10)",
                   domain={M: unit, W: unit, hbar: unit, L: unit, omega_c: unit},
                   why="(4.4) with $k_c=M\\omega_c^2$"))
    # the silica numbers: g_0 ~ omega^2 and omega_0 = 3 omega_c give g_0(omega_0)/g_0(omega_c) = 9
    nums = {L: 10, E: 1, W: 4, hbar: 1, omega_c: 100, p: 0, g_0: 9, g_c: 1}
    d.add(NumericValue("force-ratio-silica", d.ref("force-ratio"), sp.Float("2e-4"), digits=1,
                       at=nums, eq="(4.9),(4.11)",
                       why="$L=10$, $E=1$ K, $W=4$ K, $\\hbar\\omega_c=100$ K, $g_0\\propto\\omega^2$, "
                           "$\\omega_0=3\\omega_c$, $p\\to0$; printed to one digit"))
    d.add(NumericValue("stiffness-ratio-silica", d.ref("stiffness-ratio"), sp.Float("0.05"),
                       digits=1, at={L: 10, W: 4, hbar: 1, omega_c: 100}, eq="(4.10),(4.11)",
                       why="same set; printed to one digit"))

    pos = sp.Interval.open(0, sp.oo)
    d.result("wkb_action", d.ref("wkb-action"), (kabs, M, A), {kabs: pos, M: pos, A: pos},
             "S of Eq. (4.3)")
    d.result("tunnel_splitting", d.ref("splitting-second-form"),
             (kabs, M, W, hbar), {kabs: sp.Interval(0, sp.oo), M: pos, W: pos, hbar: pos},
             "Delta_0 of Eq. (4.4)")
    d.result("asymmetry", d.ref("asymmetry-first-order"), (f, kabs, A),
             {f: sp.Interval(-sp.oo, sp.oo), kabs: sp.Interval(0, sp.oo), A: pos},
             "Delta = 2 f x0, Eq. (4.5) (first order in f)")
    d.result("jacobian_E_p", d.ref("jacobian-E-p"), (E, p, M, W, hbar),
             {E: pos, p: sp.Interval.open(0, 1), M: pos, W: pos, hbar: pos},
             "|d(|k|, f)/d(E, p)| for one sign of f", where=E * sp.sqrt(p) < W)
    return d
