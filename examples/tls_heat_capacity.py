"""The heat capacity of two-level systems in glasses: linear in T, logarithmic in time.

Source
    The standard tunnelling model: P. W. Anderson, B. I. Halperin, C. M. Varma, Phil. Mag. 25, 1
    (1972); W. A. Phillips, J. Low Temp. Phys. 7, 351 (1972); the time dependence
    J. L. Black, Phys. Rev. B 17, 2740 (1978).  Not one of the papers glassderive encodes: this
    is the tutorial derivation of ``docs/authoring.md`` (units k_B = 1).

What it derives
    The Schottky heat capacity of one two-level system (TLS) of splitting E from its partition
    function; the linear heat capacity (pi^2/6) n0 T of a flat density of states; the STM
    distribution P(Delta, Delta_0) = Pbar/Delta_0 in the variables (E, r = Delta_0^2/E^2); the
    density of TLS that relax within a time t, n(E, t), exactly and for t >> tau_min; and the
    time-dependent heat capacity C(T, t) of Black (1978).

Key results
    * C_1(E, T) = (E/2T)^2 sech^2(E/2T) (Schottky), from U = -(E/2) tanh(E/2T).
    * int_0^oo x^2 sech^2 x dx = pi^2/12 = 0.822..., so C(T) = (pi^2/6) n0 T.
    * |d(Delta, Delta_0)/d(E, r)| = E/(2 sqrt(r(1-r))), P(E, r) = Pbar/(2 r sqrt(1-r)).
    * With tau^-1 = r tau_min^-1(E), the TLS relaxed within t are those with r > u = tau_min/t:
      n(E, t) = (Pbar/2) ln((1 + sqrt(1-u))/(1 - sqrt(1-u))) = Pbar ln((1 + sqrt(1-u))/sqrt u)
      (the form without cancellation, exported) = (Pbar/2) ln(4/u) (1 + O(u/|ln u|)).
    * C(T, t) = (pi^2/12) Pbar T ln(4t/tau_min), tau_min taken at the thermal energy E ~ T.
"""

from __future__ import annotations

import sympy as sp

from glassderive import (Asymptotic, Derivation, Identity, Jacobian, Kind, NumericValue,
                         register)

NAME = "tls-heat-capacity"
PAPER = ("standard tunnelling model (Anderson, Halperin, Varma 1972; Phillips 1972); "
         "J. L. Black, Phys. Rev. B 17, 2740 (1978)")

# all positive: SymPy then simplifies sqrt(r (1 - r)) and log(4t/tau) as an author would, and
# every symbol without a domain= is sampled in (0, oo)
E, T, x, n0, Pbar, r, rho, u, t, tau_min = sp.symbols("E T x n_0 Pbar r rho u t tau_min",
                                                      positive=True)
Delta, Delta0 = sp.symbols("Delta Delta_0", positive=True)

#: the ranges the checks sample (k_B = 1: E and T in the same unit)
WIDE = sp.Interval.open(sp.Rational(1, 10), 10)
UNIT = sp.Interval.open(sp.Rational(1, 2), 2)
OPEN01 = sp.Interval.open(0, 1)


@register(NAME, title="TLS heat capacity: linear in T, logarithmic in time (tutorial)",
          paper=PAPER, equations="tutorial (1)-(8)")
