"""Parameters of soft atomic potentials: P(eta, t) proportional to |eta| from a change of variables.

Source
    M. A. Il'in, V. G. Karpov, D. A. Parshin, "Parameters of soft atomic potentials in glasses",
    Sov. Phys. JETP 65, 165 (1987), Eqs. (1)-(6) and the text between them.  Most
    displays are missing from the OCR; the catalog's reconstructions [R] are verified here.

What it derives
    A soft potential expanded about one of its extrema, Eq. (1), ``V = E (eta x^2 - t x^3 + x^4)``,
    and the same potential expanded in a fixed mode x' with a random linear term, Eq. (3),
    ``V = E (h' x' + eta' x'^2 - t' x'^3 + x'^4)``, are related by the shift x' = x + (t' - t)/4
    (Eq. 4).  The shift leaves the invariants I1 = eta - 3 t^2/8 and I2 = t (eta - t^2/4)/2
    unchanged except that h' = I2(eta, t) - I2(eta', t') (Eqs. 4a-4b).

Key results
    * |d(h', eta', t')/d(eta, t, t')| = |eta|/2 (the OCR's "4/71" is garbled; the factor is 1/2,
      see docs/errata.md), hence P(eta, t) = (|eta|/2) int dt' G'(...) ~ |eta| as eta -> 0 on both
      sides (Eqs. 2, 5, 6), with relative corrections O(eta).
    * The potential is a double well iff eta < 9 t^2/32 (three real extrema).
    * (I1, I2) determine (eta, t) uniquely iff eta > 9 t^2/32; for a double well each invariant pair
      corresponds to three (eta, t) pairs, one per extremum, and the invariants are the same at all
      three (checked with the explicit extrema).
"""

from __future__ import annotations

import mpmath as mp
import sympy as sp

from glassderive import (Asymptotic, Condition, Derivation, Equivalence, Identity, Jacobian,
                         Kind, count_real_roots, register)

NAME = "soft-potential-parameters"

x, xp = sp.symbols("x x'", real=True)
eta, t, tp, etap, hp = sp.symbols("eta t t' eta' h'", real=True)
epsilon = sp.symbols("varepsilon", real=True)  # eta -> 0 parameter of the asymptotic steps
E = sp.symbols(r"\mathcal{E}", positive=True)


def I1(e, tt):
    """First invariant of the shift (Eq. 4a)."""
    return e - sp.Rational(3, 8) * tt**2


def I2(e, tt):
    """Second invariant of the shift (Eq. 4b, reconstructed)."""
    return tt * (e - tt**2 / 4) / 2


# a smooth density G'(h', eta', t') of the fixed-mode parameters (any smooth one will do)
def smooth_density(H, ETA, T):
    # a generic smooth density: no parity in any argument (centred off 0), so no term of the
    # integrands below can flip sign without changing the integral
    return sp.exp(-(H - sp.Rational(1, 3)) ** 2 / 2 - (ETA - sp.Rational(1, 2)) ** 2 / 2
                  - (T - sp.Rational(1, 4)) ** 2 / 2)


def _three_extrema(point) -> bool:
    """V'(x)/x = 4x^2 - 3t x + 2 eta has two distinct real roots (Sturm, exactly)."""
    return count_real_roots([4, -3 * point[t], 2 * point[eta]]) == 2


def _unique_from_invariants(point) -> bool:
    """Exactly one real t solves t^3/16 + I1 t/2 - I2 = 0 for the invariants of (eta, t)."""
    e, tt = point[eta], point[t]
    i1 = e - mp.mpf(3) / 8 * tt**2
    i2 = tt * (e - tt**2 / 4) / 2
    return count_real_roots([mp.mpf(1) / 16, 0, i1 / 2, -i2]) == 1


@register(NAME, title="Soft-potential parameters: P(eta, t) ~ |eta|",
          paper="M. A. Il'in, V. G. Karpov, D. A. Parshin, Sov. Phys. JETP 65, 165 (1987)",
          equations="1-6")
