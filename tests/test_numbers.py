"""``glassderive numbers``: every printed number, the paper's value next to glassderive's."""

import json
import math

import mpmath
import sympy as sp

from glassderive.cli import main
from glassderive.numbers import claims

KEYS = {"derivation", "quantity", "equation", "printed", "computed", "unit", "inputs",
        "status", "precision", "residual", "tolerance", "erratum", "note"}


def test_every_numeric_claim_is_listed_with_its_status(capsys):
    assert main(["numbers", "tls-tunneling-strength", "wkb-tunneling", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["quantity"] for r in records} >= {"silica-C", "silica-omega-c",
                                                 "force-ratio-silica"}
    for r in records:
        assert set(r) == KEYS
        assert r["status"] == "reproduced"
    c = next(r for r in records if r["quantity"] == "silica-C")
    assert c["printed"] == 1e-4 and c["precision"].startswith("order of magnitude")
    omega = next(r for r in records if r["quantity"] == "silica-omega-c")
    assert omega["printed"] == 60 and omega["precision"] == "2 digits"
    assert abs(omega["computed"] - 60) <= 0.5   # two printed digits: 59.5 .. 60.5


def test_computed_value_is_independent_of_the_table(tmp_path, capsys):
    path = tmp_path / "nums.py"
    path.write_text(
        "import sympy as sp\n"
        "from glassderive import Derivation, NumericValue\n"
        "def build():\n"
        "    d = Derivation('nums', 't', 'A. Author (2026)', '(1)-(2)')\n"
        "    d.add(NumericValue('zeta3', sp.zeta(3), 1.20, digits=3, eq='(1)', unit=''))\n"
        "    d.add(NumericValue('wrong', sp.pi**2 / 6, 1.7, digits=2, eq='(2)',\n"
        "                       why='printed 1.7 (erratum: 1.64)'))\n"
        "    return d\n")
    assert main(["numbers", str(path), "--json"]) == 1
    records = {r["quantity"]: r for r in json.loads(capsys.readouterr().out)}
    with mpmath.workdps(30):
        assert math.isclose(records["zeta3"]["computed"], float(mpmath.zeta(3)), rel_tol=1e-15)
        assert math.isclose(records["wrong"]["computed"], float(mpmath.pi**2 / 6),
                            rel_tol=1e-15)
    assert records["zeta3"]["status"] == "reproduced"
    assert records["wrong"]["status"] == "differs"
    assert records["wrong"]["erratum"] == "docs/errata.md"
    assert main(["numbers", str(path)]) == 1
    out = capsys.readouterr().out
    assert "differs (erratum)" in out and "1 not" in out
