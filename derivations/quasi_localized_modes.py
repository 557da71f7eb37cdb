"""Quasi-localized modes of the model glass: Hessian, pair potential, participation ratio,
expansion coefficients along a mode, and the barrier of a higher minimum.

Source
    A. Kumar, I. Procaccia, M. Singh, "Density of quasi-localized modes in glasses: where are
    the two-level systems?", arXiv:2102.12368 (2021), Eqs. (2), (10)-(12) and the numbers of
    the section "Results and analysis".  (No journal version was found in the sources
    searched; the arXiv preprint is the reference.)  Eqs. (3)-(9) are the derivation
    ``gurarie-chalker``, whose symbols, quartic V(u) and beta this module imports.

What it derives
    * Eq. (2) for a pair term x^-k in 2D (every term of (10) is one, k = 12, -2, -4, and the
      Hessian is linear in U; the constant C_0 drops out): the 2x2 block of the Hessian,
      d^2 phi(|r|)/dr dr = phi''(r) n n^T + (phi'(r)/r)(1 - n n^T), n = r/|r|; the two-particle
      Hessian [[B, -B], [-B, B]] has the stretch mode (n, -n)/sqrt 2 with lambda = 2 phi'',
      the transverse mode (t, -t)/sqrt 2 with lambda = 2 phi'/r and two translations
      (Goldstone modes) with lambda = 0, orthonormal; q(t) = Psi cos(sqrt(lambda) t) solves
      -q'' = H q (unit masses): omega^2 = lambda.
    * Eq. (10): the conditions phi(r_c) = phi'(r_c) = phi''(r_c) = 0 at x_c = r_c/sigma_ij fix
      C_0 = -28 x_c^-12, C_2 = 48 x_c^-14, C_4 = -21 x_c^-16; the printed constants are these
      at x_c = 5/4 to all six printed digits.  With them phi, phi', phi'' are continuous at
      the cutoff and phi''' jumps by -2688 x_c^-15 (-94.58 at x_c = 5/4).  P(sigma) ~ 1/sigma^3
      on [sigma_min, R sigma_min] has mean 2 R sigma_min/(1 + R).
    * Eq. (11): the printed PR = [N (Psi.Psi)^2]^-1 is 1/N for every normalised mode (extended
      or localised alike); [N sum_i (Psi_i.Psi_i)^2]^-1 (normalised Psi) gives 1 for a mode
      spread evenly, 1/N on one particle, m/N on m particles,
      (1 + q^2)(1 - q^(2N))/(N (1 - q^2)(1 + q^(2N))) for a profile q^(i-1), and 2/3
      for a plane wave.
    * Eq. (12): b_n = d^n U(q_0 + s Psi)/ds^n at s = 0 equals the printed index contractions
      (n = 2, 3, 4), for a pair term x^-k (so for (10)); along the stretch mode b_n = 2^(n/2)
      phi^(n)(r), so b_2 = lambda = omega^2 (with |Psi| = 1); beta = b_3/sqrt(3 b_2 b_4) does
      not depend on the normalisation of Psi (and changes sign with Psi).
    * The mode counts: 2N = 8000 modes per realisation, 6e4 x 8000 = 4.8e8, 278 + 125 = 403,
      rho = N/A = 1.
    * The barrier seen from a minimum s_0 whose quartic has a second minimum (b_3^2 > 8 b_2 b_4/3):
      the top at u = -4 b_2/(b_3 + sign(b_3) sqrt(D)), D = b_3^2 - 8 b_2 b_4/3, and
      Delta V = (4 b_2^3/3)(|b_3| + 3 sqrt D)/(|b_3| + sqrt D)^3 exactly; at small b_2 (the
      higher minimum of group B) Delta V ~ 2 b_2^3/(3 b_3^2) = 2 omega^6/(3 b_3^2) (relative
      error O(b_2)), while the deeper minimum stays at V ~ -9 b_3^4/(8 b_4^3).

Key results
    * x_c = 5/4: C_0 = -1.924145, C_2 = 2.111062, C_4 = -0.5910975 (printed -1.92415, 2.11106,
      -0.591097); phi is C^2 at r_c = 1.25 sigma_ij but not C^3, so b_3 and b_4 of (12) jump
      when a pair crosses the cutoff.
    * Eq. (11) as printed cannot select anything: 1/N = 2.5e-4 < 0.27 for all 4.8e8 modes
      (erratum); the sum over particles of (Psi_i.Psi_i)^2 is what separates them.
    * The barrier of a group-B mode vanishes as omega^6 while its asymmetry stays finite: such
      a mode is a strongly asymmetric double well, not a two-level system (a barrier of
      3.4e-9 ... 4.0e-4 is five decades, i.e. less than one decade of omega at fixed b_3).

Readings
    * (10): epsilon multiplies only the first term as printed; with epsilon = 1 the constants
      are in units of epsilon.  The cutoff r_c is not printed: x_c = 5/4 is the value at which
      the three printed constants are the solution of the smoothness conditions.
    * "The unit of length is sigma_min" contradicts sigma_min = sigma_max/2.219 = 0.7261 of
      the same equation; under P(sigma) ~ 1/sigma^3 the printed numbers give
      <sigma> = 1000/999 = 1.0010: the unit is the mean interaction length.
    * (12): b_2 = Psi.H.Psi is omega^2 (the text also calls it "the frequency") and only for a
      normalised Psi; beta and the split into groups A and B do not depend on the
      normalisation.  The printed index orders of b_3, b_4 are full symmetric contractions.
      b_3 and b_4 use the third and fourth derivatives of U, which (10) leaves discontinuous
      at r_c ("enough smooth derivatives" holds for the Hessian only).
    * "Not even one of the modes that satisfy (8) has a double-well structure" is a statement
      about the data: (8) itself admits double wells for 2 sqrt 2/3 < |beta| <= 1
      (gurarie-chalker, second-minimum-condition); every group-B mode (|beta| > 1) is one.

Errata
    * (11) as printed, [N (Psi.Psi)^2]^-1, is 1/N for every normalised mode
      (printed-participation-ratio); it must read [N sum_i (Psi_i.Psi_i)^2]^-1 with the sum
      over particles (participation-ratio-test-modes, -exponential, -plane-wave).

Notation
    x = r/sigma_ij; x_c = r_c/sigma_ij; k the power of a pair term x^-k (k = 12, -2, -4 in
    (10)).  (r_x, r_y) is the separation r_i - r_j of a pair and (Psi_x, Psi_y) its
    displacement Psi_i - Psi_j along the mode: U of the model is a sum of pair terms, so every
    b_n is a sum of such pair contributions.  a = phi''(r), c = phi'(r)/r in the two-particle
    Hessian; c_Psi a rescaling of Psi.  In (11) Psi_i.Psi_i is the weight of particle i and
    A_amp the amplitude of a test mode (not the box area A).  Delta V is the barrier,
    u = s - s_0 and V(u) = U(s_0 + u) - U(s_0) as in gurarie-chalker.

Not encoded
    The simulation data (Figs. 1-4, the barrier range 3.4e-9 ... 4.0e-4, "two orders of
    magnitude smaller" frequencies, the distributions of b_3): they need the simulation.
"""

