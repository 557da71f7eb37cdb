"""The reduced Schrodinger equation of soft potentials and the density of quasilocal vibrations.

Source
    M. A. Il'in, V. G. Karpov, D. A. Parshin, Sov. Phys. JETP 65, 165 (1987), Eq. (7)
    and its scaling [R], the harmonic limit of one-well potentials, and Eq. (12) (exponent
    garbled in the OCR: derived here).

What it derives
    * Scaling: with x = eta_L^(1/2) y, alpha = eta/eta_L, beta = t/eta_L^(1/2),
      eta_L = (hbar^2/(2 m a^2 E))^(1/3) and w = E eta_L^2, the Hamiltonian
      -(hbar^2/2ma^2) d^2/dx^2 + E (eta x^2 - t x^3 + x^4) is w times -d^2/dy^2 + alpha y^2 -
      beta y^3 + y^4 (checked on a generic test function).
    * Harmonic limit: eps_2 - eps_1 = 2 sqrt(alpha) (1 + O(alpha^(-3/2))) for alpha >> 1, i.e.
      E_n - E_1 = 2 w (n - 1) (eta/eta_L)^(1/2); checked on the spectral solver's levels.
    * Eq. (12): with P(eta, t) = |eta| P0 and the one-well region eta > 9t^2/32, the density of
      quasilocal vibrations of frequency E = 2 w (eta/eta_L)^(1/2) is
      n(E) = (sqrt 2/6) P0 eta_L^(5/2) E^4 / w^5, i.e. n ~ E^4 (the OCR's "(E/w)*" exponent is 4);
      with P = P0 (no |eta|) it would be ~ E^2.
"""

from __future__ import annotations

import sympy as sp

from glassderive import Asymptotic, Derivation, Identity, Kind, register

NAME = "soft-potential-spectrum"

hbar, m, a, Ea, eta, t, y, E, w, etaL, P0, alpha = sp.symbols(
    "hbar m a \\mathcal{E} eta t y E w eta_L P_0 alpha", positive=True)
beta = sp.symbols("beta", real=True)
t_r, eta_r = sp.symbols("t eta", real=True)


TLS_ALPHA = -12.0   # a double well with Delta_0 = 3.5e-7 w: the TLS regime


def _asymmetry(point) -> float:
    """TLS asymmetry sqrt(E^2 - Delta_0^2) at alpha = TLS_ALPHA, from the exact levels."""
    from glassderive.numeric.soft_potential import tls_parameters

    return tls_parameters(TLS_ALPHA, float(point[beta]))[1]


def _gap(point) -> float:
    """eps_2 - eps_1 of -psi'' + (alpha y^2 + y^4) psi from the spectral solver."""
    from glassderive.numeric.soft_potential import _levels_one

    lv = _levels_one(float(point[alpha]), 0.0, 2)   # the solver itself, beyond the public range
    return float(lv[1] - lv[0])


@register(NAME, title="Soft-potential spectrum: scaling, harmonic limit, n(E) ~ E^4",
          paper="M. A. Il'in, V. G. Karpov, D. A. Parshin, Sov. Phys. JETP 65, 165 (1987)",
          equations="7, 12")
