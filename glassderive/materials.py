"""Material parameter sets, astropy-constants style: each value with its unit, uncertainty
(where the source gives one) and the paper it came from.

Energies are quoted in kelvin (E/k_B), as the papers do.  A set is versioned by its source, so
a derivation that quotes a number names the set it used::

    >>> from glassderive.materials import SILICA_PSG2007 as s
    >>> s.W.value, s.W.unit            # or s["W"]
    (4.0, 'K')
    >>> print(s["W"].reference)
    Parshin, Schober, Gurevich, PRB 76, 064206 (2007), Secs. I and IV

Only values a paper states are here; values it merely implies are marked ``implied`` in the note.
Lubchenko and Wolynes (2007), footnote 5, quote the Lindemann strain of B2O3, PS and PMMA but
give none of their inputs (T_g, rho, the Freeman-Anderson sound speeds, Debye temperatures):
there are no B2O3, PS or PMMA sets here, rather than guessed ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterator, Mapping, Optional

__all__ = ["Parameter", "ParameterSet", "SILICA_PSG2007", "SILICA_LW2007", "SETS", "get_set"]


@dataclass(frozen=True)
class Parameter:
    """A referenced material parameter."""

    name: str
    value: float
    unit: str
    reference: str
    uncertainty: Optional[float] = None
    note: str = ""

    def __float__(self) -> float:
        return float(self.value)

    def __str__(self) -> str:
        unc = f" +- {self.uncertainty:g}" if self.uncertainty is not None else ""
        return f"{self.name} = {self.value:g}{unc} {self.unit} ({self.reference})"


class ParameterSet(Mapping):
    """An immutable, named and versioned collection of :class:`Parameter`."""

    def __init__(self, material: str, version: str, params: Dict[str, Parameter]):
        self.material, self.version = material, version
        self._params = dict(params)

    def __getitem__(self, key: str) -> Parameter:
        try:
            return self._params[key]
        except KeyError:
            raise KeyError(f"{self.material} ({self.version}) has no parameter {key!r}; "
                           f"it has {sorted(self._params)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._params)

    def __len__(self) -> int:
        return len(self._params)

    def __getattr__(self, key: str) -> Parameter:
        """Attribute access, as astropy's constants: ``SILICA_PSG2007.W``."""
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self._params[key]
        except KeyError:
            raise AttributeError(f"{self.material} ({self.version}) has no parameter {key!r}; "
                                 f"it has {sorted(self._params)}") from None

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._params))

    def values_in(self, *names: str) -> Dict[str, float]:
        return {n: float(self[n].value) for n in names}

    def __repr__(self) -> str:
        return f"<ParameterSet {self.material} ({self.version}): {', '.join(self._params)}>"


_PSG = "Parshin, Schober, Gurevich, PRB 76, 064206 (2007)"

SILICA_PSG2007 = ParameterSet("a-SiO2", "PSG2007", {
    "W": Parameter("W", 4.0, "K", f"{_PSG}, Secs. I and IV",
                   note="soft-potential energy scale; W ~ 2 T_min of C(T)/T^3"),
    "C": Parameter("C", 3e-4, "1", f"{_PSG}, Eqs. (1.14), (4.33)",
                   note="tunnelling strength used for the silica estimates"),
    "hbar_omega_c": Parameter("hbar_omega_c", 100.0, "K", f"{_PSG}, Eqs. (4.9), (4.21)",
                              note="instability frequency used in Sec. IV (60 K in Eq. 1.14)"),
    "hbar_omega_b": Parameter("hbar_omega_b", 70.0, "K", f"{_PSG}, Sec. I (after Eq. 1.14)",
                              note="Boson-peak position"),
    "hbar_omega_star": Parameter("hbar_omega_star", 40.0, "K", f"{_PSG}, Eq. (5.30)",
                                 note="example value for T*"),
    "omega_0_over_omega_c": Parameter("omega_0_over_omega_c", 3.0, "1", f"{_PSG}, Eq. (4.9)"),
    "L": Parameter("L", 10.0, "1", f"{_PSG}, Eqs. (4.9)-(4.10)",
                   note="L = ln(W/(E sqrt p)) for E = 1 K"),
    "E": Parameter("E", 1.0, "K", f"{_PSG}, Eq. (4.9)", note="TLS energy of the estimates"),
})