def build() -> Derivation:
    d = Derivation(
        NAME,
        title="Parameters of soft atomic potentials: $P(\\eta,t)\\propto|\\eta|$",
        paper="M. A. Il'in, V. G. Karpov, D. A. Parshin, Sov. Phys. JETP 65, 165 (1987)",
        equations="(1)-(6)",
        summary="Expanding all configurations in one fixed mode adds a random linear term; "
                "removing it by a shift of origin is a change of variables with Jacobian "
                "$|\\eta|/2$, so the density of soft potentials vanishes as $|\\eta|$.",
    )
    d.require_verified_results = True
    V1 = d.define(sp.Function("V")(x), E * (eta * x**2 - t * x**3 + x**4),
                  "Eq. (1), expansion about an extremum")
    V3 = d.define(sp.Function("V")(xp), E * (hp * xp + etap * xp**2 - tp * xp**3 + xp**4),
                  "Eq. (3), expansion in a fixed mode")
    shift = (tp - t) / 4
    d.define(xp, x + shift, "Eq. (4), shift of origin")

    # (4a)-(4b): eta' and h' in terms of (eta, t, t'), as the paper writes them
    etap_of = sp.solve(sp.Eq(I1(eta, t), I1(etap, tp)), etap)[0]   # (4a): I1 invariant
    hp_of = I2(eta, t) - I2(etap_of, tp)                              # (4b): h' from I2
    # (4a)-(4b) against a direct computation: V1 rewritten in x' = x + (t' - t)/4, its
    # coefficients of x' and x'^2 (the cubic one is -t' by the choice of shift)
    V1_in_xp = sp.expand((V1 / E).subs(x, xp - shift))
    d.add(Identity(
        "fixed-mode-parameters",
        [V1_in_xp.coeff(xp, 1), V1_in_xp.coeff(xp, 2), V1_in_xp.coeff(xp, 3)],
        [hp_of, etap_of, -tp],
        lhs_tex=r"\left([x']V,\ [x'^2]V,\ [x'^3]V\right)^T/\mathcal{E}",
        eq="(4a),(4b)", kind=Kind.SUBSTITUTION,
        why="coefficients of (1) in $x'=x+(t'-t)/4$: $h'=I_2(\\eta,t)-I_2(\\eta',t')$, "
            "$I_1(\\eta',t')=I_1(\\eta,t)$"))
    hp_of, etap_of, _ = d.ref("fixed-mode-parameters")
    V3_sub = V3.subs({hp: hp_of, etap: etap_of})
    d.add(Identity(
        "shift-of-origin",
        V3_sub.subs(xp, x + shift) - V3_sub.subs(xp, shift), V1,
        eq="(3),(4)", kind=Kind.SUBSTITUTION, uses=("fixed-mode-parameters",),
        why="$x'=x+(t'-t)/4$ with $\\eta'$ from (4a) and $h'=I_2(\\eta,t)-I_2(\\eta',t')$"))

    # the invariants are the same at every extremum of one potential (explicit extrema)
    root = sp.sqrt(9 * t**2 - 32 * eta)
    inv = []
    for xe in ((3 * t + root) / 8, (3 * t - root) / 8):
        t_e = t - 4 * xe                       # cubic coefficient about x_e
        eta_e = sp.diff(V1 / E, x, 2).subs(x, xe) / 2
        inv += [I1(eta_e, t_e), I2(eta_e, t_e)]
    d.add(Identity(
        "invariants-at-every-extremum", inv, [I1(eta, t), I2(eta, t)] * 2,
        eq="(4)", kind=Kind.ALGEBRA,
        domain={eta: sp.Interval.open(-1, 1), t: sp.Interval.open(-2, 2)},
        where=eta < 9 * t**2 / 32,
        why="re-expanding about the other extrema $x_\\pm$ leaves $I_1$, $I_2$ unchanged",
        equivalent_mutants={"domain[eta]:hi": "an algebraic identity wherever the extrema exist "
                            "(eta < 9t^2/32); for eta >= 1 that is a sliver |t| > 1.89 of the "
                            "box, too thin for the probe to sample"}))

    d.add(Jacobian(
        "jacobian", {hp: hp_of, etap: etap_of, tp: tp}, (eta, t, tp), sp.Abs(eta) / 2,
        eq="(4)-(5)", uses=("fixed-mode-parameters",),
        why="printed garbled as 4/71; derived: $|\\eta|/2$ (erratum)"))

    G = smooth_density(hp_of, etap_of, tp)
    for side, sign in (("positive", 1), ("negative", -1)):
        Gs = G.subs(eta, sign * epsilon)
        d.add(Asymptotic(
            f"distribution-eta-{side}",
            sp.Integral(d.ref("jacobian").subs(eta, sign * epsilon) * Gs, (tp, -sp.oo, sp.oo)),
            epsilon / 2 * sp.Integral(G.subs(eta, 0), (tp, -sp.oo, sp.oo)),
            epsilon, 0, order=1, domain={t: sp.Interval.open(-1, 1)}, eq="(2),(5),(6)", dps=30,
            why=f"$\\eta={'+' if sign > 0 else '-'}\\varepsilon$: $P(\\eta,t)=\\int dt'\\,G"
                f"\\simeq|\\eta|\\,P_0(t)$"))

    box = {eta: sp.Interval.open(-1, 1), t: sp.Interval.open(-2, 2)}
    d.add(Equivalence(
        "double-well-boundary", eta < sp.Rational(9, 32) * t**2,
        Condition(_three_extrema, "$V$ has three extrema", (eta, t)),
        eq="(1)", domain=box, why="discriminant of $V'(x)/x$"))
    d.add(Equivalence(
        "invariants-determine-potential", eta > d.ref("double-well-boundary").rhs,
        Condition(_unique_from_invariants, "$(I_1,I_2)$ give a single $(\\eta,t)$", (eta, t)),
        eq="(4)", domain=box,
        why="$t^3/16+I_1t/2-I_2=0$ has one real root iff one-well"))

    real = sp.Interval(-sp.oo, sp.oo)
    inv = d.ref("invariants-at-every-extremum")
    d.result("I1", inv[0], (eta, t), {eta: real, t: real}, "invariant I1 = eta - 3 t^2/8")
    d.result("I2", inv[1], (eta, t), {eta: real, t: real}, "invariant I2 = t (eta - t^2/4)/2",
             step="invariants-at-every-extremum")
    d.result("jacobian", d.ref("jacobian"), (eta,), {eta: real}, "|d(h',eta',t')/d(eta,t,t')|")
    d.result("double_well_boundary", d.ref("double-well-boundary").rhs, (t,), {t: real},
             "eta below which V is a double well")
    hp_ref, etap_ref, _ = d.ref("fixed-mode-parameters")
    d.result("linear_term", hp_ref, (eta, t, tp), {eta: real, t: real, tp: real},
             "h'(eta, t, t') (Eq. 4b)")
    d.result("eta_prime", etap_ref, (eta, t, tp), {eta: real, t: real, tp: real},
             "eta'(eta, t, t') (Eq. 4a)", step="fixed-mode-parameters")
    return d