def build() -> Derivation:
    d = Derivation(
        NAME,
        title="Heat capacity of two-level systems: $C\\propto T$ and its logarithmic time "
              "dependence",
        paper=PAPER,
        equations="(1)-(8)",
        summary="The Schottky heat capacity of one TLS, integrated over a flat density of "
                "states, gives $C=(\\pi^2/6)n_0T$; with the STM distribution "
                "$P(\\Delta,\\Delta_0)=\\bar P/\\Delta_0$ only the TLS that relax within the "
                "measuring time $t$ contribute, and "
                "$C(T,t)=(\\pi^2/12)\\bar PT\\ln(4t/\\tau_{min})$.",
    )
    d.require_verified_results = True
    d.define(sp.Function("Z")(E, T), 2 * sp.cosh(E / (2 * T)),
             "partition function of one TLS with levels $\\pm E/2$ ($k_B=1$)")
    d.define(u, tau_min / t, "the smallest $r$ of a TLS that relaxes within the time $t$")

    # (1)-(2): one TLS.  The left sides are unevaluated derivatives: the check differentiates.
    d.add(Identity("internal-energy", T**2 * sp.Derivative(sp.log(2 * sp.cosh(E / (2 * T))), T),
                   -E / 2 * sp.tanh(E / (2 * T)), eq="(1)", kind=Kind.DERIVATIVE,
                   domain={E: WIDE, T: WIDE}, why="$U=T^2\\,\\partial_T\\ln Z$",
                   # U does not see a constant factor of Z (ln Z shifts by a constant, which
                   # the T-derivative removes): these edits of the 2 in Z = 2 cosh are not errors
                   equivalent_mutants={
                       **{f"lhs:const[1]*{f}": "a constant factor of Z leaves U unchanged"
                          for f in ("0.7", "1.3", "2", "1/2")},
                       "lhs:neg[0]": "Z -> -Z adds i pi to ln Z, a constant: U is unchanged"}))
    d.add(Identity("schottky-heat-capacity", sp.Derivative(d.ref("internal-energy"), T),
                   (E / (2 * T)) ** 2 * sp.sech(E / (2 * T)) ** 2, eq="(2)", kind=Kind.DERIVATIVE,
                   domain={E: WIDE, T: WIDE}, why="$C_1=\\partial U/\\partial T$",
                   # SymPy differentiates tanh into 1 - tanh^2, which cancels to nothing at 40
                   # digits once E/2T > 47: keep the samples where the numbers can see sech^2
                   where=E < 20 * T,
                   lhs_tex="C_1(E,T)=\\partial_T U"))

    # (3)-(4): a flat density of states n0
    d.add(Identity("x2-sech2-integral", sp.Integral(x**2 * sp.sech(x) ** 2, (x, 0, sp.oo)),
                   sp.pi**2 / 12, eq="(3)",
                   why="by parts with $v=\\tanh x-1$: $2\\int_0^\\infty x(1-\\tanh x)\\,dx"
                       "=\\eta(2)=\\pi^2/12$"))
    d.add(Identity("linear-heat-capacity",
                   n0 * sp.Integral(d.ref("schottky-heat-capacity"), (E, 0, sp.oo)),
                   sp.pi**2 / 6 * n0 * T, eq="(4)", uses=("x2-sech2-integral",),
                   domain={n0: UNIT, T: WIDE},
                   why="$x=E/2T$: $\\int_0^\\infty C_1\\,dE=2T\\int_0^\\infty x^2"
                       "\\,\\mathrm{sech}^2x\\,dx$",
                   lhs_tex="C(T)=n_0\\int_0^\\infty C_1(E,T)\\,dE"))

    # (5)-(6): the STM distribution in (E, r), r = Delta_0^2/E^2
    dom_er = {E: WIDE, r: OPEN01}
    d.add(Jacobian("stm-jacobian", {Delta: E * sp.sqrt(1 - r), Delta0: E * sp.sqrt(r)}, (E, r),
                   E / (2 * sp.sqrt(r * (1 - r))), eq="(5)", domain=dom_er,
                   # 16 points: a claim stretched past r = 1 (where Delta turns imaginary) is
                   # then sampled there and fails
                   n_points=16,
                   why="$\\Delta=E\\sqrt{1-r}$, $\\Delta_0=E\\sqrt r$"))
    d.add(Identity("stm-distribution", Pbar / (E * sp.sqrt(r)) * d.ref("stm-jacobian"),
                   Pbar / (2 * r * sp.sqrt(1 - r)), eq="(6)", kind=Kind.CHANGE_OF_VARIABLES,
                   domain={**dom_er, Pbar: UNIT},
                   why="$P(\\Delta,\\Delta_0)=\\bar P/\\Delta_0$ times the Jacobian (5)",
                   lhs_tex="P(E,r)"))

    # (7): the TLS of energy E relaxed within t: tau^-1 = r tau_min^-1(E) > 1/t  <=>  r > u.
    # The integral is written in rho = 1 - r: P has an integrable 1/sqrt(1 - r) singularity at
    # r = 1, and the quadrature resolves an end-point singularity at 0 (where the floating-point
    # grid is fine) but not at 1 (its last sub-interval rounds onto the singular point)
    P_er = d.ref("stm-distribution")
    d.add(Identity("relaxed-tls-density", sp.Integral(P_er.subs(r, 1 - rho), (rho, 0, 1 - u)),
                   Pbar / 2 * sp.log((1 + sp.sqrt(1 - u)) / (1 - sp.sqrt(1 - u))), eq="(7)",
                   domain={u: OPEN01, Pbar: UNIT},
                   why="$\\tau^{-1}=r\\,\\tau_{min}^{-1}(E)>t^{-1}$ iff $r>u=\\tau_{min}/t$; "
                       "quadrature in $\\rho=1-r$",
                   lhs_tex="n(E,t)=\\int_u^1P(E,r)\\,dr"))
    # the same without the cancellation in 1 - sqrt(1-u) at small u ((1-s)(1+s) = u): a kernel
    # is its expression evaluated in double precision, so the result is taken from this form
    d.add(Identity("relaxed-tls-density-stable", d.ref("relaxed-tls-density"),
                   Pbar * sp.log((1 + sp.sqrt(1 - u)) / sp.sqrt(u)), eq="(7)",
                   domain={u: OPEN01, Pbar: UNIT},
                   why="$(1-\\sqrt{1-u})(1+\\sqrt{1-u})=u$: no cancellation at small $u$"))
    # ln((1+sqrt(1-u))/(1-sqrt(1-u))) = ln(4/u) - u/2 + O(u^2): relative error u/(2 ln(4/u)),
    # i.e. O(u |ln u|^-1)
    d.add(Asymptotic("relaxed-tls-density-long-times", d.ref("relaxed-tls-density"),
                     Pbar / 2 * sp.log(4 / u), u, 0, order=1, log_power=-1, eq="(7)",
                     domain={Pbar: UNIT}, expr_tex="n(E,t)",
                     why="$t\\gg\\tau_{min}$: the exponent is $\\ln(4/u)-u/2+O(u^2)$"))

    # (8): Black (1978).  The approximation: tau_min(E) is taken at the thermal energy E ~ T
    # (C_1 is peaked at E ~ 2.4 T), so n(E, t) leaves the integral
    n_long = d.ref("relaxed-tls-density-long-times").subs(u, tau_min / t)
    C1 = d.ref("schottky-heat-capacity")
    d.add(Identity("time-dependent-heat-capacity", sp.Integral(C1 * n_long, (E, 0, sp.oo)),
                   sp.pi**2 / 12 * Pbar * T * sp.log(4 * t / tau_min), eq="(8)",
                   uses=("linear-heat-capacity",),
                   domain={T: WIDE, Pbar: UNIT, tau_min: UNIT,
                           t: sp.Interval.open(10, 10**6)},
                   why="Black (1978): the approximation is $\\tau_{min}(E)\\approx"
                       "\\tau_{min}(T)$, taken at the thermal energy $E\\simeq T$ where "
                       "$C_1$ is large; then (4) with $n_0\\to n(t)$",
                   lhs_tex="C(T,t)=\\int_0^\\infty C_1(E,T)\\,n(E,t)\\,dE"))

    # a number as an author prints it
    d.add(NumericValue("log-coefficient", d.ref("x2-sech2-integral"), sp.Float("0.822"),
                       digits=3, eq="(8)", why="the coefficient $\\pi^2/12$, printed to three "
                                               "digits"))

    pos = sp.Interval.open(0, sp.oo)
    d.result("schottky_heat_capacity", d.ref("schottky-heat-capacity"), (E, T),
             {E: pos, T: pos}, "C_1(E, T) of one TLS, Eq. (2)")
    d.result("linear_heat_capacity", d.ref("linear-heat-capacity"), (T, n0),
             {T: pos, n0: pos}, "C(T) = (pi^2/6) n0 T, Eq. (4)")
    d.result("relaxed_density", d.ref("relaxed-tls-density-stable"), (u, Pbar),
             {u: sp.Interval.Lopen(0, 1), Pbar: pos},
             "n(E, t), TLS per unit energy relaxed within t, u = tau_min/t, Eq. (7) (exact)")
    d.result("heat_capacity", d.ref("time-dependent-heat-capacity"), (T, t, tau_min, Pbar),
             {T: pos, t: pos, tau_min: pos, Pbar: pos},
             "C(T, t) = (pi^2/12) Pbar T ln(4t/tau_min), Eq. (8) (t >> tau_min)",
             where=t > tau_min)
    return d
