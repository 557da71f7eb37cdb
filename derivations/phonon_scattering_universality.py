"""The TLS-phonon coupling from marginal stability and the universal phonon mean free path.

Source
    V. Lubchenko, P. G. Wolynes, "The microscopic quantum theory of low temperature amorphous
    solids", Adv. Chem. Phys. 136, 95-206 (2007), arXiv:cond-mat/0506708, Sec. III.B:
    Eqs. (15)-(20), footnote 5 and the unnumbered formulas there (the coupling
    g = rho c_s^2 int d_ii/2, the surface-integral estimate, the nearest-neighbour coupling
    and the static dipolar field); the universal combination Pbar g^2/rho c_s^2 of Sec. I;
    with Pbar = 1/(T_g xi^3) of Sec. III.A (derivation ``rfot-mosaic``).

What it derives
    * Eq. (17): the strain variance at T_g from equipartition of the elastic energy of one
      bead, rho c_s^2 a^3 (grad phi)^2/2 (the Boltzmann average of a harmonic coordinate,
      by quadrature): <(grad phi)^2> = k_B T_g/(rho c_s^2 a^3).
    * Eq. (18): the stability condition g sigma_z = -rho c_s^2 a^3 grad phi multiplied by
      grad phi and averaged, with <g grad phi sigma_z> ~ g <(grad phi)^2>^(1/2):
      g = sqrt(rho c_s^2 a^3 k_B T_g).
    * Footnote 5: the strain at T_g is |grad phi| = g/(rho c_s^2 a^3) =
      (k_B T_g/rho c_s^2 a^3)^(1/2); the bead size a = (c_s/omega_D)(6 pi^2)^(1/3) is one
      Debye mode (of one branch, as in Eq. (15)) per bead.
    * The second estimate of g (the surface integral a^2 N*^(1/3) (a/xi) d_L with
      d_L/a = |grad phi| and N* = (xi/a)^3) is exactly g/2: "within a factor of two".
    * Eq. (19), derived, not typed: the golden-rule net absorption rate of a phonon by TLSs
      with H_int = g grad phi sigma_z (16) and H_TLS = (eps sigma_z + Delta sigma_x)/2: the
      eigenvectors of H_TLS (Rayleigh quotient E/2), the resonant matrix element
      |<-|sigma_z|+>|^2 = Delta^2/E^2, the weight int dEps dDelta (Pbar/Delta) Delta^2/E^2
      delta(E - hbar omega) = Pbar (polar coordinates, a Jacobian step), the population
      difference tanh(hbar omega/2T), the one-phonon strain element k^2 hbar/(2 rho V omega)
      from the energy of a classical mode; l^-1 = rate/c_s.  With the LW amplitude law (22),
      (Delta_0/Delta)^c/Delta, the weight becomes Pbar (Delta_0/E)^c sqrt(pi)
      Gamma(1 - c/2)/(2 Gamma(3/2 - c/2)) (the paper: (19) is "not terribly sensitive" to it).
    * Eq. (20): the orientation average <cos^2> = 1/3, Pbar = 1/(T_g xi^3), g^2 from (18) and
      hbar omega = k_B T give lambda/l = (2 pi^2/3) tanh(1/2) (a/xi)^3 exactly when
      lambda = 2 pi c_s/omega = h c_s/k_B T; with the Fig. 1 convention lambda = hbar c_s/k_B T
      the same physics reads lambda/l = (pi/3) tanh(1/2) (a/xi)^3.
    * U-3 and U-32: Pbar g^2/rho c_s^2 = (a/xi)^3; the nearest-neighbour coupling
      g^2/(rho c_s^2 xi^3) = T_g (a/xi)^3, its ratio to the level spacing 1/(Pbar xi^3) = T_g
      of a region, (a/xi)^3; the static dipolar field (g^2/rho c_s^2) Pbar T = T (a/xi)^3.

Key results (silica set :data:`glassderive.materials.SILICA_LW2007`: T_g = 1500 K,
rho = 2.2 g/cm^3, c_s = 4100 m/s, a = 3.5 angstrom; (xi/a)^3 = 200)
    * rho c_s^2 a^3 = 9.90 eV (paper: ~10 eV); g = 1.13 eV ("on the order of eV").
    * l_mfp/lambda = 3 (xi/a)^3/(2 pi^2 tanh(1/2)) = 65.8 (paper: "~70"), 150/65.8 = 2.3
      ("a factor of 2 less than the empirical 150"); (a/xi)^3 = 5.1e-3 at xi/a = 5.8 ("~1e-2").
    * The thermal wavelength at 1 K: h c_s/k_B = 562 a (paper: "about 10^3 a"); the Fig. 1
      convention hbar c_s/k_B T gives 89 a, a decade less.
    * Footnote 5 for SiO2: (k_B T_g/rho c_s^2 a^3)^(1/2) = 0.114 with a = 3.5 angstrom (0.111
      with a = (c_s/omega_D)(6 pi^2)^(1/3) = 3.57 angstrom, T_D = 342 K); the paper prints
      0.05 (docs/errata.md: its own "rho a^3 c_s^2 ~ 10 eV" and T_g = 1500 K give 0.11).

Readings (the paper leaves them open)
    * lambda_dB of Eq. (20) is not defined in the text.  The derivation fixes it: Eq. (20)
      follows from (19) only with lambda = 2 pi c_s/omega at hbar omega = k_B T, i.e.
      h c_s/k_B T (tanh(1/2) is hbar omega = k_B T); the "10^3 a at 1 K" of the same
      section agrees with this convention.  Fig. 1 (Freeman and Anderson's 150) uses
      lambda = hbar c_s/k_B T, 2 pi shorter: in that convention Eq. (20) gives
      l_mfp/lambda = 3 (xi/a)^3/(pi tanh(1/2)) = 413, a factor 2.8 above the empirical 150,
      not 2 below it (docs/errata.md).
    * Eq. (19) has no orientation factor; the 1/3 enters (20) ("factor 1/3 comes from the
      averaging with respect to different orientations"), so (19) is the rate for a TLS whose
      strain axis lies along the phonon's polarisation.

Not encoded
    * Footnote 5 for B2O3 (0.06), PS and PMMA (0.03): the footnote lists no inputs
      (T_g, rho, the Freeman-Anderson sound speeds and Debye temperatures), and none are in
      the paper; they are not guessed here.
    * "Universality only within 10%-20%": it rests on an unspecified eps-Delta correlation.

Notation
    k_B = 1 except in the silica numbers (SI: exact k_B, h; e for eV).  rho is the mass
    density (not the density of scatterers), c_s the sound speed, g the TLS-phonon coupling
    (the deformation potential; not the Debye density of states), Pbar the TLS spectral
    density per volume and energy, vartheta the angle between the TLS strain axis and the
    phonon polarisation, theta the polar angle in the (eps, Delta) plane.
"""