from __future__ import annotations

import itertools

import sympy as sp

from glassderive import (Asymptotic, Derivation, Extremum, Identity, Kind, NumericValue,
                         register)
from glassderive.derivations import gurarie_chalker as gc

NAME = "quasi-localized-modes"
PAPER = ("A. Kumar, I. Procaccia, M. Singh, \"Density of quasi-localized modes in glasses: "
         "where are the two-level systems?\", arXiv:2102.12368 (2021)")

# --- symbols ------------------------------------------------------------------------------------
b2, b3, b4, u = gc.b2, gc.b3, gc.b4, gc.u               # Eqs. (4), (8): shared with gurarie-chalker
X = sp.Symbol("x", positive=True)                       # r/sigma_ij
x_c = sp.Symbol("x_c", positive=True)                   # r_c/sigma_ij
rx, ry = sp.symbols("r_x r_y", real=True)               # pair separation (units sigma_ij)
Px, Py = sp.symbols("Psi_x Psi_y", real=True)           # its displacement along the mode
s = sp.Symbol("s", real=True)                           # distance along the mode
a_h, c_h = sp.symbols("a c", real=True)                 # phi''(r), phi'(r)/r
theta = sp.Symbol("theta", real=True)
t = sp.Symbol("t", real=True)
N, m = sp.symbols("N m", positive=True)                 # particles; particles a mode is on
A_amp, q = sp.symbols("A_amp q", positive=True)
z = sp.Symbol("z", real=True)
sig_min, R_sig, sig = sp.symbols("sigma_min R_sigma sigma", positive=True)
k_pow = sp.Symbol("k", real=True)                       # a pair term x^-k
n_dim, n_real, area = sp.symbols("d N_real A", positive=True)
n_A, n_B = sp.symbols("N_A N_B", positive=True)

