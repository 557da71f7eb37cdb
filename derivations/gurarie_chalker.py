"""Gurarie-Chalker Jacobian and the omega^3 / omega^4 densities of quasi-localized modes.

Source
    A. Kumar, I. Procaccia, M. Singh, "Density of quasi-localized modes in glasses: where are
    the two-level systems?", arXiv:2102.12368 (2021), Eqs. (3)-(9).

What it derives
    A mode's energy along its reaction coordinate s is a random quartic, Eq. (3),
    ``U(s) = sum_n a_n s^n / n!``, re-expanded about one of its minima s0, Eq. (4),
    ``U(s) = sum_n b_n [(s - s0)^n - (-s0)^n] / n!``.  Matching coefficients gives a_n(s0, b2,
    b3, b4); the Jacobian of (a1..a4) -> (s0, b2, b3, b4) is |b2| (Eqs. 5-6), so a smooth density
    of the a_n becomes a density of minima that vanishes linearly at small curvature b2 = omega^2.

Key results
    * |d(a1, a2, a3, a4)/d(s0, b2, b3, b4)| = |b2| (exact, for every extremum s0).
    * Integrating b3 freely: P(b2) ~ b2, D(omega) = 2 omega P(omega^2) ~ omega^3 (Eq. 7).
    * Condition (8), |b3| <= sqrt(3 b2 b4), is *exactly* the condition that s0 is the lowest
      minimum of U (given b2 > 0, b4 > 0); a second minimum exists iff |b3| > sqrt(8 b2 b4/3),
      i.e. |beta| > 2 sqrt(2)/3, so (8) does not exclude double wells: for
      2 sqrt(2)/3 < |beta| <= 1 the quartic is a double well whose deeper minimum is s0.
    * Integrating b3 under (8): P(b2) ~ b2^(3/2), D(omega) ~ omega^4 (Eq. 9), with relative
      corrections O(b2).
    The Monte Carlo confirmation is :func:`glassderive.numeric.quartic.sample_minima`.
"""

from __future__ import annotations

import mpmath as mp
import sympy as sp

from glassderive import (Asymptotic, Condition, Derivation, Equivalence, Extremum, Identity,
                         Jacobian, Kind, count_real_roots, register)

NAME = "gurarie-chalker"

s, s0, u = sp.symbols("s s_0 u", real=True)
b2, b3, b4 = sp.symbols("b_2 b_3 b_4", real=True)
a1, a2, a3, a4 = sp.symbols("a_1:5", real=True)
omega, omega_max, C, gamma = sp.symbols("omega omega_max C gamma", positive=True)

# A smooth density of the quartic's coefficients used to test the marginals (any smooth,
# nonvanishing density does; this one is a product of Gaussians).
def smooth_density(A1, A2, A3, A4):
    return sp.exp(-(A1**2 + A2**2 + A3**2) / 2 - (A4 - 1) ** 2 / 2)