from __future__ import annotations

import sympy as sp
from sympy.physics.units import energy, length, mass, time

from glassderive import Derivation, Dimensions, Identity, Jacobian, Kind, NumericValue, register
from glassderive.materials import SILICA_LW2007 as SIO2

NAME = "phonon-scattering-universality"
PAPER = ("V. Lubchenko, P. G. Wolynes, \"The microscopic quantum theory of low temperature "
         "amorphous solids\", Adv. Chem. Phys. 136, 95-206 (2007), arXiv:cond-mat/0506708")

# --- symbols (k_B = 1 except in the SI numbers) ------------------------------------------------
rho, c_s, a, xi, Tg, T = sp.symbols("rho c_s a xi T_g T", positive=True)
g, Pbar, hbar, omega = sp.symbols("g Pbar hbar omega", positive=True)
K, u = sp.Symbol("K", positive=True), sp.Symbol("u", real=True)   # bead stiffness, strain
E, Delta, Delta0 = sp.symbols("E Delta Delta_0", positive=True)    # TLS splitting, amplitude
eps = sp.Symbol("epsilon", real=True)                               # TLS asymmetry
theta = sp.Symbol("theta", positive=True)                           # polar angle (eps, Delta)
vartheta = sp.Symbol("vartheta", positive=True)                     # strain-axis orientation
c = sp.Symbol("c", positive=True)                                   # exponent of Eq. (22)
t, x, A_n, V, n = sp.symbols("t x A_n V n", positive=True)          # a phonon mode
omega_D, Nst, d_L = sp.symbols("omega_D N^* d_L", positive=True)
lam = sp.Symbol("lambda", positive=True)                            # thermal wavelength
k_B = sp.Symbol("k_B", positive=True)

K_B_SI = sp.Rational(1380649, 10**29)                               # J/K, exact (SI 2019)
H_SI = sp.Rational(662607015, 10**42)                               # J s, exact
E_SI = sp.Rational(1602176634, 10**28)                              # C (J per eV), exact
HBAR_SI = H_SI / (2 * sp.pi)