XC = sp.Rational(5, 4)                                  # the cutoff the printed constants imply
PRINTED = {"C_0": sp.Float("-1.92415"), "C_2": sp.Float("2.11106"),
           "C_4": sp.Float("-0.591097")}


def _block(d2, d1_over_r, nx, ny):
    """phi'' n n^T + (phi'/r)(1 - n n^T): the Hessian of a central pair term."""
    nn = sp.Matrix([[nx * nx, nx * ny], [ny * nx, ny * ny]])
    return d2 * nn + d1_over_r * (sp.eye(2) - nn)


def _generic(expr):
    """A closed-form sum without SymPy's Piecewise for the degenerate ratio q^2 = 1."""
    return expr.replace(lambda e: isinstance(e, sp.Piecewise), lambda e: e.args[-1][0])


def _pr_printed(S2):
    """Eq. (11) as printed: [N (Psi.Psi)^2]^-1, with Psi.Psi = S2."""
    return 1 / (N * S2**2)


def _pr(S2, S4):
    """[N sum_i (Psi_i.Psi_i)^2]^-1 of the normalised mode Psi/sqrt(S2)."""
    return 1 / (N * S4 / S2**2)


@register(NAME, title="Quasi-localized modes: Hessian, smoothed pair potential, participation "
                      "ratio, expansion coefficients and the barrier of a higher minimum",
          paper="A. Kumar, I. Procaccia, M. Singh, Density of quasi-localized modes in "
                "glasses, arXiv:2102.12368 (2021)", equations="2, 10-12, quoted counts")