def _lowest_minimum(point) -> bool:
    """Is u = 0 the lowest minimum of V(u) = b2 u^2/2 + b3 u^3/6 + b4 u^4/24?

    Independent of the algebra of (8): all critical points by mpmath.polyroots, V compared there.
    """
    B2, B3, B4 = point[b2], point[b3], point[b4]
    if not (B2 > 0 and B4 > 0):
        return False  # not a minimum, or U unbounded below
    # V'(u) = u (b2 + b3 u / 2 + b4 u^2 / 6)
    roots = mp.polyroots([B4 / 6, B3 / 2, B2], maxsteps=200, extraprec=60)
    for r in roots:
        if abs(mp.im(r)) < mp.mpf(10) ** (-(mp.mp.dps // 2)):
            x = mp.re(r)
            if B2 * x**2 / 2 + B3 * x**3 / 6 + B4 * x**4 / 24 < 0:
                return False
    return True


def _second_minimum(point) -> bool:
    """Has V a minimum besides u = 0?  Count the further critical points exactly (Sturm)."""
    B2, B3, B4 = point[b2], point[b3], point[b4]
    # with b4 > 0 a pair of distinct further real critical points is one maximum and one minimum
    return B4 > 0 and count_real_roots([B4 / 6, B3 / 2, B2]) == 2


@register(NAME, title="Gurarie-Chalker Jacobian and the omega^3 / omega^4 mode densities",
          paper="A. Kumar, I. Procaccia, M. Singh, Density of quasi-localized modes in "
                "glasses, arXiv:2102.12368 (2021)", equations="3-9")
def build() -> Derivation:
    d = Derivation(
        NAME,
        title="Gurarie--Chalker Jacobian and the $\\omega^3$/$\\omega^4$ densities of "
              "quasi-localized modes",
        paper="A. Kumar, I. Procaccia, M. Singh, Density of quasi-localized modes in glasses: "
              "where are the two-level systems?, arXiv:2102.12368 (2021)",
        equations="(3)-(9)",
        summary="A random quartic re-expanded about a minimum: the change of variables from its "
                "coefficients to (position, curvature, cubic, quartic) has Jacobian $|b_2|$, "
                "hence $D(\\omega)\\propto\\omega^3$; restricting to lowest minima adds "
                "$\\sqrt{b_2}$ and gives $\\omega^4$.",
    )
    d.require_verified_results = True
    U3 = d.define(sp.Function("U")(s), sum(a * s**n / sp.factorial(n)
                                           for n, a in zip(range(1, 5), (a1, a2, a3, a4))),
                  "Eq. (3), expansion about the reference point")
    b = {2: b2, 3: b3, 4: b4}
    U4 = sum(b[n] * ((s - s0) ** n - (-s0) ** n) / sp.factorial(n) for n in range(2, 5))
    d.define(sp.Function("U")(s), U4, "Eq. (4), expansion about the minimum $s_0$")

    # (4): U(0) = 0, U'(s0) = 0 and U^(n)(s0) = b_n
    d.add(Identity(
        "derivatives-at-s0",
        [U4.subs(s, 0), sp.diff(U4, s).subs(s, s0)] + [sp.diff(U4, s, n).subs(s, s0)
                                                        for n in (2, 3, 4)],
        [0, 0, b2, b3, b4],
        lhs_tex=r"\left(U(0),\,U'(s_0),\,U^{(2)}(s_0),\,U^{(3)}(s_0),\,U^{(4)}(s_0)\right)^T",
        eq="(4)", kind=Kind.DERIVATIVE,
        why="$U(0)=0$, $U'(s_0)=0$, $U^{(n)}(s_0)=b_n$"))

    # the a_n as functions of (s0, b2, b3, b4): written out, checked by U3(a(s0, b)) == U4
    a_of_b = {
        a1: -b2 * s0 + b3 * s0**2 / 2 - b4 * s0**3 / 6,
        a2: b2 - b3 * s0 + b4 * s0**2 / 2,
        a3: b3 - b4 * s0,
        a4: b4,
    }
    # a_n = U^(n)(0) of Eq. (3), computed from the expansion (4) about the minimum
    d.add(Identity(
        "coefficients-at-reference-point",
        [sp.diff(U4, s, n).subs(s, 0) for n in range(1, 5)],
        [a_of_b[a] for a in (a1, a2, a3, a4)],
        lhs_tex=r"\left(U^{(1)}(0),\,U^{(2)}(0),\,U^{(3)}(0),\,U^{(4)}(0)\right)^T",
        eq="(3),(4)", kind=Kind.DERIVATIVE,
        why="$a_n=U^{(n)}(0)$ of (3), differentiating (4)"))
    a_of_b = dict(zip((a1, a2, a3, a4), d.ref("coefficients-at-reference-point")))
    d.add(Identity(
        "coefficient-matching", U3.subs(a_of_b), U4,
        eq="(3)=(4)", kind=Kind.ALGEBRA,
        why="coefficients of $s^n$ matched: $a_n(s_0,b_2,b_3,b_4)$"))

    d.add(Jacobian(
        "jacobian", a_of_b, (s0, b2, b3, b4), sp.Abs(b2),
        eq="(5)-(6)", uses=("coefficients-at-reference-point",),
        why="exact for every extremum $s_0$ (one branch per extremum)"))

    V = U4.subs(s, s0 + u) - U4.subs(s, s0)
    d.add(Identity(
        "expansion-about-minimum", V, b2 * u**2 / 2 + b3 * u**3 / 6 + b4 * u**4 / 24,
        eq="(4)", kind=Kind.ALGEBRA, why="$V(u)=U(s_0+u)-U(s_0)$"))

    box = {b2: sp.Interval.open(0, sp.oo), b4: sp.Interval.open(0, sp.oo), b3: sp.Interval(-sp.oo, sp.oo)}
    d.add(Equivalence(
        "lowest-minimum-condition",
        sp.Abs(b3) <= sp.sqrt(3 * b2 * b4),
        Condition(_lowest_minimum, "$s_0$ is the lowest minimum of $U$", (b2, b3, b4)),
        eq="(8)", domain=box, necessary=[(b2, b4)],
        why="$V(u)/u^2\\ge 0$ for all $u$ iff its discriminant $\\le 0$; needs $b_2,b_4>0$"))
    d.add(Equivalence(
        "second-minimum-condition",
        sp.Abs(b3) > sp.sqrt(sp.Rational(8, 3) * b2 * b4),
        Condition(_second_minimum, "$U$ has a second minimum", (b2, b3, b4)),
        eq="(8)", domain=box,
        why="real roots of $V'(u)/u$: $|\\beta|>2\\sqrt2/3$, so (8) admits double wells"))
    # (8) in the paper's variable beta = b3/sqrt(3 b2 b4): the lowest minimum iff |beta| <= 1
    beta = b3 / sp.sqrt(3 * b2 * b4)
    d.add(Equivalence(
        "lowest-minimum-beta",
        sp.And(beta >= -1, beta <= 1),
        Condition(_lowest_minimum, "$s_0$ is the lowest minimum of $U$", (b2, b3, b4)),
        eq="(8)", domain=box,
        why="$\\beta=b_3/\\sqrt{3b_2b_4}$: (8) is $|\\beta|\\le1$ (against root comparison)"))
    # the sign of beta matters for where the second minimum is: V'(u) = 0 at
    # u = (3/2) sqrt(3 b2/b4) (-beta -+ sqrt(beta^2 - 8/9)), the minimum on the side opposite b3
    u_min = -sp.Rational(3, 2) * sp.sqrt(3 * b2 / b4) * (
        beta + sp.sign(b3) * sp.sqrt(beta**2 - sp.Rational(8, 9)))
    d.add(Extremum(
        "second-minimum-position", V, u, u_min, eq="(8)", domain=box,
        where=b3**2 > sp.Rational(8, 3) * b2 * b4,
        why="the roots of $V'(u)/u$ in $\\beta$; the second minimum lies on the side "
            "opposite to $b_3$"))

    # marginals (7) and (9) with a concrete smooth density of the a_n
    G = smooth_density(*[a_of_b[a] for a in (a1, a2, a3, a4)])
    G0 = G.subs(b2, 0)
    par = {s0: sp.Interval.open(-1, 1), b4: sp.Interval.open(sp.Rational(1, 5), 2)}
    jac = d.ref("jacobian")          # |b2|: the density of minima is |b2| G(a(s0, b))
    d.add(Asymptotic(
        "marginal-all-minima",
        sp.Integral(jac * G, (b3, -sp.oo, sp.oo)),
        jac * sp.Integral(G0, (b3, -sp.oo, sp.oo)),
        b2, 0, order=1, domain=par, kind=Kind.ASYMPTOTIC, eq="(7)",
        expr_tex=r"P(b_2\,|\,s_0,b_4)",
        why="$b_3$ integrated freely: $P(b_2)\\propto b_2$"))
    L = sp.sqrt(3 * b2 * b4)
    d.add(Asymptotic(
        "marginal-lowest-minima",
        sp.Integral(d.ref("jacobian") * G, (b3, -L, L)),
        2 * sp.sqrt(3 * b4) * G0.subs(b3, 0) * b2 ** sp.Rational(3, 2),
        b2, 0, order=1, domain=par, eq="(1),(9)",
        expr_tex=r"P_{\rm lowest}(b_2\,|\,s_0,b_4)",
        why="$|b_3|\\le\\sqrt{3b_2b_4}$: $P(b_2)\\propto b_2^{3/2}$"))

    # D(omega) = 2 omega P(omega^2): P ~ b2^gamma  <=>  D ~ omega^(2 gamma + 1)
    d.add(Identity(
        "dos-from-curvature",
        sp.Integral(2 * C * omega ** (2 * gamma + 1), (omega, 0, omega_max)),
        sp.Integral(C * b2**gamma, (b2, 0, omega_max**2)),
        eq="(7),(9)", kind=Kind.CHANGE_OF_VARIABLES,
        domain={C: sp.Interval.open(0, 2), gamma: sp.Interval.open(sp.Rational(1, 2), 2),
                omega_max: sp.Interval.open(0, 2)},
        why="$b_2=\\omega^2$: $\\gamma=1\\to\\omega^3$, $\\gamma=3/2\\to\\omega^4$"))

    # the two densities the derivation exports: the number of minima with b2 < omega_max^2
    # from P = C b2 (Eq. 7) and P = C b2^(3/2) (Eq. 9), against the claimed D(omega)
    dom_c = {C: sp.Interval.open(0, 2), omega_max: sp.Interval.open(0, 2)}
    d.add(Identity(
        "dos-all-minima", d.ref("dos-from-curvature").subs(gamma, 1),
        sp.Integral(2 * C * omega**3, (omega, 0, omega_max)),
        eq="(7)", kind=Kind.CHANGE_OF_VARIABLES, domain=dom_c,
        why="$P(b_2)=Cb_2$ (all minima): $D(\\omega)=2C\\omega^3$"))
    d.add(Identity(
        "dos-lowest-minima", d.ref("dos-from-curvature").subs(gamma, sp.Rational(3, 2)),
        sp.Integral(2 * C * omega**4, (omega, 0, omega_max)),
        eq="(9)", kind=Kind.CHANGE_OF_VARIABLES, domain=dom_c,
        why="$P(b_2)=Cb_2^{3/2}$ (lowest minima): $D(\\omega)=2C\\omega^4$"))

    pos = sp.Interval.open(0, sp.oo)
    real = sp.Interval(-sp.oo, sp.oo)
    d.result("jacobian", d.ref("jacobian"), (s0, b2, b3, b4),
             {s0: real, b2: real, b3: real, b4: real}, "|d(a1..a4)/d(s0,b2,b3,b4)|")
    for a, expr in zip((a1, a2, a3, a4), d.ref("coefficients-at-reference-point")):
        d.result(f"coefficient_{a.name.replace('_', '')}", expr, (s0, b2, b3, b4),
                 {s0: real, b2: real, b3: real, b4: real}, f"{a.name} as a function of (s0, b)",
                 step="coefficients-at-reference-point")
    d.result("beta", beta, (b2, b3, b4), {b2: pos, b3: real, b4: pos},
             "beta = b3/sqrt(3 b2 b4); |beta| <= 1: lowest minimum", step="second-minimum-position")
    d.result("dos_all_minima", d.ref("dos-all-minima").function, (omega, C),
             {omega: sp.Interval(0, sp.oo), C: pos}, "D(omega) at small omega, all minima (Eq. 7)")
    d.result("dos_lowest_minima", d.ref("dos-lowest-minima").function, (omega, C),
             {omega: sp.Interval(0, sp.oo), C: pos},
             "D(omega) at small omega, lowest minima (Eq. 9)")
    return d