_LW = "Lubchenko, Wolynes, Adv. Chem. Phys. 136 (2007)"

SILICA_LW2007 = ParameterSet("a-SiO2", "LW2007", {
    "Tg": Parameter("Tg", 1500.0, "K", f"{_LW}, Secs. III.A and VI", note="glass transition"),
    "T_D": Parameter("T_D", 342.0, "K", f"{_LW}, Fig. 15 (from Freeman and Anderson)",
                     note="Debye temperature; Sec. VI uses 350 K"),
    "rho": Parameter("rho", 2.2, "g/cm^3", f"{_LW}, Fig. 15", note="mass density"),
    "c_s": Parameter("c_s", 4100.0, "m/s", f"{_LW}, Fig. 15", note="sound velocity"),
    "a": Parameter("a", 3.5, "angstrom", f"{_LW}, Sec. III.A and footnote 5",
                   note="bead size (SiO4 tetrahedron); fn 5: a = (c_s/omega_D)(6 pi^2)^(1/3)"),
    "xi": Parameter("xi", 20.0, "angstrom", f"{_LW}, Secs. III.A and VI",
                    note="cooperative-region size ('realistic')"),
    "xi_over_a_cubed": Parameter("xi_over_a_cubed", 200.0, "1", f"{_LW}, Fig. 15 and Sec. VI"),
    "Tg_over_omega_D": Parameter("Tg_over_omega_D", 4.4, "1", f"{_LW}, Fig. 19",
                                 note="k_B Tg / hbar omega_D"),
    "xi_over_a": Parameter("xi_over_a", 5.8, "1", f"{_LW}, Secs. II and IV.B",
                           note="mosaic length in units of a"),
    "omega_dagger_coeff": Parameter("omega_dagger_coeff", 1.6, "1", f"{_LW}, Eq. (29)",
                                    note="barrier-top frequency omega^dd = 1.6 (a/xi) omega_D"),
    "c": Parameter("c", 0.1, "1", f"{_LW}, Sec. III.C and Fig. 11",
                   note="exponent of P(Delta) ~ Delta^(-1-c), Eq. (22), used for Fig. 11; "
                        "the text estimates c < 0.1"),
    "A": Parameter("A", 1.0, "1", f"{_LW}, Sec. III.C (Eq. 22) and Fig. 11",
                   note="normalisation of Eq. (22), 'of order one'; the value 1 is implied"),
    "tau_min_fig11": Parameter("tau_min_fig11", 2.0e-6, "s", f"{_LW}, Sec. III.C and Fig. 11",
                               note="tau_min at E/T_D = 5.7e-4, 'derived from the present "
                                    "theory'; Eq. (25) with g of Eq. (18) and this set gives "
                                    "1.03e-6 s (docs/errata.md)"),
    "E_over_T_D_fig11": Parameter("E_over_T_D_fig11", 5.7e-4, "1",
                                  f"{_LW}, Sec. III.C and Fig. 11",
                                  note="the TLS energy at which tau_min_fig11 is quoted"),
    "l_over_lambda_FA": Parameter("l_over_lambda_FA", 150.0, "1",
                                  f"{_LW}, Sec. I (Fig. 1) and Sec. III.B",
                                  note="the empirical l_mfp/lambda of Freeman and Anderson "
                                       "(1986), lambda = hbar c_s/k_B T (Fig. 1)"),
    "tau_min_inv_10mK": Parameter("tau_min_inv_10mK", 1.0e3, "1/s", f"{_LW}, Sec. III.C",
                                  note="tau_min^-1 'empirically of order an inverse "
                                       "millisecond at 1e-2 K' (an order of magnitude)"),
})

SETS = {("a-SiO2", "PSG2007"): SILICA_PSG2007, ("a-SiO2", "LW2007"): SILICA_LW2007}


def get_set(material: str, version: str = "PSG2007") -> ParameterSet:
    try:
        return SETS[(material, version)]
    except KeyError:
        raise KeyError(f"no parameter set {material!r} version {version!r}; known: "
                       f"{sorted(SETS)}") from None
