"""Referenced material parameter sets."""

import pytest

import glassderive
from glassderive.materials import SILICA_PSG2007, Parameter, get_set


def test_silica_set_is_referenced():
    assert SILICA_PSG2007["W"].value == 4.0 and SILICA_PSG2007["W"].unit == "K"
    for p in SILICA_PSG2007.values():
        assert isinstance(p, Parameter) and "Parshin" in p.reference
    assert get_set("a-SiO2") is SILICA_PSG2007
    assert "W = 4 K" in str(SILICA_PSG2007["W"])


def test_unknown_names_are_explained():
    with pytest.raises(KeyError, match="has no parameter 'Tg'"):
        SILICA_PSG2007["Tg"]
    with pytest.raises(KeyError, match="no parameter set"):
        get_set("PMMA")


def test_quoted_silica_numbers_come_from_the_set():
    """C ~ 1e-4, hbar omega_c ~ 60 K, lambda_max ~ 350, n_TLS ~ 3e-8 n0 (Parshin, Schober, Gurevich 2007, Sec. IV),
    each a step of tls-tunneling-strength evaluated with the parameter set."""
    rep = glassderive.get("tls-tunneling-strength").verify()
    for step in ("silica-C", "silica-omega-c", "silica-lambda-max", "silica-n-tls-printed"):
        assert rep[step].ok, rep[step].line()


def test_silica_lw2007_is_self_consistent():
    """Footnote 5 of Lubchenko-Wolynes: a = (c_s/omega_D)(6 pi^2)^(1/3) with hbar omega_D = k_B T_D
    (CODATA constants) gives the quoted 3.5 angstrom; (xi/a)^3 = (20/3.5)^3 = 187 ~ 200."""
    from scipy.constants import hbar, k
    from glassderive.materials import SILICA_LW2007 as s

    omega_D = k * s["T_D"].value / hbar
    a = s["c_s"].value / omega_D * (6 * 3.141592653589793**2) ** (1 / 3)
    assert a * 1e10 == pytest.approx(s["a"].value, rel=0.03)          # paper: 2 significant digits
    assert (s["xi"].value / s["a"].value) ** 3 == pytest.approx(s["xi_over_a_cubed"].value, rel=0.1)
    assert get_set("a-SiO2", "LW2007") is s


def test_parameter_sets_take_attribute_access():
    # the README promises astropy-style sets: SILICA_PSG2007.W used to raise AttributeError
    from glassderive.materials import SILICA_LW2007, SILICA_PSG2007

    assert SILICA_PSG2007.W is SILICA_PSG2007["W"]
    assert (SILICA_PSG2007.W.value, SILICA_PSG2007.W.unit) == (4.0, "K")
    assert SILICA_LW2007.Tg.value == 1500.0
    import pytest
    with pytest.raises(AttributeError, match="has no parameter 'nope'"):
        SILICA_PSG2007.nope


def test_package_metadata_for_a_stranger():
    import pathlib
    import tomllib

    root = pathlib.Path(__file__).resolve().parent.parent
    for name in ("LICENSE", "CITATION.cff", "CHANGELOG.md", "glassderive/py.typed"):
        assert (root / name).is_file(), name
    meta = tomllib.loads((root / "pyproject.toml").read_text())
    assert "py.typed" in meta["tool"]["setuptools"]["package-data"]["glassderive"]
    assert "MIT" in (root / "LICENSE").read_text() and meta["project"]["license"]["text"] == "MIT"
    cff = (root / "CITATION.cff").read_text()
    assert "10.1103/PhysRevB.76.064206" in cff and "arXiv:2102.12368" in cff
