"""Two-level systems, quasilocal vibrations and c/T^3 of soft double-well potentials.

Source
    M. A. Il'in, V. G. Karpov, D. A. Parshin, "Parameters of soft atomic potentials in
    glasses", Sov. Phys. JETP 65, 165 (1987): Eqs. (8)-(13) and the text around them (the TLS
    parameters, the TLS density of states, the deformation potential, the validity condition
    E_21 << w, the collectivization criterion (13), the c/T^3 maximum at T ~ E_d/5, the van Hove
    remark) and Fig. 2 (the c/T^3 minimum; "W ~ 2 T_min" as Parshin, Schober, Gurevich, Phys.
    Rev. B 76, 064206 (2007), quote it below their Eq. (1.13)).  The displays (8)-(11) are
    missing from the OCR of the seed: what they must say is reconstructed [R] and checked here.
    The definitions of Eqs. (1)-(7) are those of ``soft-potential-parameters`` (the invariants
    I1, I2 are imported from it) and ``soft-potential-spectrum`` (eta_L, w, the reduced
    equation; n(E) ~ E^4 of Eq. (12)).

What it derives
    * TLS parameters of the soft double well V = E(eta x^2 - t x^3 + x^4), eta < 0, origin at
      the barrier top (reduced: v = alpha y^2 - beta y^3 + y^4, alpha = eta/eta_L,
      beta = t/eta_L^(1/2), energies in w = E eta_L^2): minima at y0 = (|alpha|/2)^(1/2), barrier
      alpha^2/4, in-well quantum 2 (2|alpha|)^(1/2); asymmetry (difference of the two minima)
      Delta = w beta |alpha|^(3/2)/sqrt 2 (1 + O(beta^2)) = E t |eta|^(3/2)/sqrt 2; WKB exponent
      lambda = int sqrt(v - v_min) dy = (sqrt 2/3)|alpha|^(3/2) = (sqrt 2/3)(|eta|/eta_L)^(3/2);
      tunnel splitting Delta_0 = w (2^(13/4)/sqrt(pi)) |alpha|^(5/4) e^(-lambda) =
      2 hbar omega (6 lambda/pi)^(1/2) e^(-lambda) (1 + O(|alpha|^(-3/2))) (the instanton
      splitting; from below), against the exact splitting of the spectral solver.
    * The TLS distribution for P(eta, t) = |eta| P0: the Jacobian of (alpha, beta) -> (delta,
      lambda) gives P(Delta, lambda) = (2 P0 eta_L^(5/2)/w)(sqrt 2/(3 lambda))^(2/3): flat in
      Delta, slowly varying in lambda.  The density of states n(E) =
      int dalpha dbeta P delta(E - sqrt(Delta^2 + Delta_0^2)) with P0 = const on -A < alpha < 0 is
      n = (4 sqrt 2 P0 eta_L^(5/2)/w) sqrt(A) (1 + O(A^(-1/2))) with all the E dependence in the
      O(A^(-1/2)) term: constant if A = delta_eta/eta_L >> 1 (the paper's delta_eta >> eta_L),
      n_TLS = 4 sqrt 2 P0 eta_L^2 delta_eta^(1/2)/w.
    * Deformation potential: dE/d eta = (w/eta_L) d eps/d alpha and dE/d(t^2) =
      (w/eta_L) d eps/d(beta^2) for every level (dE/dt = (w/eta_L^(1/2)) d eps/d beta); for the
      TLS the strain-coupled asymmetry gives dDelta/dt = E |eta|^(3/2)/sqrt 2 =
      (3 lambda/2) w/eta_L^(1/2), i.e. gamma = (3/2) lambda eta_L^(1/2) (w/eta_L) dt/du, which is
      w/eta_L for lambda = 2/(3 eta_L^(1/2)) ~ 7; soft against non-soft: (w/eta_L)/hbar w_D =
      eta_L^(-1/2).  Numbers: w/eta_L = sqrt(E w) = 0.093 eV for E = 10 eV, w = 10 K.
    * E_21 << w: in a TLS double well the third level lies at the in-well quantum,
      E_31 = 2 w (2|alpha|)^(1/2) (1 + O(|alpha|^(-3/2))), and the quantum asymmetry 2 beta <y^3>_R
      (soft-potential-spectrum) tends to the classical one with relative error O(|alpha|^(-3/2))
      = O(1/lambda): the TLS description is exact as Delta_0/w ~ e^(-lambda) -> 0.
    * Eq. (13): with n(E) = (1/2) n0 (eta_L/delta_eta)^(1/2) (E/w)^4 (Eq. 12, the exponent of
      soft-potential-spectrum), Gamma = E^4/(hbar w_D)^3, lambda_ph = 2 pi hbar v/E:
      lambda_ph^3 Gamma n ~ E^5 and E_d = w [2 (hbar w_D/2 pi hbar v)^3/(n0 w
      (eta_L/delta_eta)^(1/2))]^(1/5).
    * The c/T^3 turnover: the Einstein heat capacity of a peak at E_d gives c/T^3 maximal at
      T = E_d/x*, x* = 5 tanh(x*/2) = 4.9281 (T = 0.2029 E_d: the paper's E_d/5).
    * The van Hove remark: the map (eta, t) -> (I1, I2) folds at eta = 0 (Jacobian |eta|/2); on
      the fold the gradient of any level function eps(I1, I2) is parallel to (1, -3 beta/4), so the
      minimum of eps_21 along alpha = 0 (beta* = 1.8944, eps_21 = 2.1821) is a critical point of
      eps_21(alpha, beta), a saddle (solver).  Near a saddle on the boundary alpha = 0 the weight
      |alpha|^k gives, for k = 0 (P = const, Refs. 6-7), n ~ ln(1/|e|)/(2 sqrt(AB)), and for
      k = 1 (Eq. 2) a continuous n with n(0) - n(e) = sqrt(e)/(B sqrt A): the log singularity
      becomes a singularity of dn/dE only.
    * The c/T^3 minimum of the soft-potential ensemble P ~ |alpha| on -10 < alpha < 16,
      |beta| < 6 (the box of ``glassderive specific-heat``) lies at T_min = 0.585 w (converged
      quadrature: Gauss-Legendre in alpha, sinh-graded in beta): W/T_min = 1.71, the "2" of
      "W ~ 2 T_min" to one digit.  It depends on the double-well cutoff as the TLS density does
      (T_min = 0.45 w for alpha > -5, 0.73 w for alpha > -20).

Key results
    * Delta = E t |eta|^(3/2)/sqrt 2, lambda = (sqrt 2/3)(|eta|/eta_L)^(3/2),
      Delta_0 = w 2^(13/4) pi^(-1/2) (|eta|/eta_L)^(5/4) e^(-lambda).
    * P(Delta, lambda) = (2 P0 eta_L^(5/2)/w)(sqrt 2/(3 lambda))^(2/3);
      n_TLS = 4 sqrt 2 P0 eta_L^2 delta_eta^(1/2)/w.
    * gamma ~ w/eta_L = sqrt(E w) = 0.0928 eV (paper: tenths of an eV); E_d/w = 3.76 at the
      inputs below (paper: 3); T_max = E_d/4.928 (paper: E_d/5); T_min = 0.585 w (W ~ 2 T_min).
    * Taken together the estimates put the c/T^3 maximum (E_d/4.93 = 0.61 w for E_d = 3w) next
      to the minimum (0.585 w): the paper's qualitative picture (minimum at 2-10 K, maximum at
      10-30 K for w ~ 10 K, a ratio of about 3) needs E_d of about 9 w.

Readings
    * The deformation-potential estimate prints |d eta/du| ~ |d t^2/du| ~ 1 but
      |dE/d eta| ~ |dE/dt| ~ w/eta_L.  By the scaling of Eq. (7) the level derivatives that are
      w/eta_L times an order-one reduced derivative are those in eta and t^2
      (dE/dt carries w/eta_L^(1/2)): the second relation is read with t^2, matching the first.
      For the TLS asymmetry itself, dDelta/dt = (3 lambda/2) w/eta_L^(1/2) (step
      asymmetry-strain-derivative): the same w/eta_L only for lambda ~ 2/(3 eta_L^(1/2)).
    * Eq. (13): Gamma ~ E^4 (hbar w_D)^(-3) with coefficient 1 (the OCR's "E 4(+imD)-3"); n0 of
      the text is garbled and the sound velocity is not stated.  E_d/w is evaluated at
      n0 = 1e33 erg^-1 cm^-3 and v = 4e5 cm/s (typical; not from the paper), hbar w_D =
      E eta_L^(3/2) from E = 10 eV, w = 10 K, delta_eta = 0.1 (Fig. 2): E_d = 3.76 w.  The fifth
      root makes it robust: a decade in n0 v^3 moves E_d by a factor 1.58.
    * Fig. 2, curve 2: P0 ~ exp(eta/delta_eta) (rising toward the non-soft eta ~ 1).

Notation
    alpha_w (printed alpha) is the reduced quasielastic constant (negative for the double wells);
    u_a = |alpha|; lam is the WKB exponent lambda (not the phonon wavelength, which is
    lambda_ph); delta = Delta/w, delta_0 = Delta_0/w; Ea is the atomic energy E ~ 10 eV (curly
    E in the paper) and E_tls the TLS energy; eps a level or gap in units of w.  k_B = 1 except in
    the numbers.

Not encoded
    The TLS density with P = P0 (no |eta|), the thermal conductivity remark and the
    discontinuity at E_31 (qualitative, no formula).
"""