def build() -> Derivation:
    d = Derivation(
        NAME,
        title="Quasi-localized modes of the model glass: Hessian, pair potential, participation "
              "ratio, expansion coefficients and the barrier of a higher minimum",
        paper=PAPER,
        equations="(2), (10)-(12) and the counts of the section Results and analysis",
        summary="The Hessian of the smoothed inverse-power pair potential and its normal modes "
                "($\\omega^2=\\lambda$); the constants of (10) from the smoothness conditions "
                "at $r_c=1.25\\sigma_{ij}$; the participation ratio (11) as it must read; the "
                "expansion coefficients (12) as directional derivatives; the mode counts; the "
                "barrier of a higher minimum, $\\Delta V\\simeq2b_2^3/3b_3^2$.",
    )
    d.require_verified_results = True
    gcd = gc.build()                       # gurarie-chalker: V(u) and beta, verified there
    V = gcd.step("expansion-about-minimum").rhs
    beta = gcd.results["beta"]
    u_second = gcd.step("second-minimum-position").at

    # --- Eq. (10): the smoothed pair potential -------------------------------------------------
    C0, C2, C4 = sp.symbols("C_0 C_2 C_4", real=True)
    phi_gen = X**-12 + C0 + C2 * X**2 + C4 * X**4
    d.define(sp.Function("\\phi")(X), phi_gen,
             "Eq. (10), $\\epsilon=1$, $x=r_{ij}/\\sigma_{ij}<x_c$; $\\phi=0$ beyond $x_c$")
    # phi(x_c) = phi'(x_c) = phi''(x_c) = 0 is linear in (C0, C2, C4): M C = -v
    basis = (sp.Integer(1), X**2, X**4)
    M = sp.Matrix(3, 3, lambda n, k: sp.diff(basis[k], X, n).subs(X, x_c))
    v = sp.Matrix([sp.diff(X**-12, X, n).subs(X, x_c) for n in range(3)])
    d.add(Identity(
        "cutoff-constants", list(M.LUsolve(-v)),
        [-28 * x_c**-12, 48 * x_c**-14, -21 * x_c**-16],
        eq="(10)", kind=Kind.DERIVATIVE, domain={x_c: sp.Interval.open(1, 2)},
        lhs_tex="(C_0,C_2,C_4)^T\\ \\text{solving}\\ \\phi^{(n)}(x_c)=0,\\ n=0,1,2",
        why="the three conditions are linear in $C_0,C_2,C_4$: "
            "$\\sum_k C_k\\,\\partial_x^n x^{k}|_{x_c}=-\\partial_x^n x^{-12}|_{x_c}$ solved"))
    consts = dict(zip((C0, C2, C4), d.ref("cutoff-constants")))
    phi_xc = phi_gen.subs(consts)                          # phi(x; x_c)
    d.add(Identity(
        "cutoff-smoothness", [sp.diff(phi_xc, X, n).subs(X, x_c) for n in range(4)],
        [0, 0, 0, -2688 * x_c**-15],
        eq="(10)", kind=Kind.DERIVATIVE, domain={x_c: sp.Interval.open(1, 2)},
        lhs_tex="\\left(\\phi,\\phi',\\phi'',\\phi'''\\right)(x_c^-)-(0,0,0,0)",
        why="the jumps at the cutoff: $\\phi$, $\\phi'$, $\\phi''$ continuous (the Hessian "
            "is), $\\phi'''$ jumps by $-2688x_c^{-15}$ (so do $b_3$, $b_4$ of (12) when a "
            "pair crosses $r_c$)"))
    for k, Ck in enumerate(("C_0", "C_2", "C_4")):
        d.add(NumericValue(
            f"printed-{Ck.replace('_', '')}", d.ref("cutoff-constants")[k], PRINTED[Ck],
            digits=6, at={x_c: XC}, eq="(10)", unit="epsilon",
            why=f"${Ck}$ of the smoothness conditions at $x_c=5/4$ "
                f"($r_c=1.25\\sigma_{{ij}}$, not printed): all three printed constants to "
                f"six digits"))
    d.add(Identity(
        "mean-interaction-length",
        sp.Integral(sig**-2, (sig, sig_min, R_sig * sig_min))
        / sp.Integral(sig**-3, (sig, sig_min, R_sig * sig_min)),
        2 * R_sig * sig_min / (1 + R_sig), eq="(10)",
        domain={sig_min: sp.Interval.open(sp.Rational(1, 2), 1),
                R_sig: sp.Interval.open(sp.Rational(3, 2), 3)},
        lhs_tex="\\langle\\sigma\\rangle=\\int\\sigma P(\\sigma)d\\sigma/\\int P(\\sigma)"
                "d\\sigma",
        why="$P(\\sigma)\\propto\\sigma^{-3}$ on $[\\sigma_{min},R\\sigma_{min}]$"))
    sig_max = sp.Rational(145, 90)
    R_pr = sp.Rational(2219, 1000)
    d.add(Identity(
        "mean-interaction-length-printed",
        d.ref("mean-interaction-length").subs({sig_min: sig_max / R_pr, R_sig: R_pr}),
        sp.Rational(29000, 28971), eq="(10)",
        lhs_tex="\\langle\\sigma\\rangle\\big|_{\\sigma_{max}=1.45/0.9,\\ R=2.219}",
        why="$\\sigma_{min}=\\sigma_{max}/2.219=0.7261$, $\\langle\\sigma\\rangle=1.0010$: "
            "the unit of length is $\\langle\\sigma\\rangle$, not $\\sigma_{min}$ as printed "
            "(reading)"))

    # --- Eq. (2): the Hessian of a pair and the normal modes --------------------------------------
    # every term of (10) is a power of r (x^-12, x^2, x^4; the constant drops out of every
    # derivative) and (2), (12) are linear in U: they are checked for phi = x^-k, k real
    phi_r = X ** -k_pow
    r_abs = sp.sqrt(rx**2 + ry**2)
    pair_dom = {rx: sp.Interval.open(sp.Rational(9, 10), sp.Rational(11, 10)),
                ry: sp.Interval.open(-sp.Rational(1, 2), sp.Rational(1, 2)),
                k_pow: sp.Interval.open(-5, 13)}
    U_pair = (rx**2 + ry**2) ** (-k_pow / 2)
    d.define(sp.Function("U")(rx, ry), U_pair,
             "a pair term $x^{-k}$ at separation $(r_x,r_y)$ ($\\sigma_{ij}=1$); (10) is the sum "
             "of $k=12,-2,-4$ with the constants $C_n$, plus $C_0$")
    d1 = sp.diff(phi_r, X).subs(X, r_abs)
    d2 = sp.diff(phi_r, X, 2).subs(X, r_abs)
    d.add(Identity(
        "pair-hessian-block",
        [[sp.Derivative(U_pair, rx, rx), sp.Derivative(U_pair, rx, ry)],
         [sp.Derivative(U_pair, ry, rx), sp.Derivative(U_pair, ry, ry)]],
        _block(d2, d1 / r_abs, rx / r_abs, ry / r_abs), symbolic=False,
        eq="(2)", kind=Kind.DERIVATIVE, domain=pair_dom,
        lhs_tex="\\partial^2\\phi(|\\mathbf r|)/\\partial\\mathbf r\\partial\\mathbf r",
        rhs_tex="\\phi''(r)\\,\\mathbf n\\mathbf n^T+\\frac{\\phi'(r)}{r}(1-\\mathbf n"
                "\\mathbf n^T)",
        why="$\\phi=x^{-k}$, every term of (10) ($k=12,-2,-4$); $\\mathbf H_{ii}=-\\mathbf "
            "H_{ij}$ for the pair ($U$ depends on $\\mathbf r_i-\\mathbf r_j$), $\\mathbf n="
            "\\mathbf r/r$; analytic sides, so the random points suffice (no symbolic pass)"))
    nx, ny = sp.cos(theta), sp.sin(theta)
    B = _block(a_h, c_h, nx, ny)
    H = sp.BlockMatrix([[B, -B], [-B, B]]).as_explicit()
    h = 1 / sp.sqrt(2)
    P = sp.Matrix([[h * nx, -h * ny, h, 0], [h * ny, h * nx, 0, h],
                   [-h * nx, h * ny, h, 0], [-h * ny, -h * nx, 0, h]])
    Lam = sp.diag(2 * a_h, 2 * c_h, 0, 0)
    hdom = {a_h: sp.Interval.open(-3, 3), c_h: sp.Interval.open(-3, 3),
            theta: sp.Interval.open(0, 2 * sp.pi)}
    d.add(Identity(
        "mode-orthonormality", P.T * P, sp.eye(4), eq="(2)",
        domain={theta: sp.Interval.open(0, 2 * sp.pi)},
        lhs_tex="\\left(\\Psi^{(k)}\\cdot\\Psi^{(l)}\\right)_{kl}",
        why="stretch $(\\mathbf n,-\\mathbf n)/\\sqrt2$, transverse "
            "$(\\mathbf t,-\\mathbf t)/\\sqrt2$, translations $(\\mathbf e_x,\\mathbf e_x)"
            "/\\sqrt2$, $(\\mathbf e_y,\\mathbf e_y)/\\sqrt2$: an orthonormal basis"))
    d.add(Identity(
        "two-particle-modes", H, P * Lam * P.T, symbolic=False, eq="(2)", domain=hdom,
        uses=("pair-hessian-block", "mode-orthonormality"),
        lhs_tex="\\mathbf H=\\begin{pmatrix}B&-B\\\\-B&B\\end{pmatrix}",
        rhs_tex="\\sum_k\\lambda_k\\Psi^{(k)}\\Psi^{(k)T}",
        why="the spectral decomposition over the orthonormal modes: stretch "
            "$\\lambda=2\\phi''$, transverse $\\lambda=2\\phi'/r$, two translations "
            "$\\lambda=0$ (Goldstone modes); analytic sides, random points (no symbolic "
            "pass)"))
    lam_s = Lam[0, 0]
    q_t = P[:, 0] * sp.cos(sp.sqrt(lam_s) * t)
    d.add(Identity(
        "normal-mode-frequency", q_t.applyfunc(lambda e: -sp.Derivative(e, (t, 2))), H * q_t,
        symbolic=False, eq="(2)", kind=Kind.DERIVATIVE, uses=("two-particle-modes",),
        domain={a_h: sp.Interval.open(sp.Rational(1, 10), 3), c_h: sp.Interval.open(-3, 3),
                theta: sp.Interval.open(0, 2 * sp.pi), t: sp.Interval.open(0, 10)},
        lhs_tex="-\\ddot{\\mathbf q}(t)",
        rhs_tex="\\mathbf H\\,\\Psi\\cos(\\sqrt{\\lambda}\\,t)",
        why="unit masses: $\\ddot{\\mathbf q}=-\\mathbf H\\mathbf q$ along an eigenvector "
            "oscillates with $\\omega^2=\\lambda$ (the stretch mode, for $\\lambda=2\\phi''>0$)"))

    # --- Eq. (12): the expansion coefficients as directional derivatives ------------------------
    U_s = U_pair.subs({rx: rx + s * Px, ry: ry + s * Py}, simultaneous=True)
    T2 = sp.derive_by_array(sp.derive_by_array(U_pair, (rx, ry)), (rx, ry))
    T3 = sp.derive_by_array(T2, (rx, ry))
    T4 = sp.derive_by_array(T3, (rx, ry))
    Ps = (Px, Py)
    rng = range(2)
    b2_c = sum(Ps[i] * T2[i, j] * Ps[j] for i in rng for j in rng)
    b3_c = sum(Ps[i] * (T3[i, j, l] * Ps[l]) * Ps[j]
               for i, j, l in itertools.product(rng, repeat=3))
    b4_c = sum(Ps[i] * (Ps[l] * T4[i, j, l, mm] * Ps[mm]) * Ps[j]
               for i, j, l, mm in itertools.product(rng, repeat=4))
    d.add(Identity(
        "directional-derivatives",
        [sp.Derivative(U_s, (s, n)).subs(s, 0) for n in (2, 3, 4)], [b2_c, b3_c, b4_c],
        symbolic=False, eq="(12)", kind=Kind.DERIVATIVE,
        domain={**pair_dom, Px: sp.Interval.open(-1, 1), Py: sp.Interval.open(-1, 1)},
        lhs_tex="\\frac{d^n}{ds^n}U(\\mathbf q_0+s\\Psi)\\big|_{s=0},\\ n=2,3,4",
        rhs_tex="\\left(\\Psi\\cdot\\mathbf H\\cdot\\Psi,\\ \\Psi_i\\left[\\frac{\\partial^3U}"
                "{\\partial\\mathbf r_i\\partial\\mathbf r_j\\partial\\mathbf r_\\ell}"
                "\\Psi_\\ell\\right]\\Psi_j,\\ \\Psi_i\\left[\\Psi_\\ell\\frac{\\partial^4U}"
                "{\\partial\\mathbf r_i\\partial\\mathbf r_j\\partial\\mathbf r_\\ell\\partial"
                "\\mathbf r_m}\\Psi_m\\right]\\Psi_j\\right)",
        why="the printed contractions are the derivatives of $U$ along $\\Psi$, i.e. $b_n$ of "
            "(4) with $s$ measured along $\\Psi$; for a pair term $x^{-k}$ (every term of "
            "(10); $U$ is a sum of pairs, with $\\Psi_i-\\Psi_j$); analytic sides, random "
            "points"))
    b_along = [e.subs({Px: sp.sqrt(2) * rx / r_abs, Py: sp.sqrt(2) * ry / r_abs},
                      simultaneous=True) for e in d.ref("directional-derivatives")]
    d.add(Identity(
        "stretch-mode-coefficients", b_along,
        [2 * d2, 2 * sp.sqrt(2) * sp.diff(phi_r, X, 3).subs(X, r_abs),
         4 * sp.diff(phi_r, X, 4).subs(X, r_abs)],
        symbolic=False, eq="(2), (12)", domain=pair_dom, uses=("two-particle-modes",),
        lhs_tex="(b_2,b_3,b_4)\\big|_{\\Psi=(\\mathbf n,-\\mathbf n)/\\sqrt2}",
        rhs_tex="\\left(2\\phi'',\\ 2^{3/2}\\phi''',\\ 4\\phi''''\\right)(r)",
        why="the stretch mode moves the pair apart by $\\sqrt2\\,s$: $b_n=2^{n/2}"
            "\\phi^{(n)}$, and $b_2=2\\phi''=\\lambda=\\omega^2$ for the normalised "
            "eigenvector"))
    cc = sp.Symbol("c_Psi", positive=True)
    bdom = {b2: sp.Interval.open(0, sp.oo), b4: sp.Interval.open(0, sp.oo),
            b3: sp.Interval(-sp.oo, sp.oo), cc: sp.Interval.open(sp.Rational(1, 10), 10)}
    d.add(Identity(
        "beta-normalisation",
        [beta.subs({b2: cc**2 * b2, b3: cc**3 * b3, b4: cc**4 * b4}, simultaneous=True),
         beta.subs(b3, -b3)],
        [beta, -beta], eq="(12), (8)", domain=bdom,
        lhs_tex="\\left(\\beta(c^2b_2,c^3b_3,c^4b_4),\\ \\beta(b_2,-b_3,b_4)\\right)",
        why="$\\Psi\\to c\\Psi$ scales $b_n$ by $c^n$: $\\beta$ (and the split into groups A "
            "and B) does not depend on the normalisation, $b_2=\\omega^2$ does; "
            "$\\Psi\\to-\\Psi$ flips $\\beta$"))

    # --- Eq. (11): the participation ratio -------------------------------------------------------
    i = sp.Symbol("i", integer=True, positive=True)
    p_one = A_amp**2                          # Psi_i = A e_i, |e_i| = 1 (any polarisation)
    p_exp = A_amp**2 * q ** (2 * (i - 1))     # |Psi_i|^2 falling off as q^(2(i-1))
    modes = {   # (sum_i p_i, sum_i p_i^2): even over N, on one particle, on m, exponential
        "extended": (sp.summation(p_one, (i, 1, N)), sp.summation(p_one**2, (i, 1, N))),
        "one": (p_one, p_one**2),
        "m": (sp.summation(p_one, (i, 1, m)), sp.summation(p_one**2, (i, 1, m))),
        "exp": (_generic(sp.summation(p_exp, (i, 1, N))),
                _generic(sp.summation(p_exp**2, (i, 1, N)))),
    }
    norm = {"extended": 1 / sp.sqrt(N), "one": 1, "m": 1 / sp.sqrt(m),
            "exp": sp.sqrt((1 - q**2) / (1 - q ** (2 * N)))}
    prdom = {N: sp.Interval.open(10, 10**4), m: sp.Interval.open(1, 10),
             q: sp.Interval.open(sp.Rational(1, 10), sp.Rational(19, 20))}
    d.add(Identity(
        "printed-participation-ratio",
        [_pr_printed(modes[k][0]).subs(A_amp, norm[k]) for k in ("extended", "one", "m", "exp")],
        [1 / N, 1 / N, 1 / N, 1 / N], eq="(11)", domain=prdom,
        lhs_tex="[N(\\Psi\\cdot\\Psi)^2]^{-1}\\ \\text{(extended; on 1; on } m\\text{; "
                "exponential)}",
        why="as printed, on normalised modes ($\\Psi\\cdot\\Psi=1$): $1/N$ for every mode "
            "($2.5\\cdot10^{-4}<0.27$ at $N=4000$: the cut would keep all $4.8\\cdot10^8$ "
            "modes, not 403; erratum)"))
    d.add(Identity(
        "participation-ratio-test-modes",
        [_pr(*modes[k]) for k in ("extended", "one", "m")], [1, 1 / N, m / N], eq="(11)",
        domain={**prdom, A_amp: sp.Interval.open(sp.Rational(1, 10), 10)},
        lhs_tex="[N\\sum_i(\\hat\\Psi_i\\cdot\\hat\\Psi_i)^2]^{-1}\\ \\text{(extended; on 1; "
                "on } m\\text{)}",
        why="what (11) must be, $\\hat\\Psi=\\Psi/|\\Psi|$: 1 for a mode spread evenly, "
            "$1/N$ on one particle, $m/N$ on $m$"))
    d.add(Identity(
        "participation-ratio-exponential", _pr(*modes["exp"]),
        (1 + q**2) * (1 - q ** (2 * N)) / (N * (1 - q**2) * (1 + q ** (2 * N))), eq="(11)",
        domain={**prdom, A_amp: sp.Interval.open(sp.Rational(1, 10), 10)},
        lhs_tex="[N\\sum_i(\\hat\\Psi_i\\cdot\\hat\\Psi_i)^2]^{-1}\\big|_{|\\Psi_i|\\propto "
                "q^{i-1}}",
        why="geometric sums: a localised mode has $N\\cdot PR\\to(1+q^2)/(1-q^2)$, the number "
            "of particles it moves, and $PR\\to0$ as $N\\to\\infty$"))
    d.add(Identity(
        "participation-ratio-plane-wave",
        sp.Integral(sp.cos(z) ** 2, (z, -sp.pi, sp.pi)) ** 2
        / (2 * sp.pi * sp.Integral(sp.cos(z) ** 4, (z, -sp.pi, sp.pi))),
        sp.Rational(2, 3), eq="(11)", n_points=1,
        lhs_tex="\\frac{(\\int_{-\\pi}^{\\pi}\\cos^2)^2}{2\\pi\\int_{-\\pi}^{\\pi}\\cos^4}",
        why="a plane wave $\\Psi_i\\propto\\mathbf e\\cos(\\mathbf k\\cdot\\mathbf r_i)$ "
            "(uniform density): $PR=2/3>0.27$, so the cut separates phonons from QLMs"))

    # --- the counts of "Results and analysis" ----------------------------------------------------
    d.add(NumericValue("modes-per-realisation", n_dim * N, 8000, at={n_dim: 2, N: 4000},
                       eq="Results", why="$dN$ eigenvectors of the $2N\\times2N$ Hessian "
                                         "(two of them translations, $\\lambda=0$)"))
    d.add(NumericValue("modes-in-all", n_real * n_dim * N, sp.Float("4.8e8"), digits=2,
                       at={n_real: 60000, n_dim: 2, N: 4000}, eq="Results",
                       why="$6\\cdot10^4$ realisations of $8000$ modes"))
    d.add(NumericValue("qlm-count", n_A + n_B, 403, at={n_A: 278, n_B: 125}, eq="Results",
                       why="group A (Eq. 8 holds) plus group B"))
    d.add(NumericValue("number-density", N / area, 1, at={N: 4000, area: 4000}, eq="Model",
                       unit="sigma^-2", why="$\\rho=N/A$"))

    # --- the barrier of a higher minimum (group B) ------------------------------------------------
    D = b3**2 - sp.Rational(8, 3) * b2 * b4
    two_min = b3**2 > sp.Rational(8, 3) * b2 * b4
    box = {b2: sp.Interval.open(0, sp.oo), b4: sp.Interval.open(0, sp.oo),
           b3: sp.Interval(-sp.oo, sp.oo)}
    d.add(Extremum(
        "barrier-top", V, u, -4 * b2 / (b3 + sp.sign(b3) * sp.sqrt(D)), extremum="maximum",
        eq="(4), (8)", domain=box, where=two_min,
        why="$V'(u)/u=b_2+b_3u/2+b_4u^2/6=0$: the root nearer $u=0$, written without "
            "cancellation ($D=b_3^2-8b_2b_4/3>0$: a second minimum)"))
    d.add(Identity(
        "barrier-height", V.subs(u, d.ref("barrier-top")) - V.subs(u, 0),
        sp.Rational(4, 3) * b2**3 * (sp.Abs(b3) + 3 * sp.sqrt(D))
        / (sp.Abs(b3) + sp.sqrt(D)) ** 3,
        eq="(4), (8)", kind=Kind.SUBSTITUTION, domain=box, where=two_min, symbolic=False,
        n_points=16,
        lhs_tex="\\Delta V=V(u_{max})-V(0)",
        why="with $b_4u^2=-6b_2-3b_3u$ at the top: $\\Delta V=u^2(6b_2+b_3u)/24$; for "
            "$|\\beta|>1$ ($s_0$ the higher minimum, group B) and for "
            "$2\\sqrt2/3<|\\beta|\\le1$ alike; analytic for each sign of $b_3$ "
            "($b_3\\neq0$ there): 16 points, both signs"))
    small = {b3: sp.Interval.open(sp.Rational(1, 2), 2),
             b4: sp.Interval.open(sp.Rational(1, 2), 2)}
    d.add(Asymptotic(
        "barrier-small-b2", d.ref("barrier-height"), 2 * b2**3 / (3 * b3**2), b2, 0, order=1,
        eq="(4), (8)", domain=small, expr_tex="\\Delta V(b_2,b_3,b_4)",
        why="$u_{max}\\simeq-2b_2/b_3$: $\\Delta V\\simeq2b_2^3/3b_3^2=2\\omega^6/3b_3^2$, "
            "relative error $b_2b_4/b_3^2$ ($b_3<0$ the same, $u\\to-u$)"))
    d.add(Asymptotic(
        "deeper-minimum-small-b2", V.subs(u, u_second), -9 * b3**4 / (8 * b4**3), b2, 0,
        order=1, eq="(4), (8)", domain=small, expr_tex="V(u_{min})",
        why="the deeper minimum near $u=-3b_3/b_4$ keeps a finite depth "
            "$-9b_3^4/8b_4^3$ as $b_2\\to0$ (gurarie-chalker's second-minimum position): "
            "the asymmetry stays while the barrier vanishes as $\\omega^6$"))

    pos = sp.Interval.open(0, sp.oo)
    real = sp.Interval(-sp.oo, sp.oo)
    for k, name in enumerate(("C0", "C2", "C4")):
        d.result(f"smoothing_constant_{name}", d.ref("cutoff-constants")[k], (x_c,), {x_c: pos},
                 f"{name} of Eq. (10) at the cutoff x_c = r_c/sigma_ij", step="cutoff-constants")
    d.result("third_derivative_jump", d.ref("cutoff-smoothness")[3], (x_c,), {x_c: pos},
             "phi'''(x_c^-) - phi'''(x_c^+) of Eq. (10)", step="cutoff-smoothness")
    d.result("participation_ratio_exponential", d.ref("participation-ratio-exponential"),
             (N, q), {N: pos, q: sp.Interval.open(0, 1)},
             "PR of a mode with |Psi_i|^2 ~ q^(2(i-1)) on N particles")
    d.result("barrier", d.ref("barrier-height"), (b2, b3, b4), {b2: pos, b3: real, b4: pos},
             "Delta V from s_0 over the nearer maximum (b3^2 > 8 b2 b4/3)", where=two_min)
    d.result("barrier_small_b2", d.ref("barrier-small-b2"), (b2, b3), {b2: pos, b3: real},
             "2 b2^3/(3 b3^2): Delta V at small b2")
    return d