def build() -> Derivation:
    d = Derivation(
        NAME,
        title="Soft potentials: the reduced Schr\\\"odinger equation and $n(E)\\propto E^4$",
        paper="M. A. Il'in, V. G. Karpov, D. A. Parshin, Sov. Phys. JETP 65, 165 (1987)",
        equations="(7), (12)",
        summary="Scaling of the soft-potential Hamiltonian to its reduced form, the harmonic limit "
                "of one-well potentials, and the density of quasilocal vibrations.",
    )
    d.require_verified_results = True
    unit = sp.Interval.open(sp.Rational(1, 2), 2)
    eta_L = (hbar**2 / (2 * m * a**2 * Ea)) ** sp.Rational(1, 3)
    w_of = Ea * eta_L**2
    d.define(etaL, eta_L, "[R]")
    d.define(w, w_of, "[R]: $w=\\mathcal E\\eta_L^2$")
    # what fixes the two scales: in y = x / eta_L^(1/2) the kinetic coefficient
    # hbar^2/(2 m a^2 eta_L) and the quartic one E eta_L^2 must be the same energy w
    kin = hbar**2 / (2 * m * a**2)
    d.add(Identity("reduced-scales", [kin / (Ea * eta_L**2), kin / eta_L], [eta_L, w_of],
                   eq="(7)", kind=Kind.ALGEBRA,
                   lhs_tex=r"\left(\frac{\hbar^2}{2ma^2\,\mathcal E\eta_L^2},\ "
                           r"\frac{\hbar^2}{2ma^2\,\eta_L}\right)^T",
                   domain={hbar: unit, m: unit, a: unit, Ea: unit},
                   why="kinetic and quartic terms in $y$ both equal $w$: "
                       "$\\eta_L^3=\\hbar^2/2ma^2\\mathcal E$, $w=\\mathcal E\\eta_L^2$"))
    x = sp.sqrt(eta_L) * y
    phi = sp.exp(-y**2 / 3) * (1 + y / 2 + y**3 / 5)          # a generic test function
    # H phi with d/dx = eta_L^(-1/2) d/dy
    H_phys = -(hbar**2 / (2 * m * a**2)) * sp.diff(phi, y, 2) / eta_L \
        + Ea * (eta * x**2 - t * x**3 + x**4) * phi
    al, be = eta / eta_L, t / sp.sqrt(eta_L)
    H_red = w_of * (-sp.diff(phi, y, 2) + (al * y**2 - be * y**3 + y**4) * phi)
    d.add(Identity("reduced-equation", H_phys, H_red, eq="(7)", kind=Kind.SUBSTITUTION,
                   lhs_tex=r"\left[-\frac{\hbar^2}{2ma^2}\frac{d^2}{dx^2}+\mathcal{E}(\eta x^2-tx^3+x^4)"
                           r"\right]\phi",
                   rhs_tex=r"w\left[-\frac{d^2}{dy^2}+\alpha y^2-\beta y^3+y^4\right]\phi"
                           r"\quad(\phi\ \text{a test function})",
                   domain={hbar: unit, m: unit, a: unit, Ea: unit, eta: unit, t: unit},
                   why="$x=\\eta_L^{1/2}y$, $\\alpha=\\eta/\\eta_L$, $\\beta=t/\\eta_L^{1/2}$, "
                       "$E_n=w\\varepsilon_n$"))
    d.add(Identity("debye-energy", sp.sqrt(Ea * hbar**2 / (2 * m * a**2)), w_of / eta_L
                   ** sp.Rational(1, 2) * 1, eq="(7)",
                   domain={hbar: unit, m: unit, a: unit, Ea: unit},
                   why="$\\hbar\\omega_D=(\\mathcal E\\hbar^2/2ma^2)^{1/2}=w\\,\\eta_L^{-1/2}$"))
    d.add(Asymptotic("harmonic-limit", _gap, 2 * sp.sqrt(alpha), alpha, sp.oo, order=1.5,
                     points=[30.0, 60.0, 120.0, 240.0, 480.0], eq="(7)",
                     expr_tex="\\varepsilon_2-\\varepsilon_1",
                     why="one-well, $\\alpha\\gg1$: $E_n-E_1=2w(n-1)(\\eta/\\eta_L)^{1/2}$ "
                         "(spectral solver)"))
    from glassderive.numeric.soft_potential import localized_cubic_moment

    y3 = sp.Float(localized_cubic_moment(TLS_ALPHA), 15)
    d.add(Asymptotic("tls-asymmetry", _asymmetry, 2 * beta * y3, beta, 0, order=2,
                     points=[0.05, 0.02, 0.01, 0.005, 0.002], eq="(8)-(11)",
                     expr_tex="\\Delta=\\sqrt{E_{21}^2-\\Delta_0^2}",
                     why="TLS limit of a double well ($\\alpha=-12$): "
                         "$E_{21}=\\sqrt{\\Delta^2+\\Delta_0^2}$ with "
                         "$\\Delta=2\\beta\\langle y^3\\rangle_R$ to first order; "
                         "the error is even in $\\beta$"))
    # Eq. (12): n(E) from P = |eta| P0 over the one-well region eta > 9 t^2/32
    eta_E = etaL * (E / (2 * w)) ** 2                      # E = 2 w (eta/eta_L)^(1/2)
    dEdeta = sp.diff(2 * w * sp.sqrt(eta / etaL), eta).subs(eta, eta_E)
    t_max = sp.sqrt(sp.Rational(32, 9) * eta_E)
    n_E = P0 * eta_E / dEdeta * 2 * t_max
    d.add(Identity("quasilocal-dos", n_E, sp.sqrt(2) / 6 * P0 * etaL ** sp.Rational(5, 2) * E**4 / w**5,
                   eq="(12)", domain={P0: unit, etaL: unit, E: unit, w: unit},
                   why="$\\int d\\eta\\,dt\\,|\\eta|P_0\\,\\delta(E-2w\\sqrt{\\eta/\\eta_L})$, "
                       "$|t|<\\sqrt{32\\eta/9}$: the exponent is 4"))
    eta_max = etaL * (E / (2 * w)) ** 2
    # the t-range |t| < sqrt(32 eta/9) has length 2 sqrt(32 eta/9); the eta-integral by quadrature
    cumulative = sp.Integral(P0 * eta_r * 2 * sp.sqrt(sp.Rational(32, 9) * eta_r),
                             (eta_r, 0, eta_max))
    d.add(Identity("quasilocal-count", cumulative,
                   sp.Integral(d.ref("quasilocal-dos").subs(E, y), (y, 0, E)),
                   eq="(12)", domain={P0: unit, etaL: unit, E: unit, w: unit},
                   why="the number of one-well potentials with $E_{21}<E$, by quadrature"))
    pos = sp.Interval.open(0, sp.oo)
    scales = d.ref("reduced-scales")
    d.result("eta_L", scales[0], (hbar, m, a, Ea), {hbar: pos, m: pos, a: pos, Ea: pos}, "[R]")
    d.result("w", scales[1], (hbar, m, a, Ea), {hbar: pos, m: pos, a: pos, Ea: pos}, "[R]",
             step="reduced-scales")
    d.result("quasilocal_dos", d.ref("quasilocal-dos"),
             (E, P0, etaL, w), {E: sp.Interval(0, sp.oo), P0: pos, etaL: pos, w: pos},
             "n(E) of Eq. (12), P = |eta| P0")
    return d