from __future__ import annotations

import mpmath as mp
import sympy as sp
from sympy.codegen.cfunctions import expm1

from glassderive import (Asymptotic, Derivation, Extremum, Identity, Jacobian, Kind,
                         NumericValue, register)
from glassderive.derivations.soft_potential_parameters import I1, I2
from glassderive.derivations.soft_potential_spectrum import Ea, a, etaL, hbar, m, w

NAME = "soft-well-tls"
PAPER = ("M. A. Il'in, V. G. Karpov, D. A. Parshin, \"Parameters of soft atomic potentials in "
         "glasses\", Sov. Phys. JETP 65, 165 (1987)")

# --- symbols ---------------------------------------------------------------------------------
y = sp.Symbol("y", real=True)
alpha_w = sp.Symbol("alpha", negative=True)             # reduced quasielastic constant, < 0
alpha_r = sp.Symbol("alpha", real=True)
beta = sp.Symbol("beta", real=True)
u_a = sp.Symbol("u", positive=True)                    # |alpha|
eta_n = sp.Symbol("eta", negative=True)                 # double wells: eta < 0
eta_r = sp.Symbol("eta", real=True)
t = sp.Symbol("t", real=True)
tau2 = sp.Symbol("tau", positive=True)                  # t^2
delta = sp.Symbol("delta", real=True)                   # Delta/w
lam = sp.Symbol("lambda", positive=True)                # WKB exponent
P0 = sp.Symbol("P_0", positive=True)
E_tls, D0 = sp.symbols("E_TLS Delta_0", positive=True)
A_cut = sp.Symbol("A", positive=True)                   # |alpha| cutoff of P0 = const
u_E = sp.Symbol("u_E", positive=True)                   # |alpha| at which Delta_0 = E_TLS
d_eta = sp.Symbol("delta_eta", positive=True)
I1s, I2s = sp.symbols("I_1 I_2", real=True)
b_s = sp.Symbol("b", positive=True)                     # distance from the saddle
e_s = sp.Symbol("e", positive=True)                     # E_21 - E_21* (> 0)
e_neg = sp.Symbol("e", negative=True)
A_h, B_h, L_h = sp.symbols("A_s B_s L", positive=True)  # saddle curvatures, cutoff
q = sp.Symbol("q", positive=True)
T, E_d, n0, v_s, hw_D = sp.symbols("T E_d n_0 v hbar\\omega_D", positive=True)
E_q = sp.Symbol("E", positive=True)                     # quasilocal energy

UNIT = sp.Interval.open(sp.Rational(1, 2), 2)
WIDE = sp.Interval.open(sp.Rational(1, 10), 10)
DEEP = sp.Interval.open(-30, -sp.Rational(1, 2))

# the instanton prefactor of the splitting: Delta_0/w -> C0 |alpha|^(5/4) e^(-lambda)
C0 = 2 ** sp.Rational(13, 4) / sp.sqrt(sp.pi)

# --- numbers (SI, exact where defined) ------------------------------------------------------
K_B = sp.Rational(1380649, 10**29)                      # J/K
E_CHARGE = sp.Rational(1602176634, 10**28)              # C (J per eV)
HBAR_SI = sp.Float("1.054571817e-34", 30)               # J s (CODATA 2018)
EA_EV, W_K, DETA = 10, 10, sp.Rational(1, 10)           # E = 10 eV, w = 10 K, delta_eta = 0.1
N0_CGS = sp.Integer(10) ** 33                           # erg^-1 cm^-3 (typical; garbled)
V_CGS = 4 * sp.Integer(10) ** 5                         # cm/s (typical; not stated)


def _einstein_root(dps: int = 60):
    """x* = 5 tanh(x*/2): the maximum of x^5 e^x/(e^x - 1)^2 (Newton in mpmath)."""
    with mp.workdps(dps):
        return mp.findroot(lambda z: z - 5 * mp.tanh(z / 2), mp.mpf("4.9"))


XSTAR = sp.Float(mp.nstr(_einstein_root(), 55), 55)


# --- the spectral solver: eps_21 near the fold and the TLS limits --------------------------
def _eps21(al: float, be: float) -> float:
    from glassderive.numeric.soft_potential import _levels_one

    lv = _levels_one(float(al), float(be), 2)
    return float(lv[1] - lv[0])


_SADDLE: dict = {}


def _saddle():
    """(beta*, eps_21*, eps_aa, eps_bb, eps_ab): the minimum of eps_21 along alpha = 0, its
    value, and the Hessian of eps_21(alpha, beta) there by central differences (h = 1e-3);
    computed once, when first asked (the build), not at import."""
    if not _SADDLE:
        _SADDLE["values"] = _fold_saddle()
    return _SADDLE["values"]