def _silica():
    """{symbol: SI value} of the silica set (k_B T_g in joules)."""
    p = SIO2.values_in("Tg", "rho", "c_s", "a")
    return {rho: sp.Rational(str(p["rho"])) * 1000, c_s: sp.Rational(str(p["c_s"])),
            a: sp.Rational(str(p["a"])) / 10**10, Tg: K_B_SI * sp.Rational(str(p["Tg"]))}


@register(NAME, title="Universal phonon scattering: the TLS-phonon coupling and l_mfp/lambda",
          paper="V. Lubchenko, P. G. Wolynes, Adv. Chem. Phys. 136, 95-206 (2007)",
          equations="15-20, footnote 5, U-3, U-28-U-32")
def build() -> Derivation:
    d = Derivation(
        NAME,
        title="Universal phonon scattering: the TLS-phonon coupling and $l_{mfp}/\\lambda$",
        paper=PAPER,
        equations="(15)-(20), footnote 5 and the unnumbered formulas of Sec. III.B",
        summary="Marginal stability at $T_g$ and equipartition fix the TLS-phonon coupling "
                "$g=\\sqrt{\\rho c_s^2a^3k_BT_g}$; the golden rule for resonant absorption "
                "gives $l^{-1}=\\pi\\bar Pg^2\\omega\\tanh(\\hbar\\omega/2k_BT)/\\rho c_s^3$, "
                "and with $\\bar P=1/T_g\\xi^3$ the ratio $\\lambda/l_{mfp}=\\frac{2\\pi^2}3"
                "\\tanh\\frac12(a/\\xi)^3$ depends on the mosaic geometry alone.",
    )
    d.require_verified_results = True
    unit = sp.Interval.open(sp.Rational(1, 2), 2)
    wide = sp.Interval.open(sp.Rational(1, 10), 10)
    pos = sp.Interval.open(0, sp.oo)

    d.define(sp.Symbol("H_{ph}"),
             sp.Integral(rho * c_s**2 / 2 * sp.Symbol("(\\nabla\\phi)^2"),
                         sp.Symbol("d^3r")),
             "Eq. (15): scalar elastic energy, one polarisation")
    d.define(sp.Symbol("H_{int}"), g * sp.Symbol("\\nabla\\phi") * sp.Symbol("sigma_z"),
             "Eq. (16): $g=\\rho c_s^2\\int_{V_\\xi}d^3r\\,d_{ii}/2$")

    # --- Eq. (17): equipartition of the strain of one bead ------------------------------------
    boltz = sp.sqrt(K / (2 * sp.pi * T)) * sp.exp(-K * u**2 / (2 * T))
    d.add(Identity("boltzmann-normalisation", sp.Integral(boltz, (u, -sp.oo, sp.oo)), 1,
                   eq="(17)", domain={K: wide, T: wide},
                   why="the Boltzmann weight of a harmonic coordinate of stiffness $K$"))
    d.add(Identity("strain-equipartition", sp.Integral(u**2 * boltz, (u, -sp.oo, sp.oo)),
                   T / K, eq="(17)", uses=("boltzmann-normalisation",),
                   domain={K: wide, T: wide}, lhs_tex="\\langle u^2\\rangle",
                   why="equipartition: $K\\langle u^2\\rangle=k_BT$; for the strain of one bead "
                       "$u=\\nabla\\phi$, $K=\\rho c_s^2a^3$ (Eq. (15) over $a^3$), at $T_g$: "
                       "$\\rho c_s^2\\langle(\\nabla\\phi)^2\\rangle a^3\\simeq k_BT_g$"))
    strain_var = d.ref("strain-equipartition").subs({K: rho * c_s**2 * a**3, T: Tg})

    # --- Eq. (18): the coupling from marginal stability ----------------------------------------
    dom_cpl = {rho: unit, c_s: unit, a: unit, Tg: unit}
    d.add(Identity("coupling-marginal-stability", Tg / sp.sqrt(strain_var),
                   sp.sqrt(rho * c_s**2 * a**3 * Tg), eq="(17), (18)",
                   uses=("strain-equipartition",), domain=dom_cpl,
                   lhs_tex="g=k_BT_g/\\langle(\\nabla\\phi)^2\\rangle^{1/2}",
                   why="$g\\sigma_z=-\\rho c_s^2a^3\\nabla\\phi$ times $\\nabla\\phi$, averaged: "
                       "$|\\langle g\\nabla\\phi\\sigma_z\\rangle|=\\rho c_s^2a^3\\langle"
                       "(\\nabla\\phi)^2\\rangle=k_BT_g$, and $\\langle g\\nabla\\phi\\sigma_z"
                       "\\rangle\\simeq g\\langle(\\nabla\\phi)^2\\rangle^{1/2}$"))

    def g18():
        return d.ref("coupling-marginal-stability")
    d.add(Identity("lindemann-strain", g18() / (rho * c_s**2 * a**3),
                   sp.sqrt(Tg / (rho * c_s**2 * a**3)), eq="footnote 5",
                   domain=dom_cpl, lhs_tex="|\\nabla\\phi|=g/\\rho c_s^2a^3",
                   why="the strain that balances the coupling: $|\\nabla\\phi|\\sim"
                       "(T_g/\\rho c_s^2a^3)^{1/2}$ at $T_g$"))
    d.add(Identity("debye-bead-size",
                   sp.Integral(omega**2 / (2 * sp.pi**2 * c_s**3), (omega, 0, omega_D))
                   .subs(omega_D, c_s * (6 * sp.pi**2) ** sp.Rational(1, 3) / a),
                   1 / a**3, eq="footnote 5", domain={c_s: unit, a: unit},
                   lhs_tex="\\int_0^{\\omega_D}\\frac{\\omega^2d\\omega}{2\\pi^2c_s^3}",
                   why="$a=(c_s/\\omega_D)(6\\pi^2)^{1/3}$ is one Debye mode of the scalar field "
                       "(15) per bead of volume $a^3$"))
    # U-30: the surface-integral estimate of g
    surface = (rho * c_s**2 / 2 * a**2 * sp.sqrt(Nst ** sp.Rational(2, 3)) * (a / xi) * d_L)
    surface = surface.subs({Nst: (xi / a) ** 3, d_L: a * d.ref("lindemann-strain")})
    d.add(Identity("surface-estimate", surface / g18(), sp.Rational(1, 2), eq="U-30",
                   domain={**dom_cpl, xi: wide},
                   lhs_tex="\\frac{\\rho c_s^2}{2g}a^2\\sqrt{N^{*2/3}}\\frac a\\xi d_L",
                   why="$g=\\rho c_s^2\\oint ds\\,d/2$ with $\\oint\\sim a^2\\sqrt{N^{*2/3}}"
                       "(a/\\xi)d_L$, $N^*=(\\xi/a)^3$, $d_L/a=|\\nabla\\phi|$: exactly $g/2$, "
                       "\"within a factor of two or so\""))

    # --- Eq. (19): the golden rule -------------------------------------------------------------
    E_tls = sp.sqrt(eps**2 + Delta**2)
    H_tls = sp.Matrix([[eps, Delta], [Delta, -eps]]) / 2
    sz = sp.Matrix([[1, 0], [0, -1]])
    v_up = sp.Matrix([E_tls + eps, Delta])
    v_dn = sp.Matrix([-Delta, E_tls + eps])
    dom_tls = {eps: sp.Interval.open(-2, 2), Delta: unit}
    d.define(sp.Symbol("H_{TLS}"), H_tls, "U-31: $(\\epsilon\\sigma_z+\\Delta\\sigma_x)/2$")
    d.add(Identity("tls-upper-state", (v_up.T * H_tls * v_up)[0] / (v_up.T * v_up)[0],
                   E_tls / 2, eq="U-31, U-33", domain=dom_tls,
                   lhs_tex="\\frac{v_+^TH_{TLS}v_+}{v_+^Tv_+},\\ v_+=(E+\\epsilon,\\Delta)",
                   why="the Rayleigh quotient reaches the largest eigenvalue $E/2$ only at its "
                       "eigenvector; $v_-=(-\\Delta,E+\\epsilon)\\perp v_+$ is the lower state"))
    d.add(Identity("resonant-matrix-element",
                   (v_dn.T * sz * v_up)[0] ** 2 / ((v_dn.T * v_dn)[0] * (v_up.T * v_up)[0]),
                   Delta**2 / E_tls**2, eq="(16), U-31", uses=("tls-upper-state",),
                   domain=dom_tls, lhs_tex="|\\langle-|\\sigma_z|+\\rangle|^2",
                   why="the strain couples to $\\sigma_z$; in the eigenbasis its off-diagonal "
                       "element is $-\\Delta/E$: a TLS scatters $\\propto\\Delta^2/E^2$"))
    d.add(Identity("static-matrix-element",
                   (v_up.T * sz * v_up)[0] / (v_up.T * v_up)[0], eps / E_tls,
                   eq="(16), U-32", uses=("tls-upper-state",), domain=dom_tls,
                   lhs_tex="\\langle+|\\sigma_z|+\\rangle",
                   why="the diagonal element: the static (dipolar) coupling $\\propto"
                       "\\epsilon/E$"))
    d.add(Jacobian("polar-tls-coordinates", {eps: E * sp.cos(theta), Delta: E * sp.sin(theta)},
                   (E, theta), E, eq="(19)",
                   domain={E: wide, theta: sp.Interval.open(0, sp.pi / 2)},
                   why="$\\epsilon=E\\cos\\theta$, $\\Delta=E\\sin\\theta$: the energy shell "
                       "$E=\\hbar\\omega$ of the $\\delta$-function"))
    Delta_p = E * sp.sin(theta)
    weight = (d.ref("resonant-matrix-element").subs({eps: E * sp.cos(theta), Delta: Delta_p})
              * d.ref("polar-tls-coordinates"))
    d.add(Identity("resonant-density",
                   sp.Integral(Pbar / Delta_p * weight, (theta, 0, sp.pi / 2)), Pbar,
                   eq="(19)", domain={Pbar: unit, E: wide},
                   lhs_tex="\\int d\\epsilon\\,d\\Delta\\,\\frac{\\bar P}{\\Delta}"
                           "\\frac{\\Delta^2}{E^2}\\delta(E-\\hbar\\omega)",
                   why="the standard distribution $\\bar P/\\Delta$ on the shell: "
                       "$\\bar P\\int_0^{\\pi/2}\\sin\\theta\\,d\\theta=\\bar P$ per unit "
                       "energy, whatever $E$"))
    d.add(Identity("resonant-density-lw-amplitudes",
                   sp.Integral((Delta0 / Delta_p) ** c * Pbar / Delta_p * weight,
                               (theta, 0, sp.pi / 2)),
                   Pbar * (Delta0 / E) ** c * sp.sqrt(sp.pi) * sp.gamma(1 - c / 2)
                   / (2 * sp.gamma(sp.Rational(3, 2) - c / 2)),
                   eq="(19), (22)", domain={Pbar: unit, E: unit, Delta0: wide,
                                            c: sp.Interval.open(0, 1)},
                   lhs_tex="\\int d\\epsilon\\,d\\Delta\\,\\frac{\\bar P}{\\Delta}"
                           "\\Big(\\frac{\\Delta_0}{\\Delta}\\Big)^c"
                           "\\frac{\\Delta^2}{E^2}\\delta(E-\\hbar\\omega)",
                   why="the amplitude law (22): $\\int_0^{\\pi/2}\\sin^{1-c}\\theta\\,"
                       "d\\theta=\\frac{\\sqrt\\pi}2\\Gamma(1-\\frac c2)/"
                       "\\Gamma(\\frac32-\\frac c2)$ ($1.03$ at $c=0.1$): the shape of the "
                       "distribution changes the weight only through $(\\Delta_0/E)^c$"))
    d.add(Identity("population-difference", (1 - sp.exp(-E / T)) / (1 + sp.exp(-E / T)),
                   sp.tanh(E / (2 * T)), eq="(19)", domain={E: wide, T: wide},
                   lhs_tex="p_--p_+",
                   why="absorption minus stimulated emission: the difference of the "
                       "Boltzmann populations of the two levels"))
    phi = A_n * sp.cos(omega / c_s * x - omega * t)
    dens = rho / 2 * sp.diff(phi, t) ** 2 + rho * c_s**2 / 2 * sp.diff(phi, x) ** 2
    d.add(Identity("mode-energy-density",
                   omega / (2 * sp.pi) * sp.Integral(dens, (t, 0, 2 * sp.pi / omega)),
                   rho * omega**2 * A_n**2 / 2, eq="(15)",
                   domain={omega: unit, c_s: unit, rho: unit, A_n: unit, x: unit},
                   lhs_tex="\\overline{\\frac\\rho2\\dot\\phi^2+\\frac{\\rho c_s^2}2"
                           "(\\partial_x\\phi)^2}",
                   why="a plane wave $\\phi=A\\cos(kx-\\omega t)$, $k=\\omega/c_s$, of (15) with "
                       "the kinetic density $\\rho\\dot\\phi^2/2$: time-averaged energy "
                       "density",
                   equivalent_mutants={
                       "lhs:neg[1]": "cos(kx + omega t) is the same wave running the other "
                                     "way: its energy density is the same"}))
    # n quanta in volume V: V rho omega^2 A^2/2 = n hbar omega; the oscillator element
    # |<n-1|x|n>|^2 = n hbar/(2 m omega) is A^2/4 of the classical amplitude of that energy
    A2 = sp.solve(sp.Eq(V * d.ref("mode-energy-density"), n * hbar * omega), A_n**2)
    A2 = A2[0] if A2 else sp.nan
    d.add(Identity("one-phonon-amplitude", A2 / 4, n * hbar / (2 * rho * V * omega),
                   eq="(15)", uses=("mode-energy-density",),
                   domain={n: sp.Interval.open(1, 5), hbar: unit, rho: unit, V: unit,
                           omega: unit},
                   lhs_tex="A_n^2/4,\\ V\\overline{\\mathcal E}=n\\hbar\\omega",
                   why="a mode of mass $\\rho V$: $|\\langle n-1|\\phi|n\\rangle|^2="
                       "n\\hbar/2\\rho V\\omega$, a quarter of the squared classical "
                       "amplitude of energy $n\\hbar\\omega$"))
    k_ph = omega / c_s
    rate = (2 * sp.pi / hbar * V * d.ref("resonant-density").subs(E, hbar * omega)
            * g**2 * sp.cos(vartheta) ** 2 * k_ph**2 * d.ref("one-phonon-amplitude") / n
            * d.ref("population-difference").subs(E, hbar * omega))
    eq19 = sp.pi * Pbar * g**2 / (rho * c_s**3) * omega * sp.tanh(hbar * omega / (2 * T))
    d.add(Identity("golden-rule-mean-free-path", (rate / c_s).subs(vartheta, 0), eq19,
                   eq="(19)", kind=Kind.SUBSTITUTION,
                   uses=("resonant-matrix-element", "polar-tls-coordinates"),
                   domain={Pbar: unit, g: unit, rho: unit, c_s: unit, omega: unit, T: unit,
                           hbar: unit, V: unit, n: sp.Interval.open(1, 5)},
                   lhs_tex="\\frac1{c_s}\\frac{2\\pi}\\hbar V\\bar P\\,g^2k^2"
                           "\\frac{\\hbar}{2\\rho V\\omega}\\tanh\\frac{\\hbar\\omega}{2k_BT}",
                   why="Fermi's golden rule for the net absorption of one phonon ($n$ "
                       "cancels) by the resonant TLSs of the volume $V$, strain axis along "
                       "the polarisation ($\\vartheta=0$); $l^{-1}=\\tau^{-1}/c_s$ (Jackle "
                       "1972; Phillips 1981)"))
    d.add(Dimensions("mean-free-path-dimensions", Pbar * g**2 * omega / (rho * c_s**3),
                     1 / length,
                     {Pbar: 1 / (energy * length**3), g: energy, omega: 1 / time,
                      rho: mass / length**3, c_s: length / time},
                     eq="(19)", why="the prefactor of the dimensionless $\\tanh$"))

    # --- Eq. (20): the universal ratio ---------------------------------------------------------
    d.add(Identity("orientation-average",
                   sp.Integral(sp.cos(vartheta) ** 2 * sp.sin(vartheta) / 2,
                               (vartheta, 0, sp.pi)),
                   sp.Rational(1, 3), eq="(20)",
                   lhs_tex="\\langle\\cos^2\\vartheta\\rangle",
                   why="random orientations of the TLS strain axes"))
    mfp_inv = (d.ref("orientation-average") * d.ref("golden-rule-mean-free-path")).subs(
        {Pbar: 1 / (Tg * xi**3), g: g18(), omega: T / hbar})
    dom20 = {rho: unit, c_s: unit, a: unit, Tg: unit, xi: wide, T: unit, hbar: unit}
    d.add(Identity("universal-ratio", (2 * sp.pi * c_s / (T / hbar)) * mfp_inv,
                   2 * sp.pi**2 / 3 * sp.tanh(sp.Rational(1, 2)) * (a / xi) ** 3, eq="(20)",
                   uses=("coupling-marginal-stability",), domain=dom20,
                   lhs_tex="\\lambda_{dB}/l_{mfp},\\ \\lambda_{dB}=2\\pi c_s/\\omega,\\ "
                           "\\hbar\\omega=k_BT",
                   why="(19) averaged over orientations, $\\bar P=1/T_g\\xi^3$, $g^2$ of (18), "
                       "$\\hbar\\omega=k_BT$: (20) holds for $\\lambda_{dB}=2\\pi c_s/\\omega="
                       "hc_s/k_BT$ (reading: the text does not define $\\lambda_{dB}$)"))
    d.add(Identity("universal-ratio-fig1-convention", (c_s / (T / hbar)) * mfp_inv,
                   sp.pi / 3 * sp.tanh(sp.Rational(1, 2)) * (a / xi) ** 3, eq="(20), Fig. 1",
                   uses=("coupling-marginal-stability",), domain=dom20,
                   lhs_tex="\\lambda/l_{mfp},\\ \\lambda=\\hbar c_s/k_BT",
                   why="the convention of Fig. 1 (Freeman and Anderson's 150): $2\\pi$ less"))

    # --- U-3, U-32: the universal combination and the TLS-TLS interaction ----------------------
    P_lw = 1 / (Tg * xi**3)
    dom_u = {rho: unit, c_s: unit, a: unit, Tg: unit, xi: wide}
    d.add(Identity("universal-combination", (Pbar * g**2 / (rho * c_s**2)).subs(
                   {Pbar: P_lw, g: g18()}), (a / xi) ** 3, eq="U-3, (20)", domain=dom_u,
                   lhs_tex="\\bar Pg^2/\\rho c_s^2",
                   why="$\\bar P=1/T_g\\xi^3$ (U-27) and (18): the concentration of "
                       "cooperative regions"))
    d.add(Identity("neighbour-coupling", (g**2 / (rho * c_s**2 * xi**3)).subs(g, g18()),
                   Tg * (a / xi) ** 3, eq="U-32", domain=dom_u,
                   lhs_tex="J_{neigh}=g^2/\\rho c_s^2\\xi^3",
                   why="the elastic TLS-TLS interaction $g^2/\\rho c_s^2r^3$ (U-3) at the "
                       "distance $\\xi$ of neighbouring regions"))
    d.add(Identity("neighbour-coupling-over-spacing",
                   d.ref("neighbour-coupling") * (Pbar * xi**3).subs(Pbar, P_lw),
                   (a / xi) ** 3, eq="U-32", domain=dom_u,
                   lhs_tex="J_{neigh}/\\Delta E,\\ \\Delta E=1/\\bar P\\xi^3",
                   why="the level spacing of one region is $1/\\bar P\\xi^3=T_g$: the "
                       "interaction is weak, $(a/\\xi)^3\\ll1$"))
    d.add(Identity("static-dipolar-field",
                   (g**2 / (rho * c_s**2) * Pbar * T).subs({Pbar: P_lw, g: g18()}),
                   T * (a / xi) ** 3, eq="U-32", domain={**dom_u, T: unit},
                   lhs_tex="\\frac{g^2}{\\rho c_s^2}\\frac{T}{T_g\\xi^3}",
                   why="the thermally active TLSs, density $\\bar PT$, each at the mean "
                       "distance $(\\bar PT)^{-1/3}$"))

    # --- the numbers of Sec. III.B (silica, SI) ------------------------------------------------
    si = _silica()
    d.add(NumericValue("cohesion-energy-scale", rho * c_s**2 * a**3 / E_SI, 10,
                       magnitude=True, at=si, eq="(18)", unit="eV",
                       why="$\\rho a^3c_s^2$ with the silica set: 9.90 eV; \"$\\sim10^1$ eV\""))
    d.add(NumericValue("coupling-silica", g18() / E_SI, 1, magnitude=True, at=si,
                       eq="(18)", unit="eV",
                       why="$g=\\sqrt{\\rho c_s^2a^3k_BT_g}=1.13$ eV: \"on the order of eV\""))
    d.add(NumericValue("lindemann-strain-silica", d.ref("lindemann-strain"),
                       sp.Float("0.11"), digits=2, at=si, eq="footnote 5",
                       why="$(T_g/\\rho c_s^2a^3)^{1/2}=0.114$ (0.111 with $a=(c_s/\\omega_D)"
                           "(6\\pi^2)^{1/3}=3.57$ \\AA); the paper prints 0.05 for SiO$_2$, "
                           "which its own $\\rho a^3c_s^2\\sim10$ eV and $T_g=1500$ K do not "
                           "give (erratum)"))
    lam_1K = (2 * sp.pi * hbar * c_s / (k_B * T) / a).subs(
        {hbar: HBAR_SI, k_B: K_B_SI, T: 1, c_s: si[c_s], a: si[a]})
    d.add(NumericValue("thermal-wavelength-1K", lam_1K, 1000, magnitude=True,
                       eq="Sec. III.B", unit="a",
                       why="$hc_s/k_B\\cdot1$ K $=562a$: \"about $10^3a$\"; with "
                           "$\\hbar c_s/k_BT$ it would be $89a$"))
    ratio20 = d.ref("universal-ratio")
    lw = SIO2.values_in("xi_over_a_cubed", "xi_over_a", "l_over_lambda_FA")
    xi_200 = a * sp.Rational(str(lw["xi_over_a_cubed"])) ** sp.Rational(1, 3)
    d.add(NumericValue("mean-free-path-ratio", (1 / ratio20).subs(xi, xi_200),
                       70, digits=1, at={a: 1}, eq="(20)", uses=("universal-ratio",),
                       why="$l_{mfp}/\\lambda_{dB}=3(\\xi/a)^3/2\\pi^2\\tanh\\frac12=65.8$ at "
                           "$(\\xi/a)^3=200$: \"$\\simeq70$\" (64.2 at $\\xi/a=5.8$)"))
    d.add(NumericValue("factor-two-below-empirical",
                       (sp.Rational(str(lw["l_over_lambda_FA"])) * ratio20).subs(xi, xi_200),
                       2, digits=1,
                       at={a: 1}, eq="(20)", uses=("universal-ratio",),
                       why="the empirical 150 (Freeman and Anderson 1986) over 65.8: 2.28, "
                           "\"a factor of 2 less\"; in the Fig. 1 convention of that 150, (20) "
                           "gives 413, 2.8 times more (erratum)"))
    d.add(NumericValue("scatterer-concentration", (a / xi) ** 3, sp.Float("0.01"),
                       magnitude=True, at={a: 1, xi: sp.Rational(str(lw["xi_over_a"]))},
                       eq="(20), U-3",
                       why="$(a/\\xi)^3=5.1\\cdot10^{-3}$ at $\\xi/a=5.8$: \"$\\simeq10^{-2}$\""))

    # --- the paper's quantitative claims (catalogue N12-N16; `glassderive numbers`) ------------
    d.claim("N12", "rho a^3 c_s^2 ~ 10 eV; g ~ eV", ("cohesion-energy-scale", "coupling-silica"))
    d.claim("N13", "|grad phi| ~ 0.05 for SiO2 (footnote 5)", ("lindemann-strain-silica",))
    d.printed("lindemann-strain-silica", 0.05,
              "the paper's own rho a^3 c_s^2 ~ 10 eV and T_g = 1500 K give 0.11")
    d.claim("N13", "|grad phi| ~ 0.06 for B2O3, 0.03 for PS and PMMA (footnote 5)",
            note="not encoded: the footnote gives none of the inputs (T_g, rho, the "
                 "Freeman-Anderson sound speeds and Debye temperatures)")
    d.claim("N14", "thermal wavelength at 1 K ~ 1e3 a in silica", ("thermal-wavelength-1K",))
    d.claim("N15", "l_mfp/lambda ~ 70 from Eq. (20), a factor 2 below the empirical 150",
            ("mean-free-path-ratio", "factor-two-below-empirical"))
    d.claim("N16", "(a/xi)^3 ~ 1e-2", ("scatterer-concentration",))

    d.result("coupling", g18(), (rho, c_s, a, Tg), {rho: pos, c_s: pos, a: pos, Tg: pos},
             "g of Eq. (18), k_B T_g in energy units", step="coupling-marginal-stability")
    d.result("inverse_mean_free_path", eq19, (omega, T, Pbar, g, rho, c_s, hbar),
             {omega: pos, T: pos, Pbar: pos, g: pos, rho: pos, c_s: pos, hbar: pos},
             "l_mfp^-1 of Eq. (19) (strain axis along the polarisation)",
             step="golden-rule-mean-free-path")
    d.result("wavelength_over_mean_free_path", ratio20, (a, xi), {a: pos, xi: pos},
             "lambda_dB/l_mfp of Eq. (20), lambda_dB = h c_s/k_B T", step="universal-ratio")
    return d