def _fold_saddle():
    from scipy.optimize import minimize_scalar

    r = minimize_scalar(lambda b: _eps21(0.0, b), bracket=(1.6, 1.9, 2.2),
                        options={"xtol": 1e-12})
    bs, es = float(r.x), float(r.fun)
    h = 1e-3
    f = {(i, j): _eps21(i * h, bs + j * h) for i in (-1, 0, 1) for j in (-1, 0, 1)}
    caa = (f[1, 0] - 2 * f[0, 0] + f[-1, 0]) / h**2
    cbb = (f[0, 1] - 2 * f[0, 0] + f[0, -1]) / h**2
    cab = (f[1, 1] - f[1, -1] - f[-1, 1] + f[-1, -1]) / (4 * h * h)
    return bs, es, caa, cbb, cab


def _along_fold(point) -> float:
    """eps_21(0, beta* + b) - eps_21*: along the fold line alpha = 0."""
    bs, es, _, _, _ = _saddle()
    return _eps21(0.0, bs + float(point[b_s])) - es


def _across_fold(point) -> float:
    """eps_21 - eps_21* on the line alpha = -a, beta = beta* + (eps_ab/eps_bb) a into the double
    wells, where the quadratic form is minimal in beta."""
    bs, es, _, cbb, cab = _saddle()
    av = float(point[b_s])
    return _eps21(-av, bs + cab / cbb * av) - es


def _splitting(point):
    """Exact tunnel splitting (eps_2 - eps_1)/1 of the symmetric well alpha = -u (solver, in
    logarithmic form: no underflow)."""
    from glassderive.numeric.soft_potential import log_tunnel_splitting

    return mp.exp(mp.mpf(float(log_tunnel_splitting(-float(point[u_a])))))


def _third_level(point) -> float:
    """eps_3 - eps_1 of the symmetric double well alpha = -u (solver)."""
    from glassderive.numeric.soft_potential import _levels_one

    lv = _levels_one(-float(point[u_a]), 0.0, 3)
    return float(lv[2] - lv[0])


def _cubic_moment(point) -> float:
    """<y^3> in the state localized in the right well of alpha = -u (solver)."""
    from glassderive.numeric.soft_potential import localized_cubic_moment

    return localized_cubic_moment(-float(point[u_a]))


# --- the TLS count n(E; A) by quadrature of the verified integrand ----------------------------
U_E_MID, U_E_LOW, U_E_HIGH = sp.Rational(13, 2), 8, 5   # |alpha| where Delta_0 = E_TLS


def _tls_count(integrand, sig):
    """n(E; A) w/(P0 eta_L^(5/2)) = int_0^sqrt(ln(A/u_E)) integrand d sigma (mpmath quad with
    its error estimate checked), as a function (A, u_E)."""
    f = sp.lambdify((sig, u_E), integrand, "mpmath")

    def count(A, uE):
        A, uE = mp.mpf(A), mp.mpf(uE)
        val, err = mp.quad(lambda z: f(z, uE), [0, 1, mp.sqrt(mp.log(A / uE))], error=True)
        if not err <= mp.mpf(10) ** (-(mp.mp.dps // 2)) * abs(val):
            raise ArithmeticError(f"TLS count: quadrature error {err} at A={A}, u_E={uE}")
        return val
    return count


# --- the c/T^3 minimum of the soft-potential ensemble -------------------------------------------
TMIN_BOX = (-10.0, 16.0, 6.0)      # alpha from -10 to 16, |beta| < 6: `glassderive specific-heat`
_TMIN_CACHE: dict = {}


def _ensemble_nodes(n: int = 16):
    """Quadrature nodes and weights of int d(alpha) d(beta) |alpha| over the paper's parameter
    plane (double wells alpha < 0 about the barrier top, single wells alpha > 9 beta^2/32 about
    the minimum; beta >= 0 counted twice).  Gauss-Legendre in alpha; in beta for the double
    wells beta = b_s sinh(s) with b_s = 0.02 sqrt 2 |alpha|^(-3/2) (the TLS of energy ~0.02 w
    resolved however small beta is), for the single wells alpha = v^2 (the sqrt edge of the
    beta range)."""
    import numpy as np

    def gl(k, lo, hi):
        x, wt = np.polynomial.legendre.leggauss(k)
        return (lo + hi) / 2 + (hi - lo) / 2 * x, (hi - lo) / 2 * wt

    lo, hi, bmax = TMIN_BOX
    al, be, wt = [], [], []
    for a0, a1 in ((lo, -2.0), (-2.0, 0.0)):
        xa, wa = gl(n, a0, a1)
        for av, wgt in zip(xa, wa):
            bs = 0.02 * np.sqrt(2) / max(abs(av), 1.0) ** 1.5
            s, ws = gl(n, 0.0, float(np.arcsinh(bmax / bs)))
            al += [av] * n
            be += list(bs * np.sinh(s))
            wt += list(2 * wgt * abs(av) * ws * bs * np.cosh(s))
    xv, wv = gl(n, 0.0, float(np.sqrt(hi)))
    for vv, wgt in zip(xv, wv):
        av = vv * vv
        xb, wb = gl(n, 0.0, float(min(bmax, np.sqrt(32 * av / 9))))
        al += [av] * n
        be += list(xb)
        wt += list(2 * wgt * 2 * vv * av * wb)
    return np.array(al), np.array(be), np.array(wt)


def c_over_T3_minimum(n: int = 16) -> float:
    """T_min/w of c/T^3 for P(alpha, beta) ~ |alpha| on TMIN_BOX, from the 12 lowest exact levels
    of every potential of the quadrature (bounded Brent search in ln T on [0.2, 0.9])."""
    if n in _TMIN_CACHE:
        return _TMIN_CACHE[n]
    import numpy as np
    from scipy.optimize import minimize_scalar

    from glassderive.numeric.soft_potential import levels

    al, be, wt = _ensemble_nodes(n)
    lv = levels(al, be, 12)
    ex = lv - lv[:, :1]

    def log_c_T3(lt):
        T_ = np.exp(lt)
        e = ex / T_
        bz = np.exp(-e)
        Z = bz.sum(1)
        m1 = (e * bz).sum(1) / Z
        m2 = (e * e * bz).sum(1) / Z
        return float(np.log((wt * (m2 - m1 * m1)).sum()) - 3 * lt)

    r = minimize_scalar(log_c_T3, bounds=(np.log(0.2), np.log(0.9)), method="bounded",
                        options={"xatol": 1e-10})
    _TMIN_CACHE[n] = float(np.exp(r.x))
    return _TMIN_CACHE[n]


@register(NAME, title="Soft double wells: TLS parameters, density of states, deformation "
                      "potential, collectivization and c/T^3",
          paper="M. A. Il'in, V. G. Karpov, D. A. Parshin, Sov. Phys. JETP 65, 165 (1987)",
          equations="8-13, Fig. 2")
def build() -> Derivation:
    d = Derivation(
        NAME,
        title="Soft double wells: TLS parameters, $n_{TLS}$, $\\gamma\\sim w/\\eta_L$, "
              "collectivization and $c/T^3$",
        paper=PAPER,
        equations="(8)-(13), Fig. 2",
        summary="The two-level systems of soft double wells in the variables of Eq. (7): "
                "asymmetry, tunnelling exponent and splitting, their distribution for "
                "$P\\propto|\\eta|$ and a density of states independent of $E$ for "
                "$\\delta\\eta\\gg\\eta_L$; the deformation potential $w/\\eta_L\\approx0.1$ eV; "
                "the collectivization energy of Eq. (13), the $c/T^3$ maximum at $E_d/5$ and "
                "minimum at $0.58w$; the fold at $\\eta=0$ behind the van Hove remark.",
    )
    d.require_verified_results = True
    eta_L_of = (hbar**2 / (2 * m * a**2 * Ea)) ** sp.Rational(1, 3)
    d.define(etaL, eta_L_of, "[R], as in soft-potential-spectrum")
    d.define(w, Ea * etaL**2, "[R]: $w=\\mathcal E\\eta_L^2$ (soft-potential-spectrum)")
    d.define(sp.Function("v")(y), alpha_r * y**2 - beta * y**3 + y**4,
             "Eq. (7): the reduced potential, $\\alpha=\\eta/\\eta_L$, $\\beta=t/\\eta_L^{1/2}$")

    # --- (8): TLS parameters of the double well ------------------------------------------------
    v0 = alpha_w * y**2 + y**4
    y0 = sp.sqrt(-alpha_w / 2)
    d.add(Extremum("well-minima", v0, y, [y0, -y0], eq="(1), (7)", domain={alpha_w: DEEP},
                   why="$v'=2y(\\alpha+2y^2)=0$, $v''(\\pm y_0)=-4\\alpha>0$"))
    d.add(Extremum("barrier-top", v0, y, sp.S.Zero, extremum="maximum", eq="(1), (7)",
                   domain={alpha_w: DEEP},
                   why="the origin of the paper's double wells: $v''(0)=2\\alpha<0$"))
    ym = d.ref("well-minima")[0]
    d.add(Identity("barrier-height", v0.subs(y, 0) - v0.subs(y, ym), alpha_w**2 / 4,
                   eq="(8)", domain={alpha_w: DEEP}, lhs_tex="v(0)-v(y_0)",
                   why="$V_b=w\\alpha^2/4=\\mathcal E\\eta^2/4$"))
    d.add(Identity("well-quantum", sp.sqrt(2 * sp.diff(v0, y, 2).subs(y, ym)),
                   2 * sp.sqrt(-2 * alpha_w), eq="(7), (8)", domain={alpha_w: DEEP},
                   lhs_tex="\\sqrt{2v''(y_0)}",
                   why="$-\\psi''+\\frac12v''(y_0)(y-y_0)^2\\psi$: level spacing "
                       "$\\hbar\\omega/w=\\sqrt{2v''(y_0)}=2\\sqrt{2|\\alpha|}$"))
    vb = alpha_w * y**2 - beta * y**3 + y**4
    root = sp.sqrt(9 * beta**2 - 32 * alpha_w)
    y_plus, y_minus = (3 * beta + root) / 8, (3 * beta - root) / 8
    d.add(Asymptotic("asymmetry", vb.subs(y, y_minus) - vb.subs(y, y_plus),
                     beta * (-alpha_w) ** sp.Rational(3, 2) / sp.sqrt(2), beta, 0, order=2,
                     domain={alpha_w: sp.Interval.open(-20, -1)}, eq="(8)",
                     expr_tex="v(y_-)-v(y_+)",
                     why="the difference of the exact minima $y_\\pm=(3\\beta\\pm\\sqrt{9\\beta^2"
                         "-32\\alpha})/8$: to first order $2\\beta y_0^3$ (the shift of the minima "
                         "is second order); odd in $\\beta$, so the error is $O(\\beta^2)$"))
    subs_red = {alpha_w: eta_n / etaL, beta: t / sp.sqrt(etaL)}
    d.add(Identity("asymmetry-physical", (Ea * etaL**2 * d.ref("asymmetry")).subs(subs_red),
                   Ea * t * (-eta_n) ** sp.Rational(3, 2) / sp.sqrt(2), eq="(8)",
                   domain={eta_n: sp.Interval.open(-1, 0), t: sp.Interval.open(-1, 1),
                           Ea: UNIT, etaL: sp.Interval.open(sp.Rational(1, 1000), 1)},
                   lhs_tex="w\\,\\beta|\\alpha|^{3/2}/\\sqrt2",
                   why="in the paper's variables: $\\Delta=\\mathcal Et|\\eta|^{3/2}/\\sqrt2$ "
                       "($w=\\mathcal E\\eta_L^2$, $\\alpha=\\eta/\\eta_L$, "
                       "$\\beta=t/\\eta_L^{1/2}$)"))
    d.add(Identity("tunnelling-exponent",
                   sp.Integral(sp.sqrt((v0 - v0.subs(y, ym)).factor()), (y, -ym, ym)),
                   sp.sqrt(2) / 3 * (-alpha_w) ** sp.Rational(3, 2), eq="(8)",
                   domain={alpha_w: DEEP}, n_points=4,
                   lhs_tex="\\lambda=\\int_{-y_0}^{y_0}\\sqrt{v-v(y_0)}\\,dy",
                   why="$v-v(y_0)=(y^2-y_0^2)^2$: $\\lambda=\\frac43y_0^3=\\frac{\\sqrt2}3"
                       "|\\alpha|^{3/2}=\\frac{\\sqrt2}3(|\\eta|/\\eta_L)^{3/2}$"))
    lam_of_u = d.ref("tunnelling-exponent").subs(alpha_w, -u_a)
    d.add(Asymptotic("tunnel-splitting", _splitting, C0 * u_a ** sp.Rational(5, 4)
                     * sp.exp(-lam_of_u), u_a, sp.oo, order=1.5,
                     points=[20.0, 40.0, 80.0, 160.0], eq="(8)",
                     expr_tex="\\Delta_0/w", uses=("well-quantum",),
                     why="the exact splitting of $\\alpha=-u$ (spectral solver, logarithmic form) "
                         "against the instanton form $\\frac{2^{13/4}}{\\sqrt\\pi}u^{5/4}"
                         "e^{-\\lambda}$, i.e. $\\Delta_0=2\\hbar\\omega\\sqrt{6\\lambda/\\pi}\\,"
                         "e^{-\\lambda}$ with $\\hbar\\omega=2w\\sqrt{2u}$ (the instanton "
                         "splitting of a quartic double well)"))

    # --- (9)-(10): distribution and density of states ------------------------------------------
    u_of_lam = (3 * lam / sp.sqrt(2)) ** sp.Rational(2, 3)      # inverse of tunnelling-exponent
    d.add(Jacobian("tls-jacobian",
                   {alpha_r: -u_of_lam,
                    beta: sp.sqrt(2) * delta / u_of_lam ** sp.Rational(3, 2)},
                   (delta, lam),
                   sp.Rational(4, 9) * (3 / sp.sqrt(2)) ** sp.Rational(2, 3)
                   * lam ** sp.Rational(-4, 3),
                   eq="(9)", uses=("asymmetry", "tunnelling-exponent"),
                   domain={delta: sp.Interval.open(-1, 1), lam: sp.Interval.open(1, 40)},
                   why="$\\alpha=-(3\\lambda/\\sqrt2)^{2/3}$, $\\beta=\\sqrt2\\delta/|\\alpha|^{3/2}"
                       "=2\\delta/3\\lambda$ inverts $\\delta=\\beta|\\alpha|^{3/2}/\\sqrt2$, "
                       "$\\lambda=\\frac{\\sqrt2}3|\\alpha|^{3/2}$"))
    # P(eta, t) d eta dt = |eta| P0 d eta dt = P0 eta_L^(5/2) |alpha| d alpha d beta;
    # d Delta = w d delta
    d.add(Identity("tls-distribution",
                   P0 * etaL ** sp.Rational(5, 2) * u_of_lam * d.ref("tls-jacobian") / w,
                   2 * P0 * etaL ** sp.Rational(5, 2) / w
                   * (sp.sqrt(2) / (3 * lam)) ** sp.Rational(2, 3),
                   eq="(9), (2)", kind=Kind.CHANGE_OF_VARIABLES,
                   domain={P0: UNIT, etaL: UNIT, w: UNIT, lam: sp.Interval.open(1, 40)},
                   lhs_tex="P(\\Delta,\\lambda)",
                   why="$P\\,d\\eta\\,dt=P_0\\eta_L^{5/2}|\\alpha|\\,d\\alpha\\,d\\beta$, "
                       "$d\\Delta=w\\,d\\delta$: flat in $\\Delta$, $\\propto\\lambda^{-2/3}$ "
                       "(the standard model's $\\bar P/\\Delta_0$ is flat in $\\lambda$)"))
    d.add(Identity("tls-delta-function",
                   sp.Derivative(2 * sp.sqrt(E_tls**2 - D0**2), E_tls),
                   2 * E_tls / sp.sqrt(E_tls**2 - D0**2), eq="(9)", kind=Kind.DERIVATIVE,
                   domain={E_tls: sp.Interval.open(1, 10), D0: sp.Interval.open(sp.Rational(1, 10), 1)},
                   lhs_tex="\\partial_E\\left|\\{\\Delta:\\sqrt{\\Delta^2+\\Delta_0^2}<E\\}\\right|",
                   why="$\\int d\\Delta\\,\\delta(E-\\sqrt{\\Delta^2+\\Delta_0^2})$ as the "
                       "derivative of the measure $2\\sqrt{E^2-\\Delta_0^2}$"))
    # per unit |alpha| and Delta: P(Delta, lambda) d lambda/du, in units P0 eta_L^(5/2)/w
    p_u = (d.ref("tls-distribution") * sp.diff(lam_of_u, u_a) * w
           / (P0 * etaL ** sp.Rational(5, 2))).subs(lam, lam_of_u)
    d.add(Identity("tls-density-per-alpha", p_u, sp.sqrt(2) / sp.sqrt(u_a), eq="(9)",
                   uses=("tunnelling-exponent",), domain={u_a: sp.Interval.open(1, 40)},
                   lhs_tex="P(\\Delta,\\lambda)\\,\\frac{d\\lambda}{du}\\Big/\\frac{P_0"
                           "\\eta_L^{5/2}}{w}",
                   why="per unit $\\Delta$ and $u=|\\alpha|$: $\\sqrt2\\,u^{-1/2}$, so the "
                       "$u$ integral grows as $\\sqrt A$"))
    d0 = C0 * u_a ** sp.Rational(5, 4) * sp.exp(-lam_of_u)
    d0_E = d0.subs(u_a, u_E)
    # the integrand in u = u_E e^(sigma^2): finite at the edge sigma = 0 (where Delta_0 = E)
    sig = sp.Symbol("sigma", positive=True)
    linked = (d.ref("tls-density-per-alpha") * d.ref("tls-delta-function").subs(
        {D0: d0, E_tls: d0_E}) * u_a).subs(u_a, u_E * sp.exp(sig**2)) * 2 * sig
    Q = (2 * sp.sqrt(2) / 3 * u_E ** sp.Rational(3, 2) * expm1(3 * sig**2 / 2)
         - sp.Rational(5, 2) * sig**2)
    stable = 4 * sp.sqrt(2) * sig * sp.sqrt(u_E * sp.exp(sig**2)) / sp.sqrt(-expm1(-Q))
    d.add(Identity("tls-density-integrand", linked, stable, eq="(9)",
                   uses=("tunnel-splitting",),
                   domain={u_E: sp.Interval.open(3, 9),
                           sig: sp.Interval.open(sp.Rational(1, 10), 3)},
                   lhs_tex="\\sqrt2u^{-1/2}\\frac{2E}{\\sqrt{E^2-\\Delta_0(u)^2}}\\,"
                           "\\frac{du}{d\\sigma}",
                   why="$u=u_Ee^{\\sigma^2}$, $E=\\Delta_0(u_E)$ with the instanton "
                       "$\\Delta_0(u)$: $1-\\Delta_0^2/E^2=-\\mathrm{expm1}(-Q)$, "
                       "$Q=2(\\lambda(u)-\\lambda(u_E))-\\frac52\\sigma^2$, "
                       "finite at the edge $\\sigma=0$"))
    dos = _tls_count(d.ref("tls-density-integrand"), sig)
    d.add(Asymptotic("tls-density-of-states", lambda p: dos(p[A_cut], U_E_MID),
                     4 * sp.sqrt(2) * sp.sqrt(A_cut), A_cut, sp.oo, order=0.5,
                     points=[1e2, 1e3, 1e4, 1e5], dps=30, eq="(9), (10)",
                     uses=("tls-density-integrand",),
                     expr_tex="n(E)\\,w/P_0\\eta_L^{5/2}",
                     why="$\\int_{u_E}^{A}du\\,\\sqrt2u^{-1/2}\\,\\frac{2E}{\\sqrt{E^2-\\Delta_0(u)^2}}$"
                         " over both signs of $\\Delta$ at $E=\\Delta_0(u_E)$, $u_E=6.5$ "
                         "($E=0.023w$): $4\\sqrt2\\sqrt A$ plus a part that stays finite, "
                         "relative $O(A^{-1/2})$ (mpmath quadrature of the verified integrand)"))
    d.add(Asymptotic("tls-density-flat-in-E",
                     lambda p: dos(p[A_cut], U_E_LOW) / dos(p[A_cut], U_E_HIGH),
                     sp.S.One, A_cut, sp.oo, order=0.5, points=[1e2, 1e3, 1e4, 1e5], dps=30,
                     eq="(9), (10)", uses=("tls-density-integrand",),
                     expr_tex="n(E_1)/n(E_2)",
                     why="$E_1=\\Delta_0(u=8)=0.0017w$, $E_2=\\Delta_0(u=5)=0.21w$: the "
                         "density of states is independent of $E$ up to $O((\\eta_L/"
                         "\\delta\\eta)^{1/2})$ for $A=\\delta\\eta/\\eta_L\\gg1$ (the "
                         "paper's $\\delta\\eta\\gg\\eta_L$)"))
    d.add(Identity("tls-density-constant",
                   (P0 * etaL ** sp.Rational(5, 2) / w * d.ref("tls-density-of-states"))
                   .subs(A_cut, d_eta / etaL),
                   4 * sp.sqrt(2) * P0 * etaL**2 * sp.sqrt(d_eta) / w, eq="(10)",
                   domain={P0: UNIT, etaL: sp.Interval.open(sp.Rational(1, 1000), 1), w: UNIT,
                           d_eta: UNIT},
                   lhs_tex="n_{TLS}\\big|_{A=\\delta\\eta/\\eta_L}",
                   why="$P_0=$ const on $-\\delta\\eta<\\eta<0$"))

    # --- (11): the deformation potential --------------------------------------------------------
    al_t, s_t = sp.symbols("alpha_t s_t", real=True)
    f_test = sp.exp(al_t / 3) / (1 + s_t**2) + al_t**2 * s_t / 7      # a generic eps(alpha, beta^2)
    f_a, f_s = sp.diff(f_test, al_t), sp.diff(f_test, s_t)
    red = {al_t: eta_r / etaL, s_t: tau2 / etaL}
    red_t = {al_t: eta_r / etaL, s_t: t**2 / etaL}
    d.add(Identity("level-derivatives",
                   [sp.Derivative(w * f_test.subs(red), eta_r),
                    sp.Derivative(w * f_test.subs(red), tau2),
                    sp.Derivative(w * f_test.subs(red_t), t)],
                   [w / etaL * f_a.subs(red), w / etaL * f_s.subs(red),
                    w / sp.sqrt(etaL) * (2 * beta * f_s).subs(red_t).subs(beta, t / sp.sqrt(etaL))],
                   eq="(11)", kind=Kind.DERIVATIVE,
                   domain={eta_r: sp.Interval.open(-1, 1), tau2: sp.Interval.open(0, 1),
                           t: sp.Interval.open(-1, 1), w: UNIT,
                           etaL: sp.Interval.open(sp.Rational(1, 100), 1)},
                   lhs_tex="\\left(\\partial_\\eta E,\\ \\partial_{t^2}E,\\ \\partial_tE\\right)",
                   rhs_tex="\\left(\\frac w{\\eta_L}\\partial_\\alpha\\varepsilon,\\ \\frac w{\\eta_L}"
                           "\\partial_{\\beta^2}\\varepsilon,\\ \\frac w{\\eta_L^{1/2}}\\partial_\\beta"
                           "\\varepsilon\\right)",
                   why="$E=w\\varepsilon(\\eta/\\eta_L,t^2/\\eta_L)$ ($\\varepsilon$ even in "
                       "$\\beta$; a generic test function): $w/\\eta_L$ multiplies the "
                       "derivatives in $\\eta$ and $t^2$, $w/\\eta_L^{1/2}$ the one in $t$ "
                       "(reading of the printed $\\partial E/\\partial t$)"))
    lam_phys = d.ref("tunnelling-exponent").subs(alpha_w, eta_n / etaL)
    d.add(Identity("asymmetry-strain-derivative",
                   sp.Derivative(d.ref("asymmetry-physical"), t),
                   sp.Rational(3, 2) * lam_phys * Ea * etaL**2 / sp.sqrt(etaL), eq="(11)",
                   kind=Kind.DERIVATIVE,
                   domain={eta_n: sp.Interval.open(-1, 0), t: sp.Interval.open(-1, 1),
                           Ea: UNIT, etaL: sp.Interval.open(sp.Rational(1, 1000), 1)},
                   lhs_tex="\\partial\\Delta/\\partial t",
                   why="$\\partial_t\\Delta=\\mathcal E|\\eta|^{3/2}/\\sqrt2=\\frac32\\lambda\\,"
                       "w/\\eta_L^{1/2}$, independent of $\\Delta$: with $|\\partial t/\\partial u|"
                       "\\sim1$, $\\gamma=\\frac32\\lambda\\eta_L^{1/2}\\,(w/\\eta_L)$"))
    hw_D_of = sp.sqrt(Ea * hbar**2 / (2 * m * a**2))
    d.add(Identity("soft-versus-nonsoft",
                   (Ea * etaL**2 / etaL / hw_D_of).subs(etaL, eta_L_of),
                   eta_L_of ** sp.Rational(-1, 2), eq="(11)",
                   domain={hbar: UNIT, m: UNIT, a: UNIT, Ea: UNIT},
                   lhs_tex="(w/\\eta_L)/\\hbar\\omega_D",
                   why="non-soft potentials ($\\eta\\sim1$) give $\\gamma\\sim\\hbar\\omega_D$; "
                       "softness raises it by $\\eta_L^{-1/2}\\approx10$"))
    w_eV = sp.Rational(W_K) * K_B / E_CHARGE
    d.add(NumericValue("deformation-potential-0.1-eV",
                       (Ea * etaL**2 / etaL).subs(etaL, sp.sqrt(w / Ea)),
                       sp.Float("0.1"), digits=1, at={Ea: EA_EV, w: w_eV}, eq="(11)",
                       unit="eV",
                       why="$w/\\eta_L=\\sqrt{\\mathcal Ew}$ ($\\eta_L=\\sqrt{w/\\mathcal E}$) at "
                           "$\\mathcal E=10$ eV, $w=10$ K: 0.0927 eV; \"on the order of tenths "
                           "of electron volts\""))

    # --- E_21 << w: the TLS limit of the spectrum --------------------------------------------------
    d.add(Asymptotic("third-level", _third_level, d.ref("well-quantum").subs(alpha_w, -u_a),
                     u_a, sp.oo, order=1.5, points=[25.0, 50.0, 100.0, 200.0, 400.0],
                     eq="(11)", expr_tex="\\varepsilon_3-\\varepsilon_1",
                     why="the doublet is isolated: $E_{31}=\\hbar\\omega=2w\\sqrt{2|\\alpha|}$ "
                         "(anharmonic correction $O(|\\alpha|^{-3/2})$) while $E_{21}\\ll w$ "
                         "(the smallest $\\varepsilon_{31}$ of Eq. (7) is 3.651, at $\\alpha=-3.96$, "
                         "$\\beta=0$)"))
    d.add(Asymptotic("quantum-asymmetry", _cubic_moment, ym.subs(alpha_w, -u_a) ** 3, u_a,
                     sp.oo, order=1.5, points=[12.5, 25.0, 50.0, 100.0], eq="(8), (11)",
                     expr_tex="\\langle y^3\\rangle_R",
                     uses=("asymmetry",),
                     why="$\\Delta=2\\beta\\langle y^3\\rangle_R$ (soft-potential-spectrum) tends "
                         "to the classical $2\\beta y_0^3$ with relative error "
                         "$O(|\\alpha|^{-3/2})=O(1/\\lambda)$: the TLS parameters hold when "
                         "$\\Delta_0/w\\sim e^{-\\lambda}\\ll1$"))

    # --- (12)-(13): collectivization -------------------------------------------------------------
    n_E = n0 / 2 * sp.sqrt(etaL / d_eta) * (E_q / w) ** 4
    lam_ph = 2 * sp.pi * hbar * v_s / E_q
    Gam = E_q**4 / hw_D**3
    crit = lam_ph**3 * Gam * n_E
    dom13 = {n0: UNIT, etaL: UNIT, d_eta: UNIT, w: UNIT, hbar: UNIT, v_s: UNIT, hw_D: UNIT,
             E_q: UNIT}
    E_d_of = w * (2 * (hw_D / (2 * sp.pi * hbar * v_s)) ** 3
                  / (n0 * w * sp.sqrt(etaL / d_eta))) ** sp.Rational(1, 5)
    d.add(Identity("collectivization-energy", E_q * crit ** sp.Rational(-1, 5), E_d_of,
                   eq="(12), (13)", domain=dom13,
                   lhs_tex="E\\,[\\lambda_{ph}^3\\Gamma(E)n(E)]^{-1/5}",
                   why="$\\lambda_{ph}=2\\pi\\hbar v/E$, $\\Gamma=E^4/(\\hbar\\omega_D)^3$, "
                       "$n\\propto E^4$ (Eq. 12; the exponent of soft-potential-spectrum): "
                       "$\\lambda_{ph}^3\\Gamma n=(E/E_d)^5$ ($-3+4+4$), so (13) holds at $E_d=w\\left[2"
                       "(\\hbar\\omega_D/2\\pi\\hbar v)^3/n_0w(\\eta_L/\\delta\\eta)^{1/2}"
                       "\\right]^{1/5}$"))
    erg = sp.Rational(1, 10**7)
    w_J = W_K * K_B
    Ea_J = EA_EV * E_CHARGE
    etaL_num = sp.sqrt(w_J / Ea_J)

    def num(x):
        return sp.Float(sp.N(x, 60), 60)
    at13 = {w: w_J, hw_D: num(Ea_J * etaL_num ** sp.Rational(3, 2)), hbar: HBAR_SI,
            v_s: V_CGS / 100, n0: N0_CGS / erg * 10**6, etaL: num(etaL_num), d_eta: DETA}
    d.add(NumericValue("collectivization-3w", d.ref("collectivization-energy") / w, 3,
                       magnitude=True, band=0.2, at=at13, eq="(13)",
                       unit="w",
                       why="$\\mathcal E=10$ eV, $w=10$ K, $\\delta\\eta=0.1$, "
                           "$\\hbar\\omega_D=\\mathcal E\\eta_L^{3/2}$; $n_0=10^{33}$ "
                           "erg$^{-1}$cm$^{-3}$ (garbled in the print) and $v=4$ km/s (not "
                           "stated): 3.76; a factor 10 in $n_0v^3$ moves it by $10^{0.2}$ "
                           "(band 0.2 decades)"))

    # --- the c/T^3 maximum of a monoenergetic peak --------------------------------------------------
    xE = E_d / T
    c_E = xE**2 * sp.exp(xE) / (sp.exp(xE) - 1) ** 2
    d.add(Extremum("einstein-peak", c_E / T**3, T, E_d / XSTAR, extremum="maximum",
                   eq="(13)", domain={E_d: UNIT},
                   why="$c/T^3\\propto x^5e^x/(e^x-1)^2$, $x=E_d/T$: stationary where "
                       "$x=5\\tanh(x/2)$, $x^*=4.9281$"))
    d.add(NumericValue("turnover-at-E_d/5", E_d / d.ref("einstein-peak"), 5, digits=1,
                       at={E_d: 1}, eq="(13)", unit="",
                       why="$E_d/T_{max}=x^*=4.928$: \"$T\\gtrsim E_d/5$\""))

    # --- the van Hove remark: the fold at eta = 0 --------------------------------------------------
    d.add(Jacobian("fold-jacobian", {I1s: I1(eta_r, t), I2s: I2(eta_r, t)}, (eta_r, t),
                   sp.Abs(eta_r) / 2, eq="(4), (6)",
                   domain={eta_r: sp.Interval.open(-1, 1), t: sp.Interval.open(-2, 2)},
                   n_points=16,
                   why="the map from the parameters $(\\eta,t)$ to the shape $(I_1,I_2)$ of "
                       "the potential (soft-potential-parameters) folds at $\\eta=0$"))
    F_test = sp.exp(I1s / 2) * sp.cos(I2s) + I1s**2 * I2s / 3
    F_ab = F_test.subs({I1s: I1(alpha_r, beta), I2s: I2(alpha_r, beta)})
    d.add(Identity("fold-gradient",
                   sp.Derivative(F_ab, beta).subs(alpha_r, 0),
                   (-sp.Rational(3, 4) * beta * sp.Derivative(F_ab, alpha_r)).subs(alpha_r, 0),
                   eq="(4), (7)", kind=Kind.DERIVATIVE, uses=("fold-jacobian",),
                   domain={beta: sp.Interval.open(-3, 3)},
                   lhs_tex="\\partial_\\beta\\varepsilon\\big|_{\\alpha=0}",
                   rhs_tex="-\\tfrac34\\beta\\,\\partial_\\alpha\\varepsilon\\big|_{\\alpha=0}",
                   why="$\\varepsilon=F(I_1,I_2)$ (a generic test function): on the fold a "
                       "stationary point of $\\varepsilon$ along $\\alpha=0$ is a critical point "
                       "of $\\varepsilon(\\alpha,\\beta)$"))
    BETA_STAR, EPS_STAR, C_AA, C_BB, C_AB = _saddle()
    d.add(Asymptotic("fold-minimum-along", _along_fold, C_BB / 2 * b_s**2, b_s, 0, order=1,
                     points=[0.2, 0.1, 0.05, 0.025, 0.0125], eq="(7)",
                     expr_tex="\\varepsilon_{21}(0,\\beta^*+b)-\\varepsilon_{21}^*",
                     uses=("fold-gradient",),
                     why=f"$\\beta^*={BETA_STAR:.4f}$, $\\varepsilon_{{21}}^*={EPS_STAR:.4f}$: "
                         "quadratic, so $\\partial_\\beta\\varepsilon_{21}=0$ there "
                         "(curvature by central differences; spectral solver)"))
    neg_curv = (C_AA - C_AB**2 / C_BB) / 2
    d.add(Asymptotic("fold-saddle", _across_fold, neg_curv * b_s**2, b_s, 0, order=1,
                     points=[0.2, 0.1, 0.05, 0.025, 0.0125], eq="(7)",
                     expr_tex="\\varepsilon_{21}(-a,\\beta^*+ka)-\\varepsilon_{21}^*",
                     uses=("fold-minimum-along",),
                     why="into the double wells along the valley of the quadratic form "
                         f"($k=\\varepsilon_{{\\alpha\\beta}}/\\varepsilon_{{\\beta\\beta}}$): "
                         f"$\\frac12(\\varepsilon_{{\\alpha\\alpha}}-\\varepsilon_{{\\alpha\\beta}}^2"
                         f"/\\varepsilon_{{\\beta\\beta}})a^2={neg_curv:.3f}a^2<0$ with no linear "
                         "term: a saddle of $\\varepsilon_{21}$ on the boundary of the double "
                         "wells"))
    al_p = sp.Symbol("a", positive=True)
    d.add(Identity("saddle-delta-function",
                   sp.Derivative(2 * sp.sqrt((e_s + B_h * al_p**2) / A_h), e_s),
                   1 / sp.sqrt(A_h * (e_s + B_h * al_p**2)), eq="(vH)", kind=Kind.DERIVATIVE,
                   domain={e_s: WIDE, A_h: UNIT, B_h: UNIT, al_p: UNIT},
                   lhs_tex="\\partial_e\\left|\\{s:As^2-Ba^2<e\\}\\right|",
                   why="$\\varepsilon-\\varepsilon^*=As^2-Ba^2$ near the saddle "
                       "($s=b+ka$, unit Jacobian): $\\int ds\\,\\delta(e-As^2+Ba^2)$"))
    kernel = d.ref("saddle-delta-function")
    d.add(Identity("flat-weight", sp.Integral(kernel, (al_p, 0, L_h)),
                   sp.asinh(L_h * sp.sqrt(B_h / e_s)) / sp.sqrt(A_h * B_h), eq="(vH)",
                   domain={e_s: WIDE, A_h: UNIT, B_h: UNIT, L_h: UNIT}, n_points=4,
                   lhs_tex="n_0(e)=\\int_0^Lda\\,(\\ldots)",
                   why="$P=$ const (Refs. 6, 7): weight $|\\alpha|^0$ over $0<a=|\\alpha|<L$"))
    d.add(Asymptotic("flat-weight-log", d.ref("flat-weight"),
                     sp.log(4 * B_h * L_h**2 / e_s) / (2 * sp.sqrt(A_h * B_h)), e_s, 0, order=1,
                     log_power=-1, domain={A_h: UNIT, B_h: UNIT, L_h: UNIT}, eq="(vH)",
                     expr_tex="n_0(e)",
                     why="the logarithmic van Hove singularity of Ref. 6: "
                         "$\\mathrm{asinh}\\,z=\\ln2z+O(z^{-2})$"))
    d.add(Identity("abs-weight", sp.Integral(al_p * kernel, (al_p, 0, L_h)),
                   (sp.sqrt(e_s + B_h * L_h**2) - sp.sqrt(e_s)) / (B_h * sp.sqrt(A_h)),
                   eq="(2), (vH)", domain={e_s: WIDE, A_h: UNIT, B_h: UNIT, L_h: UNIT},
                   n_points=4,
                   lhs_tex="n_1(e)=\\int_0^Lda\\,a\\,(\\ldots)",
                   why="$P\\propto|\\eta|$ (Eq. 2): weight $|\\alpha|$, $e>0$"))
    d.add(Identity("abs-weight-below",
                   sp.Integral(1 / (2 * sp.sqrt(A_h * B_h * q)), (q, 0, L_h**2 + e_neg / B_h)),
                   sp.sqrt(e_neg + B_h * L_h**2) / (B_h * sp.sqrt(A_h)), eq="(2), (vH)",
                   domain={e_neg: sp.Interval.open(-sp.Rational(1, 10), 0), A_h: UNIT,
                           B_h: UNIT, L_h: UNIT}, n_points=4,
                   lhs_tex="n_1(e<0)",
                   why="$e<0$: $a>\\sqrt{|e|/B}$, $q=a^2-|e|/B$: the continuation of "
                       "abs-weight without the $-\\sqrt e$ term; $n_1$ is continuous at $e=0$"))
    n1 = d.ref("abs-weight")
    d.add(Asymptotic("abs-weight-kink", n1.subs(e_s, 0) - n1,
                     sp.sqrt(e_s) / (B_h * sp.sqrt(A_h)), e_s, 0, order=0.5,
                     domain={A_h: UNIT, B_h: UNIT, L_h: UNIT}, eq="(2), (vH)",
                     uses=("abs-weight-below",),
                     expr_tex="n_1(0)-n_1(e)",
                     why="continuous, with $dn_1/de\\propto-e^{-1/2}$: \"only a singularity in "
                         "the derivative $dn(E_{21})/dE_{21}$\""))

    # --- Fig. 2: the c/T^3 minimum -------------------------------------------------------------------
    d.add(NumericValue("c-over-T3-minimum", lambda dps: 1 / mp.mpf(c_over_T3_minimum()),
                       2, digits=1, eq="Fig. 2", unit="", tex="W/T_{min}",
                       why="$c/T^3$ of $P\\propto|\\alpha|$ on $-10<\\alpha<16$, $|\\beta|<6$ "
                           "from the 12 lowest exact levels of each potential (Gauss-Legendre, "
                           "sinh-graded in $\\beta$ for the TLS): $T_{min}=0.585w$, "
                           "$W/T_{min}=1.71$; \"$W\\approx2T_{min}$\" (Parshin, Schober, "
                           "Gurevich 2007, below Eq. 1.13).  $T_{min}$ grows with the "
                           "double-well cutoff (0.45$w$ at $\\alpha>-5$, 0.73$w$ at $\\alpha>-20$)"))

    # --- results ------------------------------------------------------------------------------------
    pos = sp.Interval.open(0, sp.oo)
    real = sp.Interval(-sp.oo, sp.oo)
    neg = sp.Interval.open(-sp.oo, 0)
    d.result("asymmetry", d.ref("asymmetry-physical"), (eta_n, t, Ea),
             {eta_n: neg, t: real, Ea: pos}, "TLS asymmetry E t |eta|^(3/2)/sqrt 2")
    d.result("tunnelling_exponent", d.ref("tunnelling-exponent"), (alpha_w,), {alpha_w: neg},
             "lambda(alpha) = (sqrt 2/3)|alpha|^(3/2)")
    d.result("tls_distribution", d.ref("tls-distribution"), (lam, P0, etaL, w),
             {lam: pos, P0: pos, etaL: pos, w: pos}, "P(Delta, lambda) for P = |eta| P0")
    d.result("tls_density", d.ref("tls-density-constant"), (P0, etaL, d_eta, w),
             {P0: pos, etaL: pos, d_eta: pos, w: pos},
             "n_TLS = 4 sqrt 2 P0 eta_L^2 delta_eta^(1/2)/w")
    d.result("collectivization_energy", d.ref("collectivization-energy"),
             (w, hw_D, hbar, v_s, n0, etaL, d_eta),
             {w: pos, hw_D: pos, hbar: pos, v_s: pos, n0: pos, etaL: pos, d_eta: pos},
             "E_d of Eq. (13)")
    d.result("turnover_temperature", d.ref("einstein-peak"), (E_d,), {E_d: pos},
             "T of the c/T^3 maximum of a peak at E_d")
    return d
